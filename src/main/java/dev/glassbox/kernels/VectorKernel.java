package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loop of {@link Matmul}, loaded only when {@code jdk.incubator.vector} is present.
 * Same i-k-j order as {@link Matmul#scalarRows}; four rows of b are folded into each output
 * vector per pass (register blocking), which keeps out's row in registers for four FMAs.
 */
final class VectorKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorKernel() {}

    static void rows(float[] out, float[] a, float[] b, int from, int to, int k, int n) {
        int lanes = SPECIES.length();
        int vectorEnd = SPECIES.loopBound(n);
        for (int i = from; i < to; i++) {
            int outRow = i * n, aRow = i * k;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                FloatVector a0 = FloatVector.broadcast(SPECIES, a[aRow + p]);
                FloatVector a1 = FloatVector.broadcast(SPECIES, a[aRow + p + 1]);
                FloatVector a2 = FloatVector.broadcast(SPECIES, a[aRow + p + 2]);
                FloatVector a3 = FloatVector.broadcast(SPECIES, a[aRow + p + 3]);
                int b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
                int j = 0;
                for (; j < vectorEnd; j += lanes) {
                    FloatVector acc = FloatVector.fromArray(SPECIES, out, outRow + j);
                    acc = a0.fma(FloatVector.fromArray(SPECIES, b, b0 + j), acc);
                    acc = a1.fma(FloatVector.fromArray(SPECIES, b, b1 + j), acc);
                    acc = a2.fma(FloatVector.fromArray(SPECIES, b, b2 + j), acc);
                    acc = a3.fma(FloatVector.fromArray(SPECIES, b, b3 + j), acc);
                    acc.intoArray(out, outRow + j);
                }
                for (; j < n; j++) {
                    float sum = out[outRow + j];
                    sum = Math.fma(a[aRow + p], b[b0 + j], sum);
                    sum = Math.fma(a[aRow + p + 1], b[b1 + j], sum);
                    sum = Math.fma(a[aRow + p + 2], b[b2 + j], sum);
                    sum = Math.fma(a[aRow + p + 3], b[b3 + j], sum);
                    out[outRow + j] = sum;
                }
            }
            for (; p < k; p++) {
                FloatVector ap = FloatVector.broadcast(SPECIES, a[aRow + p]);
                int bRow = p * n;
                int j = 0;
                for (; j < vectorEnd; j += lanes) {
                    ap.fma(FloatVector.fromArray(SPECIES, b, bRow + j), FloatVector.fromArray(SPECIES, out, outRow + j))
                            .intoArray(out, outRow + j);
                }
                for (; j < n; j++) out[outRow + j] = Math.fma(a[aRow + p], b[bRow + j], out[outRow + j]);
            }
        }
    }
}
