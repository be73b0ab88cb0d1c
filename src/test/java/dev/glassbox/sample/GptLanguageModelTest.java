package dev.glassbox.sample;

import static org.junit.jupiter.api.Assertions.*;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GptLanguageModelTest {
    private final Gpt gpt = new Gpt(GptConfig.of(9, 4, 8, 1, 2), 3);

    @Test
    void nextLogitsAreTheLastPositionsRow() {
        float[] next = new GptLanguageModel(gpt).nextLogits(new int[] {1, 2, 3});
        // causal attention: position 2 of a longer sequence sees exactly the tokens 1, 2, 3
        float[] row = gpt.forward(new int[][] {{1, 2, 3, 8}}).vectorAt(0, 2);
        assertArrayEquals(row, next, 1e-6f);
        float[] first = gpt.forward(new int[][] {{1, 2, 3, 8}}).vectorAt(0, 0);
        assertFalse(Arrays.equals(first, next), "not the first position's row");
    }

    @Test
    void greedyGenerationCropsLongPromptsToTheContext() {
        int[] prompt = {1, 2, 3, 4, 5, 6, 7};
        var result = new Generator(new GptLanguageModel(gpt)).generate(prompt, 5, new Sampler(SamplingOptions.greedy(), 0));
        assertEquals(3, result.croppedTokens());

        // the same by hand: argmax of the last row over the last 4 tokens, 5 times
        int[] sequence = Arrays.copyOf(prompt, prompt.length + 5);
        for (int length = prompt.length; length < sequence.length; length++) {
            int[] window = Arrays.copyOfRange(sequence, length - 4, length);
            float[] row = gpt.forward(new int[][] {window}).vectorAt(0, 3);
            int best = 0;
            for (int v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
            sequence[length] = best;
        }
        assertArrayEquals(Arrays.copyOfRange(sequence, prompt.length, sequence.length), result.tokens());
    }

    @Test
    void trainingModeIsRefused() {
        Gpt dropout = new Gpt(GptConfig.of(9, 4, 8, 1, 2).withDropout(0.5f), 3);
        dropout.setTraining(true);
        var e = assertThrows(IllegalStateException.class, () -> new GptLanguageModel(dropout).nextLogits(new int[] {1}));
        assertTrue(e.getMessage().contains("setTraining(false)"), e.getMessage());
    }
}
