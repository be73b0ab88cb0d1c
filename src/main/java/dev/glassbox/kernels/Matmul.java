package dev.glassbox.kernels;

/**
 * The one hot loop of the library: {@code out (M, N) = a (M, K) · b (K, N)}, row-major flat arrays.
 *
 * <p>Everything else in Glassbox reads like its formula; this class is tuned. Each output row is
 * computed by one thread, always in the same order (k ascending), so the result is bit-identical
 * whatever the thread count (and however rows are split among threads). Rows are split among the
 * fixed pool of {@link Parallel}.
 *
 * <p>With the {@code jdk.incubator.vector} module present ({@code --add-modules
 * jdk.incubator.vector}) the inner loop runs on SIMD registers via {@code VectorKernel}; without it, a
 * plain-Java loop gives the same results up to float rounding (fused multiply-add vs multiply then add).
 */
public final class Matmul {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("glassbox.noVector");
    private Matmul() {}

    /** How many threads share a large multiply (the {@link Parallel} pool's size). */
    public static int threads() {
        return Parallel.threads();
    }

    /** Sets the thread count of the {@link Parallel} pool (1 = single-threaded); results do not depend on it. */
    public static void setThreads(int count) {
        Parallel.setThreads(count);
    }

    /** True when the SIMD (Vector API) inner loop is in use. */
    public static boolean vectorized() {
        return VECTOR;
    }

    /**
     * {@code out = a · b}, or {@code out += a · b} when {@code accumulate}.
     * Shapes: a (M, K), b (K, N), out (M, N); all flat, row-major.
     */
    public static void multiply(float[] out, float[] a, float[] b, int m, int k, int n, boolean accumulate) {
        checkLength("a", a, m, k);
        run(out, a, k, 1, b, false, m, k, n, accumulate);
    }

    /**
     * {@code out (+)= aᵀ · b} where {@code a} is stored (K, M): the weight gradient xᵀ·dy of a linear
     * layer, read in place instead of from a transposed copy. Shapes: a (K, M), b (K, N), out (M, N).
     */
    public static void multiplyTransposedA(float[] out, float[] a, float[] b, int m, int k, int n, boolean accumulate) {
        checkLength("a", a, k, m);
        if (VECTOR && n < m && m <= VectorKernel.JC) {
            // outᵀ (N, M) = bᵀ · a computes the same chains (fma is symmetric in its two factors) but transposes
            // b's N·K numbers into the kernel's layout instead of a's M·K, at the price of turning out (M·N) over
            checkLength("b", b, k, n);
            checkLength("out", out, m, n);
            float[] outT = new float[n * m];
            if (accumulate) transpose(outT, out, m, n);
            run(outT, b, 1, n, a, false, n, k, m, accumulate);
            transpose(out, outT, n, m);
            return;
        }
        run(out, a, 1, m, b, false, m, k, n, accumulate);
    }

    /**
     * {@code out (+)= a · bᵀ} where {@code b} is stored (N, K): the input gradient dy·Wᵀ of a linear layer
     * (W stored (in, out)), read in place instead of from a transposed copy. Shapes: a (M, K), b (N, K), out (M, N).
     */
    public static void multiplyTransposedB(float[] out, float[] a, float[] b, int m, int k, int n, boolean accumulate) {
        checkLength("a", a, m, k);
        if (!VECTOR) {                                     // the plain loop reads b row by row: give it bᵀ
            checkLength("b", b, n, k);
            float[] bT = new float[k * n];
            transpose(bT, b, n, k);
            b = bT;
        }
        run(out, a, k, 1, b, VECTOR, m, k, n, accumulate);
    }

    private static void run(float[] out, float[] a, int rowStride, int colStride, float[] b, boolean bTransposed,
                            int m, int k, int n, boolean accumulate) {
        if (bTransposed) checkLength("b", b, n, k);
        else checkLength("b", b, k, n);
        checkLength("out", out, m, n);
        // one thread per band of rows; each row's sums are the same whichever thread computes them
        Parallel.ranges(m, (long) m * k * n,
                (from, to) -> rows(out, a, rowStride, colStride, b, bTransposed, from, to, k, n, accumulate));
    }

    /** {@code out (N, M) = inᵀ} for {@code in (M, N)}, in 32 × 32 tiles so both sides stay in cache. */
    public static void transpose(float[] out, float[] in, int m, int n) {
        checkLength("in", in, m, n);
        checkLength("out", out, n, m);
        final int tile = 32;
        for (int i0 = 0; i0 < m; i0 += tile) {
            for (int j0 = 0; j0 < n; j0 += tile) {
                int iEnd = Math.min(m, i0 + tile), jEnd = Math.min(n, j0 + tile);
                for (int i = i0; i < iEnd; i++) {
                    for (int j = j0; j < jEnd; j++) out[j * m + i] = in[i * n + j];
                }
            }
        }
    }

    private static void rows(float[] out, float[] a, int rowStride, int colStride, float[] b, boolean bTransposed,
                             int from, int to, int k, int n, boolean accumulate) {
        if (VECTOR) {
            VectorKernel.rows(out, a, rowStride, colStride, b, bTransposed, from, to, k, n, accumulate);
        } else {
            if (!accumulate) java.util.Arrays.fill(out, from * n, to * n, 0f);
            scalarRows(out, a, rowStride, colStride, b, from, to, k, n);
        }
    }

    /** i-k-j order: the inner loop walks rows of b and out contiguously; four k's per pass. */
    static void scalarRows(float[] out, float[] a, int rowStride, int colStride, float[] b, int from, int to, int k,
                           int n) {
        for (int i = from; i < to; i++) {
            int outRow = i * n, aRow = i * rowStride;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                float a0 = a[aRow + p * colStride], a1 = a[aRow + (p + 1) * colStride];
                float a2 = a[aRow + (p + 2) * colStride], a3 = a[aRow + (p + 3) * colStride];
                int b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    out[outRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
            }
            for (; p < k; p++) {
                float ap = a[aRow + p * colStride];
                int bRow = p * n;
                for (int j = 0; j < n; j++) out[outRow + j] += ap * b[bRow + j];
            }
        }
    }

    /** Fails, naming the array, unless it holds a (rows, cols) matrix with at least one row and column. */
    static void checkLength(String name, float[] array, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + " must have at least one row and column, got " + rows + " x " + cols);
        }
        if ((long) rows * cols > array.length) {
            throw new IllegalArgumentException(name + " has " + array.length + " numbers, too few for "
                    + rows + " x " + cols);
        }
    }
}
