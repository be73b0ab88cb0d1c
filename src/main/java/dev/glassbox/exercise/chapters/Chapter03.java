package dev.glassbox.exercise.chapters;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.nn.AttentionInternals;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.CausalSelfAttention;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chapter 03, Attention by hand: entries of the hand-made head on "the cat sat", recomputed by the library's
 * {@link CausalSelfAttention} with the chapter's weights; which head counts divide 6 channels; and one row of
 * causal attention weights written by the student.
 */
public final class Chapter03 implements Chapter {

    /** The chapter's local vectors x (T = 3, C = 4) and projections (C, d_k) = (4, 4). */
    static final float[][] X = {{1, 0, 1, 0}, {1, 2, 0, 0}, {0, 0, 0, 2}};
    static final float[][] WQ = {{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}};
    static final float[][] WK = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    static final float[][] WV = {{1, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    static final int THE = 0;
    static final int CAT = 1;
    static final int SAT = 2;

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 03.1: score[cat, the] unscaled, then scaled by 1/√d_k
                Exercise.value("03.1", () -> new float[] {
                                handMade(false, AttentionScaling.NONE, X).attentionScores().get(0, 0, CAT, THE),
                                handMade(false, AttentionScaling.SQRT_DK, X).attentionScores().get(0, 0, CAT, THE)})
                        .hint(Hint.when((float[] yours, float[] e) -> yours.length == 2 && yours[0] == e[0]
                                        && yours[1] == yours[0],
                                "the first number is right; the second is the first divided by √d_k"))
                        .hint(Hint.when((float[] yours, float[] e) -> yours.length == 2 && yours[0] == e[0]
                                        && Math.abs(yours[1] - yours[0] / 4) < 1e-6,
                                "divide by √d_k = √4, not by d_k"))
                        .hint(Hint.when((float[] yours, float[] e) -> yours.length == 2 && yours[0] != e[0],
                                "the score is q_cat · k_the: row cat of q dotted with row the of k, four products "
                                + "added")),

                // 03.2: the weight sat gives cat, unmasked, without the 1/√d_k
                Exercise.value("03.2", () -> (double) handMade(false, AttentionScaling.NONE, X)
                                .attentionWeights().get(0, 0, SAT, CAT))
                        .hint(Hint.when((Number yours, Number e) -> near(yours, handMade(false,
                                        AttentionScaling.SQRT_DK, X).attentionWeights().get(0, 0, SAT, CAT)),
                                "that is the weight with the scaling, as in the chapter; without it, row sat's "
                                + "scores are twice as large"))
                        .hint(Hint.when((Number yours, Number e) -> yours.doubleValue() < 0 || yours.doubleValue() > 1,
                                "a softmax weight lies between 0 and 1")),

                // 03.3: the weight sat gives cat when sat's action is twice as strong (scaled, causal)
                Exercise.value("03.3", () -> (double) handMade(true, AttentionScaling.SQRT_DK, strongerSat())
                                .attentionWeights().get(0, 0, SAT, CAT))
                        .hint(Hint.when((Number yours, Number e) -> near(yours, handMade(true,
                                        AttentionScaling.SQRT_DK, X).attentionWeights().get(0, 0, SAT, CAT)),
                                "that is the weight before the change: doubling x_sat doubles q_sat, and with it "
                                + "the scores of row sat"))
                        .hint(Hint.when((Number yours, Number e) -> yours.doubleValue() < 0 || yours.doubleValue() > 1,
                                "a softmax weight lies between 0 and 1")),

                // 03.4: the head counts 1 … 6 that the library accepts for 6 channels
                Exercise.value("03.4", () -> acceptedHeadCounts(6))
                        .hint(Hint.when((int[] yours, int[] e) -> Arrays.stream(yours).anyMatch(h -> h == 4 || h == 5),
                                "try CausalSelfAttention.named(\"attn\").channels(6).heads(4).build() and read what it says"))
                        .hint(Hint.when((int[] yours, int[] e) -> Arrays.stream(yours).noneMatch(h -> h == 1)
                                        || Arrays.stream(yours).noneMatch(h -> h == 6),
                                "one head with d_k = 6, and 6 heads with d_k = 1, split the width evenly too"))
                        .hint(Hint.when((int[] yours, int[] e) -> !sortedDistinct(yours),
                                "list the counts once each, in increasing order")),

                // 03.5 (write it yourself): one row of causal attention weights, against CausalSelfAttention
                Exercise.function("03.5", (float[][] q, float[][] k, Integer t) -> libraryCausalRow(q, k, t))
                        .edge("the cat sat, row sat (t = 2)", matmul(X, WQ), matmul(X, WK), SAT)
                        .edge("the cat sat, row cat (t = 1)", matmul(X, WQ), matmul(X, WK), CAT)
                        .edge("the first token (t = 0)", matmul(X, WQ), matmul(X, WK), THE)
                        .edge("large scores", scaled(matmul(X, WQ), 1000), matmul(X, WK), SAT)
                        .randomInputs(8, random -> {
                            int tokens = 2 + random.nextInt(6), width = 1 + random.nextInt(6);
                            return new Object[] {gaussian(random, tokens, width), gaussian(random, tokens, width),
                                random.nextInt(tokens)};
                        })
                        .tolerance(1e-5, 1e-3)
                        .hint(Hint.of((float[] yours, float[] e) -> hasNonFinite(yours)
                                ? "your row has NaN or ∞: e^score overflows for large scores; subtract the row's "
                                  + "largest score before Math.exp (the weights stay the same)" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] e) ->
                                yours.length != ((float[][]) input[1]).length
                                ? "your row has " + yours.length + " entries; a row of weights has one per token, "
                                  + "k.length" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] e) ->
                                looksAhead(yours, (Integer) input[2])
                                ? "token t may not look ahead: the weights after position t must be exactly 0" : null))
                        .hint(Hint.of((float[] yours, float[] e) -> Math.abs(sum(yours) - 1) > 1e-3
                                ? String.format("your row sums to %.3f; a softmax row sums to 1", sum(yours)) : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] e) ->
                                close(yours, rowByHand((float[][]) input[0], (float[][]) input[1], (Integer) input[2], 1))
                                ? "divide the scores by √d_k (d_k = q[0].length) before the softmax" : null))
                        .hint(Hint.ofCall((Object[] input, float[] yours, float[] e) ->
                                close(yours, rowByHand((float[][]) input[0], (float[][]) input[1], (Integer) input[2],
                                        ((float[][]) input[0])[0].length))
                                ? "divide by √d_k, not by d_k" : null))
        );
    }

    /** What the chapter's head computed over x: c_attn = [W_q | W_k | W_v], c_proj = identity, biases 0. */
    static AttentionInternals handMade(boolean causal, AttentionScaling scaling, float[][] x) {
        var attention = CausalSelfAttention.named("attn").channels(4).heads(1).causal(causal).scaling(scaling).build();
        Tensor cAttn = attention.cAttn().weight().value();       // (C, 3C) = (4, 12)
        Tensor cProj = attention.cProj().weight().value();       // (C, C)
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                cAttn.set(WQ[i][j], i, j);
                cAttn.set(WK[i][j], i, 4 + j);
                cAttn.set(WV[i][j], i, 8 + j);
                cProj.set(i == j ? 1f : 0f, i, j);
            }
        }
        float[] input = new float[x.length * 4];
        for (int t = 0; t < x.length; t++) System.arraycopy(x[t], 0, input, 4 * t, 4);
        attention.forward(Tensor.of(input, 1, x.length, 4));
        return attention.internals();
    }

    /** x with "sat" = (0, 0, 0, 4): its action twice as strong. */
    static float[][] strongerSat() {
        float[][] x = {X[0].clone(), X[1].clone(), X[2].clone()};
        x[SAT][3] = 4;
        return x;
    }

    /** Head counts 1 … channels that CausalSelfAttention accepts for this width. */
    static int[] acceptedHeadCounts(int channels) {
        List<Integer> accepted = new ArrayList<>();
        for (int heads = 1; heads <= channels; heads++) {
            try {
                CausalSelfAttention.named("attn").channels(channels).heads(heads).build();
                accepted.add(heads);
            } catch (IllegalArgumentException refused) {
                // not a divisor of the width
            }
        }
        return accepted.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The reference: row t of the causal attention weights that {@link CausalSelfAttention} computes for these
     * queries and keys. The layer takes inputs x, not q and k, so we feed it one-hot inputs (token i has a 1 in
     * channel i) and put q and k into c_attn's rows: then its queries are exactly q / √d_k and its keys k (zero
     * columns pad the width C = max(T, d_k), which leaves every dot product unchanged; the 1/√d_k is applied to q
     * because the layer, scaling off, would otherwise divide by √C).
     */
    static float[] libraryCausalRow(float[][] q, float[][] k, int t) {
        int tokens = q.length;
        int width = q[0].length;
        int channels = Math.max(tokens, width);
        var attention = CausalSelfAttention.named("attn").channels(channels).heads(1).scaling(AttentionScaling.NONE).build();
        Tensor cAttn = attention.cAttn().weight().value();       // (C, 3C): [W_q | W_k | W_v]
        Arrays.fill(cAttn.data(), 0f);
        Arrays.fill(attention.cAttn().bias().value().data(), 0f);
        float scale = (float) (1 / Math.sqrt(width));
        for (int i = 0; i < tokens; i++) {
            for (int c = 0; c < width; c++) {
                cAttn.set(q[i][c] * scale, i, c);
                cAttn.set(k[i][c], i, channels + c);
            }
        }
        Tensor x = Tensor.zeros(1, tokens, channels);            // (B, T, C), one-hot rows
        for (int i = 0; i < tokens; i++) x.set(1f, 0, i, i);
        attention.forward(x);
        return attention.internals().attentionWeights().vectorAt(0, 0, t);   // (B, NH, T, T) → row t, T entries
    }

    /** Row t by hand, scores divided by {@code divisor} instead of √d_k (for the hints). */
    private static float[] rowByHand(float[][] q, float[][] k, int t, double divisor) {
        double[] scores = new double[t + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= t; j++) {
            double dot = 0;
            for (int c = 0; c < q[t].length; c++) dot += q[t][c] * k[j][c];
            scores[j] = dot / divisor;
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j <= t; j++) sum += Math.exp(scores[j] - max);
        float[] row = new float[k.length];
        for (int j = 0; j <= t; j++) row[j] = (float) (Math.exp(scores[j] - max) / sum);
        return row;
    }

    static float[][] matmul(float[][] a, float[][] b) {
        float[][] out = new float[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int c = 0; c < b.length; c++) out[i][j] += a[i][c] * b[c][j];
            }
        }
        return out;
    }

    private static float[][] scaled(float[][] m, float factor) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) out[i][j] *= factor;
        }
        return out;
    }

    private static float[][] gaussian(java.util.random.RandomGenerator random, int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (float[] row : m) for (int c = 0; c < columns; c++) row[c] = (float) random.nextGaussian();
        return m;
    }

    private static boolean hasNonFinite(float[] row) {
        for (float v : row) if (!Float.isFinite(v)) return true;
        return false;
    }

    private static boolean looksAhead(float[] row, int t) {
        for (int j = t + 1; j < row.length; j++) if (row[j] != 0) return true;
        return false;
    }

    private static double sum(float[] row) {
        double s = 0;
        for (float v : row) s += v;
        return s;
    }

    private static boolean close(float[] a, float[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-4) return false;
        return true;
    }

    private static boolean near(Number yours, double value) {
        return Math.abs(yours.doubleValue() - value) < 1e-3;
    }

    private static boolean sortedDistinct(int[] values) {
        for (int i = 1; i < values.length; i++) if (values[i] <= values[i - 1]) return false;
        return true;
    }
}
