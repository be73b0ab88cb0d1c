package dev.glassbox.stats;

import dev.glassbox.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis: the directions along which a set of vectors differ most, found by the
 * singular value decomposition of the centred data (commons-math3).
 *
 * <p>With the rows (samples) centred, X = U·S·Vᵀ: the columns of V are the principal directions, the
 * coordinates of the samples along them are the columns of U·S, and component k carries the share
 * s_k² / Σ s² of the total variance (the same as the covariance matrix's eigenvalues over their sum).
 * A direction's sign is arbitrary; here each one is turned so that its largest entry is positive, which
 * makes the result reproducible.
 *
 * <pre>{@code
 * Pca pca = Pca.fit(rows);                    // rows: n samples of m numbers
 * double[][] xy = pca.coordinates(2);         // xy[0] = component 1 of every sample, xy[1] = component 2
 * pca.varianceShare(0);                       // e.g. 0.41: component 1 keeps 41 % of the variance
 * }</pre>
 * Of a matrix's rows, e.g. some tokens' embeddings, each sample named by its row:
 * <pre>{@code
 * Pca digits = Pca.ofRows(wte, digitIds);     // the rows digitIds of the (V, C) table
 * digits.coordinate(0, digitIds[3]);          // where the fourth digit lies along component 1
 * digits.order(0, "0", "1", …);               // the samples sorted along component 1, with their coordinates
 * }</pre>
 */
public final class Pca {

    private final double[] means;
    private final double[][] directions;    // [component][feature], unit length
    private final double[][] coordinates;   // [component][sample]
    private final double[] varianceShares;
    private final int[] rows;               // [sample]: the matrix row each sample came from (0, 1, … for fit)

    private Pca(double[] means, double[][] directions, double[][] coordinates, double[] varianceShares, int[] rows) {
        this.means = means;
        this.directions = directions;
        this.coordinates = coordinates;
        this.varianceShares = varianceShares;
        this.rows = rows;
    }

    /**
     * Fits the components of some rows of a 2-D tensor (every row when none are named), e.g. the embeddings of
     * some tokens; each sample keeps its row number, for {@link #coordinate(int, int)}.
     */
    public static Pca ofRows(Tensor matrix, int... rows) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("PCA of rows needs a 2-D matrix (samples, features), got shape "
                + Arrays.toString(matrix.shape()));
        }
        int n = matrix.dim(0);
        int[] chosen = rows.length == 0 ? IntStream.range(0, n).toArray() : rows.clone();
        double[][] all = Stats.toDoubles(matrix);
        double[][] picked = new double[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i] < 0 || chosen[i] >= n) {
                throw new IllegalArgumentException("PCA row " + chosen[i] + " does not exist; the matrix has rows 0 to " + (n - 1));
            }
            int row = chosen[i];
            if (IntStream.of(chosen).limit(i).anyMatch(r -> r == row)) {
                throw new IllegalArgumentException("PCA row " + chosen[i] + " is named twice; name each row once");
            }
            picked[i] = all[chosen[i]];
        }
        Pca fitted = fit(picked);
        return new Pca(fitted.means, fitted.directions, fitted.coordinates, fitted.varianceShares, chosen);
    }

    /**
     * Fits the components of {@code rows}: at least 2 samples of equal length, finite numbers, not all equal.
     */
    public static Pca fit(double[][] rows) {
        if (rows == null || rows.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows (samples), got "
                + (rows == null ? "null" : String.valueOf(rows.length)));
        }
        int n = rows.length;
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("PCA row 0 is empty; expected at least one number per row");
        }
        int m = rows[0].length;
        double[] means = new double[m];
        for (int i = 0; i < n; i++) {
            if (rows[i] == null || rows[i].length != m) {
                throw new IllegalArgumentException("PCA row " + i + " has " + (rows[i] == null ? "no" : rows[i].length)
                    + " values, row 0 has " + m);
            }
            for (int c = 0; c < m; c++) {
                if (!Double.isFinite(rows[i][c])) {
                    throw new IllegalArgumentException("PCA row " + i + " has " + rows[i][c] + " at column " + c
                        + "; expected finite numbers");
                }
                means[c] += rows[i][c] / n;
            }
        }
        double[][] centred = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                centred[i][c] = rows[i][c] - means[c];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred));
        double[] singular = svd.getSingularValues();           // descending
        double total = 0;
        for (double s : singular) {
            total += s * s;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("PCA of " + n + " identical rows: there is no variance to explain");
        }
        int k = singular.length;                                // min(n, m)
        RealMatrix v = svd.getV();                              // (m, k): column j = direction j
        RealMatrix u = svd.getU();                              // (n, k)
        double[][] directions = new double[k][m];
        double[][] coordinates = new double[k][n];
        double[] shares = new double[k];
        for (int j = 0; j < k; j++) {
            double[] direction = v.getColumn(j);
            double sign = Math.signum(direction[indexOfLargest(direction)]);
            sign = sign == 0 ? 1 : sign;
            for (int c = 0; c < m; c++) {
                directions[j][c] = sign * direction[c];
            }
            for (int i = 0; i < n; i++) {
                coordinates[j][i] = sign * u.getEntry(i, j) * singular[j];   // row i of U·S, turned with its direction
            }
            shares[j] = singular[j] * singular[j] / total;
        }
        return new Pca(means, directions, coordinates, shares, IntStream.range(0, n).toArray());
    }

    /** Fits the components of float vectors, e.g. the rows of an embedding matrix. */
    public static Pca fit(float[][] rows) {
        return fit(Stats.toDoubles(rows));
    }

    /** How many components there are: min(samples, features). */
    public int components() {
        return directions.length;
    }

    /**
     * The samples' coordinates along the first {@code count} components, one array per component:
     * {@code coordinates(2)[0]} and {@code [1]} are the x and y of a 2-D scatter plot.
     */
    public double[][] coordinates(int count) {
        checkCount(count);
        double[][] out = new double[count][];
        for (int j = 0; j < count; j++) {
            out[j] = coordinates[j].clone();
        }
        return out;
    }

    /** Where the sample that came from matrix row {@code row} lies along {@code component} (0 = the first). */
    public double coordinate(int component, int row) {
        checkComponent(component);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == row) {
                return coordinates[component][i];
            }
        }
        throw new IllegalArgumentException("row " + row + " is not one of this PCA's samples " + Arrays.toString(rows));
    }

    /** The matrix rows the samples came from, in the order fitted (0, 1, 2, … after {@link #fit}). */
    public int[] rows() {
        return rows.clone();
    }

    /**
     * The samples sorted along {@code component}, each as its label and coordinate, e.g.
     * {@code "1 -2.07  2 -1.64  3 -1.02  0 +0.31"}; one label per sample, in the order fitted.
     */
    public String order(int component, String... labels) {
        checkComponent(component);
        if (labels.length != rows.length) {
            throw new IllegalArgumentException("order needs one label per sample: " + rows.length + " samples, got "
                + labels.length + " labels");
        }
        StringBuilder s = new StringBuilder();
        IntStream.range(0, rows.length).boxed().sorted(Comparator.comparingDouble(i -> coordinates[component][i]))
            .forEach(i -> s.append(s.length() == 0 ? "" : "  ").append(labels[i])
                .append(String.format(" %+.2f", coordinates[component][i])));
        return s.toString();
    }

    /** An axis title for a plot of {@code component}: "principal component 1 (41% of the variance)". */
    public String axisTitle(int component) {
        checkComponent(component);
        return "principal component " + (component + 1) + " (" + Math.round(100 * varianceShares[component])
            + "% of the variance)";
    }

    /** Direction {@code component} (0 = the one of largest variance), a unit vector of feature weights. */
    public double[] direction(int component) {
        checkComponent(component);
        return directions[component].clone();
    }

    /** The share of the total variance along {@code component}; the shares of all components sum to 1. */
    public double varianceShare(int component) {
        checkComponent(component);
        return varianceShares[component];
    }

    /** The mean of every feature over the samples, subtracted before the decomposition. */
    public double[] means() {
        return means.clone();
    }

    /** A one-line summary of the first two components' variance shares, e.g. "2 components keep 41% + 17%". */
    public String describe(int count) {
        checkCount(count);
        StringBuilder s = new StringBuilder(count + (count == 1 ? " component keeps " : " components keep "));
        for (int j = 0; j < count; j++) {
            s.append(j > 0 ? " + " : "").append(Math.round(100 * varianceShares[j])).append('%');
        }
        return s.append(" of the variance").toString();
    }

    private void checkCount(int count) {
        if (count < 1 || count > components()) {
            throw new IllegalArgumentException("asked for " + count + " components; this PCA has 1 to "
                + components());
        }
    }

    private void checkComponent(int component) {
        if (component < 0 || component >= components()) {
            throw new IllegalArgumentException("component " + component + " does not exist; this PCA has components 0 to "
                + (components() - 1));
        }
    }

    private static int indexOfLargest(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i]) > Math.abs(values[best])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Pca of " + coordinates[0].length + " samples x " + means.length + " features, variance shares "
            + Arrays.toString(Arrays.stream(varianceShares).map(s -> Math.round(s * 1000) / 1000.0).toArray());
    }
}
