package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Softmax;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.LanguageModel;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 09, From scores to words: softmax by hand, the essay's temperature, top-p, the cache's savings. */
public final class Chapter09 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 09.1: p(banana) = softmax(4, 6)[1]
                Exercise.value("09.1", () -> (double) Softmax.of(new float[] {4, 6})[1])
                        .hint(Hint.when((Number yours, Number e) -> Math.abs(yours.doubleValue() - 0.6) < 1e-6,
                                "that is 6 / (4 + 6), division by the sum; softmax divides e^6 by e^4 + e^6"))
                        .hint(Hint.when((Number yours, Number e) -> Math.abs(yours.doubleValue() - (1 - e.doubleValue())) < 1e-6,
                                "that is apple's probability; the question asks for banana's (score 6)")),

                // 09.2: 1 / (1 + e^{2/T}) = 0.4  ⇔  T = 2 / ln 1.5
                Exercise.value("09.2", Chapter09::essayTemperature)
                        .tolerance(1e-3, 1e-3)
                        .hint(Hint.when((Number yours, Number e) -> yours.doubleValue() <= 0,
                                "a temperature is positive"))
                        .hint(Hint.when((Number yours, Number e) -> yours.doubleValue() < 1,
                                "below T = 1 softmax gets sharper, and apple's 0.12 falls further; 0.4 needs a flatter distribution")),

                // 09.3 (write it yourself): top-p on a probability vector, checked against Sampler's top-p
                Exercise.function("09.3", (float[] probabilities, Double p) -> libraryTopP(probabilities, p))
                        .tolerance(1e-5, 1e-4)
                        .edge("the eight fruits, p = 0.95", FRUITS, 0.95)
                        .edge("the eight fruits, p = 0.8", FRUITS, 0.8)
                        .edge("one sure token, p = 0.9", new float[] {0.02f, 0.95f, 0.03f}, 0.9)
                        .edge("p = 1 keeps everything", new float[] {0.5f, 0.2f, 0.3f}, 1.0)
                        .randomInputs(6, random -> new Object[] {randomDistribution(random), 0.3 + 0.6 * random.nextDouble()})
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                yours.length != expected.length ? "return one probability per token, " + expected.length + " in all" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                Math.abs(sum(yours) - 1) > 1e-3 ? "your probabilities sum to " + String.format("%.3f", sum(yours))
                                        + "; divide the kept ones by their sum" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                kept(yours) < kept(expected) ? "you keep " + tokens(kept(yours)) + ", too few: stop only when the "
                                        + "kept probabilities reach p (at least p, not just below it)" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                kept(yours) > kept(expected) ? "you keep " + tokens(kept(yours)) + ", too many: take the most "
                                        + "likely first, and stop as soon as their sum reaches p" : null)),

                // 09.4: 1 + 2 + … + 100 positions without the cache
                Exercise.value("09.4", () -> positionsFed(100))
                        .hint(Hint.when((Number yours, Number e) -> yours.longValue() == 100,
                                "100 is what the cached model feeds, one position per token; without the cache step t feeds all tokens so far"))
                        .hint(Hint.when((Number yours, Number e) -> yours.longValue() == 10_000,
                                "not every step feeds 100 positions: the first feeds 1, the second 2, ..."))
        );
    }

    private static final float[] FRUITS = Softmax.of(new float[] {6, 4, 3.5f, 3, 2, 1, 0, -1});

    static double essayTemperature() {
        return 2 / Math.log(1.5);
    }

    /** Sampler's own top-p, applied to log-probabilities (softmax of log p gives p back). */
    static float[] libraryTopP(float[] probabilities, double p) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) Math.log(probabilities[i]);
        return new Sampler(SamplingOptions.sampling().topP(p), 0).distribution(logits);
    }

    /** Counts the positions an uncached Generator feeds through a model over {@code tokens} steps. */
    static long positionsFed(int tokens) {
        long[] fed = {0};
        LanguageModel counting = new LanguageModel() {
            public int vocabSize() { return 2; }
            public int contextLength() { return tokens + 1; }
            public float[] nextLogits(int[] context) {
                fed[0] += context.length;
                return new float[] {1, 0};
            }
        };
        new Generator(counting).generate(new int[] {0}, tokens, new Sampler(SamplingOptions.greedy(), 0));
        return fed[0];
    }

    private static float[] randomDistribution(RandomGenerator random) {
        float[] scores = new float[3 + random.nextInt(8)];
        for (int i = 0; i < scores.length; i++) scores[i] = (float) (3 * random.nextGaussian());
        return Softmax.of(scores);
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) s += v;
        return s;
    }

    private static String tokens(int n) {
        return n + (n == 1 ? " token" : " tokens");
    }

    private static int kept(float[] probabilities) {
        int n = 0;
        for (float v : probabilities) if (v > 0) n++;
        return n;
    }
}
