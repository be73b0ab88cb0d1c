package dev.glassbox.nn;

/**
 * Where a {@link Block} puts its LayerNorms.
 *
 * <ul>
 *   <li>{@link #PRE_LN} (GPT-2, the default): {@code x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))}.
 *       The residual stream itself is never normalised, which keeps deep stacks easy to train.</li>
 *   <li>{@link #POST_LN} (the original Transformer, and the order the seed essay describes):
 *       {@code x = ln_1(x + attn(x)); x = ln_2(x + mlp(x))}.</li>
 * </ul>
 */
public enum BlockOrder { PRE_LN, POST_LN }
