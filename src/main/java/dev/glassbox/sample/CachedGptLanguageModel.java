package dev.glassbox.sample;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.KvCache;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Gpt} seen as a {@link LanguageModel}, with a {@link KvCache}: each call computes only the
 * positions it has not seen before. Its logits equal those of a full forward pass over the same
 * context (the uncached way), bit for bit.
 *
 * <p>How it decides what to compute: it remembers the tokens whose keys and values are in the
 * cache. A new context that starts with those tokens (the usual case: the Generator appended one
 * token) costs one {@link Gpt#forwardStep} per new token. A context that differs earlier (a new
 * prompt, an edited one) keeps the common prefix, forgets the rest and feeds the new tail.
 *
 * <p>When the sequence outgrows the context length, the Generator slides its window: every call
 * then starts one token later. Each cached key carries the position it was computed at, so in
 * general nothing can be reused and the whole window is fed again (contextLength steps): from then
 * on each token costs about as much as without a cache. (The rule stays "keep the common prefix":
 * if the shifted window happens to start with the same tokens, those positions are still valid.) That keeps the numbers equal to the uncached
 * model's; cheaper schemes (re-prefilling only half a window, or rotary positions that can be
 * shifted) change what the model sees.
 *
 * <p>One sequence at a time; not thread-safe. The model must not be trained in between (the cache
 * would hold keys of the old weights): call {@link #reset()} after changing the weights.
 */
public final class CachedGptLanguageModel implements LanguageModel {
    private final Gpt model;
    private final KvCache cache;
    private int[] cachedTokens = new int[0];   // the tokens at positions 0 .. cache.length()−1
    private float[] lastLogits;                // logits after cachedTokens, null when the cache is empty
    private long positionsComputed;

    public CachedGptLanguageModel(Gpt model) {
        this.model = Objects.requireNonNull(model, "model");
        this.cache = new KvCache(model.config());
    }

    @Override
    public int vocabSize() {
        return model.config().vocabSize();
    }

    @Override
    public int contextLength() {
        return model.config().contextLength();
    }

    /**
     * @throws IllegalArgumentException if the context is empty, longer than the context length, or
     *         holds an id outside the vocabulary
     * @throws IllegalStateException    if the model is in training mode (dropout on)
     */
    @Override
    public float[] nextLogits(int[] context) {
        Objects.requireNonNull(context, "context");
        if (context.length == 0) throw new IllegalArgumentException("context is empty: need at least one token");
        if (context.length > contextLength()) {
            throw new IllegalArgumentException("context has " + context.length + " tokens, more than the context length "
                    + contextLength() + " (crop it to its last " + contextLength() + " tokens)");
        }
        for (int t = 0; t < context.length; t++) {
            if (context[t] < 0 || context[t] >= vocabSize()) {
                throw new IllegalArgumentException("context token " + t + " has id " + context[t] + ", outside the vocabulary of "
                        + vocabSize() + " (ids 0.." + (vocabSize() - 1) + ")");
            }
        }
        int reusable = commonPrefix(context);
        if (reusable == context.length && reusable == cache.length() && lastLogits != null) {
            return lastLogits.clone();                                             // the same context again
        }
        // keep at least one token to feed: the logits come from the last fed position
        reusable = Math.min(reusable, context.length - 1);
        cache.truncate(reusable);
        float[] logits = null;
        try {
            for (int t = reusable; t < context.length; t++) {
                logits = model.forwardStep(context[t], cache);
                positionsComputed++;
            }
        } catch (RuntimeException e) {
            reset();                                                               // never reuse a half-fed cache
            throw e;
        }
        cachedTokens = context.clone();
        lastLogits = logits;
        return logits.clone();
    }

    /** Forgets the cached sequence; the next call starts from position 0. */
    public void reset() {
        cache.clear();
        cachedTokens = new int[0];
        lastLogits = null;
    }

    /** The cache itself, e.g. to look at the stored keys and values. */
    public KvCache cache() {
        return cache;
    }

    /** How many positions went through the model since construction (the work done, in positions). */
    public long positionsComputed() {
        return positionsComputed;
    }

    private int commonPrefix(int[] context) {
        int n = Math.min(cache.length(), context.length);
        int mismatch = Arrays.mismatch(cachedTokens, 0, n, context, 0, n);
        return mismatch < 0 ? n : mismatch;
    }
}
