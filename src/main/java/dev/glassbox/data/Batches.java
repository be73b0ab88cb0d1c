package dev.glassbox.data;

import dev.glassbox.tensor.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * (B, T) training pairs cut from one long stream of token ids: each row is a window of T ids, and
 * its targets are the same window shifted one position to the right, so
 * {@code targets[b][t]} is the token that follows {@code inputs[b][t]}.
 *
 * <pre>
 *   stream   …  Q  :  1  2  +  7  =  ?  A  :  1  9  ⏎  …
 *   inputs      Q  :  1  2  +  7  =  ?           (T = 8)
 *   targets        :  1  2  +  7  =  ?  A
 * </pre>
 *
 * {@link #next()} draws window starts uniformly at random with the given seed (like nanoGPT's
 * {@code get_batch}); {@link #sequential(int)} cuts the stream into consecutive windows, the
 * fixed set a validation loss should be measured on.
 *
 * <p>Build them by naming each setting:
 * <pre>
 *   Batches.over(tokens).batchSize(16).contextLength(16).seed(7).build()
 *   Batches.over(heldOutTokens).source("held-out lines").batchSize(32).contextLength(16).build().sequential(4)
 * </pre>
 */
public final class Batches {
    private final String source;
    private final int[] tokens;
    private final int batchSize;
    private final int contextLength;
    private final SplittableRandom random;

    /** One batch: {@code inputs} and {@code targets}, both (B, T). */
    public record Batch(int[][] inputs, int[][] targets) {
        public int batchSize() {
            return inputs.length;
        }

        public int contextLength() {
            return inputs[0].length;
        }

        /** B · T, the number of predictions this batch trains. */
        public int tokens() {
            return inputs.length * inputs[0].length;
        }
    }

    /** Starts batches over {@code tokens}; name B and T (and the seed, 0 if not), then {@code build()}. */
    public static Builder over(int[] tokens) {
        return new Builder(tokens);
    }

    /** The batches' settings by name; each is checked when {@link #build()} makes them. */
    public static final class Builder {
        private final int[] tokens;
        private String source = "token stream";
        private Integer batchSize, contextLength;
        private long seed;

        private Builder(int[] tokens) { this.tokens = tokens; }

        /** What the tokens are, for error messages ("training part of corpus x.txt"; default "token stream"). */
        public Builder source(String source) { this.source = source; return this; }

        /** B, windows per batch (required). */
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }

        /** T, tokens per window (required). */
        public Builder contextLength(int contextLength) { this.contextLength = contextLength; return this; }

        /** Seeds the random window starts of {@link Batches#next()} (default 0; {@link Batches#sequential} uses none). */
        public Builder seed(long seed) { this.seed = seed; return this; }

        public Batches build() {
            return new Batches(source, tokens, Shapes.required("Batches", "batchSize", batchSize),
                    Shapes.required("Batches", "contextLength", contextLength), seed);
        }
    }

    /** Batches over {@code tokens}, called "token stream" in error messages. */
    public Batches(int[] tokens, int batchSize, int contextLength, long seed) {
        this("token stream", tokens, batchSize, contextLength, seed);
    }

    /**
     * @param source what the tokens are, for error messages ("training part of corpus x.txt")
     */
    public Batches(String source, int[] tokens, int batchSize, int contextLength, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (contextLength < 1) throw new IllegalArgumentException("context length must be at least 1, got " + contextLength);
        if (tokens == null) throw new IllegalArgumentException(source + " is null");
        if (tokens.length - 1 < contextLength) {   // not tokens.length < contextLength + 1, which overflows for the largest int
            throw new IllegalArgumentException(source + " has " + tokens.length + " tokens, too short for context length "
                    + contextLength + ": one window needs " + (contextLength + 1L) + " (T inputs and the token after them)");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0) {
                throw new IllegalArgumentException(source + " holds token id " + tokens[i] + " at position " + i
                        + "; ids must be at least 0");
            }
        }
        this.source = source;
        this.tokens = tokens.clone();
        this.batchSize = batchSize;
        this.contextLength = contextLength;
        this.random = new SplittableRandom(seed);
    }

    /** B windows starting at random positions 0 … n − T − 1 (n = number of tokens). */
    public Batch next() {
        int starts = tokens.length - contextLength;          // number of possible window starts
        int[][] inputs = new int[batchSize][];
        int[][] targets = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int start = random.nextInt(starts);
            inputs[b] = window(start);                        // (T)
            targets[b] = window(start + 1);                   // (T), shifted by one
        }
        return new Batch(inputs, targets);                    // (B, T) and (B, T)
    }

    /**
     * The stream cut into consecutive, non-overlapping windows starting at 0, T, 2T, …, grouped B
     * at a time (the last batch may be smaller), at most {@code maxBatches} batches. Uses no
     * randomness: the same list every call.
     */
    public List<Batch> sequential(int maxBatches) {
        if (maxBatches < 1) throw new IllegalArgumentException("maximum number of batches must be at least 1, got " + maxBatches);
        int windows = (tokens.length - 1) / contextLength;   // each needs T + 1 tokens; they share the boundary token
        List<Batch> batches = new ArrayList<>();
        for (int first = 0; first < windows && batches.size() < maxBatches; first += batchSize) {
            int rows = Math.min(batchSize, windows - first);
            int[][] inputs = new int[rows][];
            int[][] targets = new int[rows][];
            for (int r = 0; r < rows; r++) {
                int start = (first + r) * contextLength;
                inputs[r] = window(start);
                targets[r] = window(start + 1);
            }
            batches.add(new Batch(inputs, targets));
        }
        return batches;
    }

    private int[] window(int start) {
        int[] w = new int[contextLength];
        System.arraycopy(tokens, start, w, 0, contextLength);
        return w;
    }

    public int batchSize() {
        return batchSize;
    }

    public int contextLength() {
        return contextLength;
    }

    /** How many tokens the stream holds. */
    public int tokenCount() {
        return tokens.length;
    }

    public String source() {
        return source;
    }
}
