package dev.glassbox.cli;

import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sample and info on a directory in Hugging Face GPT-2 layout (written by our exporter). */
class Gpt2DirectoryCommandsTest {

    @Test
    void greedySampleFromAGpt2DirectoryFollowsTheArgmaxOfEachStep(@TempDir Path temp) throws Exception {
        BpeTokenizer tokenizer = BpeTokenizer.train("the cat sat on the mat. the cat ate the rat. ".repeat(20), 270);
        Gpt model = new Gpt(GptConfig.of(tokenizer.vocabSize(), 24, 16, 2, 2), 5);
        Path dir = temp.resolve("gpt2-like");
        HuggingFaceGpt2.save(dir, model, tokenizer);

        String out = CliRun.of("sample", dir.toString(), "--prompt", "the cat", "--tokens", "12", "--greedy").assertSuccess().out();

        int[] prompt = tokenizer.encode("the cat");
        int[] sequence = Arrays.copyOf(prompt, prompt.length + 12);
        for (int length = prompt.length; length < sequence.length; length++) {
            float[] row = model.forward(new int[][] {Arrays.copyOf(sequence, length)}).vectorAt(0, length - 1);
            int best = 0;
            for (int v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
            sequence[length] = best;
        }
        assertEquals(tokenizer.decode(sequence) + System.lineSeparator(), out);
    }
}
