package dev.glassbox.nn;

import dev.glassbox.kernels.AttentionKernel;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.kernels.Simd;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Multi-head self-attention: every position looks at the others and takes a weighted mix of them.
 *
 * <pre>
 *   q, k, v = split(x · W_attn + b_attn)           (B, T, C) → (B, T, 3C) → 3 × (B, NH, T, HS)
 *   score[t, t2] = scale(q_t, k_t2)                 (B, NH, T, T); t2 &gt; t masked when causal
 *   weight[t, :] = softmax(score[t, :])             each row sums to 1, masked entries exactly 0
 *   head_t       = Σ_t2 weight[t, t2] · v_t2        (B, NH, T, HS)
 *   y = concat(heads) · W_proj + b_proj             (B, T, C)
 * </pre>
 * q is what a position looks for, k what it offers, v what it passes on (the essay's picture).
 * Each head works in its own HS = C / NH channels; the heads are concatenated back to width C.
 * See {@link AttentionScaling} for the three score formulas.
 *
 * <p>The loops over (b, h, t, t2) are plain, like llm.c; only the two Linear layers use the kernel.
 *
 * <p>Glass box: after a forward pass {@link #attentionWeights()}, {@link #attentionScores()},
 * {@link #query()}, {@link #key()}, {@link #value()} and {@link #queryOf(int)} show the internals.
 * The weights are not parameters: they are recomputed from q and k for every input.
 */
public final class CausalSelfAttention implements Module {
    /** Inside each norm for {@link AttentionScaling#COSINE}: ‖q‖ = √(Σ q² + eps). */
    public static final float COSINE_EPS = 1e-6f;

    private final String name;
    private final int channels, heads, headSize;
    private final boolean causal;
    private final AttentionScaling scaling;
    private final Linear cAttn, cProj;

    // cached by forward
    private int batch, length;
    private Tensor qkv;        // (B, T, 3C): q in [0, C), k in [C, 2C), v in [2C, 3C)
    private Tensor scores;     // (B, NH, T, T), -inf where masked
    private Tensor weights;    // (B, NH, T, T)
    private float[] queryNorms, keyNorms;   // (B, T, NH), only for COSINE

    /**
     * @param name        prefix of the parameter names, e.g. "h.0.attn"
     * @param causal      true: position t sees only 0..t (GPT); false: every position (the classifier)
     * @param projectionStd std of c_proj's initial weights (GPT-2: 0.02 / √(2 · layers))
     */
    public CausalSelfAttention(String name, int channels, int heads, boolean causal, AttentionScaling scaling,
                               RandomGenerator random, float std, float projectionStd) {
        this.name = Objects.requireNonNull(name, "name");
        Shapes.positive(name + " channels", channels);
        Shapes.positive(name + " heads", heads);
        GptConfig.checkHeads(channels, heads);
        this.channels = channels;
        this.heads = heads;
        this.headSize = channels / heads;
        this.causal = causal;
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        this.cAttn = new Linear(name + ".c_attn", channels, 3 * channels, random, std);
        this.cProj = new Linear(name + ".c_proj", channels, channels, random, projectionStd);
    }

    public Linear cAttn() { return cAttn; }

    public Linear cProj() { return cProj; }

    public boolean causal() { return causal; }

    public AttentionScaling scaling() { return scaling; }

    public int heads() { return heads; }

    public int headSize() { return headSize; }

    /** (B, T, C) → (B, T, C), the per-head loops on {@link AttentionKernel} (NONE, SQRT_DK with SIMD available). */
    public Tensor forward(Tensor x) {
        return forward(x, fast());
    }

    /** The same with the plain per-head loops below: the reference the fast twin is tested against. */
    public Tensor forwardReference(Tensor x) {
        return forward(x, false);
    }

    private Tensor forward(Tensor x, boolean fast) {
        if (x.rank() != 3 || x.dim(2) != channels) {
            throw new IllegalArgumentException(name + " input has shape " + java.util.Arrays.toString(x.shape())
                    + ", expected (B, T, " + channels + ")");
        }
        batch = x.dim(0);
        length = x.dim(1);
        int B = batch, T = length, C = channels, NH = heads, HS = headSize;
        qkv = cAttn.forward(x);                                                    // (B, T, 3C)
        if (scaling == AttentionScaling.COSINE) computeNorms();
        float scale = scaling == AttentionScaling.SQRT_DK ? (float) (1.0 / Math.sqrt(HS)) : 1f;

        scores = Tensor.zeros(B, NH, T, T);                                        // (B, NH, T, T)
        weights = Tensor.zeros(B, NH, T, T);                                       // (B, NH, T, T)
        Tensor headsOut = Tensor.zeros(B, T, C);                                   // (B, T, NH·HS), heads side by side
        // every (b, h) pair is independent and writes only its own rows and slice: run them side by side
        float[] out = headsOut.data();
        if (fast) {
            AttentionKernel.forward(qkv.data(), B, T, C, NH, causal, scale, scores.data(), weights.data(), out);
        } else {
            Parallel.forEach(B * NH, (long) B * NH * T * T * HS * 2,
                    bh -> forwardHead(bh / NH, bh % NH, scale, out));
        }
        return cProj.forward(headsOut);                                            // (B, T, C)
    }

    /** Scores, softmax and weighted sum of values for sequence b, head h: rows (b, h, ·, ·) of scores and weights. */
    private void forwardHead(int b, int h, float scale, float[] out) {
        int T = length, C = channels, NH = heads, HS = headSize;
        float[] qkvd = qkv.data(), s = scores.data(), w = weights.data();
        for (int t = 0; t < T; t++) {
            int q = (b * T + t) * 3 * C + h * HS;
            int row = ((b * NH + h) * T + t) * T;
            int last = causal ? t : T - 1;            // the last position t may look at
            for (int t2 = 0; t2 <= last; t2++) {
                int k = (b * T + t2) * 3 * C + C + h * HS;
                s[row + t2] = scaling == AttentionScaling.COSINE
                        ? score(dot(qkvd, q, qkvd, k, HS), queryNorms[norm(b, t, h)], keyNorms[norm(b, t2, h)], 1f)
                        : score(dot(qkvd, q, qkvd, k, HS), 1f, 1f, scale);
            }
            for (int t2 = last + 1; t2 < T; t2++) s[row + t2] = Float.NEGATIVE_INFINITY;
            // softmax over the visible positions only; the masked weights stay exactly 0
            Loss.softmaxInto(s, row, w, row, last + 1);
            int o = (b * T + t) * C + h * HS;
            for (int t2 = 0; t2 <= last; t2++) {
                int v = (b * T + t2) * 3 * C + 2 * C + h * HS;
                float weight = w[row + t2];
                for (int i = 0; i < HS; i++) out[o + i] += weight * qkvd[v + i];
            }
        }
    }

    /** Takes dL/dy (B, T, C), accumulates the parameters' gradients, returns dL/dx; on {@link AttentionKernel} when {@link #forward} is. */
    public Tensor backward(Tensor dy) {
        return backward(dy, fast());
    }

    /** The same with the plain per-head loops: the reference of {@link #backward}. */
    public Tensor backwardReference(Tensor dy) {
        return backward(dy, false);
    }

    private Tensor backward(Tensor dy, boolean fast) {
        if (qkv == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass first (a cached forwardStep keeps nothing for backward)");
        }
        int B = batch, T = length, C = channels, NH = heads, HS = headSize;
        float[] dHeads = cProj.backward(dy).data();                                // (B, T, C)
        Tensor dQkv = Tensor.zeros(B, T, 3 * C);                                   // (B, T, 3C)
        float scale = scaling == AttentionScaling.SQRT_DK ? (float) (1.0 / Math.sqrt(HS)) : 1f;
        // each (b, h) pair adds only into its own head's slice of dQkv: run them side by side
        float[] d = dQkv.data();
        if (fast) {
            AttentionKernel.backward(qkv.data(), weights.data(), dHeads, B, T, C, NH, causal, scale, d);
        } else {
            Parallel.forEach(B * NH, (long) B * NH * T * T * HS * 4,
                    bh -> backwardHead(bh / NH, bh % NH, scale, dHeads, d));
        }
        return cAttn.backward(dQkv);                                               // (B, T, C)
    }

    /** Gradients of scores, softmax and weighted sum for sequence b, head h, added into dQkv (d). */
    private void backwardHead(int b, int h, float scale, float[] dHeads, float[] d) {
        int T = length, C = channels, NH = heads, HS = headSize;
        float[] qkvd = qkv.data(), s = scores.data(), w = weights.data();
        float[] dWeight = new float[T];
        for (int t = 0; t < T; t++) {
            int row = ((b * NH + h) * T + t) * T;
            int last = causal ? t : T - 1;
            int q = (b * T + t) * 3 * C + h * HS;
            int o = (b * T + t) * C + h * HS;
            // head_t = Σ weight[t2] v_t2  →  dweight[t2] = dhead_t · v_t2,  dv_t2 += weight[t2] dhead_t
            double weightedSum = 0;
            for (int t2 = 0; t2 <= last; t2++) {
                int v = (b * T + t2) * 3 * C + 2 * C + h * HS;
                float dot = 0;
                for (int i = 0; i < HS; i++) {
                    dot += dHeads[o + i] * qkvd[v + i];
                    d[v + i] += w[row + t2] * dHeads[o + i];
                }
                dWeight[t2] = dot;
                weightedSum += w[row + t2] * dot;
            }
            // softmax: dscore[t2] = weight[t2] (dweight[t2] − Σ_j weight[j] dweight[j])
            for (int t2 = 0; t2 <= last; t2++) {
                float dScore = (float) (w[row + t2] * (dWeight[t2] - weightedSum));
                int k = (b * T + t2) * 3 * C + C + h * HS;
                if (scaling == AttentionScaling.COSINE) {
                    // s = q·k / (‖q‖‖k‖):  ds/dq = k / (‖q‖‖k‖) − s q / ‖q‖²,  ds/dk = q / (‖q‖‖k‖) − s k / ‖k‖²
                    float nq = queryNorms[norm(b, t, h)], nk = keyNorms[norm(b, t2, h)];
                    float score = s[row + t2], inv = 1f / (nq * nk);
                    for (int i = 0; i < HS; i++) {
                        d[q + i] += dScore * (qkvd[k + i] * inv - score * qkvd[q + i] / (nq * nq));
                        d[k + i] += dScore * (qkvd[q + i] * inv - score * qkvd[k + i] / (nk * nk));
                    }
                } else {
                    // s = scale · q·k:  ds/dq = scale · k,  ds/dk = scale · q
                    for (int i = 0; i < HS; i++) {
                        d[q + i] += dScore * scale * qkvd[k + i];
                        d[k + i] += dScore * scale * qkvd[q + i];
                    }
                }
            }
        }
    }

    /**
     * One new position, attending to itself and the cached past: the row t = {@code cache.length()}
     * of {@link #forward}, with the earlier keys and values read from the cache instead of recomputed.
     *
     * <pre>
     *   q, k, v = split(x · W_attn + b_attn)        (1, 1, C) → (1, 1, 3C); k, v (and ‖k‖) appended to the cache
     *   score[t2] = scale(q, k_t2),  t2 = 0..t      (NH, t+1), nothing to mask: the cache holds only the past
     *   weight = softmax(score)
     *   head   = Σ_t2 weight[t2] · v_t2             (NH, HS)
     *   y = concat(heads) · W_proj + b_proj         (1, 1, C)
     * </pre>
     * Every number goes through the same helpers ({@link #dot}, {@link #norm}, {@link #score}, the
     * same softmax and kernel) in the same order as in {@code forward}, so the result equals row t of
     * a full forward pass bit for bit.
     *
     * <p>Inference only: it keeps nothing for {@code backward}, and the internals of the last full
     * forward are dropped (a later {@code backward} or {@link #attentionWeights()} is refused, rather
     * than mixing the two passes). The caller ({@link Gpt#forwardStep}) advances the cache after the
     * last layer.
     *
     * @param x     the block's input at the new position, (1, 1, C)
     * @param layer which of the cache's layers belongs to this attention
     */
    public Tensor forwardStep(Tensor x, KvCache cache, int layer) {
        Shapes.expect(name + " step input", x, 1, 1, channels);
        Objects.requireNonNull(cache, "cache");
        if (!causal) {
            throw new IllegalStateException(name + " is not causal: every position sees the later ones, so past keys and values"
                    + " change with each new token and cannot be cached");
        }
        if (cache.isFull()) {
            throw new IllegalStateException("KV cache is full: " + cache.capacity() + " of " + cache.capacity()
                    + " positions are used; crop the sequence and start a new cache");
        }
        int C = channels, NH = heads, HS = headSize, t = cache.length();
        qkv = null;                                                                // the full forward's internals no longer match
        float[] qkvd = cAttn.forward(x).data();                                    // (1, 1, 3C)
        float[] keys = cache.keyStore(layer), values = cache.valueStore(layer), keyNormStore = cache.keyNormStore(layer);
        for (int h = 0; h < NH; h++) {                                             // append k_t, v_t: (NH, t+1, HS)
            System.arraycopy(qkvd, C + h * HS, keys, cache.offset(h, t), HS);
            System.arraycopy(qkvd, 2 * C + h * HS, values, cache.offset(h, t), HS);
            if (scaling == AttentionScaling.COSINE) keyNormStore[cache.normOffset(h, t)] = norm(qkvd, C + h * HS, HS);
        }
        float scale = scaling == AttentionScaling.SQRT_DK ? (float) (1.0 / Math.sqrt(HS)) : 1f;

        Tensor headsOut = Tensor.zeros(1, 1, C);                                   // (1, 1, NH·HS)
        float[] out = headsOut.data(), scoreRow = new float[t + 1], weightRow = new float[t + 1];
        for (int h = 0; h < NH; h++) {
            int q = h * HS;
            if (fast()) {
                AttentionKernel.step(qkvd, q, keys, values, cache.offset(h, 0), t + 1, HS, scale, scoreRow, weightRow, out, q);
                continue;
            }
            float queryNorm = scaling == AttentionScaling.COSINE ? norm(qkvd, q, HS) : 1f;
            for (int t2 = 0; t2 <= t; t2++) {
                float dot = dot(qkvd, q, keys, cache.offset(h, t2), HS);
                scoreRow[t2] = scaling == AttentionScaling.COSINE
                        ? score(dot, queryNorm, keyNormStore[cache.normOffset(h, t2)], 1f)
                        : score(dot, 1f, 1f, scale);
            }
            Loss.softmaxInto(scoreRow, 0, weightRow, 0, t + 1);
            for (int t2 = 0; t2 <= t; t2++) {
                int v = cache.offset(h, t2);
                float weight = weightRow[t2];
                for (int i = 0; i < HS; i++) out[q + i] += weight * values[v + i];
            }
        }
        return cProj.forward(headsOut);                                            // (1, 1, C)
    }

    /** The fused SIMD loops of {@link AttentionKernel} serve NONE and SQRT_DK; COSINE runs the plain loops. */
    private boolean fast() {
        return scaling != AttentionScaling.COSINE && Simd.available();
    }

    /** q · k over one head: n products summed in index order (forward and forwardStep share it). */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        float dot = 0;
        for (int i = 0; i < n; i++) dot += a[aOffset + i] * b[bOffset + i];
        return dot;
    }

    /** ‖x‖ = √(Σ x² + eps) over one head, for COSINE scaling. */
    static float norm(float[] a, int offset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += a[offset + i] * a[offset + i];
        return (float) Math.sqrt(sum + COSINE_EPS);
    }

    /** COSINE: q·k / (‖q‖‖k‖) (pass scale 1); NONE and SQRT_DK: q·k · scale (pass norms 1). */
    private float score(float dot, float queryNorm, float keyNorm, float scale) {
        return scaling == AttentionScaling.COSINE ? dot / (queryNorm * keyNorm) : dot * scale;
    }

    /** ‖q‖ and ‖k‖ of every (b, t, head), each √(Σ x² + eps). */
    private void computeNorms() {
        int B = batch, T = length, C = channels, NH = heads, HS = headSize;
        float[] qkvd = qkv.data();
        queryNorms = new float[B * T * NH];
        keyNorms = new float[B * T * NH];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int h = 0; h < NH; h++) {
                    int q = (b * T + t) * 3 * C + h * HS, k = q + C;
                    queryNorms[norm(b, t, h)] = norm(qkvd, q, HS);
                    keyNorms[norm(b, t, h)] = norm(qkvd, k, HS);
                }
            }
        }
    }

    private int norm(int b, int t, int h) {
        return (b * length + t) * heads + h;
    }

    // ---- glass box: what the last forward pass computed ----

    /** Softmax weights (B, NH, T, T): row t says how much position t takes from each t2. Rows sum to 1. */
    public Tensor attentionWeights() {
        requireForward();
        return weights;
    }

    /** Scores before the softmax (B, NH, T, T), already scaled; masked entries are -∞. */
    public Tensor attentionScores() {
        requireForward();
        return scores;
    }

    /** Every head's queries (B, NH, T, HS), a copy. */
    public Tensor query() {
        return split(0);
    }

    /** Every head's keys (B, NH, T, HS), a copy. */
    public Tensor key() {
        return split(1);
    }

    /** Every head's values (B, NH, T, HS), a copy. */
    public Tensor value() {
        return split(2);
    }

    /** One head's queries (B, T, HS), a copy. */
    public Tensor queryOf(int head) {
        return headOf(0, head);
    }

    /** One head's keys (B, T, HS), a copy. */
    public Tensor keyOf(int head) {
        return headOf(1, head);
    }

    /** One head's values (B, T, HS), a copy. */
    public Tensor valueOf(int head) {
        return headOf(2, head);
    }

    /** One head's attention weights (B, T, T), a copy. */
    public Tensor attentionWeightsOf(int head) {
        checkHead(head);
        requireForward();
        Tensor out = Tensor.zeros(batch, length, length);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(weights.data(), (b * heads + head) * length * length, out.data(), b * length * length, length * length);
        }
        return out;
    }

    /** part 0 = q, 1 = k, 2 = v, rearranged (B, T, 3C) → (B, NH, T, HS). */
    private Tensor split(int part) {
        requireForward();
        Tensor out = Tensor.zeros(batch, heads, length, headSize);
        for (int h = 0; h < heads; h++) {
            float[] one = headOf(part, h).data();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(one, b * length * headSize, out.data(), ((b * heads + h) * length) * headSize, length * headSize);
            }
        }
        return out;
    }

    private Tensor headOf(int part, int head) {
        checkHead(head);
        requireForward();
        Tensor out = Tensor.zeros(batch, length, headSize);                        // (B, T, HS)
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                int from = (b * length + t) * 3 * channels + part * channels + head * headSize;
                System.arraycopy(qkv.data(), from, out.data(), (b * length + t) * headSize, headSize);
            }
        }
        return out;
    }

    private void checkHead(int head) {
        if (head < 0 || head >= heads) {
            throw new IndexOutOfBoundsException("head " + head + " does not exist: " + name + " has heads 0.." + (heads - 1));
        }
    }

    private void requireForward() {
        if (qkv == null) {
            throw new IllegalStateException(name + ": no forward pass yet (or a cached forwardStep since, which keeps none),"
                    + " so there are no attention internals to show");
        }
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(cAttn.parameters());
        all.addAll(cProj.parameters());
        return List.copyOf(all);
    }
}
