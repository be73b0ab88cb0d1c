package dev.glassbox.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, item 5: a huge token budget neither overflows nor allocates it up front. */
class GeneratorLimitsTest {
    /** Always prefers token (last + 1) mod 3, so the text runs "abcabc..." */
    private static final LanguageModel CYCLE = new LanguageModel() {
        @Override public int vocabSize() { return 3; }
        @Override public int contextLength() { return 4; }
        @Override public float[] nextLogits(int[] context) {
            float[] logits = new float[3];
            logits[(context[context.length - 1] + 1) % 3] = 5;
            return logits;
        }
    };

    private static String decode(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) s.append((char) ('a' + id));
        return s.toString();
    }

    @Test
    void theLargestBudgetStopsAtTheStopStringWithoutOverflowOrAHugeBuffer() {
        Generator generator = new Generator(CYCLE, GeneratorLimitsTest::decode);
        GenerationResult result = generator.generate(new int[]{0, 1, 2}, Integer.MAX_VALUE, new Sampler(SamplingOptions.greedy(), 0), "cab");
        assertEquals("ab", result.text());
        assertEquals(GenerationResult.StopReason.STOP_STRING, result.stopReason());
    }

    @Test
    void aBillionTokenBudgetDoesNotAllocateItBeforeTheFirstToken() {
        Generator generator = new Generator(CYCLE, GeneratorLimitsTest::decode);
        Runtime.getRuntime().gc();
        GenerationResult result = generator.generate(new int[]{0}, 1_000_000_000, new Sampler(SamplingOptions.greedy(), 0), "ab");
        assertEquals("bc", result.text());
    }
}
