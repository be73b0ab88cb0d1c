package dev.glassbox.nn;

/**
 * How {@link CausalSelfAttention} turns a query and a key into an attention score.
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
public enum AttentionScaling { NONE, SQRT_DK, COSINE }
