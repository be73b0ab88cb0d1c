package dev.glassbox.nn;

import dev.glassbox.kernels.AttentionKernel;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.Objects;

/**
 * One new position through {@link CausalSelfAttention}, attending to itself and the cached past: row
 * t = {@code cache.length()} of the full forward, with the earlier keys and values read from the
 * {@link KvCache} instead of recomputed.
 *
 * <pre>
 *   q, k, v = split(x · W_attn + b_attn)        (1, 1, C) → (1, 1, 3C); k, v (and ‖k‖) appended to the cache
 *   score[t2] = scale(q, k_t2),  t2 = 0..t      (NH, t+1), nothing to mask: the cache holds only the past
 *   weight = softmax(score)
 *   head   = Σ_t2 weight[t2] · v_t2             (NH, HS)
 *   y = concat(heads) · W_proj + b_proj         (1, 1, C)
 * </pre>
 * Every number goes through the same helpers in the same order as the full forward — the plain
 * loops' ({@code dot}, {@link AttentionScaling#score}, {@link Softmax}) or the fast twin's
 * ({@link AttentionKernel#step}), whichever {@code forward} uses — so the result equals row t of a full
 * forward pass bit for bit. Inference only: it keeps nothing for {@code backward}. The caller
 * ({@link Gpt#forwardStep}) advances the cache after the last layer.
 */
final class CachedAttention {
    private CachedAttention() {}

    static Tensor step(CausalSelfAttention attention, Tensor x, KvCache cache, int layer) {
        Shapes.expect(attention.name + " step input", x, 1, 1, attention.channels);
        Objects.requireNonNull(cache, "cache");
        if (!attention.causal) {
            throw new IllegalStateException(attention.name + " is not causal: every position sees the later ones, so past keys"
                    + " and values change with each new token and cannot be cached");
        }
        cache.checkNotFull();
        attention.forgetInternals();                                               // the full forward's no longer match
        int C = attention.channels, NH = attention.heads, HS = attention.headSize, t = cache.length();
        AttentionScaling scaling = attention.scaling;
        float[] qkv = attention.cAttn.forward(x).data();                          // (1, 1, 3C)
        float[] keys = cache.keyStore(layer), values = cache.valueStore(layer), keyNorms = cache.keyNormStore(layer);
        for (int h = 0; h < NH; h++) {                                             // append k_t, v_t: (NH, t+1, HS)
            System.arraycopy(qkv, C + h * HS, keys, cache.offset(h, t), HS);
            System.arraycopy(qkv, 2 * C + h * HS, values, cache.offset(h, t), HS);
            if (scaling.usesNorms()) keyNorms[cache.normOffset(h, t)] = AttentionScaling.norm(qkv, C + h * HS, HS);
        }
        Tensor headsOut = Tensor.zeros(1, 1, C);                                   // (1, 1, NH·HS)
        float[] out = headsOut.data(), scoreRow = new float[t + 1], weightRow = new float[t + 1];
        for (int h = 0; h < NH; h++) {
            int q = h * HS;
            if (attention.fastAvailable()) {
                AttentionKernel.step(qkv, q, keys, values, cache.offset(h, 0), t + 1, HS, attention.scale, scoreRow, weightRow, out, q);
                continue;
            }
            float queryNorm = scaling.usesNorms() ? AttentionScaling.norm(qkv, q, HS) : 1f;
            for (int t2 = 0; t2 <= t; t2++) {
                float keyNorm = scaling.usesNorms() ? keyNorms[cache.normOffset(h, t2)] : 1f;
                scoreRow[t2] = scaling.score(CausalSelfAttention.dot(qkv, q, keys, cache.offset(h, t2), HS), attention.scale,
                        queryNorm, keyNorm);
            }
            Softmax.into(scoreRow, 0, weightRow, 0, t + 1);
            for (int t2 = 0; t2 <= t; t2++) {
                int v = cache.offset(h, t2);
                for (int i = 0; i < HS; i++) out[q + i] += weightRow[t2] * values[v + i];
            }
        }
        return attention.cProj.forward(headsOut);                                  // (1, 1, C)
    }
}
