package dev.glassbox.nn;

/**
 * How {@link CausalSelfAttention} turns a query and a key into an attention score, and back: each
 * constant is a small strategy with its score and its derivative.
 *
 * <ul>
 *   <li>{@link #NONE}: {@code score = q · k}. Grows with the head size, so the softmax saturates.</li>
 *   <li>{@link #SQRT_DK}: {@code score = q · k / √d_k}, the Transformer's choice (d_k = head size):
 *       if q and k have unit-variance entries, q · k has variance d_k, and dividing by √d_k brings
 *       it back to 1.</li>
 *   <li>{@link #COSINE}: {@code score = q · k / (‖q‖ ‖k‖)}, the seed essay's "why not divide by the
 *       norm?" taken literally: the cosine similarity, always in [-1, 1]. With no temperature the
 *       softmax over values in [-1, 1] is nearly flat (the largest weight is at most e² ≈ 7.4 times the
 *       smallest), which is why it trains slowly. A small eps (1e-6) sits inside each norm,
 *       {@code ‖q‖ = √(Σ q² + eps)}, so a zero vector gives score 0 instead of 0/0.</li>
 * </ul>
 */
public enum AttentionScaling {
    NONE {
        @Override public float factor(int headSize) { return 1f; }
    },
    SQRT_DK {
        @Override public float factor(int headSize) { return (float) (1.0 / Math.sqrt(headSize)); }
    },
    COSINE {
        @Override public float factor(int headSize) { return 1f; }

        @Override public boolean usesNorms() { return true; }

        @Override public float score(float dot, float factor, float queryNorm, float keyNorm) {
            return dot / (queryNorm * keyNorm);
        }

        /** s = q·k / (‖q‖‖k‖):  ds/dq = k / (‖q‖‖k‖) − s q / ‖q‖²,  ds/dk = q / (‖q‖‖k‖) − s k / ‖k‖². */
        @Override void addGradient(float dScore, float score, float factor, float[] x, int q, int k, float queryNorm,
                                   float keyNorm, int headSize, float[] d) {
            float inverse = 1f / (queryNorm * keyNorm);
            for (int i = 0; i < headSize; i++) {
                d[q + i] += dScore * (x[k + i] * inverse - score * x[q + i] / (queryNorm * queryNorm));
                d[k + i] += dScore * (x[q + i] * inverse - score * x[k + i] / (keyNorm * keyNorm));
            }
        }
    };

    public static final float EPS = 1e-6f;

    /** The number q·k is multiplied by: 1 or 1/√d_k (COSINE divides by the norms instead). */
    public abstract float factor(int headSize);

    /** True when the score needs ‖q‖ and ‖k‖ (the callers pass 1 otherwise). */
    public boolean usesNorms() {
        return false;
    }

    /** The score from q·k: {@code dot · factor} (COSINE: {@code dot / (‖q‖‖k‖)}). */
    public float score(float dot, float factor, float queryNorm, float keyNorm) {
        return dot * factor;
    }

    /**
     * Adds dScore · ∂score/∂q into {@code d[q ..]} and dScore · ∂score/∂k into {@code d[k ..]}, with q and k
     * read from {@code x} at the same offsets. s = factor · q·k:  ds/dq = factor · k,  ds/dk = factor · q.
     */
    void addGradient(float dScore, float score, float factor, float[] x, int q, int k, float queryNorm, float keyNorm,
                     int headSize, float[] d) {
        for (int i = 0; i < headSize; i++) {
            d[q + i] += dScore * factor * x[k + i];
            d[k + i] += dScore * factor * x[q + i];
        }
    }

    /** ‖x‖ = √(Σ x² + eps) over one head, for COSINE. */
    static float norm(float[] x, int offset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += x[offset + i] * x[offset + i];
        return (float) Math.sqrt(sum + EPS);
    }
}
