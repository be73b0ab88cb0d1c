package dev.glassbox.io;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.GptLanguageModel;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES) // guards against a hang, not a speed requirement
class GptCheckpointTest {
    @TempDir Path tmp;

    private static final GptConfig CONFIG = GptConfig.of(13, 8, 12, 2, 3)
            .withScaling(AttentionScaling.COSINE).withOrder(BlockOrder.POST_LN).withDropout(0.1f);
    private static final int[][] TOKENS = {{1, 2, 3, 4, 5}, {12, 0, 7, 7, 9}};

    /** A model whose every parameter (also LayerNorm gains and biases) differs from any fresh init. */
    private static Gpt trainedLooking(GptConfig config) {
        Gpt model = new Gpt(config, 42);
        var random = new SplittableRandom(7);
        for (Parameter p : model.parameters()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] += (float) random.nextGaussian() * 0.1f;
        }
        return model;
    }

    private static ObjectNode charTokenizer() {
        ObjectNode t = Safetensors.JSON.createObjectNode();
        t.put("type", "char").put("characters", "\nabcdefghijkl");
        return t;
    }

    @Test
    void roundTripRestoresConfigEveryParameterAndTheLogits() throws IOException {
        Gpt original = trainedLooking(CONFIG);
        Path dir = tmp.resolve("ckpt");
        Checkpoint.save(dir, original, charTokenizer(), 1234);

        Checkpoint.LoadedGpt loaded = Checkpoint.loadGpt(dir);
        assertEquals(CONFIG, loaded.model().config());
        assertEquals(1234, loaded.step());
        assertEquals(charTokenizer(), loaded.tokenizer());
        assertFalse(loaded.model().isTraining());
        List<Parameter> a = original.parameters(), b = loaded.model().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).name());
        }
        assertArrayEquals(original.forward(TOKENS).data(), loaded.model().forward(TOKENS).data(), "same logits, bit for bit");
    }

    @Test
    void loadedModelGeneratesTheSameText() throws IOException {
        Gpt original = trainedLooking(CONFIG);
        Checkpoint.save(tmp.resolve("ckpt"), original, null, 0);
        Gpt loaded = Checkpoint.loadGpt(tmp.resolve("ckpt")).model();
        var options = SamplingOptions.sampling().temperature(0.8).topK(5);
        int[] prompt = {1, 2, 3};
        var before = new Generator(new GptLanguageModel(original)).generate(prompt, 20, new Sampler(options, 99));
        var after = new Generator(new GptLanguageModel(loaded)).generate(prompt, 20, new Sampler(options, 99));
        assertArrayEquals(before.tokens(), after.tokens());
    }

    @Test
    void sinusoidalModelsHaveNoPositionTableAndStillRoundTrip() throws IOException {
        GptConfig config = GptConfig.of(11, 6, 8, 1, 2).withPositions(PositionKind.SINUSOIDAL);
        Gpt original = trainedLooking(config);
        Path dir = tmp.resolve("ckpt");
        Checkpoint.save(dir, original, null, 5);
        assertTrue(Safetensors.readHeader(dir.resolve("model.safetensors")).entry("wpe.weight").isEmpty());
        var loaded = Checkpoint.loadGpt(dir);
        assertNull(loaded.tokenizer());
        assertArrayEquals(original.forward(new int[][] {{1, 2, 3}}).data(), loaded.model().forward(new int[][] {{1, 2, 3}}).data());
    }

    private Path savedWithEditedConfig(String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = tmp.resolve(name);
        Checkpoint.save(dir, trainedLooking(CONFIG), charTokenizer(), 3);
        Path file = dir.resolve("config.json");
        ObjectNode root = (ObjectNode) Safetensors.JSON.readTree(file.toFile());
        edit.accept((ObjectNode) root.get("config"));
        // re-sign the edited config, as a program writing one by hand would: what is tested is the check behind the checksum
        try {
            root.put("config_sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Safetensors.JSON.writeValueAsBytes(root.get("config")))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.write(file, Safetensors.JSON.writeValueAsBytes(root));
        return dir;
    }

    private static ObjectNode model(ObjectNode config) {
        return (ObjectNode) config.get("model");
    }

    private static void fails(Path dir, String fragment) {
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.loadGpt(dir));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void configThatDoesNotMatchTheWeightsIsNamed() throws IOException {
        fails(savedWithEditedConfig("fewer-layers", c -> model(c).put("layers", 1)),
                "tensor 'h.1.ln_1.weight': is not a parameter of the model (extra tensor)");
        fails(savedWithEditedConfig("narrower", c -> model(c).put("channels", 6)),
                "tensor 'wte.weight': has shape [13, 12] but the model needs [13, 6]");
        fails(savedWithEditedConfig("sinusoidal", c -> model(c).put("positions", "SINUSOIDAL")),
                "tensor 'wpe.weight': is not a parameter of the model");
        // V=13, T=8, C=12: wte 13·12 = 156, wpe 8·12 = 96, a block 12·144 + 13·12 = 1884, ln_f 24;
        // 2 layers (the file) = 4044, 3 layers (the edited config) = 5928
        fails(savedWithEditedConfig("more-layers", c -> model(c).put("layers", 3)),
                "config.json: describes a model that cannot be built: it describes a model of 5928 parameters, but model.safetensors holds only 4044 numbers");
    }

    @Test
    void absurdConfigsFailWithAMessageNotAnOutOfMemoryError() throws IOException {
        fails(savedWithEditedConfig("million-layers", c -> model(c).put("layers", 1_000_000)), "describes a model of");
        fails(savedWithEditedConfig("huge-vocab", c -> model(c).put("vocab_size", 2_000_000_000)), "describes a model of");
        fails(savedWithEditedConfig("huge-sinusoid", c -> model(c).put("context_length", 2_000_000_000).put("positions", "SINUSOIDAL")),
                "MB, more than this JVM's");
    }

    @Test
    void invalidModelConfigsAreNamed() throws IOException {
        fails(savedWithEditedConfig("heads", c -> model(c).put("heads", 5)), "12 channels are not divisible by 5 heads");
        fails(savedWithEditedConfig("scaling", c -> model(c).put("attention_scaling", "FOO")),
                "model \"attention_scaling\" is \"FOO\", expected one of [NONE, SQRT_DK, COSINE]");
        fails(savedWithEditedConfig("no-vocab", c -> model(c).remove("vocab_size")), "model \"vocab_size\" must be an integer, got null");
        fails(savedWithEditedConfig("dropout", c -> model(c).put("dropout", 1.5)), "dropout must be in [0, 1), got 1.5");
        fails(savedWithEditedConfig("type", c -> model(c).put("type", "bert")), "model \"type\" is \"bert\", expected \"gpt\"");
        fails(savedWithEditedConfig("no-model", c -> c.remove("model")), "there is no \"model\" section");
        fails(savedWithEditedConfig("step", c -> ((ObjectNode) c.get("training")).put("step", -5)), "\"training.step\" must be an integer >= 0, got -5");
        fails(savedWithEditedConfig("tokenizer", c -> c.put("tokenizer", 3)), "\"tokenizer\" must be an object or null");
    }

    @Test
    void saveChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(tmp.resolve("x"), new Gpt(CONFIG, 1), null, -1));
        assertThrows(NullPointerException.class, () -> Checkpoint.save(tmp.resolve("x"), (Gpt) null, null, 0));
    }

    @Test
    void configJsonIsReadable() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Checkpoint.save(dir, new Gpt(CONFIG, 1), charTokenizer(), 3);
        var model = Safetensors.JSON.readTree(dir.resolve("config.json").toFile()).get("config").get("model");
        assertEquals("{\"type\":\"gpt\",\"vocab_size\":13,\"context_length\":8,\"channels\":12,\"layers\":2,\"heads\":3,"
                + "\"dropout\":0.1,\"attention_scaling\":\"COSINE\",\"block_order\":\"POST_LN\",\"positions\":\"LEARNED\"}", model.toString());
    }
}
