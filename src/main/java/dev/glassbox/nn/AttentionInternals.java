package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

/**
 * What one forward pass of {@link CausalSelfAttention} computed, for looking inside: queries, keys and
 * values per head, the scores before the softmax and the weights after it. The weights are not
 * parameters: they are recomputed from q and k for every input.
 *
 * <pre>
 *   qkv     (B, T, 3C)      q in [0, C), k in [C, 2C), v in [2C, 3C); head h in [h·HS, (h+1)·HS) of each
 *   scores  (B, NH, T, T)   already scaled; masked entries −∞
 *   weights (B, NH, T, T)   row t: how much position t takes from each t2; rows sum to 1
 * </pre>
 */
public final class AttentionInternals {
    private final String name;
    final int batch, length, channels, heads, headSize;
    final Tensor qkv, scores, weights;

    AttentionInternals(String name, int batch, int length, int channels, int heads, Tensor qkv, Tensor scores, Tensor weights) {
        this.name = name;
        this.batch = batch;
        this.length = length;
        this.channels = channels;
        this.heads = heads;
        this.headSize = channels / heads;
        this.qkv = qkv;
        this.scores = scores;
        this.weights = weights;
    }

    /** Softmax weights (B, NH, T, T): row t says how much position t takes from each t2. Rows sum to 1. */
    public Tensor attentionWeights() { return weights; }

    /** Scores before the softmax (B, NH, T, T), already scaled; masked entries are -∞. */
    public Tensor attentionScores() { return scores; }

    /** Every head's queries (B, NH, T, HS), a copy. */
    public Tensor query() { return split(0); }

    /** Every head's keys (B, NH, T, HS), a copy. */
    public Tensor key() { return split(1); }

    /** Every head's values (B, NH, T, HS), a copy. */
    public Tensor value() { return split(2); }

    /** One head's queries (B, T, HS), a copy. */
    public Tensor queryOf(int head) { return headOf(0, head); }

    /** One head's keys (B, T, HS), a copy. */
    public Tensor keyOf(int head) { return headOf(1, head); }

    /** One head's values (B, T, HS), a copy. */
    public Tensor valueOf(int head) { return headOf(2, head); }

    /** One head's attention weights (B, T, T), a copy. */
    public Tensor attentionWeightsOf(int head) {
        checkHead(head);
        int T = length;
        Tensor out = Tensor.zeros(batch, T, T);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(weights.data(), (b * heads + head) * T * T, out.data(), b * T * T, T * T);
        }
        return out;
    }

    /**
     * How big one head's scores are before any scaling: the root mean square of q·k over every (position, key)
     * pair the mask lets through (every pair when the layer is not causal). With {@code NONE} these are the
     * scores themselves; {@code SQRT_DK} divides them by √d_k, {@code COSINE} by the norms.
     */
    public double rawScoreRmsOf(int head) {
        checkHead(head);
        float[] x = qkv.data(), s = scores.data();
        int T = length, width = 3 * channels, offset = head * headSize;
        double squares = 0;
        long pairs = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < T; i++) {
                int query = (b * T + i) * width + offset;
                for (int j = 0; j < T; j++) {
                    if (s[((b * heads + head) * T + i) * T + j] == Float.NEGATIVE_INFINITY) continue;   // masked
                    int key = (b * T + j) * width + channels + offset;
                    double dot = 0;
                    for (int c = 0; c < headSize; c++) dot += x[query + c] * x[key + c];
                    squares += dot * dot;
                    pairs++;
                }
            }
        }
        return Math.sqrt(squares / pairs);
    }

    /**
     * How sharp one head's rows are: the largest weight of each row (sequence, position), averaged over all rows.
     * 1 when every row puts all its weight on one key; for evenly spread rows, the mean of 1 / (keys a row sees).
     */
    public double meanLargestWeightOf(int head) {
        checkHead(head);
        float[] w = weights.data();
        int T = length;
        double mean = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < T; i++) {
                int row = ((b * heads + head) * T + i) * T;
                double largest = 0;
                for (int j = 0; j < T; j++) largest = Math.max(largest, w[row + j]);
                mean += largest / (batch * T);
            }
        }
        return mean;
    }

    /** part 0 = q, 1 = k, 2 = v, rearranged (B, T, 3C) → (B, NH, T, HS). */
    private Tensor split(int part) {
        Tensor out = Tensor.zeros(batch, heads, length, headSize);
        for (int h = 0; h < heads; h++) {
            float[] one = headOf(part, h).data();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(one, b * length * headSize, out.data(), ((b * heads + h) * length) * headSize, length * headSize);
            }
        }
        return out;
    }

    private Tensor headOf(int part, int head) {
        checkHead(head);
        Tensor out = Tensor.zeros(batch, length, headSize);                        // (B, T, HS)
        for (int bt = 0; bt < batch * length; bt++) {
            System.arraycopy(qkv.data(), bt * 3 * channels + part * channels + head * headSize, out.data(), bt * headSize, headSize);
        }
        return out;
    }

    private void checkHead(int head) {
        if (head < 0 || head >= heads) {
            throw new IndexOutOfBoundsException("head " + head + " does not exist: " + name + " has heads 0.." + (heads - 1));
        }
    }
}
