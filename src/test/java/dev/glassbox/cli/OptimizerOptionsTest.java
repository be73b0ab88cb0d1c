package dev.glassbox.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code train} prints about its schedule: the defaults worked out by hand. */
class OptimizerOptionsTest {
    private static OptimizerOptions adamw(float learningRate) {
        OptimizerOptions options = new OptimizerOptions();
        options.kind = OptimizerOptions.Kind.adamw;
        options.learningRate = learningRate;
        options.weightDecay = 0.1f;
        options.beta1 = 0.9f;
        options.beta2 = 0.999f;
        options.schedule = OptimizerOptions.Schedule.cosine;
        options.clip = 1.0;
        return options;
    }

    @Test
    void theCosineScheduleDefaultsToFivePercentWarmUpAndATenthOfThePeak() {
        // 600 steps: 600 / 20 = 30 warm-up steps; 3e-3 / 10 = 3e-4 at the end
        assertEquals("AdamW β 0.9/0.999, weight decay 0.1, lr 0.00300, warm-up 30 steps, cosine to 0.000300, clip 1.0",
                adamw(3e-3f).describe(600));
        // 10 steps: 10 / 20 = 0 warm-up steps
        assertEquals("AdamW β 0.9/0.999, weight decay 0.1, lr 0.00300, warm-up 0 steps, cosine to 0.000300, clip 1.0",
                adamw(3e-3f).describe(10));
        OptimizerOptions given = adamw(1e-2f);
        given.warmup = 7;
        given.minLearningRate = 1e-3f;
        given.clip = 0;
        assertEquals("AdamW β 0.9/0.999, weight decay 0.1, lr 0.0100, warm-up 7 steps, cosine to 0.00100", given.describe(600));
    }
}
