package dev.glassbox.sample;

import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cached adapter against the uncached forward pass over the same contexts, including the calls
 * a Generator makes once its window slides, and the work it does (positions computed).
 */
class CachedGptLanguageModelTest {
    static final int VOCAB = 11, CONTEXT = 6;

    static Gpt model() {
        Gpt gpt = new Gpt(GptConfig.of(VOCAB, CONTEXT, 12, 2, 3).withScaling(AttentionScaling.SQRT_DK), 3);
        SplittableRandom random = new SplittableRandom(9);
        for (Parameter p : gpt.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] += (float) (random.nextGaussian() * 0.5);
        }
        return gpt;
    }

    static float[] uncached(Gpt gpt, int[] context) {
        return gpt.forward(new int[][]{context}).vectorAt(0, context.length - 1);
    }

    @Test
    void slidingWindowLikeTheGeneratorGivesTheUncachedLogitsAndCostsWhatTheDocsSay() {
        Gpt gpt = model();
        CachedGptLanguageModel cached = new CachedGptLanguageModel(gpt);
        int[] sequence = new int[2 * CONTEXT + 3];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < sequence.length; i++) sequence[i] = random.nextInt(VOCAB);

        int prompt = 2;
        for (int length = prompt; length <= sequence.length; length++) {
            int start = Math.max(0, length - CONTEXT);                   // the Generator's window
            int[] context = Arrays.copyOfRange(sequence, start, length);
            long before = cached.positionsComputed();
            float[] logits = cached.nextLogits(context);
            assertArrayEquals(uncached(gpt, context), logits, 0f, "context ending at " + length);

            long expectedWork = length == prompt ? prompt          // prefill of the prompt
                    : start == 0 ? 1                                      // one new token appended
                    : CONTEXT;                                            // the window slid: everything again
            assertEquals(expectedWork, cached.positionsComputed() - before, "positions computed for context ending at " + length);
        }
    }

    @Test
    void theGeneratorProducesTheSameTokensWithAndWithoutTheCache() {
        Gpt gpt = model();
        SamplingOptions options = SamplingOptions.sampling().temperature(0.8).topK(5);
        int[] prompt = {3, 1, 4};
        int newTokens = 3 * CONTEXT;                                     // well past the context: the window slides
        GenerationResult uncached = new Generator(new GptLanguageModel(gpt)).generate(prompt, newTokens, new Sampler(options, 21));
        CachedGptLanguageModel cachedModel = new CachedGptLanguageModel(gpt);
        GenerationResult cached = new Generator(cachedModel).generate(prompt, newTokens, new Sampler(options, 21));
        assertArrayEquals(uncached.tokens(), cached.tokens());
        assertTrue(Arrays.stream(cached.tokens()).distinct().count() > 3, "sampling should vary the tokens");
        // the work: every window costs its length minus the positions shared with the previous window.
        // Until the window is full that is 1 per step; after, usually a whole window, less when the
        // shifted window happens to start with the same tokens (position 0 then holds the same token)
        int[] all = new int[prompt.length + newTokens];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(cached.tokens(), 0, all, prompt.length, newTokens);
        int[] previous = new int[0];
        long expected = 0;
        for (int length = prompt.length; length < all.length; length++) {
            int[] window = Arrays.copyOfRange(all, Math.max(0, length - CONTEXT), length);
            int shared = 0;
            while (shared < Math.min(previous.length, window.length - 1) && previous[shared] == window[shared]) shared++;
            expected += window.length - shared;
            previous = window;
        }
        assertEquals(expected, cachedModel.positionsComputed());
        assertTrue(expected > 10L * CONTEXT, "most steps after the window fills recompute it: " + expected);
    }

    @Test
    void aChangedContextKeepsOnlyTheCommonPrefix() {
        Gpt gpt = model();
        CachedGptLanguageModel cached = new CachedGptLanguageModel(gpt);
        cached.nextLogits(new int[]{1, 2, 3, 4, 5});
        assertEquals(5, cached.positionsComputed());

        float[] same = cached.nextLogits(new int[]{1, 2, 3, 4, 5});      // asked again: nothing to compute
        assertEquals(5, cached.positionsComputed());
        assertArrayEquals(uncached(gpt, new int[]{1, 2, 3, 4, 5}), same, 0f);

        float[] shorter = cached.nextLogits(new int[]{1, 2, 3});         // a prefix: re-feed its last token only
        assertEquals(6, cached.positionsComputed());
        assertArrayEquals(uncached(gpt, new int[]{1, 2, 3}), shorter, 0f);

        float[] edited = cached.nextLogits(new int[]{1, 2, 9, 9, 0, 10}); // differs at index 2: feed 4 tokens
        assertEquals(10, cached.positionsComputed());
        assertArrayEquals(uncached(gpt, new int[]{1, 2, 9, 9, 0, 10}), edited, 0f);

        float[] fresh = cached.nextLogits(new int[]{7});                  // a new prompt
        assertEquals(11, cached.positionsComputed());
        assertArrayEquals(uncached(gpt, new int[]{7}), fresh, 0f);
        assertEquals(1, cached.cache().length());
    }

    @Test
    void badContextsAreRefusedAndLeaveAUsableCache() {
        Gpt gpt = model();
        CachedGptLanguageModel cached = new CachedGptLanguageModel(gpt);
        cached.nextLogits(new int[]{1, 2, 3});

        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class, () -> cached.nextLogits(new int[]{1, 2, 3, 11}));
        assertEquals("context token 3 has id 11, outside the vocabulary of 11 (ids 0..10)", badId.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> cached.nextLogits(new int[CONTEXT + 1]));
        assertTrue(tooLong.getMessage().contains("more than the context length 6"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cached.nextLogits(new int[0]));

        gpt.setTraining(true);
        assertThrows(IllegalStateException.class, () -> cached.nextLogits(new int[]{1, 2, 3, 4}));
        gpt.setTraining(false);
        assertArrayEquals(uncached(gpt, new int[]{1, 2, 3, 4}), cached.nextLogits(new int[]{1, 2, 3, 4}), 0f);
    }

    @Test
    void returnsACopyTheCallerMayChange() {
        CachedGptLanguageModel cached = new CachedGptLanguageModel(model());
        float[] first = cached.nextLogits(new int[]{4, 4});
        float[] kept = first.clone();
        Arrays.fill(first, 0f);
        assertArrayEquals(kept, cached.nextLogits(new int[]{4, 4}), 0f);
    }
}
