package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.TokenizerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 8: one writer per output folder, and no checkpoint replaced without being asked. */
class OutputFolderTest {
    @TempDir
    Path temp;

    private static final String[] SMALL = {"--steps", "2", "--eval-interval", "1", "--layers", "1", "--width", "16", "--heads", "2",
            "--context", "8", "--batch", "2", "--quiet"};

    private static String[] train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void aSecondWriterRefusesNamingTheProcessThatHoldsTheFolder() throws Exception {
        Path out = temp.resolve("run");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FolderLockHolder.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try {
            String first = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("locked", first);
            CliRun run = CliRun.of(train(out)).assertOneLineError(Main.FAILED, out.toString());
            assertTrue(run.err().contains("process " + holder.pid()), run.err());
            assertTrue(run.err().contains("--out"), run.err());
            run = CliRun.of("classify", "train", "--nights", "8", "--length", "24", "--steps", "1", "--quiet", "--out", out.toString())
                    .assertOneLineError(Main.FAILED, out.toString());
            assertTrue(run.err().contains("process " + holder.pid()), run.err());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        CliRun.of(train(out)).assertSuccess();   // the lock went with its process
    }

    @Test
    void trainingIntoAFolderWithACheckpointAsksForOverwrite() throws Exception {
        Path out = temp.resolve("run");
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("Q:1+2=?A:3\n");
        Checkpoint.save(out, new Gpt(GptConfig.of(tokenizer.vocabSize(), 8, 16, 1, 2), 1), TokenizerJson.toJson(tokenizer), 16);

        CliRun run = CliRun.of(train(out)).assertOneLineError(Main.BAD_ARGUMENTS, out.toString());
        assertTrue(run.err().contains("step 16") && run.err().contains("--overwrite") && run.err().contains("--resume"), run.err());
        assertEquals(16, Checkpoint.loadGpt(out).step(), "the checkpoint is untouched");

        CliRun.of(train(out, "--overwrite")).assertSuccess();
        assertEquals(2, Checkpoint.loadGpt(out).step());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void resumeContinuesFromTheSavedWeightsAndCountsStepsOn() throws Exception {
        Path out = temp.resolve("run");
        CliRun.of(train(out)).assertSuccess();
        Checkpoint.LoadedGpt before = Checkpoint.loadGpt(out);
        assertEquals(2, before.step());

        // a learning rate so small that one more step leaves the weights where they were: the run started from them
        CliRun run = CliRun.of("train", "--out", out.toString(), "--resume", "--steps", "1", "--eval-interval", "1", "--batch", "2",
                "--lr", "1e-12", "--quiet").assertSuccess();
        assertTrue(run.out().contains("resumed from " + out + " at step 2") && run.out().contains("saved " + out + " (step 3)"), run.out());
        Checkpoint.LoadedGpt after = Checkpoint.loadGpt(out);
        assertEquals(3, after.step());
        assertEquals(before.model().config(), after.model().config());
        assertEquals(before.tokenizer(), after.tokenizer());
        float[] was = before.model().parameters().get(0).value().data(), is = after.model().parameters().get(0).value().data();
        float[] fresh = new Gpt(before.model().config(), 1337).parameters().get(0).value().data();   // what a new run would start from
        double movedByTraining = 0;
        for (int i = 0; i < was.length; i++) movedByTraining = Math.max(movedByTraining, Math.abs(was[i] - fresh[i]));
        assertTrue(movedByTraining > 1e-4, "the first two steps changed the weights by " + movedByTraining);
        for (int i = 0; i < was.length; i++) assertEquals(was[i], is[i], 1e-6f, "weight " + i);

        CliRun.of("train", "--out", out.toString(), "--resume", "--layers", "3").assertOneLineError(Main.BAD_ARGUMENTS, "--layers");
        CliRun.of("train", "--out", temp.resolve("empty").toString(), "--resume").assertOneLineError(Main.BAD_ARGUMENTS, "no checkpoint");
    }
}
