package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;

import static dev.glassbox.kernels.VectorMath.LANES;
import static dev.glassbox.kernels.VectorMath.SPECIES;

/**
 * The fast twin of {@code nn.CausalSelfAttention}'s per-head loops (scores, causal mask, softmax,
 * weighted sum of values, and their backward), fused per (sequence b, head h) and run on SIMD registers.
 *
 * <p>Layouts as in the reference: qkv (B, T, 3C) with q in [0, C), k in [C, 2C), v in [2C, 3C) and head
 * h in channels [h·HS, (h+1)·HS); scores and weights (B, NH, T, T); heads (B, T, C). Score is
 * {@code scale · q·k} (NONE and SQRT_DK scaling; COSINE stays on the reference loop).
 *
 * <p>Every (b, h) pair is computed by one thread start to end, so results are bit-identical for any
 * thread count. Every score is the chain {@code fma(q[HS-1], k[HS-1], … fma(q[0], k[0], 0)) · scale},
 * in a vector lane or in the scalar tail alike, and {@link #step} (one cached position) uses the same
 * helpers in the same order: cached decoding equals the full forward bit for bit.
 * Agrees with the reference within 1e-5 · (1 + |reference|) for outputs and dx (KernelTwinTest).
 */
public final class AttentionKernel {
    private AttentionKernel() {}

    /** scores, weights (B, NH, T, T) and heads (B, T, C) from qkv (B, T, 3C). */
    public static void forward(float[] qkv, int batch, int length, int channels, int heads, boolean causal, float scale,
                               float[] scores, float[] weights, float[] headsOut) {
        int T = length, HS = channels / heads;
        Parallel.forEach(batch * heads, (long) batch * heads * T * T * HS * 2, bh -> {
            int b = bh / heads, h = bh % heads, C = channels, stride = 3 * C;
            int keyBase = b * T * stride + C + h * HS, valueBase = keyBase + C;
            float[] keysT = transposed(qkv, keyBase, stride, T, HS);                // (HS, T)
            for (int t = 0; t < T; t++) {
                int row = (bh * T + t) * T, visible = causal ? t + 1 : T;
                scoresRow(qkv, (b * T + t) * stride + h * HS, keysT, T, HS, visible, scale, scores, row);
                java.util.Arrays.fill(scores, row + visible, row + T, Float.NEGATIVE_INFINITY);
                softmax(scores, row, weights, row, visible);
                java.util.Arrays.fill(weights, row + visible, row + T, 0f);
                weightedSum(weights, row, visible, qkv, valueBase, stride, HS, headsOut, (b * T + t) * C + h * HS);
            }
        });
    }

    /** Adds dL/dq, dL/dk, dL/dv into dQkv (B, T, 3C), given dL/dheads (B, T, C) and the forward's weights. */
    public static void backward(float[] qkv, float[] weights, float[] dHeads, int batch, int length, int channels,
                                int heads, boolean causal, float scale, float[] dQkv) {
        int T = length, HS = channels / heads;
        Parallel.forEach(batch * heads, (long) batch * heads * T * T * HS * 4, bh -> {
            int b = bh / heads, h = bh % heads, C = channels, stride = 3 * C;
            int queryBase = b * T * stride + h * HS, keyBase = queryBase + C, valueBase = keyBase + C;
            float[] valuesT = transposed(qkv, valueBase, stride, T, HS);            // (HS, T)
            float[] dKeys = new float[T * HS], dValues = new float[T * HS];         // (T, HS)
            float[] dWeight = new float[T], dScore = new float[T], dQuery = new float[HS];
            for (int t = 0; t < T; t++) {
                int row = (bh * T + t) * T, visible = causal ? t + 1 : T;
                int dh = (b * T + t) * C + h * HS, q = queryBase + t * stride;
                // head_t = Σ weight[t2] v_t2  →  dweight[t2] = dhead_t · v_t2,  dv_t2 += weight[t2] dhead_t
                scoresRow(dHeads, dh, valuesT, T, HS, visible, 1f, dWeight, 0);
                for (int t2 = 0; t2 < visible; t2++) axpy(weights[row + t2], dHeads, dh, dValues, t2 * HS, HS);
                // softmax: dscore[t2] = weight[t2] (dweight[t2] − Σ_j weight[j] dweight[j]); score = scale · q·k
                float weighted = dot(weights, row, dWeight, 0, visible);
                for (int t2 = 0; t2 < visible; t2++) dScore[t2] = weights[row + t2] * (dWeight[t2] - weighted) * scale;
                java.util.Arrays.fill(dQuery, 0f);
                for (int t2 = 0; t2 < visible; t2++) {
                    axpy(dScore[t2], qkv, keyBase + t2 * stride, dQuery, 0, HS);    // dq_t  += dscore · k_t2
                    axpy(dScore[t2], qkv, q, dKeys, t2 * HS, HS);                   // dk_t2 += dscore · q_t
                }
                axpy(1f, dQuery, 0, dQkv, q, HS);
            }
            for (int t = 0; t < T; t++) {
                axpy(1f, dKeys, t * HS, dQkv, keyBase + t * stride, HS);
                axpy(1f, dValues, t * HS, dQkv, valueBase + t * stride, HS);
            }
        });
    }

    /**
     * One query against {@code visible} cached keys and values of one head, written to
     * {@code out[outOffset .. + headSize)}: the same arithmetic as row t of {@link #forward}.
     * Key/value t2 start at {@code keys[cacheOffset + t2 · headSize]} (a KV cache's (T, HS) slab).
     */
    public static void step(float[] query, int queryOffset, float[] keys, float[] values, int cacheOffset, int visible,
                            int headSize, float scale, float[] scoreRow, float[] weightRow, float[] out, int outOffset) {
        for (int t2 = 0; t2 < visible; t2++) {
            float acc = 0f;
            int k = cacheOffset + t2 * headSize;
            for (int i = 0; i < headSize; i++) acc = Math.fma(query[queryOffset + i], keys[k + i], acc);
            scoreRow[t2] = acc * scale;
        }
        softmax(scoreRow, 0, weightRow, 0, visible);
        weightedSum(weightRow, 0, visible, values, cacheOffset, headSize, headSize, out, outOffset);
    }

    /**
     * Row-wise softmax of {@code in[inOffset .. + n)} into {@code out}: e^(x − max) / Σ e^(x − max),
     * with {@link VectorMath#exp}; the sum is taken in vector lanes, then the tail, then across lanes.
     */
    public static void softmax(float[] in, int inOffset, float[] out, int outOffset, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, in[inOffset + i]);
        FloatVector sums = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, in, inOffset + i).sub(max));
            e.intoArray(out, outOffset + i);
            sums = sums.add(e);
        }
        float tail = 0f;
        for (; i < n; i++) {
            float e = VectorMath.exp(in[inOffset + i] - max);
            out[outOffset + i] = e;
            tail += e;
        }
        float inverse = 1f / (VectorMath.sum(sums) + tail);
        for (i = 0; i + LANES <= n; i += LANES) {
            FloatVector.fromArray(SPECIES, out, outOffset + i).mul(inverse).intoArray(out, outOffset + i);
        }
        for (; i < n; i++) out[outOffset + i] *= inverse;
    }

    /** out[row + t2] = scale · Σ_i x[xOffset + i] · columnsT[i·T + t2] for t2 &lt; n: one query against n keys. */
    private static void scoresRow(float[] x, int xOffset, float[] columnsT, int T, int HS, int n, float scale,
                                  float[] out, int row) {
        int t2 = 0;
        for (; t2 + LANES <= n; t2 += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int i = 0; i < HS; i++) {
                acc = FloatVector.broadcast(SPECIES, x[xOffset + i]).fma(FloatVector.fromArray(SPECIES, columnsT, i * T + t2), acc);
            }
            acc.mul(scale).intoArray(out, row + t2);
        }
        for (; t2 < n; t2++) {
            float acc = 0f;
            for (int i = 0; i < HS; i++) acc = Math.fma(x[xOffset + i], columnsT[i * T + t2], acc);
            out[row + t2] = acc * scale;
        }
    }

    /** out[o + i] = Σ_t2 w[row + t2] · v[vBase + t2·stride + i] over t2 &lt; n (t2 ascending). */
    private static void weightedSum(float[] w, int row, int n, float[] v, int vBase, int stride, int HS, float[] out, int o) {
        int i = 0;
        for (; i + LANES <= HS; i += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int t2 = 0; t2 < n; t2++) {
                acc = FloatVector.broadcast(SPECIES, w[row + t2]).fma(FloatVector.fromArray(SPECIES, v, vBase + t2 * stride + i), acc);
            }
            acc.intoArray(out, o + i);
        }
        for (; i < HS; i++) {
            float acc = 0f;
            for (int t2 = 0; t2 < n; t2++) acc = Math.fma(w[row + t2], v[vBase + t2 * stride + i], acc);
            out[o + i] = acc;
        }
    }

    /** y[yOffset + i] += alpha · x[xOffset + i], i &lt; n. */
    private static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        int i = 0;
        FloatVector a = FloatVector.broadcast(SPECIES, alpha);
        for (; i + LANES <= n; i += LANES) {
            a.fma(FloatVector.fromArray(SPECIES, x, xOffset + i), FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) y[yOffset + i] = Math.fma(alpha, x[xOffset + i], y[yOffset + i]);
    }

    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            acc = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
        }
        float tail = 0f;
        for (; i < n; i++) tail = Math.fma(a[aOffset + i], b[bOffset + i], tail);
        return VectorMath.sum(acc) + tail;
    }

    /** (HS, T) copy of T rows of HS numbers starting at base, stride apart. */
    private static float[] transposed(float[] x, int base, int stride, int T, int HS) {
        float[] out = new float[HS * T];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < HS; i++) out[i * T + t] = x[base + t * stride + i];
        }
        return out;
    }
}
