package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.Arrays;

/**
 * Softmax and cross-entropy: how scores become probabilities, and how wrong a prediction is.
 *
 * <pre>
 *   softmax(z)_i   = e^(z_i − max z) / Σ_j e^(z_j − max z)      (subtracting max z changes nothing but avoids overflow)
 *   crossEntropy   = −log softmax(z)_target = logsumexp(z) − z_target
 *   dLoss/dz_i     = softmax(z)_i − [i = target]
 * </pre>
 *
 * The essay's scores 4 (apple) and 6 (banana) give 1/(1+e²) = 0.1192 and 0.8808, not 0.4 / 0.6
 * (that would be dividing by the sum).
 *
 * <p>The tensor methods treat the last dimension as the classes and every leading index as one
 * prediction: (B, T, V) logits are B·T predictions, (B, K) are B. The loss is the mean over them.
 */
public final class Loss {
    private Loss() {}

    /** The probabilities for one vector of scores; a new array that sums to 1. */
    public static float[] softmax(float[] scores) {
        if (scores == null || scores.length == 0) throw new IllegalArgumentException("softmax needs at least one score");
        float[] p = new float[scores.length];
        softmaxInto(scores, 0, p, 0, scores.length);
        return p;
    }

    /** The same, row by row over the last dimension; a new tensor of the same shape. */
    public static Tensor softmax(Tensor scores) {
        Tensor p = Tensor.zeros(scores.shape());
        int k = scores.dim(-1);
        for (int row = 0; row < scores.size() / k; row++) softmaxInto(scores.data(), row * k, p.data(), row * k, k);
        return p;
    }

    /** Mean cross-entropy of {@code logits} (..., K) against one target class per leading index. */
    public static float crossEntropy(Tensor logits, int[] targets) {
        int k = logits.dim(-1), rows = checkTargets(logits, targets);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            total += logSumExp(logits.data(), r * k, k) - logits.data()[r * k + targets[r]];
        }
        return (float) (total / rows);
    }

    /** dLoss/dlogits for the mean cross-entropy: (softmax − one-hot) / rows; a new tensor shaped like logits. */
    public static Tensor crossEntropyBackward(Tensor logits, int[] targets) {
        int k = logits.dim(-1), rows = checkTargets(logits, targets);
        Tensor d = Tensor.zeros(logits.shape());
        float[] dz = d.data();
        for (int r = 0; r < rows; r++) {
            softmaxInto(logits.data(), r * k, dz, r * k, k);
            dz[r * k + targets[r]] -= 1f;
            for (int i = 0; i < k; i++) dz[r * k + i] /= rows;
        }
        return d;
    }

    /** The rows of a rectangular (B, T) target batch, flattened in (b, t) order. */
    public static int[] flatten(int[][] targets) {
        if (targets == null || targets.length == 0) throw new IllegalArgumentException("target batch is empty");
        int t = targets[0].length;
        int[] flat = new int[targets.length * t];
        for (int b = 0; b < targets.length; b++) {
            if (targets[b].length != t) {
                throw new IllegalArgumentException("target row " + b + " has " + targets[b].length
                        + " entries but row 0 has " + t + " (a batch must be rectangular)");
            }
            System.arraycopy(targets[b], 0, flat, b * t, t);
        }
        return flat;
    }

    static void softmaxInto(float[] in, int inOffset, float[] out, int outOffset, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) max = Math.max(max, in[inOffset + i]);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            float e = (float) Math.exp(in[inOffset + i] - max);
            out[outOffset + i] = e;
            sum += e;
        }
        for (int i = 0; i < k; i++) out[outOffset + i] = (float) (out[outOffset + i] / sum);
    }

    /** log Σ e^z = max + log Σ e^(z − max), stable for large scores. */
    private static double logSumExp(float[] z, int offset, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) max = Math.max(max, z[offset + i]);
        double sum = 0;
        for (int i = 0; i < k; i++) sum += Math.exp(z[offset + i] - max);
        return max + Math.log(sum);
    }

    private static int checkTargets(Tensor logits, int[] targets) {
        int k = logits.dim(-1), rows = logits.size() / k;
        if (targets.length != rows) {
            throw new IllegalArgumentException(targets.length + " targets for " + rows + " predictions of logits shaped "
                    + Arrays.toString(logits.shape()));
        }
        for (int r = 0; r < rows; r++) {
            if (targets[r] < 0 || targets[r] >= k) {
                throw new IllegalArgumentException("target " + targets[r] + " (prediction " + r + ") is outside [0, " + k
                        + "): there are " + k + " classes");
            }
        }
        return rows;
    }
}
