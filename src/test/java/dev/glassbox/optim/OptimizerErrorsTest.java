package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.glassbox.optim.OptimizerStepsTest.param;
import static dev.glassbox.optim.OptimizerStepsTest.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerErrorsTest {
    private final List<Parameter> one = List.of(param("w", true, 1f));

    @ParameterizedTest
    @ValueSource(floats = {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY})
    void badLearningRatesAreRefusedByEveryOptimizer(float lr) {
        List<Runnable> constructions = List.of(
                () -> new Sgd(one, lr),
                () -> new Momentum(one, lr, 0.9f),
                () -> new Adam(one, lr),
                () -> new AdamW(one, lr, 0.1f),
                () -> LrSchedule.constant(lr),
                () -> LrSchedule.warmupCosine(lr, 10, 100, 0f),
                () -> new Sgd(one, 0.1f).setLearningRate(lr));
        for (Runnable r : constructions) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains("learning rate") && e.getMessage().contains(String.valueOf(lr)),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {1f, 1.5f, -0.1f, Float.NaN})
    void ratesOutsideZeroToOneAreRefused(float rate) {
        assertMessage(() -> new Momentum(one, 0.1f, rate), "momentum μ must lie in [0, 1), got " + rate);
        assertMessage(() -> new Adam(one, 0.1f, rate, 0.999f, 1e-8f), "beta1 (β₁) must lie in [0, 1), got " + rate);
        assertMessage(() -> new Adam(one, 0.1f, 0.9f, rate, 1e-8f), "beta2 (β₂) must lie in [0, 1), got " + rate);
    }

    @Test
    void otherBadHyperparameters() {
        assertMessage(() -> new Adam(one, 0.1f, 0.9f, 0.999f, 0f), "epsilon (ε) must be a finite number above 0, got 0.0");
        assertMessage(() -> new AdamW(one, 0.1f, -0.01f), "weight decay λ must be a finite number at least 0, got -0.01");
        assertMessage(() -> new Sgd(List.of(), 0.1f), "an optimizer needs at least one parameter, got an empty list");
        Parameter w = one.get(0);
        assertMessage(() -> new Sgd(List.of(w, w), 0.1f), "parameter w appears twice in the list; it would be updated twice per step");
        List<Parameter> withNull = new ArrayList<>();
        withNull.add(null);
        assertMessage(() -> new Sgd(withNull, 0.1f), "the parameter list contains null");
        Parameter stranger = param("stranger", true, 1f);
        assertMessage(() -> new Adam(one, 0.1f).state(stranger), "parameter stranger is not updated by this optimizer");
    }

    @Test
    void nonFiniteGradientStopsTheStepAndLeavesEveryWeightAlone() {
        Parameter a = param("a", true, 1f, 2f);
        Parameter b = param("h.3.attn.c_proj.weight", true, 3f, 4f);
        Adam adam = new Adam(List.of(a, b), 0.1f);
        setGrad(a, 0.5f, 0.5f);
        setGrad(b, 0.5f, Float.NaN);
        ArithmeticException e = assertThrows(ArithmeticException.class, adam::step);
        assertTrue(e.getMessage().startsWith("gradient of h.3.attn.c_proj.weight holds NaN at flat position 1 before step 1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("learning rate 0.1"), e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, a.value().data());
        assertArrayEquals(new float[] {3f, 4f}, b.value().data());
        assertEquals(0, adam.steps());
    }

    static void assertMessage(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }
}
