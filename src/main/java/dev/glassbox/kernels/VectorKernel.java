package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loops of {@link Matmul}, loaded only when {@code jdk.incubator.vector} is present.
 *
 * <p>Blocking, as in a BLAS: b is cut into slabs of {@link #KC} rows × {@link #JC} columns, each copied
 * ("packed") into a contiguous buffer in strips of 2 vectors, zero-padded on the right, and multiplied a
 * panel of {@link #NC} columns at a time, which stays in the L2 cache while the rows of a stream past it;
 * b stored transposed as (N, K) (the input gradient dy·Wᵀ) is packed into the same strips. a is packed too,
 * {@link #MC} rows × the panel's k's at a time, always row by row (row r's k's at r · ROW), so that the
 * micro-kernel finds its MR numbers of a at fixed distances and is compiled once for every layout: A stored
 * (M, K) is copied in runs; A stored (K, M) (the weight gradient xᵀ·dy, so Aᵀ·b needs no transposed copy) is
 * transposed k by k, reading each k's row of A in one run. The micro-kernel holds a tile of {@link #MR} rows
 * × 2 vectors of {@code out} (8 × 32 numbers with AVX-512) in 16 registers over one panel's k's: per k it
 * loads 2 vectors of b, broadcasts MR numbers of a, and does 16 fused multiply-adds. Its buffers belong to
 * the calling thread and are reused from call to call.
 *
 * <p>Order of additions: each element of {@code out} is the chain
 * {@code fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], start))}, start = 0 (or the old value when
 * accumulating); a panel boundary stores the partial chain and the next panel continues it, which
 * changes no bit. A tile that sticks out past the last row or column is computed in a padded copy
 * (padding rows and columns are zeros) and only its real numbers are copied back; padding never enters
 * a real element's chain. So results are bit-identical however rows are split among threads.
 */
final class VectorKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int STRIP = 2 * LANES;       // columns per micro-tile
    static final int MR = 8;                           // rows per micro-tile
    private static final int LINE = 16;                // floats per 64-byte cache line
    static final int KC = 256;                         // k's per panel
    private static final int ROW = KC + LINE;          // packed a's row stride, one cache line more than KC (see packA)
    static final int MC = 256;                         // rows of a per packed block (MC · KC · 4 bytes = 256 KB)
    static final int NC = 16 * STRIP;                  // columns of b per panel (KC · NC · 4 bytes = 512 KB with AVX-512)
    static final int JC = 3 * NC;                      // columns of b packed at once, so a is packed once per JC columns

    /** Each thread's packing buffers, reused from call to call. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        final float[] b = new float[KC * JC], a = new float[MC * ROW], tile = new float[MR * STRIP];
    }

    private VectorKernel() {}

    /**
     * Rows [from, to) of {@code out (+)= A · B}, B stored (K, N), or (N, K) when {@code bTransposed} (dy·Wᵀ
     * needs no transposed copy of W). Element (i, p) of A is {@code a[i * rowStride + p * colStride]}: (k, 1)
     * for A stored (M, K), (1, m) for A stored transposed as (K, M) — so Aᵀ·b needs no transposed copy.
     */
    static void rows(float[] out, float[] a, int rowStride, int colStride, float[] b, boolean bTransposed, int from,
                     int to, int k, int n, boolean accumulate) {
        Buffers buffers = BUFFERS.get();
        for (int j0 = 0; j0 < n; j0 += JC) {
            int width = Math.min(JC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int depth = Math.min(KC, k - p0);
                boolean fresh = p0 == 0 && !accumulate;        // the chains start at 0, not at what out holds
                if (bTransposed) packTransposedB(b, k, p0, depth, j0, width, buffers.b);
                else packB(b, n, p0, depth, j0, width, buffers.b);
                for (int i0 = from; i0 < to; i0 += MC) {
                    int rows = Math.min(MC, to - i0);
                    packA(a, rowStride, colStride, i0, rows, p0, depth, buffers.a);
                    for (int s0 = 0; s0 * STRIP < width; s0 += NC / STRIP) {   // one panel of NC columns at a time
                        int s1 = Math.min(s0 + NC / STRIP, (width + STRIP - 1) / STRIP);
                        for (int r0 = 0; r0 < rows; r0 += MR) {
                            int i = i0 + r0, height = Math.min(MR, rows - r0), ap = r0 * ROW;
                            for (int s = s0; s < s1; s++) {
                                int j = j0 + s * STRIP, cols = Math.min(STRIP, width - s * STRIP), bp = s * KC * STRIP;
                                if (height == MR && cols == STRIP) {
                                    microKernel(out, i * n + j, n, fresh, buffers.a, ap, buffers.b, bp, depth);
                                } else {
                                    float[] tile = buffers.tile;
                                    if (!fresh) for (int r = 0; r < height; r++) System.arraycopy(out, (i + r) * n + j, tile, r * STRIP, cols);
                                    microKernel(tile, 0, STRIP, fresh, buffers.a, ap, buffers.b, bp, depth);
                                    for (int r = 0; r < height; r++) System.arraycopy(tile, r * STRIP, out, (i + r) * n + j, cols);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** b[p0 .. p0+depth, j0 .. j0+width) into strips of STRIP columns, each depth × STRIP, zero-padded; read row by row. */
    private static void packB(float[] b, int n, int p0, int depth, int j0, int width, float[] packed) {
        for (int p = 0; p < depth; p++) {
            for (int s = 0; s * STRIP < width; s++) {
                int cols = Math.min(STRIP, width - s * STRIP), src = (p0 + p) * n + j0 + s * STRIP, dst = s * KC * STRIP + p * STRIP;
                System.arraycopy(b, src, packed, dst, cols);
                if (cols < STRIP) java.util.Arrays.fill(packed, dst + cols, dst + STRIP, 0f);
            }
        }
    }

    /** The same panel, packed the same way, of B stored transposed as (N, K): column j of B is row j of b, read in order. */
    private static void packTransposedB(float[] b, int k, int p0, int depth, int j0, int width, float[] packed) {
        for (int s = 0; s * STRIP < width; s++) {
            int cols = Math.min(STRIP, width - s * STRIP), strip = s * KC * STRIP;
            for (int c = 0; c < cols; c++) {
                int src = (j0 + s * STRIP + c) * k + p0;
                for (int p = 0; p < depth; p++) packed[strip + p * STRIP + c] = b[src + p];
            }
            if (cols < STRIP) {
                for (int p = 0; p < depth; p++) java.util.Arrays.fill(packed, strip + p * STRIP + cols, strip + (p + 1) * STRIP, 0f);
            }
        }
    }

    /**
     * A[i0 .. i0+rows, p0 .. p0+depth) row by row, row r's depth numbers at r · ROW, zero rows added up to a
     * multiple of MR. A stored (M, K) copies runs; A stored (K, M) is transposed k by k: it reads A in runs
     * (the order memory prefetches) and writes one number into each of up to MC rows, whose cache lines stay
     * in L1 until they are full because ROW is not a multiple of a quarter of 4 KB.
     */
    private static void packA(float[] a, int rowStride, int colStride, int i0, int rows, int p0, int depth,
                              float[] packed) {
        if (colStride == 1) {
            for (int r = 0; r < rows; r++) System.arraycopy(a, (i0 + r) * rowStride + p0, packed, r * ROW, depth);
        } else {
            for (int p = 0; p < depth; p++) {
                int src = (p0 + p) * colStride + i0;
                for (int r = 0; r < rows; r++) packed[r * ROW + p] = a[src + r];
            }
        }
        for (int r = rows; r % MR != 0; r++) java.util.Arrays.fill(packed, r * ROW, r * ROW + depth, 0f);
    }

    private static FloatVector start(float[] c, int offset, boolean fresh) {
        return fresh ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, c, offset);
    }

    /**
     * The micro-kernel: c (MR × STRIP, rows cStride apart) continues its chains (or starts them at 0 when
     * fresh) over depth k's of packed b and packed a, whose element (r, p) is at a0 + r · ROW + p.
     */
    private static void microKernel(float[] c, int o0, int cStride, boolean fresh, float[] pa, int a0,
                                    float[] pb, int b0, int depth) {
        int o1 = o0 + cStride, o2 = o1 + cStride, o3 = o2 + cStride;
        int o4 = o3 + cStride, o5 = o4 + cStride, o6 = o5 + cStride, o7 = o6 + cStride;
        FloatVector c00 = start(c, o0, fresh), c01 = start(c, o0 + LANES, fresh);
        FloatVector c10 = start(c, o1, fresh), c11 = start(c, o1 + LANES, fresh);
        FloatVector c20 = start(c, o2, fresh), c21 = start(c, o2 + LANES, fresh);
        FloatVector c30 = start(c, o3, fresh), c31 = start(c, o3 + LANES, fresh);
        FloatVector c40 = start(c, o4, fresh), c41 = start(c, o4 + LANES, fresh);
        FloatVector c50 = start(c, o5, fresh), c51 = start(c, o5 + LANES, fresh);
        FloatVector c60 = start(c, o6, fresh), c61 = start(c, o6 + LANES, fresh);
        FloatVector c70 = start(c, o7, fresh), c71 = start(c, o7 + LANES, fresh);
        for (int p = 0; p < depth; p++) {
            int ap = a0 + p, bp = b0 + p * STRIP;
            FloatVector b0v = FloatVector.fromArray(SPECIES, pb, bp);
            FloatVector b1v = FloatVector.fromArray(SPECIES, pb, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, pa[ap]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(SPECIES, pa[ap + 1 * ROW]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(SPECIES, pa[ap + 2 * ROW]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(SPECIES, pa[ap + 3 * ROW]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(SPECIES, pa[ap + 4 * ROW]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(SPECIES, pa[ap + 5 * ROW]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            x = FloatVector.broadcast(SPECIES, pa[ap + 6 * ROW]);
            c60 = x.fma(b0v, c60);
            c61 = x.fma(b1v, c61);
            x = FloatVector.broadcast(SPECIES, pa[ap + 7 * ROW]);
            c70 = x.fma(b0v, c70);
            c71 = x.fma(b1v, c71);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + LANES);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + LANES);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + LANES);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + LANES);
    }
}
