package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code info DIR}: where a model's knowledge lives (essay claim S12) — every parameter tensor of a
 * checkpoint with its shape and number of values, and the total. Works for any checkpoint (language
 * model or sleep classifier), since it reads the tensors, not the model.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the parameters of a checkpoint: name, shape, count, and the total (S12).")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint directory (config.json + model.safetensors).")
    Path checkpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Checkpoint.Contents contents = Checkpoint.load(checkpoint);
        PrintWriter out = spec.commandLine().getOut();
        JsonNode config = contents.config();
        out.println("checkpoint " + checkpoint + describeSaved(config));
        JsonNode model = config.get("model");
        if (model != null && model.isObject()) out.println("model: " + fields(model));
        JsonNode tokenizer = config.get("tokenizer");
        if (tokenizer != null && tokenizer.isObject()) out.println("tokenizer: " + tokenizer.path("type").asText("?"));

        int nameWidth = Math.max(4, contents.tensors().keySet().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-14s %,12d%n";
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-14s %12s%n", "name", "shape", "count");
        long total = 0;
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            long count = e.getValue().size();
            total += count;
            out.printf(Locale.ROOT, row, e.getKey(), Arrays.toString(e.getValue().shape()), count);
        }
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-14s %,12d%n", "total", contents.tensors().size() + " tensors", total);
        out.flush();
        return 0;
    }

    /** {"a": 1, "b": "X"} as "a 1, b X". */
    private static String fields(JsonNode object) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (text.length() > 0) text.append(", ");
            text.append(e.getKey()).append(' ').append(e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
        }
        return text.toString();
    }

    private static String describeSaved(JsonNode config) {
        JsonNode step = config.path("training").path("step");
        return step.isIntegralNumber() ? " (saved at step " + step.longValue() + ")" : "";
    }
}
