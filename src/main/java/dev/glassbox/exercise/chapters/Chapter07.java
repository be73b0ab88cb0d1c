package dev.glassbox.exercise.chapters;

import static dev.glassbox.exercise.chapters.HintMath.close;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.Adam;
import dev.glassbox.optim.Landscape;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.optim.Momentum;
import dev.glassbox.optim.Sgd;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 07, SGD vs Adam: the bowl's stability limit, momentum with μ = 0, the schedule, one Adam step. */
public final class Chapter07 implements Chapter {

    /** The settings of exercise 07.4: the library's defaults with η = 0.1. */
    static final float LEARNING_RATE = 0.1f;

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 07.1: SGD η = 0.085 on the κ = 25 bowl from (−1, 0.2), distance to the minimum after 60 steps
                Exercise.value("07.1", () -> bowlDistance(0.085f))
                        .tolerance(1e-6, 1e-4)
                        .hint(Hint.when((Number yours, Object e) -> yours.doubleValue() < 1,
                                "that run came closer to the minimum than where it started: check that η is 0.085, above 2/25"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 1.125) < 1e-6,
                                "1.125 is the factor per step; the question asks for the distance after 60 steps")),

                // 07.2: momentum with μ = 0 and η = 0.07 on the bowl: the same distance as SGD η = 0.07
                Exercise.value("07.2", () -> bowlDistance(0.07f))
                        .tolerance(1e-7, 1e-6)
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - momentumDistance(0.02f, 0.8f)) < 1e-6,
                                "that is the chapter's momentum run (η 0.02, μ 0.8); this exercise uses η = 0.07 and μ = 0")),

                // 07.3: the warm-up + cosine schedule by hand at steps 9, 20, 110 and 250
                Exercise.value("07.3", Chapter07::scheduleValues)
                        .tolerance(1e-8, 1e-4)
                        .hint(Hint.of((double[] yours, double[] expected) -> yours.length == 4
                                && Math.abs(yours[0] - 3e-3 * 9 / 20) < 1e-8
                                ? "your step 9 is 9/20 of the peak; steps count from 0, so step 9 is the 10th step of the warm-up" : null))
                        .hint(Hint.of((double[] yours, double[] expected) -> yours.length == 4
                                && Math.abs(yours[2] - 1.5e-3) < 1e-8
                                ? "half-way down the cosine is half-way between the peak and the floor, not half the peak" : null)),

                // 07.4 (write it yourself): Adam with bias correction on a vector, for a given list of gradients
                Exercise.function("07.4", (float[] start, float[][] gradients) -> adam(start, gradients))
                        .edge("one step", new float[] {1f, -2f, 0.5f}, new float[][] {{0.3f, -5f, 0.001f}})
                        .edge("three steps", new float[] {1f, -2f}, new float[][] {{1f, 1f}, {-1f, 2f}, {0.5f, -3f}})
                        .edge("a zero gradient", new float[] {0.25f, 4f}, new float[][] {{0f, 1f}, {0f, 1f}})
                        .randomInputs(5, Chapter07::randomStartAndGradients)
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, adamWithoutCorrection((float[]) in[0], (float[][]) in[1]))
                                        ? "your steps are too short at the start: m and v start at 0, so divide them by (1 − β₁ᵗ) and (1 − β₂ᵗ)" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, sgd((float[]) in[0], (float[][]) in[1]))
                                        ? "that is plain SGD, w − η·g; Adam divides the running mean of g by the root of the running mean of g²" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, adamAscending((float[]) in[0], (float[][]) in[1]))
                                        ? "your steps go uphill: subtract η·m̂/(√v̂ + ε) from w" : null))
        );
    }

    static double bowlDistance(float learningRate) {
        return Landscape.illConditionedBowl(25).descend(ps -> Sgd.builder(ps).learningRate(learningRate).build()).from(-1, 0.2).steps(60).finalDistance();
    }

    private static double momentumDistance(float learningRate, float mu) {
        return Landscape.illConditionedBowl(25).descend(ps -> Momentum.builder(ps).learningRate(learningRate).momentum(mu).build()).from(-1, 0.2).steps(60).finalDistance();
    }

    static double[] scheduleValues() {
        LrSchedule schedule = LrSchedule.warmup(20).peak(3e-3f).cosineUntil(200).downTo(3e-4f);
        int[] steps = {9, 20, 110, 250};
        double[] rates = new double[steps.length];
        for (int i = 0; i < steps.length; i++) rates[i] = schedule.at(steps[i]);
        return rates;
    }

    /** The library's Adam (η = 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8) on one parameter, one step per gradient. */
    static float[] adam(float[] start, float[][] gradients) {
        Parameter w = new Parameter("w", Tensor.vector(start.clone()), false);
        Adam optimizer = Adam.builder(List.of(w)).learningRate(LEARNING_RATE).build();
        for (float[] g : gradients) {
            optimizer.zeroGrad();
            System.arraycopy(g, 0, w.grad().data(), 0, g.length);
            optimizer.step();
        }
        return w.value().data();
    }

    private static float[] adamWithoutCorrection(float[] start, float[][] gradients) {
        return adamVariant(start, gradients, false, 1);
    }

    private static float[] adamAscending(float[] start, float[][] gradients) {
        return adamVariant(start, gradients, true, -1);
    }

    private static float[] adamVariant(float[] start, float[][] gradients, boolean corrected, int direction) {
        float[] w = start.clone();
        double[] m = new double[w.length], v = new double[w.length];
        for (int t = 1; t <= gradients.length; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = gradients[t - 1][i];
                m[i] = Adam.DEFAULT_BETA1 * m[i] + (1 - Adam.DEFAULT_BETA1) * g;
                v[i] = Adam.DEFAULT_BETA2 * v[i] + (1 - Adam.DEFAULT_BETA2) * g * g;
                double mHat = corrected ? m[i] / (1 - Math.pow(Adam.DEFAULT_BETA1, t)) : m[i];
                double vHat = corrected ? v[i] / (1 - Math.pow(Adam.DEFAULT_BETA2, t)) : v[i];
                w[i] -= (float) (direction * LEARNING_RATE * mHat / (Math.sqrt(vHat) + Adam.DEFAULT_EPSILON));
            }
        }
        return w;
    }

    private static float[] sgd(float[] start, float[][] gradients) {
        float[] w = start.clone();
        for (float[] g : gradients) for (int i = 0; i < w.length; i++) w[i] -= LEARNING_RATE * g[i];
        return w;
    }

    private static Object[] randomStartAndGradients(RandomGenerator random) {
        int n = 1 + random.nextInt(6), steps = 1 + random.nextInt(8);
        return new Object[] {RandomInputs.gaussianVector(random, n, 1), RandomInputs.gaussianMatrix(random, steps, n, 2)};
    }
}
