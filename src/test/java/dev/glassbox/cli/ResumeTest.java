package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.Safetensors;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --resume} loses nothing: a run split in two (or killed and resumed) ends with the same weights, the
 * same optimizer state and the same logged losses, bit for bit, as the run done in one go.
 */
class ResumeTest {
    /** A tiny model; every step logs a line (no terminal in tests, so progress prints lines) with a validation loss. */
    private static final List<String> MODEL = List.of("--layers", "1", "--channels", "16", "--heads", "2", "--context", "16");
    private static final List<String> RUN = List.of("--batch", "4", "--eval-interval", "1", "--seed", "7", "--lr", "1e-2");

    private static CliRun train(Path out, List<String> model, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(model);
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new)).assertSuccess();
    }

    private static String[] with(List<String> first, String... more) {
        return Stream.concat(first.stream(), Arrays.stream(more)).toArray(String[]::new);
    }

    /**
     * "step 7  loss 2.1234  val 2.2345  lr 1.00e-02" of every step line, without the run's last step (a first part
     * knows only its own), the speed and the time left.
     */
    private static Map<Integer, String> stepLines(String out) {
        Map<Integer, String> lines = new LinkedHashMap<>();
        for (String line : out.lines().filter(l -> l.startsWith("step ")).toList()) {
            lines.put(Integer.parseInt(line.substring(5, line.indexOf('/'))), line.substring(0, line.indexOf(" tok/s"))
                    .replaceAll(" +\\S+$", "").replaceFirst("/\\d+", ""));
        }
        return lines;
    }

    private static void assertSameCheckpoint(Path expected, Path actual) throws Exception {
        Checkpoint.LoadedGpt a = Checkpoint.loadGpt(expected, true), b = Checkpoint.loadGpt(actual, true);
        assertEquals(a.step(), b.step(), "step");
        var pa = a.model().parameters();
        var pb = b.model().parameters();
        for (int i = 0; i < pa.size(); i++) {
            String name = pa.get(i).name();
            assertArrayEquals(pa.get(i).value().data(), pb.get(i).value().data(), () -> "weights differ (bits): " + name);
        }
        assertNotNull(a.optimizer(), "optimizer state of the run in one go");
        assertNotNull(b.optimizer(), "optimizer state of the resumed run");
        assertEquals(a.optimizer().steps(), b.optimizer().steps(), "AdamW's t");
        for (var parameter : a.optimizer().state().entrySet()) {
            for (var moment : parameter.getValue().entrySet()) {
                Tensor other = b.optimizer().state().get(parameter.getKey()).get(moment.getKey());
                assertArrayEquals(moment.getValue().data(), other.data(), parameter.getKey() + " " + moment.getKey());
            }
        }
    }

    @Test
    void trainingKStepsThenResumingForTheRestEqualsOneRunBitForBit(@TempDir Path temp) throws Exception {
        // a constant rate: a first part of 5 steps and a run of 12 then share their first 5 rates
        Path whole = temp.resolve("whole"), split = temp.resolve("split");
        CliRun one = train(whole, MODEL, with(RUN, "--steps", "12", "--schedule", "constant"));
        CliRun first = train(split, MODEL, with(RUN, "--steps", "5", "--schedule", "constant"));
        // on resume only what is not the checkpoint's may be given; the rest (seed, batch, lr, schedule) comes from it
        CliRun rest = train(split, List.of(), "--resume", "--steps", "7", "--eval-interval", "1");

        assertFalse(rest.out().contains("restart") || rest.out().contains("afresh"), rest.out());
        Map<Integer, String> expected = stepLines(one.out()), actual = new LinkedHashMap<>(stepLines(first.out()));
        actual.putAll(stepLines(rest.out()));
        assertEquals(12, expected.size(), one.out());
        assertEquals(expected, actual, "every logged loss, validation loss and learning rate, step by step");
        assertTrue(rest.out().contains("saved " + split + " (step 12)"), rest.out());
        assertSameCheckpoint(whole, split);
    }

    @Test
    void aRunKilledMidwayAndResumedEndsAsTheRunThatWasNotKilled(@TempDir Path temp) throws Exception {
        // the default cosine schedule with warm-up: the resumed run must take it up where the killed run left it
        Path whole = temp.resolve("whole"), killed = temp.resolve("killed");
        String[] run = with(RUN, "--steps", "300", "--eval-interval", "10", "--validation", "0.1");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--out", killed.toString()));
        command.addAll(MODEL);
        command.addAll(Arrays.asList(run));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("step 20/300")) break;       // printed after the checkpoint of step 20 was saved
            }
        } finally {
            child.destroyForcibly();                              // SIGKILL: no shutdown hook, no last save
            child.waitFor();
        }
        long savedAt = Checkpoint.loadGpt(killed).step();
        assertTrue(savedAt >= 20 && savedAt < 300, () -> "the kill should land mid-run, but the checkpoint holds step " + savedAt);

        CliRun one = train(whole, MODEL, run);
        CliRun rest = train(killed, List.of(), "--resume");       // no --steps: on to the step the killed run was to end at
        assertTrue(rest.out().contains("resumed from " + killed + " at step " + savedAt), rest.out());
        assertTrue(rest.out().contains("saved " + killed + " (step 300)"), rest.out());
        Map<Integer, String> expected = stepLines(one.out()), actual = stepLines(rest.out());
        expected.keySet().retainAll(actual.keySet());
        actual.keySet().retainAll(expected.keySet());
        assertTrue(actual.size() >= 3 && actual.containsKey(300), rest.out());   // every 100 steps after the resume, and the last
        assertEquals(expected, actual, "the logged losses and rates after the resume");
        assertSameCheckpoint(whole, killed);
    }

    @Test
    void aCheckpointWithoutOptimizerStateResumesSayingInOneLineThatTheMomentsRestart(@TempDir Path temp) throws Exception {
        // deleted by hand from a checkpoint of this version: one line naming it
        Path deleted = temp.resolve("deleted");
        train(deleted, MODEL, with(RUN, "--steps", "3", "--quiet"));
        Files.delete(deleted.resolve(Checkpoint.OPTIMIZER_FILE));
        CliRun resumed = train(deleted, List.of(), "--resume", "--steps", "2", "--quiet");
        assertEquals(List.of("resume: " + deleted.resolve(Checkpoint.OPTIMIZER_FILE) + " is missing, so the optimizer's moments and"
                + " step count restart from zero"), resumed.out().lines().filter(l -> l.startsWith("resume:")).toList(), resumed.out());

        Path dir = temp.resolve("old");
        train(dir, MODEL, with(RUN, "--steps", "3", "--quiet"));
        // what an older version saved: the model, tokenizer and step only
        Checkpoint.LoadedGpt loaded = Checkpoint.loadGpt(dir);
        Checkpoint.save(dir, loaded.model(), loaded.tokenizer(), loaded.step());
        assertFalse(Files.exists(dir.resolve(Checkpoint.OPTIMIZER_FILE)), "a save without optimizer state removes the old one");

        CliRun run = train(dir, List.of(), "--resume", "--steps", "2", "--quiet");
        List<String> said = run.out().lines().filter(l -> l.startsWith("resume:")).toList();
        assertEquals(List.of("resume: " + dir + " was saved by an older version, which kept neither the optimizer state nor the place"
                + " in the batch order, so the optimizer's moments and step count restart from zero and the batches are drawn afresh"),
                said, run.out());
        assertTrue(run.out().contains("saved " + dir + " (step 5)"), run.out());
        assertNotNull(Checkpoint.loadGpt(dir, true).optimizer(), "the resumed run saves the state it now has");
    }

    @Test
    void aDamagedOptimizerFileIsOneSentenceNamingItAndNothingIsOverwritten(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("run");
        train(dir, MODEL, with(RUN, "--steps", "3", "--quiet"));
        Path file = dir.resolve(Checkpoint.OPTIMIZER_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;                     // one bit of one moment
        Files.write(file, bytes);
        Map<String, byte[]> before = contents(dir);

        CliRun run = CliRun.of("train", "--out", dir.toString(), "--resume", "--steps", "2", "--quiet");
        run.assertOneLineError(1, file + ": SHA-256 is ");
        assertTrue(run.err().contains("the optimizer state was damaged or replaced after saving"), run.err());
        assertEquals(before.keySet(), contents(dir).keySet());
        before.forEach((name, content) -> assertArrayEquals(content, contents(dir).get(name), name + " was changed"));
    }

    @Test
    void anOptimizerFileOfAnotherModelIsOneSentenceNamingTheFileAndTheTensor(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("run");
        train(dir, MODEL, with(RUN, "--steps", "3", "--quiet"));
        // a consistent file (its hash recorded) whose moment has the wrong shape for this model's wte.weight
        Path file = dir.resolve(Checkpoint.OPTIMIZER_FILE);
        Map<String, Tensor> tensors = new LinkedHashMap<>(Safetensors.read(file).tensors());
        tensors.put("wte.weight/firstMoment", Tensor.zeros(3, 16));
        Safetensors.write(file, tensors, Safetensors.read(file).metadata());
        recordOptimizerHash(dir);
        Map<String, byte[]> before = contents(dir);

        CliRun.of("train", "--out", dir.toString(), "--resume", "--steps", "2", "--quiet")
                .assertOneLineError(1, file + ": tensor 'wte.weight/firstMoment': has shape [3, 16] but the weight wte.weight has [");
        before.forEach((name, content) -> assertArrayEquals(content, contents(dir).get(name), name + " was changed"));

        // the right shape, but a NaN
        Tensor nan = tensors.get("wpe.weight/secondMoment");
        nan.data()[5] = Float.NaN;
        tensors.put("wte.weight/firstMoment", Tensor.zeros(Safetensors.readHeader(dir.resolve(Checkpoint.WEIGHTS_FILE)).entries().stream()
                .filter(e -> e.name().equals("wte.weight")).findFirst().orElseThrow().shape()));
        Safetensors.write(file, tensors, Safetensors.read(file).metadata());
        recordOptimizerHash(dir);
        CliRun.of("train", "--out", dir.toString(), "--resume", "--steps", "2", "--quiet")
                .assertOneLineError(1, file + ": tensor 'wpe.weight/secondMoment': holds NaN at flat position 5; expected finite numbers");
    }

    /** Puts the optimizer file's SHA-256 into config.json (outside the hashed "config"), as a save would. */
    static void recordOptimizerHash(Path dir) throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(Checkpoint.CONFIG_FILE).toFile());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(Checkpoint.OPTIMIZER_FILE)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("optimizer")).put("sha256", java.util.HexFormat.of().formatHex(digest));
        Files.write(dir.resolve(Checkpoint.CONFIG_FILE), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(root));
    }

    private static Map<String, byte[]> contents(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, byte[]> all = new java.util.TreeMap<>();
            for (Path f : files.filter(f -> !f.getFileName().toString().equals(dev.glassbox.io.FolderLock.FILE)).toList()) all.put(f.getFileName().toString(), Files.readAllBytes(f));
            return all;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
