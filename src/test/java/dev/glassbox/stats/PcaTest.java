package dev.glassbox.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.tensor.Tensor;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

class PcaTest {

    /**
     * Four points (±3, 0), (0, ±1) around (1, 2): by hand, the covariance is diag(18, 2)/3, so the components
     * are the x axis (90 % of the variance) and the y axis (10 %), and the coordinates are the offsets.
     */
    @Test
    void handCheckedTwoDimensionalCase() {
        double[][] points = {{4, 2}, {-2, 2}, {1, 3}, {1, 1}};
        Pca pca = Pca.fit(points);
        assertEquals(2, pca.components());
        assertArrayNear(new double[] {1, 2}, pca.means(), 1e-12);
        assertEquals(0.9, pca.varianceShare(0), 1e-12);
        assertEquals(0.1, pca.varianceShare(1), 1e-12);
        assertArrayNear(new double[] {1, 0}, pca.direction(0), 1e-12);
        assertArrayNear(new double[] {0, 1}, pca.direction(1), 1e-12);
        double[][] xy = pca.coordinates(2);
        assertArrayNear(new double[] {3, -3, 0, 0}, xy[0], 1e-12);
        assertArrayNear(new double[] {0, 0, 1, -1}, xy[1], 1e-12);
        assertEquals("2 components keep 90% + 10% of the variance", pca.describe(2));
    }

    /** Points on the line y = −2x: one component holds everything, along (1, −2)/√5 turned so −2/√5 … is positive. */
    @Test
    void pointsOnALineNeedOneComponent() {
        double[][] points = {{-2, 4}, {-1, 2}, {0, 0}, {1, -2}, {2, -4}};
        Pca pca = Pca.fit(points);
        assertEquals(1.0, pca.varianceShare(0), 1e-12);
        assertEquals(0.0, pca.varianceShare(1), 1e-12);
        double r5 = Math.sqrt(5);
        // the largest entry (|−2|) is made positive: direction (−1, 2)/√5
        assertArrayNear(new double[] {-1 / r5, 2 / r5}, pca.direction(0), 1e-12);
        // coordinate = point · direction: (−2, 4) → (2 + 8)/√5 = 2√5
        assertArrayNear(new double[] {2 * r5, r5, 0, -r5, -2 * r5}, pca.coordinates(1)[0], 1e-12);
    }

    /**
     * Against an independent route: the eigen-decomposition of commons-math3's sample covariance matrix. Its
     * eigenvalues over their sum are the variance shares, its eigenvectors the directions (up to sign), and the
     * centred data times an eigenvector gives the coordinates. 17 samples of 32 features, like 02's embeddings
     * (fewer samples than features: at most 16 non-zero components).
     */
    @Test
    void agreesWithTheEigenvectorsOfTheCovarianceMatrix() {
        for (int[] size : new int[][] {{17, 32}, {40, 6}}) {
            int n = size[0];
            int m = size[1];
            SplittableRandom random = new SplittableRandom(n * 100 + m);
            double[][] rows = new double[n][m];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    rows[i][c] = random.nextGaussian() * (1 + c % 5) + c;   // unequal spreads, non-zero means
                }
            }
            Pca pca = Pca.fit(rows);
            RealMatrix covariance = new Covariance(rows).getCovarianceMatrix();
            EigenDecomposition eigen = new EigenDecomposition(covariance);
            double[] eigenvalues = eigen.getRealEigenvalues().clone();
            double trace = covariance.getTrace();
            // sort eigen pairs by eigenvalue, descending
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
            RealMatrix centred = MatrixUtils.createRealMatrix(rows);
            double[] means = pca.means();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    centred.addToEntry(i, c, -means[c]);
                }
            }
            for (int j = 0; j < 3; j++) {
                double[] eigenvector = eigen.getEigenvector(order[j]).toArray();
                assertEquals(eigenvalues[order[j]] / trace, pca.varianceShare(j), 1e-9, "share of component " + j);
                double[] direction = pca.direction(j);
                double sign = Math.signum(dot(direction, eigenvector));
                for (int c = 0; c < m; c++) {
                    assertEquals(sign * eigenvector[c], direction[c], 1e-8, "direction " + j + " entry " + c);
                }
                double[] expected = centred.operate(eigenvector);
                double[] actual = pca.coordinates(j + 1)[j];
                for (int i = 0; i < n; i++) {
                    assertEquals(sign * expected[i], actual[i], 1e-8, "coordinate of sample " + i + " on component " + j);
                }
            }
            double sum = 0;
            for (int j = 0; j < pca.components(); j++) {
                sum += pca.varianceShare(j);
            }
            assertEquals(1.0, sum, 1e-12);
            assertEquals(Math.min(n, m), pca.components());
        }
    }

    @Test
    void floatRowsGiveTheSameAsDoubles() {
        float[][] rows = {{4, 2}, {-2, 2}, {1, 3}, {1, 1}};
        assertArrayNear(new double[] {3, -3, 0, 0}, Pca.fit(rows).coordinates(1)[0], 1e-12);
    }

    @Test
    void badInputIsRefusedWithTheValueNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values, row 0 has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().contains("NaN at column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[][] {{1, 2}, {1, 2}}));
        assertTrue(e.getMessage().contains("no variance"), e.getMessage());
        Pca pca = Pca.fit(new double[][] {{4, 2}, {-2, 2}, {1, 3}});
        e = assertThrows(IllegalArgumentException.class, () -> pca.coordinates(3));
        assertTrue(e.getMessage().contains("asked for 3 components; this PCA has 1 to 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pca.direction(-1));
    }

    /**
     * The hand-checked four points as rows 1, 3, 4, 6 of a 7-row matrix whose other rows are far away: only the
     * named rows are fitted (else the far rows would dominate), and each sample is found by its row number.
     */
    @Test
    void ofRowsFitsTheNamedRowsAndFindsEachByItsRow() {
        float[] values = {
            99, 99, 4, 2, 99, -99, -2, 2, 1, 3, -99, 99, 1, 1};
        Tensor matrix = Tensor.of(values, 7, 2);
        Pca pca = Pca.ofRows(matrix, 1, 3, 4, 6);
        assertEquals(0.9, pca.varianceShare(0), 1e-12);
        assertArrayEquals(new int[] {1, 3, 4, 6}, pca.rows());
        assertEquals(3, pca.coordinate(0, 1), 1e-12);     // (4, 2) is 3 right of the mean (1, 2)
        assertEquals(-3, pca.coordinate(0, 3), 1e-12);
        assertEquals(1, pca.coordinate(1, 4), 1e-12);     // (1, 3) is 1 above it
        assertEquals(-1, pca.coordinate(1, 6), 1e-12);
        String order = pca.order(0, "a", "b", "c", "d");  // c and d lie at 0 (printed +0.00 or -0.00 by rounding)
        assertTrue(order.startsWith("b -3.00  ") && order.endsWith("  a +3.00") && order.contains("c ") && order.contains("d "), order);
        assertEquals("principal component 1 (90% of the variance)", pca.axisTitle(0));
        assertEquals("principal component 2 (10% of the variance)", pca.axisTitle(1));
        // no rows named: every row, numbered 0, 1, 2, …
        Pca all = Pca.ofRows(Tensor.of(new float[] {4, 2, -2, 2, 1, 3, 1, 1}, 4, 2));
        assertArrayEquals(new int[] {0, 1, 2, 3}, all.rows());
        assertEquals(3, all.coordinate(0, 0), 1e-12);
    }

    @Test
    void ofRowsRefusesRowsItCannotUse() {
        Tensor matrix = Tensor.of(new float[] {4, 2, -2, 2, 1, 3}, 3, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.ofRows(matrix, 0, 3));
        assertEquals("PCA row 3 does not exist; the matrix has rows 0 to 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.ofRows(matrix, 0, 1, 0));
        assertEquals("PCA row 0 is named twice; name each row once", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pca.ofRows(Tensor.zeros(2, 2, 2)));
        assertEquals("PCA of rows needs a 2-D matrix (samples, features), got shape [2, 2, 2]", e.getMessage());
        Pca pca = Pca.ofRows(matrix, 0, 2);
        e = assertThrows(IllegalArgumentException.class, () -> pca.coordinate(0, 1));
        assertEquals("row 1 is not one of this PCA's samples [0, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pca.order(0, "a"));
        assertEquals("order needs one label per sample: 2 samples, got 1 labels", e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertArrayNear(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "entry " + i);
        }
    }
}
