package dev.glassbox.sample;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MeteredLanguageModelTest {

    static Gpt model() {
        return new Gpt(GptConfig.builder().vocabSize(7).contextLength(32).channels(8).layers(1).heads(2).build(), 3);
    }

    @Test
    void countsThePositionsEachCallFeeds() {
        Gpt gpt = model();
        var uncached = new MeteredLanguageModel(new GptLanguageModel(gpt));
        var cached = new MeteredLanguageModel(new CachedGptLanguageModel(gpt));
        int[] prompt = {1};
        int[] a = new Generator(uncached).generate(prompt, 10, new Sampler(SamplingOptions.greedy(), 0)).tokens();
        int[] b = new Generator(cached).generate(prompt, 10, new Sampler(SamplingOptions.greedy(), 0)).tokens();
        assertArrayEquals(a, b, "the meter passes the logits on unchanged: the same greedy tokens");
        // without a cache, the call for token t feeds the whole context of t + 1 tokens: 1 + 2 + … + 10 = 55 in all
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, uncached.positions());
        assertEquals(55, uncached.positionsFed());
        // with it, one new position per token
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, cached.positions());
        assertEquals(10, cached.positionsFed());
        assertEquals(10, cached.millis().length);
        for (double ms : cached.millis()) assertTrue(ms >= 0, "a duration is never negative: " + ms);
    }

    @Test
    void passesTheLogitsOnBitForBit() {
        Gpt gpt = model();
        var plain = new GptLanguageModel(gpt);
        var metered = new MeteredLanguageModel(new GptLanguageModel(gpt));
        int[] context = {1, 4, 2};
        assertArrayEquals(plain.nextLogits(context), metered.nextLogits(context), 0f);
        assertEquals(7, metered.vocabSize());
        assertEquals(32, metered.contextLength());
        assertEquals(3, metered.positionsFed());
    }
}
