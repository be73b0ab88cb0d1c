package dev.glassbox.sample;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Picks the next token from one row of logits (the model's scores for every token of the
 * vocabulary), following a {@link SamplingOptions}.
 *
 * <p>The filtered distribution is computed in four steps, each one line of maths:
 * <ol>
 *   <li>temperature: {@code p_i = exp(l_i / T) / sum_j exp(l_j / T)} (softmax of the scaled logits);</li>
 *   <li>top-k: keep the tokens whose logit is at least the k-th largest (ties with it are kept,
 *       so the result does not depend on token order, as in nanoGPT); renormalise;</li>
 *   <li>top-p: sort by probability, keep the shortest prefix whose mass reaches p (plus ties with
 *       its last token); renormalise;</li>
 *   <li>draw one token from what is left with the generator (inverse-CDF sampling).</li>
 * </ol>
 * Greedy decoding skips all of it and takes the largest logit (the lowest id among ties).
 *
 * <p>The same options, the same seed and the same logits give the same tokens.
 */
public final class Sampler {
    /**
     * Slack for "the cumulative mass reaches p": logits are floats (about 7 significant digits),
     * so a mass that equals p on paper, say 0.4 from the logit ln 4, may come out as 0.39999997.
     * A nucleus short of p by less than one part in a million counts as reaching it.
     */
    private static final double TOP_P_SLACK = 1e-6;

    private final SamplingOptions options;
    private final RandomGenerator random;

    /** A sampler drawing from {@code random} (the generator's state advances with every draw). */
    public Sampler(SamplingOptions options, RandomGenerator random) {
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A sampler with its own generator seeded with {@code seed}. */
    public Sampler(SamplingOptions options, long seed) {
        this(options, new SplittableRandom(seed));
    }

    public SamplingOptions options() {
        return options;
    }

    /**
     * The probabilities the next token is drawn from, after temperature, top-k and top-p:
     * one number per token, zeros for filtered tokens, summing to 1. For greedy decoding it is
     * 1 at the chosen token and 0 elsewhere. {@code logits} is not changed.
     *
     * @throws IllegalArgumentException if logits is empty, holds NaN or +infinity, or is all
     *         -infinity (-infinity alone is allowed: it is how a token is masked out)
     */
    public float[] distribution(float[] logits) {
        double[] p = filteredProbabilities(logits);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (float) p[i];
        return out;
    }

    /** The next token id, drawn from {@link #distribution(float[])} (or the argmax, if greedy). */
    public int next(float[] logits) {
        if (options.isGreedy()) {
            checkLogits(logits);
            return argmax(logits);
        }
        double[] p = filteredProbabilities(logits);
        // inverse CDF: the first token whose cumulative probability exceeds u ~ U[0, 1)
        double u = random.nextDouble();
        double cumulative = 0;
        int lastKept = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) continue;
            cumulative += p[i];
            lastKept = i;
            if (u < cumulative) return i;
        }
        return lastKept; // u fell in the rounding gap just below 1
    }

    private double[] filteredProbabilities(float[] logits) {
        checkLogits(logits);
        int vocab = logits.length;
        double[] p = new double[vocab];
        if (options.isGreedy()) {
            p[argmax(logits)] = 1;
            return p;
        }

        // 1. temperature and softmax; subtracting the max keeps exp() from overflowing
        double temperature = options.temperature();
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        for (int i = 0; i < vocab; i++) p[i] = Math.exp((logits[i] - max) / temperature);
        normalise(p);

        // 2. top-k, decided on the logits so tokens with equal logits are treated alike
        int k = options.topK();
        if (k > 0 && k < vocab) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            float kthLargest = sorted[vocab - k];
            for (int i = 0; i < vocab; i++) if (logits[i] < kthLargest) p[i] = 0;
            normalise(p);
        }

        // 3. top-p: the smallest set of most likely tokens holding at least mass p
        double topP = options.topP();
        if (topP < 1) {
            Integer[] order = new Integer[vocab];
            for (int i = 0; i < vocab; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a])); // most likely first
            double cumulative = 0;
            double smallestKept = 0;
            for (Integer token : order) {
                cumulative += p[token];
                if (cumulative >= topP - TOP_P_SLACK) {
                    smallestKept = p[token];
                    break;
                }
            }
            for (int i = 0; i < vocab; i++) if (p[i] < smallestKept) p[i] = 0;
            normalise(p);
        }
        return p;
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (double v : p) sum += v;
        for (int i = 0; i < p.length; i++) p[i] /= sum;
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    private static void checkLogits(float[] logits) {
        Objects.requireNonNull(logits, "logits");
        if (logits.length == 0) throw new IllegalArgumentException("logits are empty: need one score per token");
        boolean anyAboveMinusInfinity = false;
        for (int i = 0; i < logits.length; i++) {
            float l = logits[i];
            if (Float.isNaN(l) || l == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logit of token " + i + " is " + l
                        + "; expected a finite number (or -Infinity to mask the token)");
            }
            if (l != Float.NEGATIVE_INFINITY) anyAboveMinusInfinity = true;
        }
        if (!anyAboveMinusInfinity) {
            throw new IllegalArgumentException("all " + logits.length
                    + " logits are -Infinity: every token is masked, there is nothing to pick");
        }
    }
}
