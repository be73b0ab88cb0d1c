package dev.glassbox.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * optimizer.safetensors beside the weights: saved and loaded with them, and a save cut off between its renames still
 * loads one generation whole, weights and optimizer state together.
 */
class CheckpointOptimizerStateTest {
    @TempDir Path temp;

    /** Generation g: weight "w" = g everywhere, moments 10g and 100g, step count g. */
    private static void saveGeneration(Path dir, int g) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.zeros(2, 3));
        tensors.get("w").fill(g);
        Map<String, Tensor> moments = new LinkedHashMap<>();
        moments.put("firstMoment", Tensor.zeros(2, 3));
        moments.put("secondMoment", Tensor.zeros(2, 3));
        moments.get("firstMoment").fill(10 * g);
        moments.get("secondMoment").fill(100 * g);
        ObjectNode config = Safetensors.JSON.createObjectNode();
        config.putObject("training").put("step", g);
        Checkpoint.save(dir, tensors, config, new Checkpoint.OptimizerState("AdamW", g, Map.of("w", moments)));
    }

    private static void assertGeneration(Path dir, int g) throws Exception {
        Checkpoint.Contents c = Checkpoint.load(dir, true, config -> null);
        assertEquals(g, c.config().path("training").path("step").intValue(), "the generation loaded");
        assertArrayEquals(new float[] {g, g, g, g, g, g}, c.tensors().get("w").data());
        assertEquals("AdamW", c.optimizer().optimizer());
        assertEquals(g, c.optimizer().steps());
        float m = 10 * g, v = 100 * g;
        assertArrayEquals(new float[] {m, m, m, m, m, m}, c.optimizer().state().get("w").get("firstMoment").data());
        assertArrayEquals(new float[] {v, v, v, v, v, v}, c.optimizer().state().get("w").get("secondMoment").data());
    }

    @Test
    void theOptimizerStateIsLoadedOnlyWhenAskedFor() throws Exception {
        Path dir = temp.resolve("c");
        saveGeneration(dir, 1);
        assertGeneration(dir, 1);
        assertNull(Checkpoint.load(dir).optimizer(), "a plain load does not read it");
        saveGeneration(dir, 2);
        assertGeneration(dir, 2);

        // deleted by hand: the checkpoint still loads, without optimizer state
        Files.delete(dir.resolve(Checkpoint.OPTIMIZER_FILE));
        assertNull(Checkpoint.load(dir, true, config -> null).optimizer());
    }

    @Test
    void aSaveWithoutOptimizerStateRemovesTheOldOne() throws Exception {
        Path dir = temp.resolve("c");
        saveGeneration(dir, 1);
        ObjectNode config = Safetensors.JSON.createObjectNode();
        Checkpoint.save(dir, Map.of("w", Tensor.zeros(2, 3)), config);
        assertFalse(Files.exists(dir.resolve(Checkpoint.OPTIMIZER_FILE)));
        assertNull(Checkpoint.load(dir, true, c -> null).optimizer());
    }

    /**
     * The three renames of a save (weights, optimizer, config) cut off after none, one or two of them: each load
     * sees generation 1 or 2 whole, never the weights of one with the moments of the other.
     */
    @Test
    void aSaveCutOffBetweenItsRenamesLoadsOneGenerationWhole() throws Exception {
        Path next = temp.resolve("next");
        saveGeneration(next, 2);
        String[][] renamed = {{}, {Checkpoint.WEIGHTS_FILE}, {Checkpoint.WEIGHTS_FILE, Checkpoint.OPTIMIZER_FILE}};
        int[] expected = {1, 2, 2};
        for (int cut = 0; cut < renamed.length; cut++) {
            Path dir = temp.resolve("cut" + cut);
            saveGeneration(dir, 1);
            // the new files as the save had written them: each renamed over its name or still a .tmp
            for (String file : new String[] {Checkpoint.WEIGHTS_FILE, Checkpoint.OPTIMIZER_FILE, Checkpoint.CONFIG_FILE}) {
                boolean done = java.util.Arrays.asList(renamed[cut]).contains(file);
                Files.copy(next.resolve(file), dir.resolve(done ? file : file + Checkpoint.TEMP_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
            }
            assertGeneration(dir, expected[cut]);

            // the next save finishes or discards the cut-off one first, and then writes its own
            saveGeneration(dir, 3);
            assertGeneration(dir, 3);
            try (var files = Files.list(dir)) {
                assertFalse(files.anyMatch(f -> f.toString().endsWith(Checkpoint.TEMP_SUFFIX)), "no .tmp left");
            }
        }
    }
}
