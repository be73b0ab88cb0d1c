package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.glassbox.kernels.VectorMath.LANES;
import static dev.glassbox.kernels.VectorMath.SPECIES;

/**
 * The fast twin of {@code nn.CausalSelfAttention}'s per-head loops (scores, causal mask, softmax,
 * weighted sum of values, and their backward), fused per (sequence b, head h) and run on SIMD registers.
 *
 * <p>Layouts as in the reference: qkv (B, T, 3C) with q in [0, C), k in [C, 2C), v in [2C, 3C) and head
 * h in channels [h·HS, (h+1)·HS); scores and weights (B, NH, T, T); heads (B, T, C). Score is
 * {@code scale · q·k} (NONE and SQRT_DK scaling; COSINE stays on the reference loop). Each head is read
 * in place from qkv with stride 3C; only its keys (values, in backward) are copied, transposed to (HS, T),
 * so that one load gives a vector of consecutive positions.
 *
 * <p>Per head it is a handful of small matrix products, each register-blocked four rows at a time like
 * {@link Matmul}'s micro-kernel (one load of keys serves four queries):
 * <pre>
 *   forward:   S = scale · Q Kᵀ (masked),  W = softmax(S) row by row,  heads = W V
 *   backward:  dW = dheads Vᵀ,  dV = Wᵀ dheads,  dS = W ∘ (dW − rowsum(W ∘ dW)) · scale,  dQ = dS K,  dK = dSᵀ Q
 * </pre>
 * Rows are padded to whole vectors in per-thread scratch arrays ({@link Scratch}, reused from call to
 * call), so no row ends in a scalar tail; masked and padded entries are computed and then overwritten.
 *
 * <p>Every (b, h) pair is computed by one thread start to end, so results are bit-identical for any
 * thread count. Every score is the chain {@code fma(q[HS-1], k[HS-1], … fma(q[0], k[0], 0)) · scale},
 * every output channel the chain {@code fma(w[t], v_t, … fma(w[0], v_0, 0))} over the visible positions,
 * and {@link #step} (one cached position) runs the same helpers on one row: cached decoding equals the
 * full forward bit for bit. Agrees with the reference within 1e-5 · (1 + |reference|) for outputs and dx
 * (KernelTwinTest).
 */
public final class AttentionKernel {
    /** Query rows per register tile: each vector of keys (or values) loaded serves this many rows. */
    private static final int ROWS = 4;
    private static final FloatVector IOTA = FloatVector.fromArray(SPECIES, iota(), 0);
    private static final FloatVector MINUS_INFINITY = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * What one score costs besides its q·k (forward) or its four products (backward), in the matmul's multiply-adds,
     * for {@link Parallel}'s threshold: the exp, the mask, the copies of rows and transposed keys (HandOffBench:
     * 4 to 5 ns per score in training steps of tiny and small, a multiply-add 0.02 ns).
     */
    private static final long SCORE_OVERHEAD = 150;

    private AttentionKernel() {}

    /** scores, weights (B, NH, T, T) and heads (B, T, C) from qkv (B, T, 3C). */
    public static void forward(float[] qkv, int batch, int length, int channels, int heads, boolean causal, float scale,
                               float[] scores, float[] weights, float[] headsOut) {
        int T = length, HS = channels / heads, padded = padded(T);
        Parallel.forEach(batch * heads, (long) batch * heads * T * T * (2 * HS + SCORE_OVERHEAD), bh -> {
            int b = bh / heads, h = bh % heads, C = channels, stride = 3 * C;
            int queryBase = b * T * stride + h * HS, keyBase = queryBase + C, valueBase = keyBase + C;
            Scratch scratch = SCRATCH.get().fit(T, HS);
            float[] keysT = scratch.transposed, tile = scratch.tile;
            transpose(qkv, keyBase, stride, T, HS, keysT);                          // (HS, T padded)
            for (int t0 = 0; t0 < T; t0 += ROWS) {
                int rows = Math.min(ROWS, T - t0), lastVisible = causal ? t0 + rows : T;
                // S = scale · Q Kᵀ for rows t0 .. t0+rows, into a padded tile
                products(qkv, queryBase + t0 * stride, stride, rows, keysT, padded, HS, lastVisible, scale, tile, 0, padded);
                for (int r = 0; r < rows; r++) {
                    int t = t0 + r, row = (bh * T + t) * T, visible = causal ? t + 1 : T;
                    System.arraycopy(tile, r * padded, scores, row, visible);
                    java.util.Arrays.fill(scores, row + visible, row + T, Float.NEGATIVE_INFINITY);
                    softmaxInPlace(tile, r * padded, visible);
                    System.arraycopy(tile, r * padded, weights, row, visible);
                    java.util.Arrays.fill(weights, row + visible, row + T, 0f);        // the masked weights are 0
                }
                // heads = W V, each row over its visible positions
                mix(tile, 0, padded, rows, causal ? t0 + 1 : T, causal, qkv, valueBase, stride, HS,
                        headsOut, (b * T + t0) * C + h * HS, C, false);
            }
        });
    }

    /** Adds dL/dq, dL/dk, dL/dv into dQkv (B, T, 3C), given dL/dheads (B, T, C) and the forward's weights. */
    public static void backward(float[] qkv, float[] weights, float[] dHeads, int batch, int length, int channels,
                                int heads, boolean causal, float scale, float[] dQkv) {
        int T = length, HS = channels / heads, padded = padded(T);
        Parallel.forEach(batch * heads, (long) batch * heads * T * T * (4 * HS + SCORE_OVERHEAD), bh -> {
            int b = bh / heads, h = bh % heads, C = channels, stride = 3 * C;
            int queryBase = b * T * stride + h * HS, keyBase = queryBase + C, valueBase = keyBase + C;
            int dHeadsBase = b * T * C + h * HS;
            Scratch scratch = SCRATCH.get().fitBackward(T, HS);
            float[] valuesT = scratch.transposed, w = scratch.weights, dScore = scratch.scores;
            transpose(qkv, valueBase, stride, T, HS, valuesT);                      // (HS, T padded)
            for (int t = 0; t < T; t++) {                                          // W, rows padded with zeros
                System.arraycopy(weights, (bh * T + t) * T, w, t * padded, T);
                java.util.Arrays.fill(w, t * padded + T, (t + 1) * padded, 0f);
            }
            // heads = W V  →  dW = dheads Vᵀ (into dScore's rows, the visible columns),  dV += Wᵀ dheads
            for (int t0 = 0; t0 < T; t0 += ROWS) {
                int rows = Math.min(ROWS, T - t0);
                products(dHeads, dHeadsBase + t0 * C, C, rows, valuesT, padded, HS, causal ? t0 + rows : T, 1f,
                        dScore, t0 * padded, padded);
            }
            mixTransposed(w, padded, T, causal, dHeads, dHeadsBase, C, HS, dQkv, valueBase, stride);
            // softmax: dS[t2] = W[t2] (dW[t2] − Σ_j W[j] dW[j]), then the score's factor: scale
            for (int t = 0; t < T; t++) {
                int row = t * padded, visible = causal ? t + 1 : T, end = padded(visible);
                float weighted = dot(w, row, dScore, row, end);
                for (int t2 = 0; t2 < end; t2 += LANES) {
                    FloatVector wv = FloatVector.fromArray(SPECIES, w, row + t2);
                    wv.mul(FloatVector.fromArray(SPECIES, dScore, row + t2).sub(weighted)).mul(scale).intoArray(dScore, row + t2);
                }
                java.util.Arrays.fill(dScore, row + visible, row + padded, 0f);
            }
            // S = Q Kᵀ  →  dQ += dS K,  dK += dSᵀ Q
            mix(dScore, 0, padded, T, causal ? 1 : T, causal, qkv, keyBase, stride, HS, dQkv, queryBase, stride, true);
            mixTransposed(dScore, padded, T, causal, qkv, queryBase, stride, HS, dQkv, keyBase, stride);
        });
    }

    /**
     * One query against {@code visible} cached keys and values of one head, written to
     * {@code out[outOffset .. + headSize)}: the same arithmetic as row t of {@link #forward}.
     * Key/value t2 start at {@code keys[cacheOffset + t2 · headSize]} (a KV cache's (T, HS) slab).
     * {@code scoreRow} and {@code weightRow} receive the visible scores and weights.
     */
    public static void step(float[] query, int queryOffset, float[] keys, float[] values, int cacheOffset, int visible,
                            int headSize, float scale, float[] scoreRow, float[] weightRow, float[] out, int outOffset) {
        Scratch scratch = SCRATCH.get().fit(visible, headSize);
        float[] keysT = scratch.transposed, row = scratch.tile;
        int padded = padded(visible);
        transpose(keys, cacheOffset, headSize, visible, headSize, keysT);
        products(query, queryOffset, 0, 1, keysT, padded, headSize, visible, scale, row, 0, padded);
        System.arraycopy(row, 0, scoreRow, 0, visible);
        softmaxInPlace(row, 0, visible);
        System.arraycopy(row, 0, weightRow, 0, visible);
        mix(row, 0, padded, 1, visible, false, values, cacheOffset, headSize, headSize, out, outOffset, headSize, false);
    }

    /**
     * {@code out[out0 + r·outStride + j] = scale · Σ_i x[x0 + r·xStride + i] · columnsT[i·padded + j]}
     * for rows r &lt; rows and columns j &lt; n rounded up to whole vectors (columnsT is (HS, padded)).
     * Each element is the chain fma over i ascending from 0, then · scale, four rows per register tile.
     */
    private static void products(float[] x, int x0, int xStride, int rows, float[] columnsT, int padded, int HS, int n,
                                 float scale, float[] out, int out0, int outStride) {
        int end = padded(n), r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int xa = x0 + r * xStride, xb = xa + xStride, xc = xb + xStride, xd = xc + xStride;
            int o = out0 + r * outStride;
            for (int j = 0; j < end; j += LANES) {
                FloatVector a = FloatVector.zero(SPECIES), b = a, c = a, d = a;
                for (int i = 0, k = j; i < HS; i++, k += padded) {
                    FloatVector column = FloatVector.fromArray(SPECIES, columnsT, k);
                    a = FloatVector.broadcast(SPECIES, x[xa + i]).fma(column, a);
                    b = FloatVector.broadcast(SPECIES, x[xb + i]).fma(column, b);
                    c = FloatVector.broadcast(SPECIES, x[xc + i]).fma(column, c);
                    d = FloatVector.broadcast(SPECIES, x[xd + i]).fma(column, d);
                }
                a.mul(scale).intoArray(out, o + j);
                b.mul(scale).intoArray(out, o + outStride + j);
                c.mul(scale).intoArray(out, o + 2 * outStride + j);
                d.mul(scale).intoArray(out, o + 3 * outStride + j);
            }
        }
        for (; r < rows; r++) {
            int xa = x0 + r * xStride, o = out0 + r * outStride;
            for (int j = 0; j < end; j += LANES) {
                FloatVector a = FloatVector.zero(SPECIES);
                for (int i = 0, k = j; i < HS; i++, k += padded) {
                    a = FloatVector.broadcast(SPECIES, x[xa + i]).fma(FloatVector.fromArray(SPECIES, columnsT, k), a);
                }
                a.mul(scale).intoArray(out, o + j);
            }
        }
    }

    /**
     * {@code out[row r] (+)= Σ_{j < count(r)} m[m0 + r·mStride + j] · x[x0 + j·xStride .. + HS)} for r &lt; rows,
     * count(r) = first + r when {@code growing} (causal rows see one more position each), else first.
     * Each output number is the chain fma over j ascending, starting from 0 (or its old value when
     * {@code accumulate}); four rows share each load of x over the positions they all see.
     */
    private static void mix(float[] m, int m0, int mStride, int rows, int first, boolean growing, float[] x, int x0,
                            int xStride, int HS, float[] out, int out0, int outStride, boolean accumulate) {
        int vectorEnd = HS - HS % LANES, r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int ma = m0 + r * mStride, mb = ma + mStride, mc = mb + mStride, md = mc + mStride;
            int oa = out0 + r * outStride, ob = oa + outStride, oc = ob + outStride, od = oc + outStride;
            int common = first + (growing ? r : 0);                                // the positions all four rows see
            for (int i = 0; i < vectorEnd; i += LANES) {
                FloatVector a, b, c, d;
                if (accumulate) {
                    a = FloatVector.fromArray(SPECIES, out, oa + i);
                    b = FloatVector.fromArray(SPECIES, out, ob + i);
                    c = FloatVector.fromArray(SPECIES, out, oc + i);
                    d = FloatVector.fromArray(SPECIES, out, od + i);
                } else {
                    a = b = c = d = FloatVector.zero(SPECIES);
                }
                for (int j = 0, xj = x0 + i; j < common; j++, xj += xStride) {
                    FloatVector row = FloatVector.fromArray(SPECIES, x, xj);
                    a = FloatVector.broadcast(SPECIES, m[ma + j]).fma(row, a);
                    b = FloatVector.broadcast(SPECIES, m[mb + j]).fma(row, b);
                    c = FloatVector.broadcast(SPECIES, m[mc + j]).fma(row, c);
                    d = FloatVector.broadcast(SPECIES, m[md + j]).fma(row, d);
                }
                a.intoArray(out, oa + i);
                b.intoArray(out, ob + i);
                c.intoArray(out, oc + i);
                d.intoArray(out, od + i);
            }
            for (int q = 0; q < ROWS; q++) {
                int count = common + (growing ? q : 0), mq = ma + q * mStride, oq = oa + q * outStride;
                mixRow(m, mq, common, count, x, x0, xStride, 0, vectorEnd, out, oq, true);   // the chains continue
                mixRow(m, mq, 0, count, x, x0, xStride, vectorEnd, HS, out, oq, accumulate);  // channels past the last vector
            }
        }
        for (; r < rows; r++) {
            int count = first + (growing ? r : 0), mr = m0 + r * mStride, or = out0 + r * outStride;
            mixRow(m, mr, 0, count, x, x0, xStride, 0, vectorEnd, out, or, accumulate);
            mixRow(m, mr, 0, count, x, x0, xStride, vectorEnd, HS, out, or, accumulate);
        }
    }

    /** One row of {@link #mix}: positions [from, to), channels [i0, i1) (whole vectors, or a scalar tail). */
    private static void mixRow(float[] m, int mRow, int from, int to, float[] x, int x0, int xStride, int i0, int i1,
                               float[] out, int o, boolean accumulate) {
        int i = i0;
        for (; i + LANES <= i1; i += LANES) {
            FloatVector a = accumulate ? FloatVector.fromArray(SPECIES, out, o + i) : FloatVector.zero(SPECIES);
            for (int j = from, xj = x0 + from * xStride + i; j < to; j++, xj += xStride) {
                a = FloatVector.broadcast(SPECIES, m[mRow + j]).fma(FloatVector.fromArray(SPECIES, x, xj), a);
            }
            a.intoArray(out, o + i);
        }
        if (i == i1) return;
        if (!accumulate) java.util.Arrays.fill(out, o + i, o + i1, 0f);
        for (int j = from, xj = x0 + from * xStride; j < to; j++, xj += xStride) {   // channels innermost: the
            float weight = m[mRow + j];                                               // chains advance side by side
            for (int c = i; c < i1; c++) out[o + c] = Math.fma(weight, x[xj + c], out[o + c]);
        }
    }

    /**
     * {@code out[o0 + j·oStride ..+HS) += Σ_t m[t·mStride + j] · x[x0 + t·xStride ..+HS)} for j &lt; T: the
     * transposed product mᵀ x, over t ≥ j when {@code causal} (m is zero above its diagonal there), four
     * output rows per register tile.
     */
    private static void mixTransposed(float[] m, int mStride, int T, boolean causal, float[] x, int x0, int xStride, int HS,
                                      float[] out, int o0, int oStride) {
        int vectorEnd = HS - HS % LANES, j = 0;
        for (; j + ROWS <= T; j += ROWS) {
            int from = causal ? j : 0;
            int oa = o0 + j * oStride, ob = oa + oStride, oc = ob + oStride, od = oc + oStride;
            for (int i = 0; i < vectorEnd; i += LANES) {
                FloatVector a = FloatVector.fromArray(SPECIES, out, oa + i), b = FloatVector.fromArray(SPECIES, out, ob + i);
                FloatVector c = FloatVector.fromArray(SPECIES, out, oc + i), d = FloatVector.fromArray(SPECIES, out, od + i);
                for (int t = from, mt = from * mStride + j, xt = x0 + from * xStride + i; t < T; t++, mt += mStride, xt += xStride) {
                    FloatVector row = FloatVector.fromArray(SPECIES, x, xt);
                    a = FloatVector.broadcast(SPECIES, m[mt]).fma(row, a);
                    b = FloatVector.broadcast(SPECIES, m[mt + 1]).fma(row, b);
                    c = FloatVector.broadcast(SPECIES, m[mt + 2]).fma(row, c);
                    d = FloatVector.broadcast(SPECIES, m[mt + 3]).fma(row, d);
                }
                a.intoArray(out, oa + i);
                b.intoArray(out, ob + i);
                c.intoArray(out, oc + i);
                d.intoArray(out, od + i);
            }
            for (int q = 0; q < ROWS; q++) mixTransposedRow(m, mStride, j + q, from, T, x, x0, xStride, vectorEnd, HS, out, oa + q * oStride);
        }
        for (; j < T; j++) {
            int o = o0 + j * oStride, from = causal ? j : 0;
            mixTransposedRow(m, mStride, j, from, T, x, x0, xStride, 0, vectorEnd, out, o);
            mixTransposedRow(m, mStride, j, from, T, x, x0, xStride, vectorEnd, HS, out, o);
        }
    }

    /** One output row j of {@link #mixTransposed}, channels [i0, i1). */
    private static void mixTransposedRow(float[] m, int mStride, int j, int from, int T, float[] x, int x0, int xStride,
                                         int i0, int i1, float[] out, int o) {
        int i = i0;
        for (; i + LANES <= i1; i += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, out, o + i);
            for (int t = from; t < T; t++) {
                a = FloatVector.broadcast(SPECIES, m[t * mStride + j]).fma(FloatVector.fromArray(SPECIES, x, x0 + t * xStride + i), a);
            }
            a.intoArray(out, o + i);
        }
        for (int t = from, xt = x0 + from * xStride; i < i1 && t < T; t++, xt += xStride) {   // as in mixRow
            float weight = m[t * mStride + j];
            for (int c = i; c < i1; c++) out[o + c] = Math.fma(weight, x[xt + c], out[o + c]);
        }
    }

    /**
     * Softmax of {@code row[off .. off+n)} in place, e^(x − max) / Σ e^(x − max) with {@link VectorMath#exp};
     * the padding up to the next whole vector becomes 0. The row must have room for that padding. The sum
     * is taken in vector lanes (padding lanes add 0), then across lanes in order.
     */
    private static void softmaxInPlace(float[] row, int off, int n) {
        int end = padded(n);
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < end; i += LANES) {
            max = max.max(FloatVector.fromArray(SPECIES, row, off + i).blend(MINUS_INFINITY, beyond(i, n)));
        }
        float top = max.reduceLanes(VectorOperators.MAX);                       // a maximum is the same in any order
        FloatVector sums = FloatVector.zero(SPECIES);
        for (int i = 0; i < end; i += LANES) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, row, off + i).sub(top)).blend(ZERO, beyond(i, n));
            e.intoArray(row, off + i);
            sums = sums.add(e);
        }
        float inverse = 1f / VectorMath.sum(sums);
        for (int i = 0; i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, row, off + i).mul(inverse).intoArray(row, off + i);
        }
    }

    /** The lanes of the vector starting at position i that lie at or past n. */
    private static VectorMask<Float> beyond(int i, int n) {
        return IOTA.compare(VectorOperators.GE, (float) (n - i));
    }

    /** Σ a[aOffset + i] · b[bOffset + i] over i &lt; n, n a whole number of vectors. */
    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < n; i += LANES) {
            acc = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
        }
        return VectorMath.sum(acc);
    }

    /** out (HS, padded(T)) ← the T rows of HS numbers starting at base, stride apart, transposed; padding 0. */
    private static void transpose(float[] x, int base, int stride, int T, int HS, float[] out) {
        int padded = padded(T);
        for (int i = 0; i < HS; i++) {
            int o = i * padded;
            for (int t = 0, xt = base + i; t < T; t++, xt += stride) out[o + t] = x[xt];
            java.util.Arrays.fill(out, o + T, o + padded, 0f);
        }
    }

    /** n rounded up to whole vectors. */
    private static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    private static float[] iota() {
        float[] lanes = new float[LANES];
        for (int i = 0; i < LANES; i++) lanes[i] = i;
        return lanes;
    }

    /**
     * One thread's working arrays, grown (to at least twice their size, so a KV cache growing by one position
     * per step seldom reallocates) and otherwise reused: a head's keys or values transposed (HS, T padded),
     * a tile of score rows, and backward's W and dS (T, T padded).
     */
    private static final class Scratch {
        float[] transposed = new float[0], tile = new float[0], weights = new float[0], scores = new float[0];

        /** Room for the forward of one head (and for step). */
        Scratch fit(int T, int HS) {
            int padded = padded(T);
            transposed = atLeast(transposed, HS * padded);
            tile = atLeast(tile, ROWS * padded);
            return this;
        }

        /** Room for the backward of one head too. */
        Scratch fitBackward(int T, int HS) {
            fit(T, HS);
            weights = atLeast(weights, T * padded(T));
            scores = atLeast(scores, T * padded(T));
            return this;
        }

        private static float[] atLeast(float[] array, int length) {
            return array.length >= length ? array : new float[Math.max(length, 2 * array.length)];
        }
    }
}
