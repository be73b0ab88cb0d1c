package dev.glassbox.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW's named builder: the settings it names, its defaults, and the old constructor's steps. */
class AdamWBuilderTest {

    @Test
    void namedSettingsReachTheOptimizer() {
        Parameter w = OptimizerStepsTest.param("w", true, 1f);
        AdamW adamW = AdamW.builder(List.of(w)).learningRate(0.01f).betas(0.8f, 0.99f).epsilon(1e-6f).weightDecay(0.5f).build();
        assertEquals(0.01f, adamW.learningRate());
        assertEquals(0.8f, adamW.beta1());
        assertEquals(0.99f, adamW.beta2());
        assertEquals(1e-6f, adamW.epsilon());
        assertEquals(0.5f, adamW.weightDecay());
    }

    @Test
    void unnamedSettingsAreThePapersDefaults() {
        AdamW adamW = AdamW.builder(List.of(OptimizerStepsTest.param("w", true, 1f))).learningRate(0.01f).build();
        assertEquals(0.9f, adamW.beta1());
        assertEquals(0.999f, adamW.beta2());
        assertEquals(1e-8f, adamW.epsilon());
        assertEquals(0.1f, adamW.weightDecay());
    }

    @Test
    void builtAndConstructedOptimizersTakeTheSameSteps() {
        // first step by hand: decay w = 1 − 0.1·0.5·1 = 0.95, then Adam moves it by η·sign(g) = 0.1 → 0.85
        Parameter a = OptimizerStepsTest.param("a", true, 1f, -2f);
        Parameter b = OptimizerStepsTest.param("b", true, 1f, -2f);
        Optimizer built = AdamW.builder(List.of(a)).learningRate(0.1f).weightDecay(0.5f).build();
        Optimizer constructed = new AdamW(List.of(b), 0.1f, 0.5f);
        for (int step = 0; step < 3; step++) {
            built.zeroGrad();
            constructed.zeroGrad();
            OptimizerStepsTest.gradientOfHalfSquare(a);
            OptimizerStepsTest.gradientOfHalfSquare(b);
            built.step();
            constructed.step();
            if (step == 0) {
                assertArrayEquals(new float[] {0.85f, -1.8f}, a.value().data(), 1e-6f);
            }
        }
        assertArrayEquals(b.value().data(), a.value().data(), 0f);
    }

    @Test
    void aMissingLearningRateIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> AdamW.builder(List.of(OptimizerStepsTest.param("w", true, 1f))).weightDecay(0.1f).build());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedAtBuild() {
        var builder = AdamW.builder(List.of(OptimizerStepsTest.param("w", true, 1f))).learningRate(0.01f).weightDecay(-1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("weight decay"), e.getMessage());
    }
}
