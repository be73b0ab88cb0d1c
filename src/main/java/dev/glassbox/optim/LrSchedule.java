package dev.glassbox.optim;

/**
 * The learning rate as a function of the step number (counted from 0).
 *
 * <p>GPT training warms up then decays: at the start the weights are random and Adam's moment
 * estimates are built from very few gradients, so large steps are risky; at the end small steps
 * let the loss settle into the bottom of the valley instead of bouncing around it.
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate for step {@code step} (0 is the first step). */
    float at(int step);

    /** The same rate at every step. */
    static LrSchedule constant(float learningRate) {
        BaseOptimizer.checkLearningRate(learningRate);
        return step -> {
            checkStep(step);
            return learningRate;
        };
    }

    /**
     * Linear warm-up, then cosine decay to a floor (llm.c's and nanoGPT's schedule):
     * <pre>
     *   step &lt; W:          η = peak · (step + 1) / W
     *   W ≤ step ≤ S:       η = floor + ½ (1 + cos(π · (step − W) / (S − W))) · (peak − floor)
     *   step &gt; S:          η = floor
     * </pre>
     * with W = {@code warmupSteps} and S = {@code totalSteps}. Step W − 1 reaches the peak, the
     * cosine starts at the peak at step W and reaches the floor at step S.
     *
     * @param warmupSteps 0 for no warm-up; less than {@code totalSteps}
     * @param floor       the final rate, at least 0 and at most {@code peak} (often peak / 10)
     */
    static LrSchedule warmupCosine(float peak, int warmupSteps, int totalSteps, float floor) {
        BaseOptimizer.checkLearningRate(peak);
        if (warmupSteps < 0) throw new IllegalArgumentException("warm-up steps must be at least 0, got " + warmupSteps);
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("total steps " + totalSteps + " must exceed the warm-up steps "
                    + warmupSteps);
        }
        if (!(floor >= 0 && floor <= peak)) {
            throw new IllegalArgumentException("floor learning rate " + floor + " must lie in [0, peak " + peak + "]");
        }
        return step -> {
            checkStep(step);
            if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
            if (step > totalSteps) return floor;
            double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);  // 0 → 1
            double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));                      // 1 → 0
            return (float) (floor + cosine * (peak - floor));
        };
    }

    /**
     * The warm-up-then-cosine schedule of {@link #warmupCosine}, built step by step so that each
     * number is named where it is written:
     * <pre>
     *   LrSchedule.warmup(40).peak(1e-2f).cosineUntil(800).downTo(1e-3f)
     * </pre>
     * reads "warm up for 40 steps to the peak 0.01, then a cosine decay until step 800, down to
     * 0.001" and gives the same rate at every step as {@code warmupCosine(1e-2f, 40, 800, 1e-3f)}.
     *
     * @param steps the number of warm-up steps, 0 for none
     */
    static Warmup warmup(int steps) {
        if (steps < 0) throw new IllegalArgumentException("warm-up steps must be at least 0, got " + steps);
        return new Warmup(steps);
    }

    /** First stage of {@link #warmup}: the warm-up length is known, the peak rate comes next. */
    record Warmup(int steps) {
        /** The rate the warm-up climbs to and the cosine starts from. */
        public Peak peak(float peak) {
            BaseOptimizer.checkLearningRate(peak);
            return new Peak(steps, peak);
        }
    }

    /** Second stage of {@link #warmup}: the step at which the cosine reaches its floor comes next. */
    record Peak(int warmupSteps, float peak) {
        /** The step at which the cosine has decayed to the floor; after the warm-up. */
        public Cosine cosineUntil(int totalSteps) {
            if (totalSteps <= warmupSteps) {
                throw new IllegalArgumentException("the cosine must end after the warm-up of " + warmupSteps
                        + " steps, got step " + totalSteps);
            }
            return new Cosine(warmupSteps, peak, totalSteps);
        }
    }

    /** Last stage of {@link #warmup}: the floor completes the schedule ({@link #warmupCosine} checks every value). */
    record Cosine(int warmupSteps, float peak, int totalSteps) {
        /** The final rate, reached at the cosine's last step and kept after it; in [0, peak]. */
        public LrSchedule downTo(float floor) {
            return warmupCosine(peak, warmupSteps, totalSteps, floor);
        }
    }

    /** The first {@code steps} rates, e.g. to plot the schedule. */
    default float[] values(int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be at least 0, got " + steps);
        float[] rates = new float[steps];
        for (int s = 0; s < steps; s++) rates[s] = at(s);
        return rates;
    }

    private static void checkStep(int step) {
        if (step < 0) throw new IllegalArgumentException("step must be at least 0, got " + step);
    }
}
