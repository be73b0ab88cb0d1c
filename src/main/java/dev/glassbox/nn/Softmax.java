package dev.glassbox.nn;

/**
 * Softmax: scores to probabilities.
 *
 * <pre>
 *   softmax(z)_i = e^(z_i − max z) / Σ_j e^(z_j − max z)      (subtracting max z changes nothing but avoids overflow)
 * </pre>
 * The essay's scores 4 (apple) and 6 (banana) give 1/(1+e²) = 0.1192 and 0.8808, not 0.4 / 0.6
 * (that would be dividing by the sum). The fast twin is the softmax inside {@code kernels.AttentionKernel}.
 */
public final class Softmax {
    private Softmax() {}

    /** The probabilities for one vector of scores; a new array that sums to 1. */
    public static float[] of(float[] scores) {
        if (scores == null || scores.length == 0) throw new IllegalArgumentException("softmax needs at least one score");
        float[] p = new float[scores.length];
        into(scores, 0, p, 0, scores.length);
        return p;
    }

    /** {@code out[outOffset .. + k)} = softmax of {@code in[inOffset .. + k)}. */
    public static void into(float[] in, int inOffset, float[] out, int outOffset, int k) {
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
}
