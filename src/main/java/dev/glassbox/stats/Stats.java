package dev.glassbox.stats;

import dev.glassbox.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The small numeric chores the notebooks share, so that no cell has to define them: float arrays to
 * double arrays (what plots and commons-math3 take), the largest difference between a library result and
 * a hand computation, the cosine similarity between the rows of a table, and the mean, variance and
 * root-mean-square of a vector (commons-math3's {@code StatUtils}).
 */
public final class Stats {

    private Stats() {
    }

    /** The same numbers as doubles. */
    public static double[] toDoubles(float[] values) {
        if (values == null) {
            throw new IllegalArgumentException("values are null; expected a float[]");
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** The same matrix as doubles, row by row; rows may not be null. */
    public static double[][] toDoubles(float[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException("matrix is null; expected a float[][]");
        }
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException("row " + r + " of the matrix is null");
            }
            out[r] = toDoubles(rows[r]);
        }
        return out;
    }

    /** The rows of a rank-2 tensor (rows, columns) as doubles: one array per row. */
    public static double[][] toDoubles(Tensor matrix) {
        if (matrix == null || matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a rank-2 tensor (rows, columns), got "
                + (matrix == null ? "null" : "shape " + Arrays.toString(matrix.shape())));
        }
        double[][] out = new double[matrix.dim(0)][];
        for (int r = 0; r < out.length; r++) {
            out[r] = toDoubles(matrix.vectorAt(r));
        }
        return out;
    }

    /** The mean of the values, (1/n) Σ v. */
    public static double mean(float[] values) {
        return StatUtils.mean(nonEmpty("mean", values));
    }

    /** The variance with 1/n (what layer norm divides by, not the sample variance's 1/(n − 1)): (1/n) Σ (v − mean)². */
    public static double variance(float[] values) {
        return StatUtils.populationVariance(nonEmpty("variance", values));
    }

    /** The root-mean-square, √((1/n) Σ v²): the typical size of an entry, whatever its sign. */
    public static double rms(float[] values) {
        return Math.sqrt(StatUtils.sumSq(nonEmpty("rms", values)) / values.length);
    }

    private static double[] nonEmpty(String what, float[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " of " + (values == null ? "null" : "no values")
                + "; expected at least one number");
        }
        return toDoubles(values);
    }

    /** max over i of |a[i] − b[i]|; the arrays must have the same length. */
    public static double maxDifference(float[] a, float[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("cannot compare with null");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare " + a.length + " values with " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;   // a NaN must not hide behind a smaller difference elsewhere
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** max over all entries of |a[i][j] − b[i][j]|; the matrices must have the same shape. */
    public static double maxDifference(float[][] a, float[][] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("cannot compare with null");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare a matrix of " + a.length + " rows with one of " + b.length);
        }
        double worst = 0;
        for (int r = 0; r < a.length; r++) {
            if (a[r] == null || b[r] == null || a[r].length != b[r].length) {
                throw new IllegalArgumentException("row " + r + " has " + length(a[r]) + " values in one matrix and "
                    + length(b[r]) + " in the other");
            }
            double d = maxDifference(a[r], b[r]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /**
     * The largest |tensor − matrix| over all entries, for a tensor that holds exactly one (rows, columns)
     * matrix: shape (rows, columns) or with leading dimensions of size 1, such as a layer's (1, T, C) output
     * or one head's (1, 1, T, T) attention weights.
     */
    public static double maxDifference(Tensor tensor, float[][] matrix) {
        if (tensor == null || matrix == null || matrix.length == 0 || matrix[0] == null) {
            throw new IllegalArgumentException("cannot compare with null or an empty matrix");
        }
        int[] shape = tensor.shape();
        int columns = matrix[0].length;
        boolean oneMatrix = shape.length >= 2 && shape[shape.length - 2] == matrix.length
            && shape[shape.length - 1] == columns;
        for (int d = 0; d < shape.length - 2 && oneMatrix; d++) {
            oneMatrix = shape[d] == 1;
        }
        if (!oneMatrix) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " does not hold one ("
                + matrix.length + ", " + columns + ") matrix; expected (" + matrix.length + ", " + columns
                + ") after leading dimensions of size 1");
        }
        float[][] rows = new float[matrix.length][];
        float[] data = tensor.data();
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(data, r * columns, (r + 1) * columns);
        }
        return maxDifference(rows, matrix);
    }

    /**
     * The largest |a − b| at one position of two per-head tensors of shape (1, NH, T, ·) (the keys,
     * values or attention weights of one sequence, as {@code attention.internals()} holds them), over
     * every head: 0 exactly when the two runs agree at that position in every head. The two sequences
     * may differ in length T; the position must lie in both.
     */
    public static double maxDifferenceAt(Tensor a, Tensor b, int position) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("cannot compare with null");
        }
        int[] shape = a.shape(), other = b.shape();
        for (int[] s : new int[][] {shape, other}) {
            if (s.length != 4 || s[0] != 1) {
                throw new IllegalArgumentException("expected a per-head tensor of shape (1, NH, T, ·), got "
                    + Arrays.toString(s));
            }
        }
        if (shape[1] != other[1] || shape[3] != other[3]) {
            throw new IllegalArgumentException("cannot compare a tensor of shape " + Arrays.toString(shape)
                + " with one of shape " + Arrays.toString(other) + "; the heads (dimension 1) and the last dimension must agree");
        }
        int positions = Math.min(shape[2], other[2]);
        if (position < 0 || position >= positions) {
            throw new IllegalArgumentException("position " + position + " is outside 0.." + (positions - 1)
                + " (the " + positions + " positions both tensors have)");
        }
        double worst = 0;
        for (int h = 0; h < shape[1]; h++) {
            double d = maxDifference(a.vectorAt(0, h, position), b.vectorAt(0, h, position));
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /**
     * similarity[i][j] = cos(angle between row i and row j) = rows[i]·rows[j] / (|rows[i]| |rows[j]|), in
     * [−1, 1] (clamped there: rounding must not step outside). A row of zeros has no direction and is refused.
     */
    public static double[][] cosineSimilarities(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("cosine similarities need at least one row");
        }
        int n = rows.length;
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            if (rows[i] == null || rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + length(rows[i]) + " values, row 0 has "
                    + rows[0].length);
            }
            norms[i] = Math.sqrt(dot(rows[i], rows[i]));
            if (!(norms[i] > 0) || !Double.isFinite(norms[i])) {
                throw new IllegalArgumentException("row " + i + " has norm " + norms[i]
                    + "; a cosine similarity needs a finite, non-zero vector");
            }
        }
        double[][] similarity = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // rounding can put a cosine a hair outside [−1, 1] (1.0000000000000002 for a row with itself)
                similarity[i][j] = Math.max(-1, Math.min(1, dot(rows[i], rows[j]) / (norms[i] * norms[j])));
            }
        }
        return similarity;
    }

    /** {@link #cosineSimilarities(double[][])} of the rows of a rank-2 tensor, e.g. a (T, C) position table. */
    public static double[][] cosineSimilarities(Tensor matrix) {
        return cosineSimilarities(toDoubles(matrix));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int c = 0; c < a.length; c++) {
            sum += a[c] * b[c];
        }
        return sum;
    }

    private static String length(float[] row) {
        return row == null ? "no" : String.valueOf(row.length);
    }

    private static String length(double[] row) {
        return row == null ? "no" : String.valueOf(row.length);
    }
}
