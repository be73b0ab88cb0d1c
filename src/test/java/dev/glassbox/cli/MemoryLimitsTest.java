package dev.glassbox.cli;

import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 1: sizes that cannot fit are refused before anything is allocated, with a sentence naming the
 * option and the heap; inputs read whole are capped; a remaining OutOfMemoryError is one line.
 */
class MemoryLimitsTest {
    @TempDir
    Path temp;

    private CliRun refused(String option, String... args) {
        CliRun run = CliRun.of(args).assertOneLineError(Main.BAD_ARGUMENTS, option);
        assertTrue(run.err().contains("-Xmx") && run.err().contains("GLASSBOX_JAVA_OPTS"), run.err());
        assertFalse(Files.exists(temp.resolve("out")), "nothing is written");
        return run;
    }

    @Test
    void aHundredThousandLayersAreRefusedBeforeTheModelIsBuilt() {
        refused("--layers 100000", "train", "--layers", "100000", "--out", temp.resolve("out").toString());
    }

    @Test
    void aWideDeepModelIsRefusedNamingWidthAndLayers() {
        CliRun run = refused("--width 4096", "train", "--width", "4096", "--layers", "24", "--heads", "8", "--out", temp.resolve("out").toString());
        assertTrue(run.err().contains("--layers 24"), run.err());
    }

    @Test
    void aHugeBatchIsRefusedNamingTheBatch() {
        refused("--batch 100000", "train", "--batch", "100000", "--out", temp.resolve("out").toString());
    }

    @Test
    void aLongContextIsRefusedNamingTheContext() throws Exception {
        Path text = temp.resolve("text.txt");
        Files.writeString(text, "the cat sat on the mat. ".repeat(800));
        refused("--context 4096", "train", "--text", text.toString(), "--context", "4096", "--out", temp.resolve("out").toString());
    }

    @Test
    void aThreeGigabyteTextIsRefusedBeforeItIsRead() throws Exception {
        Path text = temp.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(text.toFile(), "rw")) {
            file.setLength(3L << 30);   // sparse: takes no disk space
        }
        CliRun run = CliRun.of("train", "--text", text.toString(), "--out", temp.resolve("out").toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, text.toString());
        assertTrue(run.err().contains("--text") && run.err().contains("3.2 GB") && run.err().contains("2 GB"), run.err());
    }

    @Test
    void aTextTooLargeForTheHeapIsRefusedNamingTheHeap() throws Exception {
        Path text = temp.resolve("medium.txt");
        try (RandomAccessFile file = new RandomAccessFile(text.toFile(), "rw")) {
            file.setLength(20L << 20);   // 20 MB: about 320 MB of heap to train on, in a 64 MB JVM
        }
        ChildJvm run = ChildJvm.run("64m", Main.class, "train", "--text", text.toString(), "--out", temp.resolve("out").toString());
        assertEquals(Main.BAD_ARGUMENTS, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--text " + text) && run.err().contains("-Xmx") && run.err().contains("GLASSBOX_JAVA_OPTS"), run.err());
    }

    @Test
    void twoBillionNightsAreRefused() {
        refused("--nights 2000000000", "classify", "train", "--nights", "2000000000", "--out", temp.resolve("out").toString());
    }

    @Test
    void aRemainingOutOfMemoryErrorIsOneLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.addSubcommand("explode", new Exploding());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int exit = Main.execute(commandLine, "explode");
        assertEquals(Main.FAILED, exit);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("out of memory") && err.toString().contains("GLASSBOX_JAVA_OPTS"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @CommandLine.Command(name = "explode")
    static final class Exploding implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** 20,000 epochs with --stride 1 are 19,953 windows: classified in batches, they fit a 128 MB heap. */
    @Test
    void predictOnALongNightWithStrideOneFitsASmallHeap() throws Exception {
        Path model = temp.resolve("sleep");
        SleepClassifierFiles.save(model, new SequenceClassifier(ClassifierConfig.of(5, 48, 8, 1, 2, 2, Pooling.MEAN), 1), 1);
        Path csv = temp.resolve("night.csv");
        StringBuilder lines = new StringBuilder();
        String[] stages = {"W", "N1", "N2", "N3", "REM"};
        for (int i = 0; i < 20_000; i++) lines.append(stages[(i / 7) % 5]).append('\n');
        Files.writeString(csv, lines);
        ChildJvm run = ChildJvm.run("128m", Main.class, "classify", "predict", "--csv", csv.toString(), "--model", model.toString(),
                "--stride", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(csv + ": 20000 epochs, 19953 windows of 48"), run.out().lines().findFirst().orElse(""));
        assertEquals(19_953 + 2, run.out().lines().count());
    }
}
