package dev.glassbox.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MatmulTest {

    @AfterEach
    void restoreThreads() {
        Matmul.setThreads(2);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    /** Reference in double precision, i-j-k, written independently of the kernel. */
    private static double[] reference(float[] a, float[] b, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) a[i * k + p] * b[p * n + j];
                out[i * n + j] = s;
            }
        return out;
    }

    @Test
    void matchesDoublePrecisionReferenceOnOddShapes() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 65}, {64, 129, 31}, {200, 70, 150}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(m * k, 1), b = random(k * n, 2), out = new float[m * n];
            Matmul.multiply(out, a, b, m, k, n, false);
            double[] ref = reference(a, b, m, k, n);
            for (int i = 0; i < out.length; i++) {
                assertEquals(ref[i], out[i], 1e-5 * k, "shape " + m + "x" + k + "x" + n + " at " + i);
            }
        }
    }

    @Test
    void accumulateAddsToWhatIsThereOnTileAndEdgeShapes() {
        int m = 37, k = 19, n = 70;   // 9 four-row tiles + 1 row; 2 vectors + a partial one per row
        float[] a = random(m * k, 5), b = random(k * n, 6), out = random(m * n, 7), before = out.clone();
        Matmul.multiply(out, a, b, m, k, n, true);
        double[] ref = reference(a, b, m, k, n);
        for (int i = 0; i < out.length; i++) assertEquals(before[i] + ref[i], out[i], 1e-5 * k, "at " + i);
    }

    /** aᵀ·b read from a stored (K, M) and a·bᵀ read from b stored (N, K): near the double reference, and bit
     *  for bit multiply on the transposed copy. */
    @Test
    void transposedOperandsMatchTheProductWithAnExplicitTranspose() {
        int m = 45, k = 70, n = 67;
        float[] a = random(m * k, 8), b = random(k * n, 9), aT = new float[k * m], bT = new float[n * k];
        Matmul.transpose(aT, a, m, k);
        Matmul.transpose(bT, b, k, n);
        double[] ref = reference(a, b, m, k, n);
        float[] viaCopy = new float[m * n], readingAT = new float[m * n], readingBT = new float[m * n];
        Matmul.multiply(viaCopy, a, b, m, k, n, false);
        Matmul.multiplyTransposedA(readingAT, aT, b, m, k, n, false);
        Matmul.multiplyTransposedB(readingBT, a, bT, m, k, n, false);
        for (int i = 0; i < viaCopy.length; i++) {
            assertEquals(ref[i], readingAT[i], 1e-5 * k, "aᵀ·b at " + i);
            assertEquals(ref[i], readingBT[i], 1e-5 * k, "a·bᵀ at " + i);
        }
        assertArrayEquals(viaCopy, readingAT, "aᵀ·b: same fma order as multiply on the transposed copy");
        assertArrayEquals(viaCopy, readingBT, "a·bᵀ: same fma order as multiply on the transposed copy");
    }

    /** Each element as the kernel's Javadoc states it: one float fma chain over k ascending, from start. */
    private static float fmaChain(float[] a, int rowStride, int colStride, float[] b, int i, int j, int k, int n, float start) {
        float sum = start;
        for (int p = 0; p < k; p++) sum = Math.fma(a[i * rowStride + p * colStride], b[p * n + j], sum);
        return sum;
    }

    /**
     * Shapes that cross every block edge of the SIMD kernel: several KC = 256 panels of k, two MC = 256
     * blocks of rows with a last 8-row tile cut short, several NC = 512 column panels with a last strip cut
     * short; the second shape has two JC = 1536 column slabs packed one after the other, the third fewer columns
     * than rows (multiplyTransposedA then computes outᵀ = bᵀ·a). Every element must equal its fma chain bit for
     * bit, for a stored (M, K) and (K, M), b stored (K, N) and (N, K), fresh and accumulating.
     */
    @ParameterizedTest
    @CsvSource({"300, 600, 530", "20, 300, 1600", "530, 300, 100"})
    void everyElementIsOneFmaChainOverKAscending(int m, int k, int n) {
        assumeTrue(Matmul.vectorized(), "the plain-Java fallback multiplies then adds");
        float[] a = random(m * k, 21), aT = new float[k * m], b = random(k * n, 22), bT = new float[n * k];
        float[] start = random(m * n, 23);
        Matmul.transpose(aT, a, m, k);
        Matmul.transpose(bT, b, k, n);
        for (String stored : new String[]{"a (M, K)", "a (K, M)", "b (N, K)"}) {
            for (boolean accumulate : new boolean[]{false, true}) {
                float[] out = start.clone();
                if (stored.equals("a (K, M)")) Matmul.multiplyTransposedA(out, aT, b, m, k, n, accumulate);
                else if (stored.equals("b (N, K)")) Matmul.multiplyTransposedB(out, a, bT, m, k, n, accumulate);
                else Matmul.multiply(out, a, b, m, k, n, accumulate);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float from = accumulate ? start[i * n + j] : 0f;
                        float expected = stored.equals("a (K, M)") ? fmaChain(aT, 1, m, b, i, j, k, n, from)
                                : fmaChain(a, k, 1, b, i, j, k, n, from);
                        assertEquals(expected, out[i * n + j], stored + ", accumulate " + accumulate
                                + ", at (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    /** Rows computed as part of a band that starts anywhere (how threads split the work) carry the same bits. */
    @Test
    void anyBandOfRowsGivesTheSameBitsAsTheWholeProduct() {
        int m = 290, k = 300, n = 70;
        float[] a = random(m * k, 31), b = random(k * n, 32), whole = new float[m * n];
        Matmul.setThreads(1);
        Matmul.multiply(whole, a, b, m, k, n, false);
        for (int[] band : new int[][]{{3, 290}, {0, 5}, {77, 270}, {261, 262}}) {
            int from = band[0], rows = band[1] - band[0];
            float[] part = new float[rows * n];
            Matmul.multiply(part, java.util.Arrays.copyOfRange(a, from * k, band[1] * k), b, rows, k, n, false);
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, from * n, band[1] * n), part, "rows " + from + ".." + band[1]);
        }
    }

    @Test
    void transposedABitIdenticalWithOneOrTwoThreads() {
        int m = 530, k = 300, n = 96;
        float[] aT = random(k * m, 41), b = random(k * n, 42), one = new float[m * n], two = new float[m * n];
        Matmul.setThreads(1);
        Matmul.multiplyTransposedA(one, aT, b, m, k, n, false);
        Matmul.setThreads(2);
        Matmul.multiplyTransposedA(two, aT, b, m, k, n, false);
        assertArrayEquals(one, two);
    }

    @Test
    void hand_computed_2x2() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, out = new float[4];
        Matmul.multiply(out, a, b, 2, 2, 2, false);
        assertArrayEquals(new float[]{19, 22, 43, 50}, out);
        Matmul.multiply(out, a, b, 2, 2, 2, true);
        assertArrayEquals(new float[]{38, 44, 86, 100}, out);
    }

    @Test
    void bitIdenticalWithOneOrTwoThreads() {
        int m = 300, k = 257, n = 190;
        float[] a = random(m * k, 3), b = random(k * n, 4);
        float[] one = new float[m * n], two = new float[m * n];
        Matmul.setThreads(1);
        Matmul.multiply(one, a, b, m, k, n, false);
        Matmul.setThreads(2);
        Matmul.multiply(two, a, b, m, k, n, false);
        assertArrayEquals(one, two);
    }

    @Test
    void transposeSwapsIndices() {
        float[] in = {1, 2, 3, 4, 5, 6}, out = new float[6];
        Matmul.transpose(out, in, 2, 3);
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, out);
    }

    @Test
    void refusesArraysTooShortForTheShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Matmul.multiply(new float[4], new float[3], new float[4], 2, 2, 2, false));
        assertTrue(e.getMessage().contains("a has 3 numbers"), e.getMessage());
    }

    @Test
    void usesTheVectorKernelWhenTheModuleIsPresent() {
        // surefire runs with --add-modules jdk.incubator.vector; if this fails the fast path is silently off
        assertTrue(Matmul.vectorized());
    }
}
