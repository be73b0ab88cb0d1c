package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.glassbox.optim.OptimizerErrorsTest.assertMessage;
import static dev.glassbox.optim.OptimizerStepsTest.param;
import static dev.glassbox.optim.OptimizerStepsTest.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleAndClipTest {

    @Test
    void warmupCosineAtHandPickedSteps() {
        // peak 1, W = 10, S = 110, floor 0.1
        LrSchedule s = LrSchedule.warmupCosine(1f, 10, 110, 0.1f);
        assertEquals(0.1f, s.at(0), 1e-7);      // 1·(0 + 1)/10
        assertEquals(0.5f, s.at(4), 1e-7);      // 1·5/10
        assertEquals(1.0f, s.at(9), 1e-7);      // the last warm-up step reaches the peak
        assertEquals(1.0f, s.at(10), 1e-7);     // cosine starts at the peak
        assertEquals(0.1f + 0.5f * (1 + (float) Math.cos(Math.PI / 4)) * 0.9f, s.at(35), 1e-6);  // a quarter of the way: 0.8682
        assertEquals(0.55f, s.at(60), 1e-6);    // halfway: 0.1 + ½·(1 + cos(π/2))·0.9
        assertEquals(0.1f, s.at(110), 1e-7);    // the floor at S
        assertEquals(0.1f, s.at(5000), 0f);     // and after it
    }

    @Test
    void warmupCosineRisesThenNeverIncreases() {
        float[] rates = LrSchedule.warmupCosine(3e-4f, 20, 300, 3e-5f).values(400);
        for (int i = 1; i < 20; i++) assertTrue(rates[i] > rates[i - 1], "warm-up rises at step " + i);
        for (int i = 21; i < 400; i++) assertTrue(rates[i] <= rates[i - 1], "decay never rises, step " + i);
    }

    @Test
    void constantAndNoWarmup() {
        assertArrayEquals(new float[] {0.3f, 0.3f, 0.3f}, LrSchedule.constant(0.3f).values(3));
        assertEquals(2f, LrSchedule.warmupCosine(2f, 0, 10, 0f).at(0), 0f);
        assertEquals(0f, LrSchedule.warmupCosine(2f, 0, 10, 0f).at(10), 1e-7);
    }

    @Test
    void badSchedules() {
        assertMessage(() -> LrSchedule.warmupCosine(1f, 10, 10, 0f), "total steps 10 must exceed the warm-up steps 10");
        assertMessage(() -> LrSchedule.warmupCosine(1f, -1, 10, 0f), "warm-up steps must be at least 0, got -1");
        assertMessage(() -> LrSchedule.warmupCosine(1f, 1, 10, 2f), "floor learning rate 2.0 must lie in [0, peak 1.0]");
        assertMessage(() -> LrSchedule.constant(1f).at(-1), "step must be at least 0, got -1");
    }

    @Test
    void namedWarmupCosineEqualsThePositionalOneAtEveryStep() {
        // the numbers of chapters 07, 08 and 10, and one without warm-up
        float peak = 1e-2f;
        assertArrayEquals(LrSchedule.warmupCosine(peak, 40, 800, peak / 10).values(900),
                LrSchedule.warmup(40).peak(peak).cosineUntil(800).downTo(peak / 10).values(900));
        assertArrayEquals(LrSchedule.warmupCosine(3e-3f, 20, 200, 3e-4f).values(250),
                LrSchedule.warmup(20).peak(3e-3f).cosineUntil(200).downTo(3e-4f).values(250));
        assertArrayEquals(LrSchedule.warmupCosine(2f, 0, 10, 0f).values(12),
                LrSchedule.warmup(0).peak(2f).cosineUntil(10).downTo(0f).values(12));
        // and hand-computed points of warmupCosineAtHandPickedSteps: peak 1, W = 10, S = 110, floor 0.1
        LrSchedule s = LrSchedule.warmup(10).peak(1f).cosineUntil(110).downTo(0.1f);
        assertEquals(0.5f, s.at(4), 1e-7);      // 1·5/10
        assertEquals(0.55f, s.at(60), 1e-6);    // halfway: 0.1 + ½·(1 + cos(π/2))·0.9
        assertEquals(0.1f, s.at(110), 1e-7);    // the floor at S
    }

    @Test
    void namedWarmupCosineRejectsBadValuesInOneSentence() {
        assertMessage(() -> LrSchedule.warmup(-1), "warm-up steps must be at least 0, got -1");
        assertMessage(() -> LrSchedule.warmup(10).peak(-1f), "learning rate must be a finite number above 0, got -1.0");
        assertMessage(() -> LrSchedule.warmup(10).peak(1f).cosineUntil(10),
                "the cosine must end after the warm-up of 10 steps, got step 10");
        assertMessage(() -> LrSchedule.warmup(1).peak(1f).cosineUntil(10).downTo(2f),
                "floor learning rate 2.0 must lie in [0, peak 1.0]");
        assertMessage(() -> LrSchedule.warmup(1).peak(1f).cosineUntil(10).downTo(Float.NaN),
                "floor learning rate NaN must lie in [0, peak 1.0]");
    }

    @Test
    void clippingScalesTheWholeGradientToTheLimit() {
        // ‖(3, 4)‖ = 5; clipping to 1 scales both by 1/5
        Parameter a = param("a", true, 0f);
        Parameter b = param("b", false, 0f);
        setGrad(a, 3f);
        setGrad(b, 4f);
        assertEquals(5.0, GradClip.clipGlobalNorm(List.of(a, b), 1.0), 1e-12);
        assertEquals(0.6f, a.grad().data()[0], 1e-7);
        assertEquals(0.8f, b.grad().data()[0], 1e-7);
        assertEquals(1.0, GradClip.globalNorm(List.of(a, b)), 1e-6);
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        Parameter a = param("a", true, 0f, 0f);
        setGrad(a, 0.3f, -0.4f);
        assertEquals(0.5, GradClip.clipGlobalNorm(List.of(a), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad().data(), 0f);
    }

    @Test
    void clippingRefusesNonFiniteGradientsAndBadLimits() {
        Parameter a = param("ln_f.weight", false, 0f, 0f);
        setGrad(a, 1f, Float.POSITIVE_INFINITY);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> GradClip.clipGlobalNorm(List.of(a), 1.0));
        assertEquals("gradient of ln_f.weight holds Infinity at flat position 1; cannot clip a non-finite gradient",
                e.getMessage());
        assertMessage(() -> GradClip.clipGlobalNorm(List.of(a), 0), "maximum gradient norm must be a finite number above 0, got 0.0");
        assertMessage(() -> GradClip.clipGlobalNorm(List.of(a), Double.NaN), "maximum gradient norm must be a finite number above 0, got NaN");
    }
}
