package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LossTest {

    @Test
    void essayScoresFourAndSixGiveNotPointFourAndPointSix() {
        // apple 4, banana 6: e^4 / (e^4 + e^6) = 1 / (1 + e^2) = 0.11920…, and 1 − that = 0.88079…
        float[] p = Softmax.of(new float[]{4, 6});
        assertEquals(0.1192, p[0], 5e-5);
        assertEquals(0.8808, p[1], 5e-5);
        assertEquals(1 / (1 + Math.exp(2)), p[0], 1e-7);
    }

    @Test
    void softmaxOfHandValues() {
        // (0, ln 2, ln 3) → (1, 2, 3) / 6
        float[] p = Softmax.of(new float[]{0, (float) Math.log(2), (float) Math.log(3)});
        assertArrayEquals(new float[]{1 / 6f, 2 / 6f, 3 / 6f}, p, 1e-7f);
    }

    @Test
    void softmaxIsStableForHugeScores() {
        // naive e^1000 overflows to ∞; subtracting the max gives the same answer as (0, 1)
        float[] p = Softmax.of(new float[]{1000, 1001});
        assertEquals(1 / (1 + Math.E), p[0], 1e-6);
        float[] scores = {1000, 1001, -5, -5}, rows = new float[4];   // two rows of two, each at its offset
        Softmax.into(scores, 0, rows, 0, 2);
        Softmax.into(scores, 2, rows, 2, 2);
        assertArrayEquals(new float[]{p[0], p[1], 0.5f, 0.5f}, rows, 1e-6f);
    }

    @Test
    void crossEntropyOfHandValues() {
        // the essay's scores with banana the right answer: −log 0.8808 = log(1 + e^−2) = 0.12693
        Tensor logits = Tensor.of(new float[]{4, 6, 0, 0}, 2, 2);
        float loss = Loss.crossEntropy(logits, new int[]{1, 0});
        // mean of log(1 + e^−2) and ln 2
        assertEquals((Math.log(1 + Math.exp(-2)) + Math.log(2)) / 2, loss, 1e-6);
        // stable for large logits too: log(1 + e^−1) for target 1001 among (1000, 1001)
        assertEquals(Math.log(1 + Math.exp(-1)), Loss.crossEntropy(Tensor.of(new float[]{1000, 1001}, 1, 2), new int[]{1}), 1e-4);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverRows() {
        Tensor logits = Tensor.of(new float[]{4, 6, 0, 0}, 2, 2);
        float[] d = Loss.crossEntropyBackward(logits, new int[]{1, 0}).data();
        double pApple = 1 / (1 + Math.exp(2));
        assertArrayEquals(new float[]{(float) (pApple / 2), (float) ((1 - pApple - 1) / 2), (0.5f - 1) / 2, 0.5f / 2}, d, 1e-7f);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        Tensor logits = GradientAssertions.random(1, 2f, 2, 3, 7);
        int[] targets = {0, 6, 3, 3, 1, 2};
        Tensor d = Loss.crossEntropyBackward(logits, targets);
        // scaled by the 6 rows so entries are O(0.1 … 1) (see GradientAssertions)
        float[] scaled = d.data().clone();
        for (int i = 0; i < scaled.length; i++) scaled[i] *= 6;
        GradientAssertions.checkArray("cross-entropy", logits.data(), scaled,
                () -> 6.0 * Loss.crossEntropy(logits, targets), GradientAssertions.CROSS_ENTROPY_EPSILON);
    }

    @Test
    void targetsOutsideTheClassesAreRefused() {
        Tensor logits = Tensor.zeros(2, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy(logits, new int[]{0, 5}));
        assertTrue(e.getMessage().contains("target 5") && e.getMessage().contains("[0, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropyBackward(logits, new int[]{-1, 0}));
        assertTrue(e.getMessage().contains("target -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy(logits, new int[]{0}));
        assertTrue(e.getMessage().contains("1 targets for 2 predictions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Softmax.of(new float[0]));
    }
}
