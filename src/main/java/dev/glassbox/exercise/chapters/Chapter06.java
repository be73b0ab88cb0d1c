package dev.glassbox.exercise.chapters;

import static dev.glassbox.exercise.chapters.HintMath.close;
import static dev.glassbox.exercise.chapters.HintMath.hasNaN;

import dev.glassbox.autograd.Value;
import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Loss;
import dev.glassbox.nn.Softmax;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 06, Backprop: the chain rule by hand, the essay's scores, the nudge, and the backward of cross-entropy. */
public final class Chapter06 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 06.1: dL/da for L = (a·b + c)·f with a = 2, b = −3, c = 10, f = 3, by the Value engine
                Exercise.value("06.1", Chapter06::chainRuleWithFThree)
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 6) < 1e-9,
                                "that is dL/da with the chapter's f = −2; this exercise sets f = 3"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() + 3) < 1e-9,
                                "that is only the local derivative ∂e/∂a = b; the chain rule multiplies it by ∂L/∂e")),

                // 06.2: dL/d(scores) for scores (4, 6) when the right word is apple (target 0)
                Exercise.value("06.2", () -> Loss.crossEntropyBackward(Tensor.of(new float[] {4f, 6f}, 1, 2), new int[] {0}))
                        .hint(Hint.of((Tensor yours, Tensor expected) -> yours.size() == 2
                                && Math.abs(yours.data()[0] + expected.data()[0]) < 1e-4 && Math.abs(yours.data()[1] + expected.data()[1]) < 1e-4
                                ? "both entries have the wrong sign: the gradient is p − onehot, not onehot − p" : null))
                        .hint(Hint.of((Tensor yours, Tensor expected) -> yours.size() == 2 && yours.data()[0] > 0
                                ? "the gradient for the right word is negative (raising its score lowers the loss); is your target apple, id 0?" : null)),

                // 06.3: the nudge estimate of d tanh(x)/dx at x = 0.5 with ε = 1e-4
                Exercise.value("06.3", Chapter06::tanhSlopeByBackprop)
                        .tolerance(1e-6, 0)
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - Math.tanh(0.5)) < 1e-6,
                                "that is tanh(0.5) itself, not its slope"))
                        .hint(Hint.when((Number yours, Object e) ->
                                        Math.abs(yours.doubleValue() - (Math.tanh(0.5 + 1e-4) - Math.tanh(0.5)) / 1e-4) < 1e-8,
                                "a one-sided difference (f(x + ε) − f(x))/ε is off by about ε; the nudge goes both ways: (f(x + ε) − f(x − ε)) / 2ε")),

                // 06.4 (write it yourself): the backward of softmax + cross-entropy for one prediction
                Exercise.function("06.4", (float[] scores, Integer target) -> crossEntropyGradient(scores, target))
                        .edge("the essay's scores, target banana", new float[] {4f, 6f}, 1)
                        .edge("the essay's scores, target apple", new float[] {4f, 6f}, 0)
                        .edge("one word only", new float[] {2.5f}, 0)
                        .edge("large scores", new float[] {1000f, 999f, 998f}, 2)
                        .randomInputs(6, Chapter06::randomScoresAndTarget)
                        .hint(Hint.of((float[] yours, float[] expected) -> hasNaN(yours)
                                ? "your gradient holds NaN: e^score overflows for large scores; subtract the largest score before exp" : null))
                        .hint(Hint.of((float[] yours, float[] expected) -> yours.length == expected.length && negated(yours, expected)
                                ? "every entry has the wrong sign: the gradient is p − onehot" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, Softmax.of((float[]) in[0]))
                                        ? "those are the probabilities p; the gradient subtracts 1 at the target" : null))
                        .hint(Hint.of((float[] yours, float[] expected) -> {
                            if (yours.length != expected.length) return null;
                            double sum = 0;
                            for (float g : yours) sum += g;
                            return Math.abs(sum) > 1e-3
                                    ? String.format("your entries sum to %.3f; p sums to 1 and onehot sums to 1, so p − onehot sums to 0", sum) : null;
                        })),

                // 06.5: forward passes the nudge needs for one step of GPT-2 medium
                Exercise.value("06.5", () -> 2 * gptParameters(50257, 1024, 1024, 24))
                        .hint(Hint.of((Number yours, Number expected) -> yours.longValue() * 2 == expected.longValue()
                                ? "that is N, the number of parameters; each one is nudged twice, up and down" : null))
        );
    }

    static double chainRuleWithFThree() {
        Value a = new Value(2), b = new Value(-3), c = new Value(10), f = new Value(3);
        Value loss = a.mul(b).add(c).mul(f);
        loss.backward();
        return a.grad();
    }

    static double tanhSlopeByBackprop() {
        Value x = new Value(0.5);
        Value y = x.tanh();
        y.backward();
        return x.grad();
    }

    /** The library's dL/d(scores) for one prediction: softmax(scores) − onehot(target). */
    static float[] crossEntropyGradient(float[] scores, int target) {
        return Loss.crossEntropyBackward(Tensor.of(scores.clone(), 1, scores.length), new int[] {target}).data();
    }

    /** N = VC + TC + L(12C² + 13C) + 2C, the count chapters 05 and 06 check against parameterCount(). */
    static long gptParameters(long vocabulary, long context, long channels, long layers) {
        return vocabulary * channels + context * channels + layers * (12 * channels * channels + 13 * channels) + 2 * channels;
    }

    private static Object[] randomScoresAndTarget(RandomGenerator random) {
        int n = 2 + random.nextInt(9);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) scores[i] = (float) (3 * random.nextGaussian());
        return new Object[] {scores, random.nextInt(n)};
    }

    private static boolean negated(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i] + b[i]) <= 1e-4 + 1e-3 * Math.abs(b[i]))) return false;
        return true;
    }
}
