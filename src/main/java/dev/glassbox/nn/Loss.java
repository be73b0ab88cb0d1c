package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.Arrays;

/**
 * Cross-entropy: how wrong a prediction is, from the {@link Softmax} of its scores.
 *
 * <pre>
 *   crossEntropy   = −log softmax(z)_target = logsumexp(z) − z_target
 *   dLoss/dz_i     = softmax(z)_i − [i = target]
 * </pre>
 *
 * <p>The tensor methods treat the last dimension as the classes and every leading index as one
 * prediction: (B, T, V) logits are B·T predictions, (B, K) are B. The loss is the mean over them.
 */
public final class Loss {
    private Loss() {}

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
            Softmax.into(logits.data(), r * k, dz, r * k, k);
            dz[r * k + targets[r]] -= 1f;
            for (int i = 0; i < k; i++) dz[r * k + i] /= rows;
        }
        return d;
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
