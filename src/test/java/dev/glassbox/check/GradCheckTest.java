package dev.glassbox.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's one finite-difference checker, on L(w) = Σ wᵢ³ whose gradient 3wᵢ² is known by hand. */
class GradCheckTest {
    private static final float[] W = {0.5f, -1f, 2f, 0.1f};

    private static double cubes(float[] w) {
        double sum = 0;
        for (float v : w) sum += (double) v * v * v;
        return sum;
    }

    @Test
    void rightGradientPassesAndWrongOneIsNamed() {
        float[] w = W.clone(), right = new float[w.length], wrong = new float[w.length];
        for (int i = 0; i < w.length; i++) right[i] = wrong[i] = 3 * w[i] * w[i];
        wrong[2] = 10f;                                     // the true value is 12
        var options = GradCheck.options().epsilon(1e-3);
        GradCheck.Result good = GradCheck.checkArray("w", w, right, () -> cubes(w), options);
        assertTrue(good.maxRelativeError() < 1e-4, good.toString());
        assertEquals(12.0, good.largestNumeric(), 1e-3);
        GradCheck.Result bad = GradCheck.checkArray("w", w, wrong, () -> cubes(w), options);
        assertEquals(2, bad.worstIndex());
        assertEquals(10.0, bad.worstAnalytic(), 0);
        assertEquals(12.0, bad.worstNumeric(), 1e-3);
        assertEquals(2.0 / 22.0, bad.maxRelativeError(), 1e-4);    // |10 − 12| / (10 + 12)
        assertTrue(bad.worst().startsWith("w[2]: analytic 10"), bad.worst());
        assertTrue(java.util.Arrays.equals(W, w), "values restored after nudging");
    }

    @Test
    void samplesCheckOnlyThatManyNumbersAndBadOptionsAreRefused() {
        float[] w = W.clone(), grad = new float[w.length];
        for (int i = 0; i < w.length; i++) grad[i] = 3 * w[i] * w[i];
        assertEquals(2, GradCheck.checkArray("w", w, grad, () -> cubes(w), GradCheck.options().samples(2).seed(5)).checked());
        var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.options().epsilon(0));
        assertEquals("epsilon must be > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().samples(0));
    }
}
