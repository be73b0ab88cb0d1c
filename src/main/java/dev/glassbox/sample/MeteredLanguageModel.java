package dev.glassbox.sample;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link LanguageModel} that passes every call on to another one and records, for each call, what it
 * cost: the positions fed through the network (the same on every machine) and the wall time in
 * milliseconds (this machine, now). Chapter 09 wraps the uncached and the cached GPT in one each.
 *
 * <p>Positions fed: a full forward pass ({@link GptLanguageModel}, or any model without a cache) feeds every
 * position of the context; a {@link CachedGptLanguageModel} feeds only the ones it has not seen, as its
 * {@code positionsComputed()} counts.
 */
public final class MeteredLanguageModel implements LanguageModel {
    private final LanguageModel inner;
    private double[] positions = new double[16], millis = new double[16];
    private int calls;

    public MeteredLanguageModel(LanguageModel inner) {
        this.inner = Objects.requireNonNull(inner, "inner model");
    }

    @Override
    public int vocabSize() { return inner.vocabSize(); }

    @Override
    public int contextLength() { return inner.contextLength(); }

    @Override
    public float[] nextLogits(int[] context) {
        long before = inner instanceof CachedGptLanguageModel cached ? cached.positionsComputed() : 0;
        long start = System.nanoTime();
        float[] logits = inner.nextLogits(context);
        double elapsed = (System.nanoTime() - start) / 1e6;
        long fed = inner instanceof CachedGptLanguageModel cached
                ? cached.positionsComputed() - before      // the cache feeds only the positions it has not seen
                : context.length;                          // a full forward pass feeds every position of the context
        if (calls == positions.length) {
            positions = Arrays.copyOf(positions, 2 * calls);
            millis = Arrays.copyOf(millis, 2 * calls);
        }
        positions[calls] = fed;
        millis[calls] = elapsed;
        calls++;
        return logits;
    }

    /** The positions fed through the network by each call so far, in order. */
    public double[] positions() { return Arrays.copyOf(positions, calls); }

    /** The wall time of each call so far in milliseconds, in order. */
    public double[] millis() { return Arrays.copyOf(millis, calls); }

    /** All positions fed so far. */
    public long positionsFed() {
        long sum = 0;
        for (int i = 0; i < calls; i++) sum += (long) positions[i];
        return sum;
    }
}
