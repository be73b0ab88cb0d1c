package dev.glassbox.io;

import static org.junit.jupiter.api.Assertions.*;

import dev.glassbox.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM in the middle of saving checkpoints (SIGKILL: no shutdown hooks, no finally
 * blocks) and checks that the directory then holds one complete checkpoint, old or new, with the
 * optimizer state of that same generation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hang, not a speed requirement
class CheckpointCrashTest {
    private static final int FLOATS = 4 << 20; // a 16 MB checkpoint: a save takes long enough to be hit
    private static final int KILLS = 6;

    @TempDir Path tmp;

    @Test
    void killedMidSaveLeavesTheOldOrTheNewCheckpointNeverAPartialOne() throws Exception {
        Path dir = tmp.resolve("ckpt");
        var random = new SplittableRandom(2024);
        int lastLoaded = 0;
        int killedWithTempFilesPresent = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = tmp.resolve("child-" + kill + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                    CheckpointSaverProcess.class.getName(), dir.toString(), String.valueOf(FLOATS),
                    String.valueOf(lastLoaded + 1))
                    .redirectError(log.toFile())
                    .start();
            AtomicInteger lastSaved = new AtomicInteger(lastLoaded);
            Thread reader = new Thread(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) lastSaved.set(Integer.parseInt(line.substring(6)));
                } catch (IOException ignored) {
                    // the child was killed
                }
            });
            reader.start();
            try {
                // let it finish at least one save, then kill it at a random point of a later one
                while (lastSaved.get() <= lastLoaded) {
                    assertTrue(child.isAlive() || lastSaved.get() > lastLoaded, () -> "saver died: " + read(log));
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(400));
            } finally {
                child.destroyForcibly();
                child.waitFor();
                reader.join();
            }
            if (Files.exists(dir.resolve("model.safetensors.tmp")) || Files.exists(dir.resolve("config.json.tmp"))
                    || Files.exists(dir.resolve("optimizer.safetensors.tmp"))) {
                killedWithTempFilesPresent++;
            }

            Checkpoint.Contents c = Checkpoint.load(dir, true, config -> null);
            int step = c.config().get("training").get("step").intValue();
            int saved = lastSaved.get();
            assertTrue(step == saved || step == saved + 1,
                    "loaded step " + step + " but the child last reported completing " + saved);
            Tensor big = c.tensors().get("big");
            assertEquals(FLOATS, big.size());
            for (int i = 0; i < FLOATS; i++) {
                if (big.data()[i] != step) fail("weight " + i + " is " + big.data()[i] + " in the checkpoint of step " + step);
            }
            assertArrayEquals(new float[] {-step, -step, -step}, c.tensors().get("small").data());
            Checkpoint.OptimizerState optimizer = c.optimizer();
            assertNotNull(optimizer, "the optimizer state of step " + step);
            assertEquals(step, optimizer.steps(), "the optimizer's step count");
            float[] m = optimizer.state().get("big").get("firstMoment").data(), v = optimizer.state().get("big").get("secondMoment").data();
            for (int i = 0; i < FLOATS; i++) {
                if (m[i] != 2 * step || v[i] != 3 * step) fail("moment " + i + " is " + m[i] + ", " + v[i] + " in the checkpoint of step " + step);
            }
            lastLoaded = step;
        }
        // the test is only meaningful if kills land inside a save, where the temporary files exist
        assertTrue(killedWithTempFilesPresent > 0, "no kill landed mid-save");
        System.out.println("checkpoint crash test: " + killedWithTempFilesPresent + " of " + KILLS
                + " kills landed mid-save; last step " + lastLoaded);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
