package dev.glassbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.io.Safetensors;
import dev.glassbox.tensor.Tensor;

import java.nio.file.Path;

/**
 * Loads a GPT-2 directory written by transformers' {@code save_pretrained} (see
 * {@code tools/hf_gpt2_check.py}) with {@link HuggingFaceGpt2#load} and prints the largest
 * difference between our logits and the ones transformers computed ({@code hf_logits.json}).
 */
public final class HuggingFaceImportCheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/hf-made");
        System.out.println("tensors in the file: " + Safetensors.readHeader(dir.resolve("model.safetensors")).entries().stream()
                .map(Safetensors.Entry::name).limit(3).toList() + " ...");
        HuggingFaceGpt2.Loaded loaded = HuggingFaceGpt2.load(dir);
        JsonNode reference = new ObjectMapper().readTree(dir.resolve("hf_logits.json").toFile());
        int[] tokens = new int[reference.get("tokens").size()];
        for (int t = 0; t < tokens.length; t++) tokens[t] = reference.get("tokens").get(t).intValue();
        Tensor logits = loaded.model().forward(new int[][]{tokens});                 // (1, T, V)
        double maxDiff = 0, maxLogit = 0;
        for (int t = 0; t < tokens.length; t++) {
            float[] row = logits.vectorAt(0, t);
            for (int v = 0; v < row.length; v++) {
                double theirs = reference.get("logits").get(t).get(v).doubleValue();
                maxDiff = Math.max(maxDiff, Math.abs(theirs - row[v]));
                maxLogit = Math.max(maxLogit, Math.abs(theirs));
            }
        }
        System.out.printf("loaded %s; logits (%d, %d): max |difference| %.3g, max |logit| %.3g%n",
                loaded.model().config(), tokens.length, loaded.model().config().vocabSize(), maxDiff, maxLogit);
    }
}
