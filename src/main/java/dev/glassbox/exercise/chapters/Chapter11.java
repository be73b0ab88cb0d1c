package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Softmax;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 11, What the model knows: GPT-2's attention weights, the "where does it look" probe, where two prompts part. */
public final class Chapter11 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 11.1: layers × heads × T² for GPT-2 small at T = 1024
                Exercise.value("11.1", () -> 12L * 12 * 1024 * 1024)
                        .hint(Hint.when((Number yours, Number e) -> yours.longValue() == 12L * 12 * 1024,
                                "a head computes a (T, T) matrix: T² weights, not T"))
                        .hint(Hint.when((Number yours, Number e) -> yours.longValue() == 12L * 1024 * 1024,
                                "every head of every block computes its own matrix: multiply by the heads too")),

                // 11.2 (write it yourself): the argmax of one attention row
                Exercise.function("11.2", (Tensor weights, Integer query) -> mostAttendedKey(weights, query))
                        .edge("a single position", Tensor.of(new float[] {1f}, 1, 1, 1), 0)
                        .edge("a tie between keys 0 and 1", Tensor.of(new float[] {1f, 0f, 0f, 0.5f, 0.5f, 0f, 0.2f, 0.4f, 0.4f}, 1, 3, 3), 1)
                        .randomInputs(6, random -> {
                            int t = 2 + random.nextInt(10);
                            return new Object[] {randomCausalWeights(random, t), random.nextInt(t)};
                        })
                        .hint(Hint.ofCall((Object[] input, Integer yours, Integer expected) ->
                                yours != null && yours.equals(input[1]) ? "that is the query position itself; read row " + input[1]
                                        + " and return the key it gives the largest weight" : null))
                        .hint(Hint.ofCall((Object[] input, Integer yours, Integer expected) ->
                                yours != null && yours > (Integer) input[1] ? "key " + yours + " comes after the query; under the "
                                        + "causal mask its weight is 0: read row " + input[1] + " (weights.get(0, query, key))" : null)),

                // 11.3: "Q:colour of snow?A:" and "Q:capital of Peru?A:" part at their first different character
                Exercise.value("11.3", () -> firstDifference("Q:colour of snow?A:", "Q:capital of Peru?A:"))
                        .hint(Hint.when((Integer yours, Integer e) -> yours == e + 1,
                                "positions count from 0 here: 'Q' is position 0"))
                        .hint(Hint.when((Integer yours, Integer e) -> yours > e + 1,
                                "causal attention keeps positions before the first different character identical; "
                                + "after it, everything may differ: look for the first position with a difference above 0"))
        );
    }

    static int mostAttendedKey(Tensor weights, int query) {
        int keys = weights.dim(2);
        int best = 0;
        for (int key = 1; key < keys; key++) if (weights.get(0, query, key) > weights.get(0, query, best)) best = key;
        return best;
    }

    static int firstDifference(String a, String b) {
        int t = 0;
        while (t < Math.min(a.length(), b.length()) && a.charAt(t) == b.charAt(t)) t++;
        return t;
    }

    /** (1, T, T) rows of softmax weights under a causal mask. */
    private static Tensor randomCausalWeights(RandomGenerator random, int t) {
        float[] data = new float[t * t];
        for (int row = 0; row < t; row++) {
            float[] scores = new float[row + 1];
            for (int k = 0; k <= row; k++) scores[k] = (float) (2 * random.nextGaussian());
            float[] p = Softmax.of(scores);
            System.arraycopy(p, 0, data, row * t, row + 1);
        }
        return Tensor.of(data, 1, t, t);
    }
}
