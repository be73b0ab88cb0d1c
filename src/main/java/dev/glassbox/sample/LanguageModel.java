package dev.glassbox.sample;

/**
 * What generation needs from a model: the scores of the next token given the tokens so far.
 * {@code Gpt} provides it by running a forward pass on one sequence and taking the last row of
 * the logits; tests provide hand-set scores.
 */
public interface LanguageModel {

    /** V: the number of token ids, 0 .. V-1. */
    int vocabSize();

    /** The most tokens the model can look at in one forward pass. */
    int contextLength();

    /**
     * The logits (one score per token id, length {@link #vocabSize()}) for the token that follows
     * {@code context}. The context holds 1 .. {@link #contextLength()} valid token ids.
     */
    float[] nextLogits(int[] context);
}
