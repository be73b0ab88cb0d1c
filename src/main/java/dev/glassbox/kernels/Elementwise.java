package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;

import static dev.glassbox.kernels.VectorMath.LANES;
import static dev.glassbox.kernels.VectorMath.SPECIES;

/**
 * The element-by-element loops of a training step that the JIT leaves scalar: adding a bias to every
 * row and summing rows for its gradient (the JIT cannot rule out that the two arrays are one, so it does
 * not vectorise them), and finding the first NaN or infinity (a loop that stops early). On SIMD registers
 * when {@link Simd#available()}, plain loops otherwise.
 *
 * <p>Each number is computed by the same operations in the same order either way (one addition per
 * element; a column sum adds the rows in ascending order), so results are bit for bit those of the plain
 * loops, on any thread count (rows, or columns of a sum, are split among the {@link Parallel} pool).
 */
public final class Elementwise {
    /**
     * Work per element for {@link Parallel}'s threshold: one add, memory-bound, so a second thread does not help
     * while the rows fit in a core's cache (HandOffBench: 0.5-1 M elements, 130-200 µs, ran 4-43 % slower split);
     * jobs split from about 8 M elements on.
     */
    private static final long WORK_PER_ELEMENT = 1;

    private Elementwise() {}

    /** {@code x[r, :] += row} for every row r of x (rows, n), n = row.length; rows split among threads. */
    public static void addToEveryRow(float[] x, float[] row, int rows) {
        int n = row.length;
        Matmul.checkLength("x", x, rows, n);
        Parallel.ranges(rows, WORK_PER_ELEMENT * rows * n, (from, to) -> {
            if (Simd.available()) Vectorised.addToEveryRow(x, row, from, to);
            else for (int r = from; r < to; r++) {
                for (int c = 0; c < n; c++) x[r * n + c] += row[c];
            }
        });
    }

    /**
     * {@code sum[c] += Σ_r x[r, c]}, rows added in ascending order, for x (rows, n), n = sum.length; columns
     * split among threads in whole vectors.
     */
    public static void addColumnSums(float[] sum, float[] x, int rows) {
        int n = sum.length, step = Simd.available() ? VectorMath.LANES : 1;
        Matmul.checkLength("x", x, rows, n);
        Parallel.ranges((n + step - 1) / step, WORK_PER_ELEMENT * rows * n, (first, last) -> {
            int from = first * step, to = Math.min(n, last * step);
            if (Simd.available()) Vectorised.addColumnSums(sum, x, rows, from, to);
            else for (int r = 0; r < rows; r++) {
                for (int c = from; c < to; c++) sum[c] += x[r * n + c];
            }
        });
    }

    /** Index of the first NaN or infinite number of {@code x}, or -1 if all are finite. */
    public static int firstNonFinite(float[] x) {
        if (Simd.available() && Vectorised.allFinite(x)) return -1;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) return i;
        }
        return -1;
    }

    /** The SIMD bodies, in their own class so that nothing loads the Vector API when it is absent. */
    private static final class Vectorised {
        static void addToEveryRow(float[] x, float[] row, int from, int to) {
            int n = row.length;
            for (int r = from; r < to; r++) {
                int o = r * n, c = 0;
                for (; c + LANES <= n; c += LANES) {
                    FloatVector.fromArray(SPECIES, x, o + c).add(FloatVector.fromArray(SPECIES, row, c)).intoArray(x, o + c);
                }
                for (; c < n; c++) x[o + c] += row[c];
            }
        }

        /** Columns [from, to) of the sums; from is a multiple of LANES. */
        static void addColumnSums(float[] sum, float[] x, int rows, int from, int to) {
            int n = sum.length;
            for (int r = 0; r < rows; r++) {
                int o = r * n, c = from;
                for (; c + LANES <= to; c += LANES) {
                    FloatVector.fromArray(SPECIES, sum, c).add(FloatVector.fromArray(SPECIES, x, o + c)).intoArray(sum, c);
                }
                for (; c < to; c++) sum[c] += x[o + c];
            }
        }

        /** x − x is 0 for a finite x and NaN for NaN or ±∞; a NaN added in stays NaN, in any order. */
        static boolean allFinite(float[] x) {
            FloatVector sums = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i + LANES <= x.length; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                sums = sums.add(v.sub(v));
            }
            float sum = VectorMath.sum(sums);
            for (; i < x.length; i++) sum += x[i] - x[i];
            return sum == 0f;
        }
    }
}
