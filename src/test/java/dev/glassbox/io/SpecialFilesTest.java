package dev.glassbox.io;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 11, item 6: only regular files are read, with bounded reads; a device or a FIFO is refused at once. */
class SpecialFilesTest {
    @TempDir
    Path temp;

    private Path checkpoint() throws Exception {
        return SmallCheckpoint.save(temp.resolve("model"));
    }

    private Path gpt2() throws Exception {
        Path dir = temp.resolve("gpt2");
        HuggingFaceGpt2.saveModel(dir, new Gpt(GptConfig.of(20, 8, 8, 1, 2), 1), null);
        return dir;
    }

    private static void replaceWithSymlink(Path file, Path target) throws Exception {
        assumeTrue(Files.exists(target), "needs " + target);
        Files.delete(file);
        Files.createSymbolicLink(file, target);
    }

    private static void replaceWithFifo(Path file) throws Exception {
        Files.delete(file);
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "needs mkfifo");
    }

    /** The load fails within 10 s with a CheckpointException naming the file as not a regular file. */
    private static void refusedQuickly(Path file, Executable load) {
        CheckpointException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(CheckpointException.class, load));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void aCheckpointConfigLinkedToDevZeroIsRefused() throws Exception {
        Path dir = checkpoint();
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        replaceWithSymlink(config, Path.of("/dev/zero"));
        refusedQuickly(config, () -> Checkpoint.load(dir));
    }

    @Test
    void aCheckpointConfigOverTheLimitIsRefusedFromItsSizeNamingSizeAndLimit() throws Exception {
        // the tokenizer JSON of a checkpoint lives in its config.json, so this is its limit too
        Path dir = checkpoint();
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        try (var file = new java.io.RandomAccessFile(config.toFile(), "rw")) {
            file.setLength(Checkpoint.MAX_CONFIG_BYTES + 1);   // sparse: nothing written
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        org.junit.jupiter.api.Assertions.assertEquals(config + ": it is 16,777,217 bytes, too large for a checkpoint config"
                + " (at most 16,777,216 bytes; it holds hyperparameters, a tokenizer and a tensor list), so it was not read", e.getMessage());
    }

    @Test
    void aGpt2ConfigLinkedToDevZeroIsRefused() throws Exception {
        Path dir = gpt2();
        Path config = dir.resolve(HuggingFaceGpt2.CONFIG_FILE);
        replaceWithSymlink(config, Path.of("/dev/zero"));
        refusedQuickly(config, () -> HuggingFaceGpt2.loadModel(dir));
    }

    @Test
    void aFifoAsConfigDoesNotHang() throws Exception {
        Path dir = checkpoint();
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        replaceWithFifo(config);
        refusedQuickly(config, () -> Checkpoint.load(dir));
        Path gpt2 = gpt2();
        Path gpt2Config = gpt2.resolve(HuggingFaceGpt2.CONFIG_FILE);
        replaceWithFifo(gpt2Config);
        refusedQuickly(gpt2Config, () -> HuggingFaceGpt2.loadModel(gpt2));
    }

    @Test
    void aFifoAsWeightsDoesNotHang() throws Exception {
        Path dir = checkpoint();
        Path weights = dir.resolve(Checkpoint.WEIGHTS_FILE);
        replaceWithFifo(weights);
        refusedQuickly(weights, () -> Checkpoint.load(dir));
        refusedQuickly(weights, () -> Safetensors.readHeader(weights));
    }
}
