package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.Gpt2Tokenizer;
import dev.glassbox.tokenize.PreTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hugging Face GPT-2 directories: our export read back bit for bit, the variants of the published
 * layout (prefix, mask buffers, lm_head), and clear errors for broken directories.
 */
class HuggingFaceGpt2Test {
    static final String CORPUS = "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat, "
            + "and the cat said: that is my mat! the dog said: that is my log. ";
    static BpeTokenizer tokenizer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTokenizer() {
        tokenizer = BpeTokenizer.train(CORPUS.repeat(3), 280);
    }

    /** A GPT-2-shaped model (vocabulary a bit larger than the tokenizer's, as GPT-2 pads it) with every weight random. */
    static Gpt randomModel(GptConfig config, long seed) {
        Gpt gpt = new Gpt(config, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (Parameter p : gpt.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] += (float) (random.nextGaussian() * 0.3);
        }
        return gpt;
    }

    static GptConfig smallConfig() {
        return GptConfig.of(288, 16, 24, 2, 3);
    }

    static Tensor logits(Gpt gpt, int[] tokens) {
        return gpt.forward(new int[][]{tokens});
    }

    @Test
    void exportThenImportGivesTheSameModelBitForBit() throws IOException {
        Gpt original = randomModel(smallConfig(), 5);
        HuggingFaceGpt2.save(tmp, original, tokenizer);
        HuggingFaceGpt2.Loaded loaded = HuggingFaceGpt2.load(tmp);

        assertEquals(original.config(), loaded.model().config());
        List<Parameter> a = original.parameters(), b = loaded.model().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertArrayEquals(a.get(i).value().shape(), b.get(i).value().shape(), a.get(i).name());
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, a.get(i).name());
        }
        int[] tokens = tokenizer.encode("the cat sat on the log.");
        assertArrayEquals(logits(original, tokens).data(), logits(loaded.model(), tokens).data(), 0f);

        // the tokenizer came back as GPT-2's loader reads it, and encodes like the one we exported
        String text = "a dog and the cat met: that is my mat!";
        assertArrayEquals(tokenizer.encode(text), loaded.tokenizer().encode(text));
        assertEquals(tokenizer.vocabSize(), loaded.tokenizer().vocabSize());
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().startsWith(".") || p.toString().endsWith(".tmp")),
                "no staging files left behind");
    }

    @Test
    void theExportedConfigUsesGpt2sStandardKeys() throws IOException {
        HuggingFaceGpt2.save(tmp, randomModel(smallConfig(), 1), tokenizer);
        JsonNode config = Safetensors.JSON.readTree(tmp.resolve("config.json").toFile());
        assertEquals("gpt2", config.get("model_type").textValue());
        assertEquals("GPT2LMHeadModel", config.get("architectures").get(0).textValue());
        assertEquals(288, config.get("vocab_size").intValue());
        assertEquals(16, config.get("n_positions").intValue());
        assertEquals(24, config.get("n_embd").intValue());
        assertEquals(2, config.get("n_layer").intValue());
        assertEquals(3, config.get("n_head").intValue());
        assertEquals("gelu_new", config.get("activation_function").textValue());
        assertEquals(1e-5, config.get("layer_norm_epsilon").doubleValue(), 1e-12);
        assertTrue(config.get("tie_word_embeddings").booleanValue());
        int endOfText = tokenizer.specialTokens().get("<|endoftext|>");
        assertEquals(endOfText, config.get("eos_token_id").intValue());
        assertEquals(endOfText, config.get("bos_token_id").intValue());
        // transformers only reads safetensors files whose metadata says format "pt"
        assertEquals(Map.of("format", "pt"), Safetensors.readHeader(tmp.resolve("model.safetensors")).metadata());
        // weights as GPT-2 stores them: Conv1D (in, out), the same layout as our Linear
        assertArrayEquals(new int[]{24, 72}, Safetensors.readHeader(tmp.resolve("model.safetensors"))
                .entry("h.1.attn.c_attn.weight").orElseThrow().shape());
    }

    @Test
    void theShapesExpectedFromAConfigAreTheGptsOwnParameters() {
        GptConfig config = GptConfig.of(50, 7, 12, 3, 2);
        Map<String, int[]> expected = HuggingFaceGpt2.expectedShapes(config);
        Map<String, int[]> actual = new LinkedHashMap<>();
        for (Parameter p : new Gpt(config, 0).parameters()) actual.put(p.name(), p.value().shape());
        assertEquals(actual.keySet(), expected.keySet());
        actual.forEach((name, shape) -> assertArrayEquals(shape, expected.get(name), name));
    }

    @Test
    void noScalingRoundTripsAsScaleAttnWeightsFalse() throws IOException {
        Gpt original = randomModel(smallConfig().withScaling(AttentionScaling.NONE), 8);
        HuggingFaceGpt2.saveModel(tmp, original, null);
        assertFalse(Safetensors.JSON.readTree(tmp.resolve("config.json").toFile()).get("scale_attn_weights").booleanValue());
        Gpt loaded = HuggingFaceGpt2.loadModel(tmp);
        assertEquals(AttentionScaling.NONE, loaded.config().scaling());
        int[] tokens = {3, 200, 17, 5};
        assertArrayEquals(logits(original, tokens).data(), logits(loaded, tokens).data(), 0f);
    }

    @Test
    void sinusoidalPositionsAreExportedAsTheirTable() throws IOException {
        Gpt original = randomModel(smallConfig().withPositions(PositionKind.SINUSOIDAL), 9);
        HuggingFaceGpt2.saveModel(tmp, original, null);
        Gpt loaded = HuggingFaceGpt2.loadModel(tmp);
        assertEquals(PositionKind.LEARNED, loaded.config().positions(), "GPT-2 only knows a wpe table");
        // the table holds sin/cos values: row 0 is (0, 1, 0, 1, ...)
        Tensor wpe = loaded.parameters().get(1).value();
        assertEquals(0f, wpe.get(0, 0));
        assertEquals(1f, wpe.get(0, 1));
        assertEquals((float) Math.sin(1.0), wpe.get(1, 0));
        int[] tokens = new int[16];
        for (int t = 0; t < 16; t++) tokens[t] = (t * 37) % 288;
        assertArrayEquals(logits(original, tokens).data(), logits(loaded, tokens).data(), 0f);
    }

    @Test
    void modelsGpt2CannotExpressAreNotExported() {
        IllegalArgumentException postLn = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceGpt2.saveModel(tmp, new Gpt(smallConfig().withOrder(BlockOrder.POST_LN), 1), null));
        assertTrue(postLn.getMessage().contains("pre-LN"), postLn.getMessage());
        IllegalArgumentException cosine = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceGpt2.saveModel(tmp, new Gpt(smallConfig().withScaling(AttentionScaling.COSINE), 1), null));
        assertTrue(cosine.getMessage().contains("COSINE"), cosine.getMessage());
        BpeTokenizer wholeText = BpeTokenizer.train(CORPUS, 270, PreTokenizer.NONE);
        assertThrows(IllegalArgumentException.class, () -> HuggingFaceGpt2.save(tmp, new Gpt(smallConfig(), 1), wholeText));
        assertThrows(IllegalArgumentException.class, () -> HuggingFaceGpt2.save(tmp, new Gpt(GptConfig.of(270, 8, 8, 1, 1), 1), tokenizer),
                "a tokenizer larger than the model's vocabulary");
    }

    // ------------------------------------------------------------------ the published layout's variants

    /** Our export, with its tensors renamed/added/removed and rewritten, to imitate other writers. */
    private Gpt exportAndRewrite(Consumer<Map<String, Tensor>> change) throws IOException {
        Gpt original = randomModel(smallConfig(), 21);
        HuggingFaceGpt2.save(tmp, original, tokenizer);
        Path weights = tmp.resolve("model.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>(Safetensors.read(weights).tensors());
        change.accept(tensors);
        Safetensors.write(weights, tensors, Map.of("format", "pt"));
        return original;
    }

    @Test
    void loadsTheTransformerPrefixMaskBuffersAndATiedLmHead() throws IOException {
        Gpt original = exportAndRewrite(tensors -> {
            Map<String, Tensor> renamed = new LinkedHashMap<>();
            tensors.forEach((name, t) -> renamed.put("transformer." + name, t));
            for (int i = 0; i < 2; i++) {                                          // the causal mask as older versions save it
                Tensor mask = Tensor.zeros(1, 1, 16, 16);
                for (int r = 0; r < 16; r++) for (int c = 0; c <= r; c++) mask.set(1f, 0, 0, r, c);
                renamed.put("transformer.h." + i + ".attn.bias", mask);
                renamed.put("transformer.h." + i + ".attn.masked_bias", Tensor.of(new float[]{-1e4f}, 1));
            }
            renamed.put("lm_head.weight", tensors.get("wte.weight").copy());
            tensors.clear();
            tensors.putAll(renamed);
        });
        Gpt loaded = HuggingFaceGpt2.loadModel(tmp);
        int[] tokens = {1, 2, 3, 250, 287};
        assertArrayEquals(logits(original, tokens).data(), logits(loaded, tokens).data(), 0f);
    }

    @Test
    void loadsHalfPrecisionWeights() throws IOException {
        Gpt original = randomModel(smallConfig(), 4);
        HuggingFaceGpt2.saveModel(tmp, original, null);
        Path weights = tmp.resolve("model.safetensors");
        Map<String, Tensor> tensors = Safetensors.read(weights).tensors();
        writeRaw(weights, tensors, "BF16");
        Gpt loaded = HuggingFaceGpt2.loadModel(tmp);
        // bfloat16 keeps the top 16 bits of each float: that is exactly what must arrive
        float[] wte = original.parameters().get(0).value().data(), back = loaded.parameters().get(0).value().data();
        for (int i = 0; i < wte.length; i++) {
            assertEquals(Float.floatToIntBits(wte[i]) & 0xffff0000, Float.floatToIntBits(back[i]), "wte element " + i);
        }
    }

    @Test
    void anUntiedLmHeadIsRefused() throws IOException {
        exportAndRewrite(tensors -> {
            Tensor head = tensors.get("wte.weight").copy();
            head.data()[7] += 1f;
            tensors.put("lm_head.weight", head);
        });
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("lm_head.weight", e.tensor());
        assertTrue(e.getMessage().contains("differs from wte.weight"), e.getMessage());
    }

    // ------------------------------------------------------------------------------ broken directories

    @Test
    void aMissingTensorIsNamedWithItsExpectedShape() throws IOException {
        exportAndRewrite(tensors -> tensors.remove("h.1.mlp.c_fc.bias"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("h.1.mlp.c_fc.bias", e.tensor());
        assertTrue(e.getMessage().endsWith("tensor 'h.1.mlp.c_fc.bias': is missing; expected shape [96]"), e.getMessage());
    }

    @Test
    void aWrongShapeIsNamedWithBothShapes() throws IOException {
        // a transposed Conv1D weight, the mistake this layout invites
        exportAndRewrite(tensors -> {
            Tensor w = tensors.get("h.0.attn.c_proj.weight");
            tensors.put("h.0.mlp.c_fc.weight", Tensor.zeros(96, 24));
            tensors.put("h.0.attn.c_proj.weight", w);
        });
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("h.0.mlp.c_fc.weight", e.tensor());
        assertTrue(e.getMessage().endsWith("has shape [96, 24], expected [24, 96] from config.json"), e.getMessage());
    }

    @Test
    void anUnknownTensorIsRefused() throws IOException {
        exportAndRewrite(tensors -> tensors.put("h.1.attn.rotary.weight", Tensor.zeros(24)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("h.1.attn.rotary.weight", e.tensor());
        assertTrue(e.getMessage().contains("not a GPT-2 weight of this config (2 layers"), e.getMessage());

        exportAndRewrite(tensors -> tensors.put("h.2.ln_1.weight", Tensor.zeros(24)));   // a third block the config lacks
        CheckpointException extraBlock = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertTrue(extraBlock.getMessage().contains("config.json says n_layer = 2, but the file has blocks h.0 .. h.2"),
                extraBlock.getMessage());
    }

    @Test
    void mixedPrefixesAreRefused() throws IOException {
        exportAndRewrite(tensors -> tensors.put("transformer.ln_f.bias", tensors.remove("ln_f.bias")));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("transformer.ln_f.bias", e.tensor());
    }

    @Test
    void anIntegerDtypeIsRefused() throws IOException {
        HuggingFaceGpt2.saveModel(tmp, randomModel(smallConfig(), 2), null);
        Path weights = tmp.resolve("model.safetensors");
        writeRaw(weights, Safetensors.read(weights).tensors(), "I32");
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("wte.weight", e.tensor());
        assertTrue(e.getMessage().contains("dtype I32"), e.getMessage());
    }

    @Test
    void aNonFiniteWeightIsRefused() throws IOException {
        exportAndRewrite(tensors -> tensors.get("ln_f.weight").data()[3] = Float.NaN);
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertEquals("ln_f.weight", e.tensor());
    }

    @Test
    void badConfigsAreRefusedWithTheKeyNamed() throws IOException {
        HuggingFaceGpt2.save(tmp, randomModel(smallConfig(), 3), tokenizer);
        assertConfigError(c -> c.remove("n_embd"), "\"n_embd\" is missing");
        assertConfigError(c -> c.put("n_head", 5), "24 channels are not divisible by 5 heads");
        assertConfigError(c -> c.put("n_layer", -2), "\"n_layer\" must be a whole number >= 1, got -2");
        assertConfigError(c -> c.put("n_layer", "two"), "\"n_layer\" must be a whole number >= 1, got \"two\"");
        assertConfigError(c -> c.put("model_type", "llama"), "\"model_type\" is \"llama\", expected \"gpt2\"");
        assertConfigError(c -> c.put("activation_function", "relu"), "\"activation_function\" is \"relu\"");
        assertConfigError(c -> c.put("layer_norm_epsilon", 1e-6), "\"layer_norm_epsilon\" is 1.0E-6");
        assertConfigError(c -> c.put("n_inner", 50), "\"n_inner\" is 50");
        assertConfigError(c -> c.put("tie_word_embeddings", false), "\"tie_word_embeddings\" is false");
        assertConfigError(c -> c.put("scale_attn_by_inverse_layer_idx", true), "scale_attn_by_inverse_layer_idx");
        // a config that promises far more than the file holds is refused before anything is allocated
        assertConfigError(c -> c.put("n_layer", 100_000), "config.json says n_layer = 100000, but the file has blocks h.0 .. h.1;");
        assertConfigError(c -> c.put("n_positions", 17), "tensor 'wpe.weight': has shape [16, 24], expected [17, 24]");

        Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"gpt2\", ");
        CheckpointException truncated = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertTrue(truncated.getMessage().contains("is not valid JSON"), truncated.getMessage());
        Files.delete(tmp.resolve("config.json"));
        CheckpointException missing = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp));
        assertTrue(missing.getMessage().endsWith("config.json: file not found"), missing.getMessage());
        assertFalse(HuggingFaceGpt2.isGpt2Directory(tmp));
    }

    @Test
    void ourOwnCheckpointsAreToldApart() throws IOException {
        Checkpoint.save(tmp.resolve("ours"), new Gpt(smallConfig(), 1), null, 0);
        HuggingFaceGpt2.saveModel(tmp.resolve("hf"), new Gpt(smallConfig(), 1), null);
        assertFalse(HuggingFaceGpt2.isGpt2Directory(tmp.resolve("ours")));
        assertTrue(HuggingFaceGpt2.isGpt2Directory(tmp.resolve("hf")));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.loadModel(tmp.resolve("ours")));
        assertTrue(e.getMessage().contains("\"model_type\" is null, expected \"gpt2\""), e.getMessage());
    }

    private void assertConfigError(Consumer<ObjectNode> change, String expectedPart) throws IOException {
        Path configFile = tmp.resolve("config.json");
        byte[] good = Files.readAllBytes(configFile);
        ObjectNode config = (ObjectNode) Safetensors.JSON.readTree(good);
        change.accept(config);
        Files.write(configFile, Safetensors.JSON.writeValueAsBytes(config));
        try {
            CheckpointException e = assertThrows(CheckpointException.class, () -> HuggingFaceGpt2.load(tmp));
            assertTrue(e.getMessage().contains(expectedPart), "message: " + e.getMessage() + "\nexpected to contain: " + expectedPart);
        } finally {
            Files.write(configFile, good);
        }
    }

    /** A safetensors file written by hand, every tensor with {@code dtype}: BF16 keeps each float's top 16 bits; I32 is the float's bits. */
    static void writeRaw(Path file, Map<String, Tensor> tensors, String dtype) throws IOException {
        int size = dtype.equals("BF16") ? 2 : 4;
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long end = offset + (long) e.getValue().size() * size;
            if (header.length() > 1) header.append(',');
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":")
                    .append(Arrays.toString(e.getValue().shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        for (Tensor t : tensors.values()) {
            for (float v : t.data()) {
                if (size == 2) out.putShort((short) (Float.floatToIntBits(v) >>> 16));
                else out.putInt(Float.floatToIntBits(v));
            }
        }
        Files.write(file, out.array());
    }
}
