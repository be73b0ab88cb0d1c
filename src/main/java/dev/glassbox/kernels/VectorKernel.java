package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loops of {@link Matmul}, loaded only when {@code jdk.incubator.vector} is present.
 *
 * <p>Blocking, as in a BLAS: b is cut into panels of {@link #KC} rows × {@link #NC} columns, each
 * copied ("packed") into a contiguous buffer in strips of 2 vectors, zero-padded on the right, so that
 * the micro-kernel reads it front to back and it stays in the L2 cache while every row of a streams
 * past it. The micro-kernel holds a tile of 4 rows × 2 vectors of {@code out} (4 × 32 numbers with
 * AVX-512) in 8 registers over one panel's k's: per k it loads 2 vectors of b, broadcasts 4 numbers of
 * a, and does 8 fused multiply-adds.
 *
 * <p>Order of additions: each element of {@code out} is the chain
 * {@code fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], start))}, start = 0 (or the old value when
 * accumulating); a panel boundary stores the partial chain and the next panel continues it, which
 * changes no bit. Rows that don't fill a tile run the same chain one row at a time; columns past n are
 * padding: a strip narrower than the tile is computed in a padded copy and only its real columns copied back. So results are bit-identical however rows are split among threads.
 */
final class VectorKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int STRIP = 2 * LANES;       // columns per micro-tile
    static final int KC = 256;                         // rows of b per panel
    static final int NC = 4 * STRIP;                   // columns of b per panel (KC · NC · 4 bytes = 128 KB with AVX-512)

    private VectorKernel() {}

    /**
     * Rows [from, to) of {@code out (+)= A · b}, b (K, N). Element (i, p) of A is
     * {@code a[i * rowStride + p * colStride]}: (k, 1) for A stored (M, K), (1, m) for A stored
     * transposed as (K, M) — so Aᵀ·b needs no transposed copy.
     */
    static void rows(float[] out, float[] a, int rowStride, int colStride, float[] b, int from, int to, int k, int n,
                     boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(out, from * n, to * n, 0f);
        float[] packed = new float[KC * NC], tile = new float[4 * STRIP];
        for (int j0 = 0; j0 < n; j0 += NC) {
            int width = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int depth = Math.min(KC, k - p0);
                pack(b, n, p0, depth, j0, width, packed);
                int i = from;
                for (; i + 3 < to; i += 4) fourRows(out, a, rowStride, colStride, packed, i, p0, depth, j0, width, n, tile);
                for (; i < to; i++) oneRow(out, a, rowStride, colStride, packed, i, p0, depth, j0, width, n, tile);
            }
        }
    }

    /** b[p0 .. p0+depth, j0 .. j0+width) into strips of STRIP columns, each depth × STRIP, zero-padded. */
    private static void pack(float[] b, int n, int p0, int depth, int j0, int width, float[] packed) {
        for (int s = 0; s * STRIP < width; s++) {
            int cols = Math.min(STRIP, width - s * STRIP), base = s * KC * STRIP;
            for (int p = 0; p < depth; p++) {
                int src = (p0 + p) * n + j0 + s * STRIP, dst = base + p * STRIP;
                System.arraycopy(b, src, packed, dst, cols);
                if (cols < STRIP) java.util.Arrays.fill(packed, dst + cols, dst + STRIP, 0f);
            }
        }
    }

    /** Four rows i..i+3 of one panel: full strips straight in out, a partial strip through a padded tile. */
    private static void fourRows(float[] out, float[] a, int rowStride, int colStride, float[] packed, int i, int p0,
                                 int depth, int j0, int width, int n, float[] tile) {
        int aRow = i * rowStride + p0 * colStride;
        for (int s = 0; s * STRIP < width; s++) {
            int j = j0 + s * STRIP, cols = Math.min(STRIP, width - s * STRIP);
            if (cols == STRIP) {
                fourByStrip(out, i * n + j, n, a, aRow, rowStride, colStride, packed, s * KC * STRIP, depth);
            } else {
                for (int r = 0; r < 4; r++) System.arraycopy(out, (i + r) * n + j, tile, r * STRIP, cols);
                fourByStrip(tile, 0, STRIP, a, aRow, rowStride, colStride, packed, s * KC * STRIP, depth);
                for (int r = 0; r < 4; r++) System.arraycopy(tile, r * STRIP, out, (i + r) * n + j, cols);
            }
        }
    }

    /** The micro-kernel: c (4 × STRIP, rows cStride apart) continues its chains over depth k's of a packed strip. */
    private static void fourByStrip(float[] c, int o0, int cStride, float[] a, int a0, int rowStride, int colStride,
                                    float[] packed, int bp, int depth) {
        int o1 = o0 + cStride, o2 = o1 + cStride, o3 = o2 + cStride;
        int a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        FloatVector c00 = FloatVector.fromArray(SPECIES, c, o0), c01 = FloatVector.fromArray(SPECIES, c, o0 + LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, c, o1), c11 = FloatVector.fromArray(SPECIES, c, o1 + LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, c, o2), c21 = FloatVector.fromArray(SPECIES, c, o2 + LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, c, o3), c31 = FloatVector.fromArray(SPECIES, c, o3 + LANES);
        for (int p = 0, ap = 0; p < depth; p++, bp += STRIP, ap += colStride) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, packed, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packed, bp + LANES);
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
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
    }

    /** The same chains for a single row (the rows left over when a band is not a multiple of 4). */
    private static void oneRow(float[] out, float[] a, int rowStride, int colStride, float[] packed, int i, int p0,
                               int depth, int j0, int width, int n, float[] tile) {
        int a0 = i * rowStride + p0 * colStride;
        for (int s = 0; s * STRIP < width; s++) {
            int j = j0 + s * STRIP, cols = Math.min(STRIP, width - s * STRIP);
            System.arraycopy(out, i * n + j, tile, 0, cols);
            FloatVector c0 = FloatVector.fromArray(SPECIES, tile, 0), c1 = FloatVector.fromArray(SPECIES, tile, LANES);
            int bp = s * KC * STRIP;
            for (int p = 0, ap = 0; p < depth; p++, bp += STRIP, ap += colStride) {
                FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
                c0 = x.fma(FloatVector.fromArray(SPECIES, packed, bp), c0);
                c1 = x.fma(FloatVector.fromArray(SPECIES, packed, bp + LANES), c1);
            }
            c0.intoArray(tile, 0);
            c1.intoArray(tile, LANES);
            System.arraycopy(tile, 0, out, i * n + j, cols);
        }
    }
}
