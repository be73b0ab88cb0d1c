package dev.glassbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.BpeTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a random GPT-2-shaped model with {@link HuggingFaceGpt2#save} into a directory, plus
 * {@code glassbox_logits.json}: a text, its token ids and our logits (T, V), for
 * {@code tools/hf_gpt2_check.py} to compare with Hugging Face transformers. Not a test (it needs
 * Python with torch and transformers); run {@code tools/hf_gpt2_check.sh}.
 */
public final class HuggingFaceExportCheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/hf-check");
        String corpus = "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat. ".repeat(4);
        BpeTokenizer tokenizer = BpeTokenizer.train(corpus, 275);
        Gpt gpt = new Gpt(GptConfig.of(304, 32, 64, 3, 4), 2024);
        SplittableRandom random = new SplittableRandom(7);
        for (Parameter p : gpt.parameters()) {                     // far from the init, so every weight matters
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] += (float) (random.nextGaussian() * 0.2);
        }
        HuggingFaceGpt2.save(dir, gpt, tokenizer);

        String text = "the dog and the cat sat on a mat.";
        int[] tokens = tokenizer.encode(text);
        Tensor logits = gpt.forward(new int[][]{tokens});          // (1, T, V)
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("text", text);
        ArrayNode ids = out.putArray("tokens");
        for (int t : tokens) ids.add(t);
        ArrayNode rows = out.putArray("logits");
        for (int t = 0; t < tokens.length; t++) {
            ArrayNode row = rows.addArray();
            for (float v : logits.vectorAt(0, t)) row.add(v);
        }
        Files.write(dir.resolve("glassbox_logits.json"), json.writeValueAsBytes(out));
        System.out.println("wrote " + dir + " (" + tokens.length + " tokens, vocab " + gpt.config().vocabSize() + ")");
    }
}
