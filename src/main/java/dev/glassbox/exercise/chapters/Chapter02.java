package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.Embedding;
import dev.glassbox.nn.SinusoidalPositions;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.SplittableRandom;

/** Chapter 02, Embeddings: the essay's indices in Java, the cost of a one-hot product, a sinusoid, the lookup. */
public final class Chapter02 implements Chapter {

    /** Chapter 02's vocabulary and the id of "cat". */
    static final List<String> VOCAB = List.of("<unk>", "the", "cat", "sat", "on", "mat", "a", "fat");
    static final int CAT = 2;

    /** GPT-2 small, exercise 02.3. */
    static final long GPT2_VOCABULARY = 50_257;
    static final long GPT2_CHANNELS = 768;

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 02.1: the essay's [cat, 5] (1-based) read from the matrix in Java
                Exercise.value("02.1", () -> essayEmbedding().weight().value().get(CAT, 4))
                        .hint(Hint.when((Number yours, Number e) -> yours.floatValue() == catRow()[3],
                                "that is the essay's 4th dimension: Java's index 3 is the essay's 4th, since Java "
                                + "counts from 0 and the essay from 1"))
                        .hint(Hint.when((Number yours, Number e) -> yours.floatValue() == catRow()[2],
                                "that is the essay's [cat, 3]; the exercise asks for its 5th dimension")),

                // 02.2: sentence 2, word 2, dimension 3 of the batch x, as the essay counts (1-based)
                Exercise.value("02.2", () -> essayBatch().get(1, 1, 2))
                        .hint(Hint.when((Number yours, Number e) -> isOtherEntry(yours.floatValue()),
                                "that is another entry of x: subtract 1 from each of the essay's three indices "
                                + "(sentence, word, dimension) to get Java's")),

                // 02.3: GPT-2 small: multiplications of one-hot × matrix for one token, and numbers a lookup copies
                Exercise.value("02.3", () -> new long[] {GPT2_VOCABULARY * GPT2_CHANNELS, GPT2_CHANNELS})
                        .hint(Hint.when((long[] yours, long[] e) -> yours.length == 2
                                        && yours[0] == GPT2_VOCABULARY + GPT2_CHANNELS,
                                "the product one-hot (1, V) · W (V, C) multiplies, for each of the C outputs, all V "
                                + "entries of the one-hot vector: that is a product, not a sum"))
                        .hint(Hint.when((long[] yours, long[] e) -> yours.length == 2 && yours[1] == GPT2_VOCABULARY,
                                "the lookup copies one row of the matrix: how many numbers has a row?")),

                // 02.4: PE[1, 0] and PE[1, 1] of the sinusoidal table, from the formula
                Exercise.value("02.4", () -> {
                            Tensor table = new SinusoidalPositions(16, 32).forward(16);
                            return new double[] {table.get(1, 0), table.get(1, 1)};
                        })
                        .tolerance(1e-4, 1e-4)
                        .hint(Hint.when((double[] yours, double[] e) -> yours.length == 2
                                        && near(yours[0], e[1]) && near(yours[1], e[0]),
                                "swapped: channel 2i holds the sine, channel 2i + 1 the cosine"))
                        .hint(Hint.when((double[] yours, double[] e) -> yours.length == 2
                                        && near(yours[0], Math.sin(Math.toRadians(1))),
                                "that is the sine of 1 degree: Math.sin takes radians")),

                // 02.5 (write it yourself): the lookup as one-hot × matrix, checked against Embedding's lookup
                Exercise.function("02.5", (float[][] table, Integer id) -> libraryLookup(table, id))
                        .edge("the essay's table, the row of cat", essayTable(), CAT)
                        .edge("the first row", essayTable(), 0)
                        .edge("a 1 x 1 table", new float[][] {{7f}}, 0)
                        .randomInputs(6, random -> {
                            int vocab = 2 + random.nextInt(8), channels = 1 + random.nextInt(6);
                            return new Object[] {RandomInputs.gaussianMatrix(random, vocab, channels, 1), random.nextInt(vocab)};
                        })
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                yours.length != expected.length && yours.length == ((float[][]) input[0]).length
                                ? "your vector has one entry per word (V); one-hot (1, V) · table (V, C) has one "
                                  + "per dimension (C)" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] expected) ->
                                otherRow((float[][]) input[0], (Integer) input[1], yours)
                                ? "that is another row of the table: the one-hot vector has its 1 at position id"
                                  : null))
                        .hint(Hint.of((float[] yours, float[] expected) -> multiple(yours, expected)
                                ? "your vector is a multiple of the right one: a one-hot vector holds a single 1, "
                                  + "the rest 0" : null))
        );
    }

    /** The chapter's (8, 5) embedding: seed 1, std 1, and the row of cat set to the essay's 3, 2, 57, 1, 62. */
    static Embedding essayEmbedding() {
        Embedding embedding = Embedding.named("wte").vocabSize(VOCAB.size()).channels(5)
                .initialisedFrom(new SplittableRandom(1)).weightStd(1f).build();
        embedding.setRow(CAT, 3, 2, 57, 1, 62);
        return embedding;
    }

    private static float[] catRow() {
        return essayEmbedding().row(CAT);
    }

    static float[][] essayTable() {
        Tensor w = essayEmbedding().weight().value();
        float[][] table = new float[w.dim(0)][];
        for (int v = 0; v < table.length; v++) table[v] = w.vectorAt(v);
        return table;
    }

    /** The chapter's batch x = embedding of "the fat cat sat" and "a cat sat on", (B, T, C) = (2, 4, 5). */
    static Tensor essayBatch() {
        return essayEmbedding().forward(new int[][] {ids("the fat cat sat"), ids("a cat sat on")});
    }

    private static int[] ids(String sentence) {
        return java.util.Arrays.stream(sentence.split(" ")).mapToInt(VOCAB::indexOf).toArray();
    }

    private static boolean isOtherEntry(float value) {
        Tensor x = essayBatch();
        float right = x.get(1, 1, 2);
        for (float v : x.data()) if (v == value && v != right) return true;
        return false;
    }

    /** The library's lookup: an Embedding holding {@code table}, asked for the vector of token {@code id}. */
    static float[] libraryLookup(float[][] table, int id) {
        Embedding embedding = Embedding.named("wte").vocabSize(table.length).channels(table[0].length)
                .initialisedFrom(new SplittableRandom(0)).weightStd(1f).build();
        for (int v = 0; v < table.length; v++) embedding.setRow(v, table[v]);
        return embedding.forward(new int[][] {{id}}).vectorAt(0, 0);      // (B, T, C) = (1, 1, C)
    }

    private static boolean otherRow(float[][] table, int id, float[] yours) {
        for (int v = 0; v < table.length; v++) {
            if (v != id && java.util.Arrays.equals(table[v], yours) && !java.util.Arrays.equals(table[v], table[id])) {
                return true;
            }
        }
        return false;
    }

    private static boolean multiple(float[] yours, float[] expected) {
        if (yours.length != expected.length) return false;
        double factor = Double.NaN;
        for (int c = 0; c < yours.length; c++) {
            if (expected[c] == 0) continue;
            double f = yours[c] / (double) expected[c];
            if (Double.isNaN(factor)) factor = f;
            else if (Math.abs(f - factor) > 1e-4 * Math.abs(factor)) return false;
        }
        return !Double.isNaN(factor) && Math.abs(factor - 1) > 1e-3;
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-4;
    }
}
