package dev.glassbox.exercise.chapters;

import static dev.glassbox.exercise.chapters.HintMath.close;
import static dev.glassbox.exercise.chapters.HintMath.hasNaN;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Gelu;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.LayerNorm;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 05, The block: layer norm by the library and by hand, GELU, the parameter count. */
public final class Chapter05 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 05.1: a fresh LayerNorm on the essay's apple vector 15, 2, 63
                Exercise.value("05.1", () -> new LayerNorm("ln", 3).forward(Tensor.of(new float[] {15f, 2f, 63f}, 1, 3)))
                        .hint(Hint.when((Tensor yours, Tensor expected) -> yours.size() == 3 && yours.get(0, 0) == 15f,
                                "that is the apple vector itself; put it through the layer norm's forward")),

                // 05.2: GELU at x = 1 by GPT-2's tanh formula
                Exercise.value("05.2", () -> (double) new Gelu().forward(Tensor.of(new float[] {1f}, 1)).data()[0])
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 1) < 1e-9,
                                "that is ReLU's value max(0, 1); GELU multiplies x by ½(1 + tanh(…))"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 0.8413447460685429) < 2e-5,
                                "that is the exact GELU x·Φ(x); GPT-2 uses the tanh formula of the chapter, which differs in the 4th decimal"))
                        .hint(Hint.when((Number yours, Object e) -> yours.doubleValue() <= 0.5 || yours.doubleValue() >= 1,
                                "for x = 1 the factor ½(1 + tanh(…)) lies between ½ and 1, so GELU(1) does too")),

                // 05.3: parameterCount() of V 65, T 128, C 256, 6 layers, 8 heads, from the formula
                Exercise.value("05.3", () -> new Gpt(GptConfig.builder().vocabSize(65).contextLength(128).channels(256)
                        .layers(6).heads(8).build(), 0).parameterCount())
                        .hint(Hint.of((Number yours, Number expected) ->
                                yours.longValue() == expected.longValue() - 2 * 256 ? "you are short by 2C: the final layer norm ln_f has a scale and a shift" : null))
                        .hint(Hint.of((Number yours, Number expected) ->
                                yours.longValue() == expected.longValue() - 128 * 256 ? "you are short by T·C: the position embedding has one row per position" : null))
                        .hint(Hint.of((Number yours, Number expected) ->
                                yours.longValue() == expected.longValue() + 65 * 256 ? "you counted V·C twice: the output head reuses the token embedding" : null)),

                // 05.4 (write it yourself): layer norm forward on one position's vector
                Exercise.function("05.4", (float[] x, float[] weight, float[] bias) -> layerNorm(x, weight, bias))
                        .edge("the cat vector, weight 1, bias 0", new float[] {3f, 2f, 57f, 1f, 62f}, ones(5), new float[5])
                        .edge("weight 2, bias 1", new float[] {3f, 2f, 57f, 1f, 62f}, filled(5, 2f), filled(5, 1f))
                        .edge("a constant vector", filled(4, 7f), ones(4), new float[] {0.5f, -0.5f, 1f, 0f})
                        .randomInputs(6, Chapter05::randomVectorWeightBias)
                        .hint(Hint.of((float[] yours, float[] expected) -> hasNaN(yours)
                                ? "your output holds NaN: for a constant vector the variance is 0; the 1e-5 goes inside the square root" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, normalise((float[]) in[0], (float[]) in[1], (float[]) in[2], true, false))
                                        ? "you divided by the n − 1 variance; layer norm uses the mean of the squared deviations (divide by n)" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, normalise((float[]) in[0], ones(((float[]) in[0]).length), new float[((float[]) in[0]).length], false, false))
                                        ? "your vector is normalised but not scaled and shifted: multiply by weight[c], then add bias[c]" : null))
                        .hint(Hint.ofCall((Object[] in, float[] yours, float[] expected) ->
                                close(yours, normalise((float[]) in[0], (float[]) in[1], (float[]) in[2], false, true))
                                        ? "you divided by the variance; divide by the standard deviation √(σ² + 1e-5)" : null))
        );
    }

    /** The library's layer norm on one vector with the given weight and bias. */
    static float[] layerNorm(float[] x, float[] weight, float[] bias) {
        LayerNorm norm = new LayerNorm("ln", x.length);
        System.arraycopy(weight, 0, norm.weight().value().data(), 0, weight.length);
        System.arraycopy(bias, 0, norm.bias().value().data(), 0, bias.length);
        return norm.forward(Tensor.of(x.clone(), 1, x.length)).data();
    }

    /** The usual mistakes, for hints: the n − 1 variance, or the variance instead of its root. */
    private static float[] normalise(float[] x, float[] weight, float[] bias, boolean unbiased, boolean noRoot) {
        int n = x.length;
        double mean = 0, squares = 0;
        for (float v : x) mean += v / (double) n;
        for (float v : x) squares += (v - mean) * (v - mean);
        double variance = squares / (unbiased ? n - 1 : n);
        double divisor = noRoot ? variance + LayerNorm.EPS : Math.sqrt(variance + LayerNorm.EPS);
        float[] y = new float[n];
        for (int c = 0; c < n; c++) y[c] = (float) ((x[c] - mean) / divisor * weight[c] + bias[c]);
        return y;
    }

    private static Object[] randomVectorWeightBias(RandomGenerator random) {
        int n = 2 + random.nextInt(15);
        float[] x = new float[n], w = new float[n], b = new float[n];
        for (int c = 0; c < n; c++) {
            x[c] = (float) (3 * random.nextGaussian() + 1);
            w[c] = (float) (1 + 0.5 * random.nextGaussian());
            b[c] = (float) (0.5 * random.nextGaussian());
        }
        return new Object[] {x, w, b};
    }

    private static float[] ones(int n) {
        return filled(n, 1f);
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
