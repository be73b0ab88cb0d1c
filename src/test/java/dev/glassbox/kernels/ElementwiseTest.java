package dev.glassbox.kernels;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD bias loops against the same sums written here as plain loops, bit for bit, and the finite
 * check against every kind and place of non-finite number: in a whole vector, in the tail, first of two.
 * Widths below, at and above one AVX-512 vector, and not a multiple of it.
 */
class ElementwiseTest {
    @BeforeAll
    static void simdIsOn() {
        assertTrue(Simd.available(), "the tests run with --add-modules jdk.incubator.vector, so the SIMD loops must be in use");
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 3);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 128})
    void addToEveryRowAddsTheRowToEachRowExactly(int n) {
        int rows = 9;
        float[] x = random(rows * n, 1), row = random(n, 2), expected = x.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) expected[r * n + c] = x[r * n + c] + row[c];
        }
        Elementwise.addToEveryRow(x, row, rows);
        assertArrayEquals(expected, x);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 37, 128})
    void addColumnSumsAddsTheRowsInAscendingOrderExactly(int n) {
        int rows = 11;
        float[] x = random(rows * n, 3), sum = random(n, 4), expected = sum.clone();
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < rows; r++) expected[c] += x[r * n + c];
        }
        Elementwise.addColumnSums(sum, x, rows);
        assertArrayEquals(expected, sum);
    }

    /** Enough rows (over Parallel.THRESHOLD) that the pool splits the work: rows for the bias add, whole vectors of columns for the sums. */
    @ParameterizedTest
    @ValueSource(ints = {37, 128})
    void splitAmongThreadsTheLoopsGiveThePlainLoopsBits(int n) {
        int rows = 30_000, threads = Matmul.threads();
        Matmul.setThreads(2);
        float[] x = random(rows * n, 8), row = random(n, 9), expected = x.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) expected[r * n + c] = x[r * n + c] + row[c];
        }
        Elementwise.addToEveryRow(x, row, rows);
        assertArrayEquals(expected, x, "bias add");
        float[] sum = random(n, 10), expectedSum = sum.clone();
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < rows; r++) expectedSum[c] += x[r * n + c];
        }
        Elementwise.addColumnSums(sum, x, rows);
        assertArrayEquals(expectedSum, sum, "column sums");
        Matmul.setThreads(threads);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 37, 1000})
    void firstNonFiniteFindsTheFirstNanOrInfinityWherever(int n) {
        float[] x = random(n, 5);
        x[0] = Float.MAX_VALUE;                                                     // large but finite
        assertEquals(-1, Elementwise.firstNonFinite(x));
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[]{0, n / 2, n - 1}) {
                float[] y = x.clone();
                y[at] = bad;
                if (at + 1 < n) y[n - 1] = Float.NaN;                               // a later one does not hide it
                assertEquals(at, Elementwise.firstNonFinite(y), bad + " at " + at + " of " + n);
            }
        }
    }
}
