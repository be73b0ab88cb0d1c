package dev.glassbox.exercise.chapters;

import static dev.glassbox.exercise.chapters.HintMath.close;
import static dev.glassbox.exercise.chapters.HintMath.hasNaN;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Softmax;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 04, Why √d_k: score sizes, the cosine's ceiling, entropy, and the scaled softmax row. */
public final class Chapter04 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 04.1: the typical size (standard deviation) of q·k for d_k = 100 unit-variance entries: √100
                Exercise.value("04.1", () -> Math.sqrt(100))
                        .tolerance(1e-9, 1e-9)
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 100) < 1e-6,
                                "that is the variance of q·k (a sum of 100 products of variance 1); the standard deviation is its square root"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 1) < 1e-6,
                                "that is the size after dividing by √d_k; the question asks about q·k itself"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - 0.1) < 1e-6,
                                "that is the typical size of the cosine; the question asks about q·k itself")),

                // 04.2: the largest weight a row of cosine scores can have over T = 4 keys: e¹ / (e¹ + 3 e⁻¹)
                Exercise.value("04.2", () -> (double) Softmax.of(new float[] {1f, -1f, -1f, -1f})[0])
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - Math.exp(2) / (Math.exp(2) + 15)) < 1e-4,
                                "that is the ceiling for 16 keys; this row has 4"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - Math.E / (Math.E + 3)) < 1e-4,
                                "the other three keys do not score 0 in the best case: a cosine can go down to −1"))
                        .hint(Hint.when((Number yours, Object e) -> yours.doubleValue() >= 1 || yours.doubleValue() <= 0.25,
                                "a softmax weight over 4 keys lies strictly between 0 and 1, and the largest one is above 1/4")),

                // 04.3: the entropy of a row over 16 keys with 0.9 on one and 0.1/15 on each other key
                Exercise.value("04.3", () -> entropy(peakedRow()))
                        .hint(Hint.when((Number yours, Object e) -> yours.doubleValue() < 0,
                                "−Σ w ln w is never negative: each w ln w is ≤ 0 for 0 < w ≤ 1, so check the sign"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() - entropy(peakedRow()) / Math.log(2)) < 1e-3,
                                "that is in bits (log base 2); the chapter measures entropy in nats, with Math.log"))
                        .hint(Hint.when((Number yours, Object e) -> Math.abs(yours.doubleValue() + 0.9 * Math.log(0.9)) < 1e-3,
                                "that is only the term of the key with 0.9; the 15 other keys add their terms too")),

                // 04.4 (write it yourself): one row of attention weights, q·k_j / √d_k then softmax
                Exercise.function("04.4", (float[] query, float[][] keys) -> scaledSoftmaxRow(query, keys))
                        .edge("the cat sat's q and keys", new float[] {1f, 0f}, new float[][] {{1f, 0f}, {0f, 1f}, {1f, 1f}})
                        .edge("a single key", new float[] {0.5f, -2f, 1f}, new float[][] {{3f, 1f, -1f}})
                        .edge("large scores", new float[] {30f, 30f, 30f, 30f}, new float[][] {{30f, 30f, 30f, 30f}, {29f, 30f, 30f, 30f}, {-30f, 30f, 30f, 30f}})
                        .randomInputs(6, Chapter04::randomQueryAndKeys)
                        .hint(Hint.of((float[] yours, float[] expected) -> yours.length != expected.length ? null
                                : hasNaN(yours) ? "your row holds NaN: e^score overflows for large scores; subtract the row's largest score before exp"
                                : null))
                        .hint(Hint.of((float[] yours, float[] expected) -> {
                            if (yours.length != expected.length) return null;
                            double sum = 0;
                            for (float w : yours) sum += w;
                            return Math.abs(sum - 1) > 1e-3 ? String.format("your row sums to %.3f; a softmax row sums to 1", sum) : null;
                        }))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                close(yours, rowWithDivisor((float[]) input[0], (float[][]) input[1], 1.0))
                                        ? "your row is the softmax of q·k without the division by √d_k" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                close(yours, rowWithDivisor((float[]) input[0], (float[][]) input[1], ((float[]) input[0]).length))
                                        ? "you divided by d_k; the scaling divides by its square root" : null))
        );
    }

    /** softmax over j of q·k_j / √d_k, the row chapter 04 is about (reference: the library's softmax). */
    static float[] scaledSoftmaxRow(float[] query, float[][] keys) {
        return rowWithDivisor(query, keys, Math.sqrt(query.length));
    }

    private static float[] rowWithDivisor(float[] query, float[][] keys, double divisor) {
        float[] scores = new float[keys.length];
        for (int j = 0; j < keys.length; j++) {
            double dot = 0;
            for (int c = 0; c < query.length; c++) dot += query[c] * keys[j][c];
            scores[j] = (float) (dot / divisor);
        }
        return Softmax.of(scores);
    }

    private static Object[] randomQueryAndKeys(RandomGenerator random) {
        int dk = 1 + random.nextInt(16), keys = 1 + random.nextInt(8);
        float[] query = new float[dk];
        float[][] k = new float[keys][dk];
        for (int c = 0; c < dk; c++) query[c] = (float) (2 * random.nextGaussian());
        for (int j = 0; j < keys; j++) for (int c = 0; c < dk; c++) k[j][c] = (float) (2 * random.nextGaussian());
        return new Object[] {query, k};
    }

    private static double[] peakedRow() {
        double[] row = new double[16];
        java.util.Arrays.fill(row, 0.1 / 15);
        row[0] = 0.9;
        return row;
    }

    private static double entropy(double[] row) {
        double h = 0;
        for (double w : row) h -= w * Math.log(w);
        return h;
    }
}
