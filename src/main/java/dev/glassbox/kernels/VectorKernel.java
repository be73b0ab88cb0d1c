package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loops of {@link Matmul}, loaded only when {@code jdk.incubator.vector} is present.
 *
 * <p>Register blocking: a tile of 4 rows × 2 vectors of {@code out} (4 × 32 numbers with AVX-512)
 * stays in 8 registers for the whole sum over k; each step loads 2 vectors of b, broadcasts 4 numbers
 * of a, and does 8 fused multiply-adds. Rows and columns that don't fill a tile go through narrower
 * loops that add in exactly the same order, so every element of {@code out} is
 * {@code fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], 0))} however the rows were split among threads:
 * results are bit-identical for any thread count.
 */
final class VectorKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorKernel() {}

    /**
     * Rows [from, to) of {@code out (+)= A · b}, b (K, N). Element (i, p) of A is
     * {@code a[i * rowStride + p * colStride]}: (k, 1) for A stored (M, K), (1, m) for A stored
     * transposed as (K, M) — so Aᵀ·b needs no transposed copy.
     */
    static void rows(float[] out, float[] a, int rowStride, int colStride, float[] b, int from, int to, int k, int n,
                     boolean accumulate) {
        int i = from;
        for (; i + 3 < to; i += 4) fourRows(out, a, rowStride, colStride, b, i, k, n, accumulate);
        for (; i < to; i++) columns(out, a, rowStride, colStride, b, i, 0, k, n, accumulate);
    }

    private static void fourRows(float[] out, float[] a, int rowStride, int colStride, float[] b, int i, int k, int n,
                                 boolean accumulate) {
        int a0 = i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        int j = 0;
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
            FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
            FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
            FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
            for (int p = 0, bRow = j, ap = 0; p < k; p++, bRow += n, ap += colStride) {
                FloatVector b0 = FloatVector.fromArray(SPECIES, b, bRow);
                FloatVector b1 = FloatVector.fromArray(SPECIES, b, bRow + LANES);
                FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            store(c00, out, i * n + j, accumulate);
            store(c01, out, i * n + j + LANES, accumulate);
            store(c10, out, (i + 1) * n + j, accumulate);
            store(c11, out, (i + 1) * n + j + LANES, accumulate);
            store(c20, out, (i + 2) * n + j, accumulate);
            store(c21, out, (i + 2) * n + j + LANES, accumulate);
            store(c30, out, (i + 3) * n + j, accumulate);
            store(c31, out, (i + 3) * n + j + LANES, accumulate);
        }
        if (j < n) {
            for (int r = 0; r < 4; r++) columns(out, a, rowStride, colStride, b, i + r, j, k, n, accumulate);
        }
    }

    /** Row i, columns [j0, n): one vector at a time, then single numbers — same order of additions. */
    private static void columns(float[] out, float[] a, int rowStride, int colStride, float[] b, int i, int j0, int k,
                                int n, boolean accumulate) {
        int aRow = i * rowStride, outRow = i * n;
        int j = j0;
        for (; j + LANES <= n; j += LANES) {
            FloatVector c = FloatVector.zero(SPECIES);
            for (int p = 0, bRow = j; p < k; p++, bRow += n) {
                c = FloatVector.broadcast(SPECIES, a[aRow + p * colStride]).fma(FloatVector.fromArray(SPECIES, b, bRow), c);
            }
            store(c, out, outRow + j, accumulate);
        }
        for (; j < n; j++) {
            float c = 0;
            for (int p = 0; p < k; p++) c = Math.fma(a[aRow + p * colStride], b[p * n + j], c);
            out[outRow + j] = accumulate ? out[outRow + j] + c : c;
        }
    }

    private static void store(FloatVector sum, float[] out, int offset, boolean accumulate) {
        if (accumulate) sum = sum.add(FloatVector.fromArray(SPECIES, out, offset));
        sum.intoArray(out, offset);
    }
}
