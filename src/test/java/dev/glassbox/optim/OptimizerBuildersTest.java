package dev.glassbox.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.nn.Parameter;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sgd's, Momentum's and Adam's named builders: the settings they name, their steps, their messages. */
class OptimizerBuildersTest {

    private static List<Parameter> one() {
        return List.of(OptimizerStepsTest.param("w", true, 1f, -2f));
    }

    /** Three steps on f = ½ Σ w² from (1, −2); returns the weights after each step. */
    private static float[][] threeSteps(Function<List<Parameter>, Optimizer> make) {
        Parameter w = OptimizerStepsTest.param("w", true, 1f, -2f);
        Optimizer optimizer = make.apply(List.of(w));
        float[][] after = new float[3][];
        for (int step = 0; step < 3; step++) {
            optimizer.zeroGrad();
            OptimizerStepsTest.gradientOfHalfSquare(w);
            optimizer.step();
            after[step] = w.value().data().clone();
        }
        return after;
    }

    @Test
    void builtSgdStepsLikeTheConstructedOne() {
        float[][] built = threeSteps(ps -> Sgd.builder(ps).learningRate(0.1f).build());
        // by hand: w ← w − 0.1·w = 0.9·w
        assertArrayEquals(new float[] {0.9f, -1.8f}, built[0], 1e-6f);
        assertArrayEquals(threeSteps(ps -> new Sgd(ps, 0.1f)), built);
    }

    @Test
    void builtMomentumStepsLikeTheConstructedOne() {
        float[][] built = threeSteps(ps -> Momentum.builder(ps).learningRate(0.1f).momentum(0.9f).build());
        // by hand (first coordinate): v = 1, w = 0.9; v = 0.9 + 0.9 = 1.8, w = 0.72
        assertEquals(0.72f, built[1][0], 1e-6f);
        assertArrayEquals(threeSteps(ps -> new Momentum(ps, 0.1f, 0.9f)), built);
        assertArrayEquals(threeSteps(ps -> new Momentum(ps, 0.1f, 0.9f, true)),
                threeSteps(ps -> Momentum.builder(ps).learningRate(0.1f).momentum(0.9f).nesterov(true).build()));
    }

    @Test
    void builtAdamStepsLikeTheConstructedOne() {
        float[][] built = threeSteps(ps -> Adam.builder(ps).learningRate(0.1f).build());
        // by hand: the first Adam step moves every weight by η·sign(g) = 0.1
        assertArrayEquals(new float[] {0.9f, -1.9f}, built[0], 1e-6f);
        assertArrayEquals(threeSteps(ps -> new Adam(ps, 0.1f)), built);
        assertArrayEquals(threeSteps(ps -> new Adam(ps, 0.1f, 0.8f, 0.99f, 1e-6f)),
                threeSteps(ps -> Adam.builder(ps).learningRate(0.1f).betas(0.8f, 0.99f).epsilon(1e-6f).build()));
    }

    @Test
    void namedSettingsReachTheOptimizer() {
        Momentum nesterov = Momentum.builder(one()).learningRate(0.01f).momentum(0.8f).nesterov(true).build();
        assertEquals(0.01f, nesterov.learningRate());
        assertEquals(0.8f, nesterov.momentum());
        assertTrue(nesterov.nesterov());
        Momentum classic = Momentum.builder(one()).learningRate(0.01f).momentum(0.8f).build();
        assertEquals(false, classic.nesterov(), "classic momentum unless Nesterov is named");
        Adam adam = Adam.builder(one()).learningRate(0.05f).build();
        assertEquals(0.9f, adam.beta1());
        assertEquals(0.999f, adam.beta2());
        assertEquals(1e-8f, adam.epsilon());
        assertEquals(Adam.class, adam.getClass());
    }

    @Test
    void aMissingSettingIsNamedInOneSentence() {
        assertMissing(() -> Sgd.builder(one()).build(), "Sgd needs a learning rate; add .learningRate(...) before build()");
        assertMissing(() -> Momentum.builder(one()).momentum(0.9f).build(),
                "Momentum needs a learning rate; add .learningRate(...) before build()");
        assertMissing(() -> Momentum.builder(one()).learningRate(0.1f).build(),
                "Momentum needs a momentum μ; add .momentum(...) before build()");
        assertMissing(() -> Adam.builder(one()).epsilon(1e-6f).build(),
                "Adam needs a learning rate; add .learningRate(...) before build()");
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY})
    void anInvalidLearningRateIsNamedWithItsValue(float lr) {
        String expected = "learning rate must be a finite number above 0, got " + lr;
        assertInvalid(() -> Sgd.builder(one()).learningRate(lr).build(), expected);
        assertInvalid(() -> Momentum.builder(one()).learningRate(lr).momentum(0.9f).build(), expected);
        assertInvalid(() -> Adam.builder(one()).learningRate(lr).build(), expected);
    }

    @Test
    void otherInvalidSettingsAreNamedWithTheirValue() {
        assertInvalid(() -> Momentum.builder(one()).learningRate(0.1f).momentum(1f).build(),
                "momentum μ must lie in [0, 1), got 1.0");
        assertInvalid(() -> Adam.builder(one()).learningRate(0.1f).betas(0.9f, 1.5f).build(),
                "beta2 (β₂) must lie in [0, 1), got 1.5");
        assertInvalid(() -> Adam.builder(one()).learningRate(0.1f).epsilon(0f).build(),
                "epsilon (ε) must be a finite number above 0, got 0.0");
    }

    private static void assertMissing(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalStateException.class, build::run).getMessage());
    }

    private static void assertInvalid(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }
}
