package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.io.Safetensors;
import dev.glassbox.nn.GptConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code info DIR}: where a model's knowledge lives (essay claim S12) — every parameter tensor of a
 * checkpoint with its shape and number of values, and the total. Works for any checkpoint (language
 * model or sleep classifier), since it reads the tensors, not the model, and for a Hugging Face GPT-2
 * folder, whose tensors it lists from the safetensors header.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the parameters of a checkpoint or GPT-2 folder: name, shape, count, and the total (S12).")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT",
            description = "A checkpoint directory (config.json + model.safetensors), or a Hugging Face GPT-2 folder.")
    Path checkpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (HuggingFaceGpt2.isGpt2Directory(checkpoint)) return gpt2Info(out);
        Checkpoint.Contents contents = Checkpoint.load(checkpoint);
        JsonNode config = contents.config();
        out.println("checkpoint " + checkpoint + describeSaved(config));
        JsonNode model = config.get("model");
        if (model != null && model.isObject()) out.println("model: " + fields(model));
        JsonNode tokenizer = config.get("tokenizer");
        if (tokenizer != null && tokenizer.isObject()) out.println("tokenizer: " + tokenizer.path("type").asText("?"));
        Map<String, int[]> shapes = new LinkedHashMap<>();
        contents.tensors().forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        printTable(out, shapes);
        return 0;
    }

    /** A GPT-2 folder: its config checked as for loading, and the tensors from the safetensors header (no weights read). */
    private int gpt2Info(PrintWriter out) throws Exception {
        GptConfig c = HuggingFaceGpt2.readConfig(checkpoint.resolve(HuggingFaceGpt2.CONFIG_FILE));
        Safetensors.Header header = Safetensors.readHeader(checkpoint.resolve(HuggingFaceGpt2.WEIGHTS_FILE));
        out.println("Hugging Face GPT-2 folder " + checkpoint);
        out.printf(Locale.ROOT, "model: type gpt2, vocab_size %d, context_length %d, channels %d, layers %d, heads %d, attention_scaling %s%n",
                c.vocabSize(), c.contextLength(), c.channels(), c.layers(), c.heads(), c.scaling());
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Safetensors.Entry e : header.entries()) shapes.put(e.name(), e.shape());
        printTable(out, shapes);
        return 0;
    }

    private static void printTable(PrintWriter out, Map<String, int[]> shapes) {
        int nameWidth = Math.max(4, shapes.keySet().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-14s %,12d%n";
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-14s %12s%n", "name", "shape", "count");
        long total = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            long count = 1;
            for (int d : e.getValue()) count *= d;
            total += count;
            out.printf(Locale.ROOT, row, e.getKey(), Arrays.toString(e.getValue()), count);
        }
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-14s %,12d%n", "total", shapes.size() + " tensors", total);
        out.flush();
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
