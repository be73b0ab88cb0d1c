package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.sample.CachedGptLanguageModel;
import dev.glassbox.sample.LanguageModel;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generation speed with and without the KV cache: a GPT of 4 layers, width 128, 4 heads,
 * vocabulary 256 (untrained: speed does not depend on the weights), an 8-token prompt, greedy
 * decoding until the context is full. Prints tokens/s both ways for context 64, 256 and 1024.
 * Asserts nothing; run {@code tools/bench.sh kvcache}.
 *
 * <p>The cached run generates every token. The uncached model is stateless, so instead of
 * regenerating 1016 tokens at context 1024 (minutes) it is timed on every k-th step of the same
 * sequence, spread evenly over all positions; tokens/s = steps timed / time. Each timed step
 * also checks that its greedy choice is the cached run's token. Short runs (context 64, 256) are
 * repeated and the fastest of three is shown.
 *
 * <p>Argument: the matmul thread count (default 1; the cached path multiplies one row at a time,
 * which the kernel never splits among threads).
 */
public final class KvCacheBench {
    static final int VOCAB = 256, CHANNELS = 128, LAYERS = 4, HEADS = 4, PROMPT = 8;

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Matmul.setThreads(threads);
        // warm up the JIT on both paths before timing anything
        for (int i = 0; i < 3; i++) generateCached(model(256));
        Gpt warm = model(64);
        timeUncached(warm, generateCached(warm).tokens, 1);

        System.out.printf(Locale.ROOT, "Glassbox KV cache: GPT %d layers, width %d, %d heads, vocab %d; prompt %d tokens,"
                        + " greedy to the full context; %d matmul thread(s), %s%n",
                LAYERS, CHANNELS, HEADS, VOCAB, PROMPT, threads, Matmul.vectorized() ? "Vector API" : "plain Java");
        System.out.println("context  new tokens  cached tok/s  uncached tok/s (steps timed)  speed-up  same tokens");
        for (int context : new int[]{64, 256, 1024}) {
            Gpt gpt = model(context);
            int stride = context / 64;                              // 1, 4, 16: about 60 timed steps each
            int repeats = context <= 256 ? 3 : 1;                   // best of 3 where a run is short: the machine is shared
            Cached cached = generateCached(gpt);
            Uncached uncached = timeUncached(gpt, cached.tokens, stride);
            for (int r = 1; r < repeats; r++) {
                Cached again = generateCached(gpt);
                if (again.nanos < cached.nanos) cached = again;
                Uncached u = timeUncached(gpt, cached.tokens, stride);
                if (u.nanos < uncached.nanos) uncached = u;
            }
            System.out.printf(Locale.ROOT, "%7d  %10d  %12.1f  %14.1f (%5d)        %7.1fx  %s%n",
                    context, context - PROMPT, cached.tokensPerSecond(), uncached.tokensPerSecond(), uncached.steps,
                    cached.tokensPerSecond() / uncached.tokensPerSecond(), uncached.sameTokens ? "yes" : "NO");
        }
    }

    static Gpt model(int context) {
        return new Gpt(GptConfig.of(VOCAB, context, CHANNELS, LAYERS, HEADS), 1234);
    }

    record Cached(int[] tokens, long nanos) {
        double tokensPerSecond() {
            return (tokens.length - PROMPT) / (nanos / 1e9);
        }
    }

    record Uncached(int steps, long nanos, boolean sameTokens) {
        double tokensPerSecond() {
            return steps / (nanos / 1e9);
        }
    }

    /** Greedy generation with the cache, from a fixed prompt until the sequence fills the context. */
    static Cached generateCached(Gpt gpt) {
        int context = gpt.config().contextLength();
        LanguageModel model = new CachedGptLanguageModel(gpt);
        int[] sequence = new int[context];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < PROMPT; i++) sequence[i] = random.nextInt(VOCAB);
        long start = System.nanoTime();
        for (int length = PROMPT; length < context; length++) {
            sequence[length] = argmax(model.nextLogits(Arrays.copyOf(sequence, length)));
        }
        return new Cached(sequence, System.nanoTime() - start);
    }

    /** Full forward passes over sequence[0..length) for length = PROMPT, PROMPT + stride, ...: what each uncached step costs. */
    static Uncached timeUncached(Gpt gpt, int[] sequence, int stride) {
        int steps = 0;
        boolean same = true;
        long nanos = 0;
        for (int length = PROMPT; length < sequence.length; length += stride) {
            int[] context = Arrays.copyOf(sequence, length);
            long start = System.nanoTime();
            float[] logits = gpt.forward(new int[][]{context}).vectorAt(0, length - 1);   // (V), row T−1
            int next = argmax(logits);
            nanos += System.nanoTime() - start;
            same &= next == sequence[length];
            steps++;
        }
        return new Uncached(steps, nanos, same);
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }
}
