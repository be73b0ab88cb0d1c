package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.TokenizerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, items 5 and 12: --tokens ranges, help texts without picocli warnings. */
class SmallFixesTest {
    @TempDir
    Path temp;

    @Test
    void sampleWithTheLargestTokenCountStopsAtTheStopString() throws Exception {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("a");   // one token: every new token is "a"
        Path checkpoint = temp.resolve("model");
        Checkpoint.save(checkpoint, new Gpt(GptConfig.of(tokenizer.vocabSize(), 8, 8, 1, 2), 1), TokenizerJson.toJson(tokenizer), 1);
        CliRun run = CliRun.of("sample", checkpoint.toString(), "--prompt", "a", "--tokens", "2147483647", "--stop", "aaa", "--greedy")
                .assertSuccess();
        assertEquals("a", run.out().strip(), "the prompt, and nothing before the stop string");
    }

    @Test
    void trainHelpPrintsNoPicocliWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CliRun run;
        try {
            run = CliRun.of("train", "--help").assertSuccess();
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8) + run.err();
        assertFalse(err.contains("picocli WARN") || err.contains("Could not format"), err);
        assertTrue(run.out().replaceAll("\\s+", " ").contains("(default: 5% of the steps)"), run.out());
    }

    @Test
    void evalAndSampleHelpSayTheyReadGpt2FoldersToo() {
        assertTrue(CliRun.of("eval", "--help").assertSuccess().out().contains("GPT-2"));
        assertTrue(CliRun.of("sample", "--help").assertSuccess().out().contains("GPT-2"));
        assertTrue(CliRun.of("info", "--help").assertSuccess().out().contains("GPT-2"));
    }
}
