package dev.glassbox.sample;

import java.util.Objects;

/**
 * What {@link Generator#generate} produced, and why it stopped.
 *
 * @param tokens        the new tokens only (the prompt is not repeated), including those that
 *                      spell the stop string when generation stopped on one
 * @param text          the new tokens decoded, cut just before the stop string if one was
 *                      found; empty if the generator has no decoder
 * @param croppedTokens how many tokens at the start of the prompt the model never saw because
 *                      the prompt was longer than its context (0 if it fitted). Later steps slide
 *                      the window further, as in nanoGPT: the model always sees the last
 *                      {@code contextLength} tokens.
 * @param stopReason    why generation ended
 */
public record GenerationResult(int[] tokens, String text, int croppedTokens, StopReason stopReason) {

    /** Why generation ended. */
    public enum StopReason {
        /** The requested number of new tokens was produced. */
        MAX_TOKENS,
        /** The decoded new text contains the stop string. */
        STOP_STRING
    }

    public GenerationResult {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stopReason, "stopReason");
        if (croppedTokens < 0) throw new IllegalArgumentException("croppedTokens must be >= 0, got " + croppedTokens);
        tokens = tokens.clone();
    }

    /** A copy of the new tokens. */
    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** True if part of the prompt did not fit into the model's context. */
    public boolean promptCropped() {
        return croppedTokens > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationResult r && java.util.Arrays.equals(tokens, r.tokens)
                && text.equals(r.text) && croppedTokens == r.croppedTokens && stopReason == r.stopReason;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(tokens), text, croppedTokens, stopReason);
    }

    @Override
    public String toString() {
        return "GenerationResult[tokens=" + java.util.Arrays.toString(tokens) + ", text=\"" + text
                + "\", croppedTokens=" + croppedTokens + ", stopReason=" + stopReason + "]";
    }
}
