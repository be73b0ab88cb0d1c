package dev.glassbox.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void floatsBecomeTheSameDoubles() {
        assertArrayEquals(new double[] {0.5, -2, 3.25}, Stats.toDoubles(new float[] {0.5f, -2f, 3.25f}));
        double[][] m = Stats.toDoubles(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {3, 4}, m[1]);
        double[][] t = Stats.toDoubles(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {4, 5, 6}, t[1]);
        var e = assertThrows(IllegalArgumentException.class, () -> Stats.toDoubles(Tensor.of(new float[] {1, 2}, 1, 1, 2)));
        assertTrue(e.getMessage().contains("rank-2 tensor"), e.getMessage());
    }

    @Test
    void maxDifferenceAtOnePositionTakesTheWorstHead() {
        // shape (1, NH = 2, T = 3, 2): head h, position t holds (10h + t, 0); b differs from a by 0.5 at
        // head 0 position 1, by 2 at head 1 position 1, and by 0.25 at head 1 position 2
        float[] a = {0, 0, 1, 0, 2, 0, 10, 0, 11, 0, 12, 0};
        float[] b = a.clone();
        b[3] += 0.5f;     // head 0, position 1, second number
        b[8] -= 2f;       // head 1, position 1, first number
        b[10] += 0.25f;   // head 1, position 2, first number
        Tensor ta = Tensor.of(a, 1, 2, 3, 2), tb = Tensor.of(b, 1, 2, 3, 2);
        assertEquals(0.0, Stats.maxDifferenceAt(ta, tb, 0), 0.0);
        assertEquals(2.0, Stats.maxDifferenceAt(ta, tb, 1), 0.0);
        assertEquals(0.25, Stats.maxDifferenceAt(ta, tb, 2), 0.0);
        b[1] = Float.NaN;
        assertTrue(Double.isNaN(Stats.maxDifferenceAt(ta, Tensor.of(b, 1, 2, 3, 2), 0)), "a NaN is not hidden");
        // two sequences of different lengths (3 and 2 positions) compare at the positions both have
        float[] shorter = {0, 0, 1, 7, 10, 0, 11, 0};   // (1, 2, 2, 2): position 1 of head 0 is (1, 7) instead of (1, 0)
        Tensor ts = Tensor.of(shorter, 1, 2, 2, 2);
        assertEquals(0.0, Stats.maxDifferenceAt(ta, ts, 0), 0.0);
        assertEquals(7.0, Stats.maxDifferenceAt(ta, ts, 1), 0.0);
        var outside = assertThrows(IllegalArgumentException.class, () -> Stats.maxDifferenceAt(ta, ts, 2));
        assertEquals("position 2 is outside 0..1 (the 2 positions both tensors have)", outside.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> Stats.maxDifferenceAt(ta, Tensor.of(a, 1, 3, 2, 2), 0));
        assertEquals("cannot compare a tensor of shape [1, 2, 3, 2] with one of shape [1, 3, 2, 2]; the heads (dimension 1)"
            + " and the last dimension must agree", shape.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> Stats.maxDifferenceAt(Tensor.of(a, 2, 3, 2), tb, 0));
        assertEquals("expected a per-head tensor of shape (1, NH, T, ·), got [2, 3, 2]", rank.getMessage());
    }

    @Test
    void meanVarianceAndRmsOfTheEssaysCatVector() {
        // by hand: 3 + 2 + 57 + 1 + 62 = 125, mean 25; squared deviations 484 + 529 + 1024 + 576 + 1369 = 3982,
        // variance 3982 / 5 = 796.4; squares 9 + 4 + 3249 + 1 + 3844 = 7107, rms √(7107 / 5) = √1421.4
        float[] cat = {3, 2, 57, 1, 62};
        assertEquals(25, Stats.mean(cat), 1e-12);
        assertEquals(796.4, Stats.variance(cat), 1e-9);
        assertEquals(Math.sqrt(1421.4), Stats.rms(cat), 1e-12);
        assertEquals(2, Stats.rms(new float[] {-2, 2, -2}), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> Stats.rms(new float[0]));
        assertEquals("rms of no values; expected at least one number", e.getMessage());
    }

    @Test
    void maxDifferenceIsTheLargestAbsoluteGap() {
        // by hand: gaps 0.5, 2, 0 → 2
        assertEquals(2.0, Stats.maxDifference(new float[] {1, 2, 3}, new float[] {1.5f, 0, 3}), 0);
        assertEquals(2.0, Stats.maxDifference(new float[][] {{1, 2}, {3, 4}}, new float[][] {{1, 2}, {5, 4}}), 0);
        assertTrue(Double.isNaN(Stats.maxDifference(new float[] {Float.NaN, 9}, new float[] {0, 0})), "NaN is reported");
        var e = assertThrows(IllegalArgumentException.class, () -> Stats.maxDifference(new float[] {1}, new float[] {1, 2}));
        assertTrue(e.getMessage().contains("1 values with 2"), e.getMessage());
    }

    @Test
    void aTensorHoldingOneMatrixComparesWithIt() {
        float[][] hand = {{1, 0, 0}, {0.5f, 0.5f, 0}};
        Tensor weights = Tensor.of(new float[] {1, 0, 0, 0.5f, 0.25f, 0}, 1, 1, 2, 3);   // (B, NH, T, T)
        assertEquals(0.25, Stats.maxDifference(weights, hand), 0);
        assertEquals(0.25, Stats.maxDifference(weights.reshape(2, 3), hand), 0);
        var e = assertThrows(IllegalArgumentException.class,
            () -> Stats.maxDifference(Tensor.zeros(2, 2, 3), hand));
        assertTrue(e.getMessage().contains("[2, 2, 3] does not hold one (2, 3) matrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stats.maxDifference(Tensor.zeros(1, 3, 2), hand));
    }

    @Test
    void cosineSimilaritiesByHand() {
        // (1, 0), (1, 1), (−2, 0): cos 45° = 0.7071, opposite = −1, (1,1)·(−2,0) = −2/(√2·2) = −0.7071
        double[][] s = Stats.cosineSimilarities(new double[][] {{1, 0}, {1, 1}, {-2, 0}});
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {1, r, -1}, s[0], 1e-12);
        assertArrayEquals(new double[] {r, 1, -r}, s[1], 1e-12);
        assertArrayEquals(new double[] {-1, -r, 1}, s[2], 1e-12);
        // a row with itself can round to 1.0000000000000002 without the clamp; never outside [−1, 1]
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[][] rows = new double[16][32];
        for (double[] row : rows) for (int c = 0; c < row.length; c++) row[c] = random.nextGaussian() * 0.1;
        for (double[] row : Stats.cosineSimilarities(rows)) for (double v : row) assertTrue(v >= -1 && v <= 1, "" + v);
        double[][] fromTensor = Stats.cosineSimilarities(Tensor.of(new float[] {1, 0, 1, 1}, 2, 2));
        assertEquals(r, fromTensor[0][1], 1e-7);
        var e = assertThrows(IllegalArgumentException.class,
            () -> Stats.cosineSimilarities(new double[][] {{1, 0}, {0, 0}}));
        assertTrue(e.getMessage().contains("row 1 has norm 0.0"), e.getMessage());
    }
}
