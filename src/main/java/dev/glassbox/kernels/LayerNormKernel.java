package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;

import static dev.glassbox.kernels.VectorMath.LANES;
import static dev.glassbox.kernels.VectorMath.SPECIES;

/**
 * The fast twin of {@code nn.LayerNorm}: the same formulas in float on SIMD registers, each row's
 * statistics in two fused passes. Rows are independent in forward and in dx; the weight and bias
 * gradients add rows in ascending order on one thread — bit-identical for any thread count.
 * Agrees with the reference (double sums) within 1e-5 (KernelTwinTest).
 */
public final class LayerNormKernel {
    /**
     * Work per element for {@link Parallel}'s threshold. It takes 0.7-0.9 ns an element (about 40 of the matmul's
     * multiply-adds), but being memory-bound it gains nothing from a second thread at the model's sizes
     * (HandOffBench: 2048 × 128 split ran 9-17 % slower), so it counts less and splits only when much larger.
     */
    private static final long WORK_PER_ELEMENT = 8;

    private LayerNormKernel() {}

    /** y = n · weight + bias with n = (x − μ) · rstd per row of C; fills normalized (rows, C) and rstd (rows). */
    public static void forward(float[] x, float[] weight, float[] bias, float eps, int rows, int C,
                               float[] y, float[] normalized, float[] rstd) {
        Parallel.ranges(rows, WORK_PER_ELEMENT * rows * C, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * C;
                float mean = sum(x, o, C, 0f) / C;
                float variance = sumOfSquares(x, o, C, mean) / C;
                float s = (float) (1.0 / Math.sqrt(variance + eps));
                rstd[r] = s;
                int c = 0;
                for (; c + LANES <= C; c += LANES) {
                    FloatVector n = FloatVector.fromArray(SPECIES, x, o + c).sub(mean).mul(s);
                    n.intoArray(normalized, o + c);
                    n.fma(FloatVector.fromArray(SPECIES, weight, c), FloatVector.fromArray(SPECIES, bias, c)).intoArray(y, o + c);
                }
                for (; c < C; c++) {
                    float n = (x[o + c] - mean) * s;
                    normalized[o + c] = n;
                    y[o + c] = Math.fma(n, weight[c], bias[c]);
                }
            }
        });
    }

    /** dx = rstd · (dn − mean(dn) − n · mean(dn · n)), dn = dy · weight; dweight += Σ dy · n, dbias += Σ dy. */
    public static void backward(float[] dy, float[] normalized, float[] rstd, float[] weight, int rows, int C,
                                float[] dx, float[] dWeight, float[] dBias) {
        Parallel.ranges(rows, WORK_PER_ELEMENT * rows * C, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * C;
                FloatVector sumDn = FloatVector.zero(SPECIES), sumDnN = FloatVector.zero(SPECIES);
                int c = 0;
                for (; c + LANES <= C; c += LANES) {
                    FloatVector dn = FloatVector.fromArray(SPECIES, dy, o + c).mul(FloatVector.fromArray(SPECIES, weight, c));
                    sumDn = sumDn.add(dn);
                    sumDnN = dn.fma(FloatVector.fromArray(SPECIES, normalized, o + c), sumDnN);
                }
                float tailDn = 0f, tailDnN = 0f;
                for (; c < C; c++) {
                    float dn = dy[o + c] * weight[c];
                    tailDn += dn;
                    tailDnN = Math.fma(dn, normalized[o + c], tailDnN);
                }
                float meanDn = (VectorMath.sum(sumDn) + tailDn) / C;
                float meanDnN = (VectorMath.sum(sumDnN) + tailDnN) / C;
                float s = rstd[r];
                for (c = 0; c + LANES <= C; c += LANES) {
                    FloatVector dn = FloatVector.fromArray(SPECIES, dy, o + c).mul(FloatVector.fromArray(SPECIES, weight, c));
                    FloatVector n = FloatVector.fromArray(SPECIES, normalized, o + c);
                    dn.sub(meanDn).sub(n.mul(meanDnN)).mul(s).intoArray(dx, o + c);
                }
                for (; c < C; c++) {
                    float dn = dy[o + c] * weight[c];
                    dx[o + c] = (dn - meanDn - normalized[o + c] * meanDnN) * s;
                }
            }
        });
        for (int r = 0; r < rows; r++) {
            int o = r * C, c = 0;
            for (; c + LANES <= C; c += LANES) {
                FloatVector g = FloatVector.fromArray(SPECIES, dy, o + c);
                g.fma(FloatVector.fromArray(SPECIES, normalized, o + c), FloatVector.fromArray(SPECIES, dWeight, c)).intoArray(dWeight, c);
                g.add(FloatVector.fromArray(SPECIES, dBias, c)).intoArray(dBias, c);
            }
            for (; c < C; c++) {
                dWeight[c] = Math.fma(dy[o + c], normalized[o + c], dWeight[c]);
                dBias[c] += dy[o + c];
            }
        }
    }

    private static float sum(float[] x, int o, int n, float shift) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int c = 0;
        for (; c + LANES <= n; c += LANES) acc = acc.add(FloatVector.fromArray(SPECIES, x, o + c).sub(shift));
        float tail = 0f;
        for (; c < n; c++) tail += x[o + c] - shift;
        return VectorMath.sum(acc) + tail;
    }

    private static float sumOfSquares(float[] x, int o, int n, float mean) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int c = 0;
        for (; c + LANES <= n; c += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, o + c).sub(mean);
            acc = d.fma(d, acc);
        }
        float tail = 0f;
        for (; c < n; c++) tail = Math.fma(x[o + c] - mean, x[o + c] - mean, tail);
        return VectorMath.sum(acc) + tail;
    }
}
