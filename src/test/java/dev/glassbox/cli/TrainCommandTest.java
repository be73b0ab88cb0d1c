package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny training runs (a few steps of a very small model) and the argument checks. */
class TrainCommandTest {
    private static final String[] TINY = {"--steps", "6", "--eval-interval", "3", "--layers", "1", "--channels", "16",
            "--heads", "2", "--context", "16", "--batch", "4", "--quiet"};

    private static String[] args(Path out, String... more) {
        String[] all = new String[2 + TINY.length + more.length + 2];
        all[0] = "train";
        all[1] = "--out";
        all[2] = out.toString();
        System.arraycopy(TINY, 0, all, 3, TINY.length);
        System.arraycopy(more, 0, all, 3 + TINY.length, more.length);
        return java.util.Arrays.copyOf(all, 3 + TINY.length + more.length);
    }

    @Test
    void builtInDataWritesALoadableCheckpointWithItsTokenizer(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("qa");
        CliRun run = CliRun.of(args(out)).assertSuccess();
        assertTrue(run.out().contains("saved " + out + " (step 6)"), run.out());
        assertTrue(run.out().contains("held-out questions answered exactly:"), run.out());

        Models.LanguageModelFiles files = Models.load(out);
        assertEquals(6, files.step());
        assertEquals(16, files.model().config().contextLength());
        CharTokenizer tokenizer = assertInstanceOf(CharTokenizer.class, files.tokenizer());
        assertEquals("\n+0123456789:=?AQ", String.join("", tokenizer.characters()));   // every character of "Q:12+7=?A:19\n"

        // the printed parameter count, info's total and the model agree
        long count = files.model().parameterCount();
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "%,d parameters", count)), run.out());
        String info = CliRun.of("info", out.toString()).assertSuccess().out();
        assertTrue(info.lines().anyMatch(l -> l.startsWith("total") && l.endsWith(String.format(java.util.Locale.ROOT, "%,d", count))), info);
        CliRun.of("sample", out.toString(), "--prompt", "Q:1+2=?A:", "--tokens", "5").assertSuccess();
    }

    @Test
    void sameSeedTrainsTheSameWeights(@TempDir Path temp) throws Exception {
        CliRun.of(args(temp.resolve("a"), "--optimizer", "momentum", "--schedule", "constant")).assertSuccess();
        CliRun.of(args(temp.resolve("b"), "--optimizer", "momentum", "--schedule", "constant")).assertSuccess();
        var a = Checkpoint.load(temp.resolve("a")).tensors();
        var b = Checkpoint.load(temp.resolve("b")).tensors();
        for (String name : a.keySet()) assertArrayEquals(a.get(name).data(), b.get(name).data(), name);
    }

    @Test
    void textFileWithWordAndBpeTokenizers(@TempDir Path temp) throws Exception {
        Path text = temp.resolve("corpus.txt");
        Files.writeString(text, "the cat sat on the mat. the dog sat on the log. ".repeat(30));
        CliRun.of(args(temp.resolve("word"), "--text", text.toString(), "--tokenizer", "word")).assertSuccess();
        WordTokenizer word = assertInstanceOf(WordTokenizer.class, Models.load(temp.resolve("word")).tokenizer());
        assertEquals(word.encode("the dog").length, 3);

        CliRun.of(args(temp.resolve("bpe"), "--text", text.toString(), "--tokenizer", "bpe", "--vocab-size", "270",
                "--optimizer", "sgd", "--lr", "0.1")).assertSuccess();
        Models.LanguageModelFiles bpe = Models.load(temp.resolve("bpe"));
        assertInstanceOf(BpeTokenizer.class, bpe.tokenizer());
        assertEquals(270, bpe.model().config().vocabSize());
    }

    @Test
    void badArgumentsAreOneLine(@TempDir Path temp) {
        Path out = temp.resolve("x");
        CliRun.of(args(out, "--heads", "3")).assertOneLineError(Main.BAD_ARGUMENTS, "--channels 16 is not divisible by --heads 3");
        CliRun.of(args(out, "--lr", "fast")).assertOneLineError(Main.BAD_ARGUMENTS, "'fast' is not a float");
        CliRun.of(args(out, "--lr", "0")).assertOneLineError(Main.BAD_ARGUMENTS, "--lr must be a finite number > 0");
        CliRun.of(args(out, "--optimizer", "rmsprop")).assertOneLineError(Main.BAD_ARGUMENTS, "rmsprop");
        CliRun.of(args(out, "--tokenizer", "sentencepiece")).assertOneLineError(Main.BAD_ARGUMENTS, "expected char, word or bpe");
        CliRun.of(args(out, "--vocab-size", "100")).assertOneLineError(Main.BAD_ARGUMENTS, "--vocab-size is for word and bpe");
        CliRun.of(args(out, "--warmup", "6")).assertOneLineError(Main.BAD_ARGUMENTS, "--warmup must lie in 0 … steps-1 = 5");
        CliRun.of(args(out, "--scaling", "SQUARE")).assertOneLineError(Main.BAD_ARGUMENTS, "SQUARE");
        CliRun.of(args(out, "--text", temp.resolve("missing.txt").toString())).assertOneLineError(Main.FAILED, "missing.txt");
        assertTrue(Files.notExists(out), "nothing is written when the arguments are wrong");
    }

    @Test
    void divergingTrainingStopsWithOneLine(@TempDir Path temp) {
        CliRun run = CliRun.of(args(temp.resolve("nan"), "--optimizer", "sgd", "--lr", "1e30", "--clip", "0", "--schedule", "constant"));
        run.assertOneLineError(Main.FAILED, "step");
    }
}
