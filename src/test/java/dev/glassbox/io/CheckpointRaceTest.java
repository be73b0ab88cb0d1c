package dev.glassbox.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 7: a load while another thread saves into the same folder sees one whole generation, or says
 * in one sentence that the folder kept changing under it.
 */
class CheckpointRaceTest {

    private static void saveGeneration(Path dir, int generation) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Tensor w = Tensor.zeros(4096), b = Tensor.zeros(3);
        w.fill(generation);
        b.fill(-generation);
        tensors.put("w", w);
        tensors.put("b", b);
        ObjectNode config = Safetensors.JSON.createObjectNode();
        config.putObject("training").put("step", generation);
        Checkpoint.save(dir, tensors, config);
    }

    @Test
    void loadsWhileSavingAlwaysSeeOneGeneration(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("run");
        saveGeneration(dir, 1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> saverFailed = new AtomicReference<>();
        Thread saver = new Thread(() -> {
            try {
                for (int g = 2; !stop.get(); g++) saveGeneration(dir, g);
            } catch (Throwable e) {
                saverFailed.set(e);
            }
        });
        saver.start();
        List<String> failures = new ArrayList<>();
        int loads = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                try {
                    Checkpoint.Contents c = Checkpoint.load(dir);
                    float g = c.config().path("training").path("step").intValue();
                    assertEquals(g, c.tensors().get("w").data()[4095], "weights and config of one generation");
                    assertEquals(-g, c.tensors().get("b").data()[0]);
                    loads++;
                } catch (CheckpointException e) {
                    failures.add(e.getMessage());
                }
            }
        } finally {
            stop.set(true);
            saver.join();
        }
        assertNull(saverFailed.get());
        assertTrue(loads > 50, "only " + loads + " loads");
        // A loader that lost the race LOAD_ATTEMPTS times in a row (likely only when this machine is loaded and the
        // saver, which saves without pause, outruns it) may give up, but only with the sentence that says so:
        // never a torn read, never another error.
        List<String> otherFailures = failures.stream().filter(m -> !m.contains("was replaced while being read")).toList();
        assertEquals(List.of(), otherFailures.subList(0, Math.min(3, otherFailures.size())),
                otherFailures.size() + " of " + (loads + failures.size()) + " loads failed otherwise");
        assertTrue(failures.size() < loads, failures.size() + " loads gave up against " + loads + " that succeeded");
    }
}
