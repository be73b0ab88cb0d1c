package dev.glassbox.sample;

import static org.junit.jupiter.api.Assertions.*;

import dev.glassbox.sample.GenerationResult.StopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    /**
     * A hand-set model over the letters a..e: it puts logit 10 on the letter after the last one
     * (e is followed by a) and 0 elsewhere, and records every context it is shown.
     */
    static final class NextLetterModel implements LanguageModel {
        final int contextLength;
        final List<int[]> contexts = new ArrayList<>();

        NextLetterModel(int contextLength) { this.contextLength = contextLength; }

        @Override public int vocabSize() { return 5; }
        @Override public int contextLength() { return contextLength; }

        @Override public float[] nextLogits(int[] context) {
            contexts.add(context.clone());
            float[] logits = new float[5];
            logits[(context[context.length - 1] + 1) % 5] = 10f;
            return logits;
        }
    }

    static String decode(int[] tokens) {
        StringBuilder s = new StringBuilder();
        for (int t : tokens) s.append((char) ('a' + t));
        return s.toString();
    }

    @Test
    void greedyFollowsTheHandSetLogits() {
        var model = new NextLetterModel(8);
        var result = new Generator(model, GeneratorTest::decode).generate(new int[] {0}, 6, new Sampler(SamplingOptions.greedy(), 0));
        assertArrayEquals(new int[] {1, 2, 3, 4, 0, 1}, result.tokens());
        assertEquals("bcdeab", result.text());
        assertEquals(StopReason.MAX_TOKENS, result.stopReason());
        assertEquals(0, result.croppedTokens());
        assertFalse(result.promptCropped());
        // each step sees the prompt plus everything generated so far
        assertArrayEquals(new int[] {0}, model.contexts.get(0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0}, model.contexts.get(5));
    }

    @Test
    void longPromptIsCroppedFromTheLeftAndTheResultSaysSo() {
        var model = new NextLetterModel(3);
        var result = new Generator(model).generate(new int[] {0, 1, 2, 3, 4}, 2, new Sampler(SamplingOptions.greedy(), 0));
        assertEquals(2, result.croppedTokens());
        assertTrue(result.promptCropped());
        assertArrayEquals(new int[] {2, 3, 4}, model.contexts.get(0));
        assertArrayEquals(new int[] {3, 4, 0}, model.contexts.get(1)); // the window slides on
        assertArrayEquals(new int[] {0, 1}, result.tokens());
        assertEquals("", result.text(), "no decoder, no text");
    }

    @Test
    void promptOfExactlyTheContextIsNotCropped() {
        var model = new NextLetterModel(3);
        var result = new Generator(model).generate(new int[] {0, 1, 2}, 1, new Sampler(SamplingOptions.greedy(), 0));
        assertEquals(0, result.croppedTokens());
        assertArrayEquals(new int[] {0, 1, 2}, model.contexts.get(0));
    }

    @Test
    void stopsAtTheStopStringAndCutsTheTextBeforeIt() {
        var g = new Generator(new NextLetterModel(8), GeneratorTest::decode);
        var result = g.generate(new int[] {0}, 20, new Sampler(SamplingOptions.greedy(), 0), "cd");
        assertArrayEquals(new int[] {1, 2, 3}, result.tokens(), "stops right after the token completing the stop string");
        assertEquals("b", result.text());
        assertEquals(StopReason.STOP_STRING, result.stopReason());
    }

    @Test
    void stopStringInThePromptDoesNotCount() {
        var g = new Generator(new NextLetterModel(8), GeneratorTest::decode);
        // prompt "ab" contains "b"; new text is "cdeab": "b" first appears at its end
        var result = g.generate(new int[] {0, 1}, 20, new Sampler(SamplingOptions.greedy(), 0), "b");
        assertEquals("cdea", result.text());
        assertEquals(5, result.tokens().length);
    }

    @Test
    void stopStringNeverSeenRunsToMaxTokens() {
        var g = new Generator(new NextLetterModel(8), GeneratorTest::decode);
        var result = g.generate(new int[] {0}, 3, new Sampler(SamplingOptions.greedy(), 0), "z");
        assertEquals("bcd", result.text());
        assertEquals(StopReason.MAX_TOKENS, result.stopReason());
    }

    @Test
    void seededSamplingReproducesTheSameText() {
        LanguageModel uniform = new LanguageModel() {
            @Override public int vocabSize() { return 5; }
            @Override public int contextLength() { return 4; }
            @Override public float[] nextLogits(int[] context) { return new float[5]; }
        };
        var g = new Generator(uniform, GeneratorTest::decode);
        var options = SamplingOptions.sampling().temperature(0.9);
        var a = g.generate(new int[] {0}, 40, new Sampler(options, 123));
        var b = g.generate(new int[] {0}, 40, new Sampler(options, 123));
        var c = g.generate(new int[] {0}, 40, new Sampler(options, 124));
        assertEquals(a, b);
        assertNotEquals(a.text(), c.text());
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        var g = new Generator(new NextLetterModel(4), GeneratorTest::decode);
        var s = new Sampler(SamplingOptions.greedy(), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.generate(new int[0], 3, s)).getMessage().contains("empty"));
        var outside = assertThrows(IllegalArgumentException.class, () -> g.generate(new int[] {1, 7}, 3, s));
        assertTrue(outside.getMessage().contains("id 7") && outside.getMessage().contains("vocabulary of 5"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.generate(new int[] {-1}, 3, s));
        assertThrows(IllegalArgumentException.class, () -> g.generate(new int[] {1}, -1, s));
        assertThrows(IllegalArgumentException.class, () -> g.generate(new int[] {1}, 3, s, ""));
        assertThrows(IllegalStateException.class, () -> new Generator(new NextLetterModel(4)).generate(new int[] {1}, 3, s, "x"));
        assertEquals(0, g.generate(new int[] {1}, 0, s).tokens().length);
    }

    @Test
    void modelReturningTheWrongNumberOfLogitsIsReported() {
        LanguageModel broken = new LanguageModel() {
            @Override public int vocabSize() { return 5; }
            @Override public int contextLength() { return 4; }
            @Override public float[] nextLogits(int[] context) { return new float[4]; }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> new Generator(broken).generate(new int[] {0}, 2, new Sampler(SamplingOptions.greedy(), 0)));
        assertTrue(e.getMessage().contains("4 logits") && e.getMessage().contains("expected 5"), e.getMessage());
    }

    @Test
    void resultIsImmutable() {
        int[] tokens = {1, 2};
        var r = new GenerationResult(tokens, "bc", 0, StopReason.MAX_TOKENS);
        tokens[0] = 4;
        r.tokens()[1] = 4;
        assertEquals("[1, 2]", Arrays.toString(r.tokens()));
    }
}
