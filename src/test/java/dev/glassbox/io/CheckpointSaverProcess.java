package dev.glassbox.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run in a child JVM by {@link CheckpointCrashTest}: saves generation 1, 2, 3, ... of a big
 * checkpoint into one directory, back to back, until it is killed. Generation g holds the value g
 * in every weight of "big" and -g in "small", and step g in its config, and an optimizer state
 * (optimizer.safetensors) with step count g and moments 2g and 3g for "big", so a reader can tell
 * whether what it loads is one whole generation. Prints "saved g" after each completed save.
 */
public final class CheckpointSaverProcess {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int floats = Integer.parseInt(args[1]);
        int firstGeneration = Integer.parseInt(args[2]);
        Tensor big = Tensor.zeros(floats);
        Tensor small = Tensor.zeros(3);
        Tensor m = Tensor.zeros(floats), v = Tensor.zeros(floats);
        for (int generation = firstGeneration; ; generation++) {
            big.fill(generation);
            small.fill(-generation);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("big", big);
            tensors.put("small", small);
            ObjectNode config = Safetensors.JSON.createObjectNode();
            config.putObject("training").put("step", generation);
            m.fill(2 * generation);
            v.fill(3 * generation);
            Map<String, Tensor> moments = new LinkedHashMap<>();
            moments.put("firstMoment", m);
            moments.put("secondMoment", v);
            Checkpoint.save(dir, tensors, config, new Checkpoint.OptimizerState("AdamW", generation, Map.of("big", moments)));
            System.out.println("saved " + generation);
            System.out.flush();
        }
    }
}
