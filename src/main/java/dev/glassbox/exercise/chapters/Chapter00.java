package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.tensor.Tensor;

import java.util.List;

/** Chapter 00, Welcome: the worked example of the exercise convention (see docs/exercises.md). */
public final class Chapter00 implements Chapter {

    /** GPT-2's vocabulary size, the number in exercise 00.2. */
    static final int GPT2_VOCABULARY = 50_257;

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 00.1: a (2, 3) tensor with entry [r, c] = 10·r + c, written with set(value, row, column)
                Exercise.value("00.1", Chapter00::tenRowsPlusColumn)
                        .hint(Hint.when((Tensor yours, Tensor expected) -> yours.sameShape(expected)
                                        && allZero(yours),
                                "your tensor is still all zeros: write each entry with set(value, row, column)"))
                        .hint(Hint.when((Tensor yours, Tensor expected) -> yours.sameShape(expected)
                                        && swapped(yours),
                                "your entry [r, c] holds 10·c + r: row and column are swapped")),

                // 00.2: the loss of a uniform guess over GPT-2's vocabulary, −ln(1/50257)
                Exercise.value("00.2", () -> -Math.log(1.0 / GPT2_VOCABULARY))
                        .hint(Hint.when((Number yours, Object e) -> yours.doubleValue() < 0,
                                "a loss −ln p is never negative for a probability p ≤ 1: check the sign"))
                        .hint(Hint.when((Number yours, Object e) ->
                                        near(yours, Math.log10(GPT2_VOCABULARY)),
                                "that is a logarithm to base 10; the loss uses the natural logarithm, Math.log"))
                        .hint(Hint.when((Number yours, Object e) -> near(yours, Math.log(65)),
                                "that is the uniform loss over 65 characters; GPT-2's vocabulary has 50,257 tokens"))
                        .hint(Hint.when((Number yours, Object e) -> near(yours, 1.0 / GPT2_VOCABULARY),
                                "that is the probability p of each token; the loss is −ln p")),

                // 00.3 (write it yourself): the causal or bidirectional attention mask as a 0/1 matrix
                Exercise.function("00.3", (Integer n, Boolean causal) -> attentionMask(n, causal))
                        .edge("a single token, causal", 1, true)
                        .edge("a single token, bidirectional", 1, false)
                        .edge("the cat sat, causal", 3, true)
                        .randomInputs(6, random -> new Object[] {2 + random.nextInt(7), random.nextBoolean()})
                        .hint(Hint.ofCall((Object[] input, double[][] yours, double[][] expected) ->
                                yours.length == expected.length && !equal(yours, expected)
                                        && equal(transpose(yours), expected)
                                ? "your mask is the transpose of the right one: row = the token that looks "
                                  + "(query), column = the token it looks at (key)" : null))
                        .hint(Hint.ofCall((Object[] input, double[][] yours, double[][] expected) ->
                                yours.length == expected.length && yours.length > 0
                                        && yours[0].length == expected.length && yours[0][0] != 1
                                ? "a token may always look at itself: the diagonal holds 1" : null))
                        .hint(Hint.ofCall((Object[] input, double[][] yours, double[][] expected) ->
                                equal(yours, attentionMask((Integer) input[0], !(Boolean) input[1]))
                                ? "that is the mask for causal = " + !(Boolean) input[1]
                                  + "; look at the second argument" : null)),

                // 00.4: which dimension the error of x.set(5f, 2, 2) on a (2, 3) tensor names
                Exercise.hashed("00.4", "9980aa331253bb9bc4373ea5ed66e9e949bf4343f93580c79d58e97685fb82ae")
                        .hint(Hint.when((Integer yours, Object e) -> yours == 2,
                                "2 is the index you wrote; the question asks which dimension the message names "
                                + "(0 = rows, 1 = columns)"))
                        .hint(Hint.when((Integer yours, Object e) -> yours == 1,
                                "dimension 1 holds the columns, and there are 3 of them, so index 2 fits there; "
                                + "read the message again"))
        );
    }

    /** The (2, 3) tensor whose entry [r, c] is 10·r + c. */
    static Tensor tenRowsPlusColumn() {
        Tensor t = Tensor.zeros(2, 3);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                t.set(10 * r + c, r, c);
            }
        }
        return t;
    }

    /** mask[row][column] = 1 when token {@code row} may look at token {@code column}, else 0. */
    static double[][] attentionMask(int n, boolean causal) {
        double[][] mask = new double[n][n];
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                mask[row][column] = !causal || column <= row ? 1 : 0;
            }
        }
        return mask;
    }

    private static boolean allZero(Tensor t) {
        for (float v : t.data()) if (v != 0) return false;
        return true;
    }

    private static boolean swapped(Tensor t) {
        for (int r = 0; r < t.dim(0); r++) {
            for (int c = 0; c < t.dim(1); c++) {
                if (t.get(r, c) != 10 * c + r) return false;
            }
        }
        return true;
    }

    private static boolean near(Number yours, double value) {
        return Math.abs(yours.doubleValue() - value) <= 1e-3 * Math.max(1, Math.abs(value));
    }

    private static boolean equal(double[][] a, double[][] b) {
        return java.util.Arrays.deepEquals(a, b);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m.length == 0 ? 0 : m[0].length][m.length];
        for (int r = 0; r < m.length; r++) for (int c = 0; c < m[r].length; c++) t[c][r] = m[r][c];
        return t;
    }
}
