package dev.glassbox.sample;

import java.util.Objects;

/**
 * How to turn a row of logits into the next token: greedy, or random with a temperature,
 * top-k and top-p (nucleus) filter. Immutable; every {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * SamplingOptions.greedy()                                        // always the most likely token
 * SamplingOptions.sampling()                                      // softmax(logits), no filter
 * SamplingOptions.sampling().temperature(0.8).topK(40).topP(0.9)  // all three combined
 * }</pre>
 *
 * <p>The filters apply in this order, as in nanoGPT and Hugging Face's {@code generate}:
 * divide the logits by the temperature, softmax, keep the top k, renormalise, keep the
 * nucleus of mass p, renormalise. See {@link Sampler#distribution(float[])}.
 */
public final class SamplingOptions {
    private final boolean greedy;
    private final double temperature;
    private final int topK;     // 0 = no top-k filter
    private final double topP;  // 1 = no top-p filter

    private SamplingOptions(boolean greedy, double temperature, int topK, double topP) {
        this.greedy = greedy;
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    /** Always pick the token with the largest logit (the lowest id among ties). No randomness. */
    public static SamplingOptions greedy() {
        return new SamplingOptions(true, 0, 0, 1);
    }

    /** Draw from softmax(logits) itself: temperature 1, no top-k, no top-p. */
    public static SamplingOptions sampling() {
        return new SamplingOptions(false, 1, 0, 1);
    }

    /**
     * Divide the logits by {@code t} before the softmax: t &lt; 1 sharpens the distribution
     * (towards greedy), t &gt; 1 flattens it (towards uniform). t must be finite and &gt; 0;
     * t = 0 would divide by zero: ask for {@link #greedy()} instead.
     */
    public SamplingOptions temperature(double t) {
        requireSampling("a temperature");
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + t
                    + (t == 0 ? " (for temperature 0 use SamplingOptions.greedy())" : ""));
        }
        return new SamplingOptions(false, t, topK, topP);
    }

    /** Keep only the k most likely tokens (and any tied with the k-th); k must be at least 1. */
    public SamplingOptions topK(int k) {
        requireSampling("top-k");
        if (k < 1) throw new IllegalArgumentException("top-k must be at least 1, got " + k);
        return new SamplingOptions(false, temperature, k, topP);
    }

    /**
     * Keep the smallest set of most likely tokens whose probabilities add up to at least p
     * (the "nucleus"); p must lie in (0, 1], and p = 1 keeps every token.
     */
    public SamplingOptions topP(double p) {
        requireSampling("top-p");
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("top-p must lie in (0, 1], got " + p);
        }
        return new SamplingOptions(false, temperature, topK, p);
    }

    private void requireSampling(String what) {
        if (greedy) {
            throw new IllegalStateException("greedy decoding has no " + what
                    + "; start from SamplingOptions.sampling() to sample at random");
        }
    }

    public boolean isGreedy() { return greedy; }

    /** The temperature; 0 for greedy decoding. */
    public double temperature() { return temperature; }

    /** The top-k limit, or 0 if there is none. */
    public int topK() { return topK; }

    /** The nucleus mass p; 1 means no top-p filter. */
    public double topP() { return topP; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplingOptions other && greedy == other.greedy
                && Double.compare(temperature, other.temperature) == 0
                && topK == other.topK && Double.compare(topP, other.topP) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(greedy, temperature, topK, topP);
    }

    @Override
    public String toString() {
        if (greedy) return "greedy";
        return "sampling(temperature=" + temperature + (topK > 0 ? ", topK=" + topK : "")
                + (topP < 1 ? ", topP=" + topP : "") + ")";
    }
}
