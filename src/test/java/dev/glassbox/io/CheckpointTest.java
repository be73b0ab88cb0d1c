package dev.glassbox.io;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES) // guards against a hang, not a speed requirement
class CheckpointTest {
    @TempDir Path tmp;

    /** A small model's worth of tensors whose values say which save ("generation") they come from. */
    static Map<String, Tensor> tensors(int generation) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Tensor wte = Tensor.zeros(4, 3);
        for (int i = 0; i < wte.size(); i++) wte.data()[i] = generation + i / 100f;
        t.put("wte.weight", wte);
        t.put("h.0.ln_1.bias", Tensor.vector(-generation, 0.5f, generation * 2f));
        return t;
    }

    static ObjectNode config(int generation) {
        ObjectNode c = Safetensors.JSON.createObjectNode();
        c.putObject("model").put("layers", 1).put("channels", 3);
        c.putObject("training").put("step", generation);
        return c;
    }

    private Path saved(String name, int generation) throws IOException {
        Path dir = tmp.resolve(name);
        Checkpoint.save(dir, tensors(generation), config(generation));
        return dir;
    }

    private static void assertIsGeneration(int generation, Checkpoint.Contents c) {
        assertEquals(config(generation), c.config());
        Map<String, Tensor> expected = tensors(generation);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.tensors().keySet()));
        for (var e : expected.entrySet()) {
            assertArrayEquals(e.getValue().shape(), c.tensors().get(e.getKey()).shape());
            assertArrayEquals(e.getValue().data(), c.tensors().get(e.getKey()).data(), e.getKey());
        }
    }

    @Test
    void roundTripAndConfigRecordsTheWeightsHash() throws Exception {
        Path dir = saved("ckpt", 7);
        assertIsGeneration(7, Checkpoint.load(dir));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("config.json", "model.safetensors"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left");
        }
        var json = Safetensors.JSON.readTree(dir.resolve("config.json").toFile());
        byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
        assertEquals(sha, json.get("weights").get("sha256").textValue());
        assertEquals(weights.length, json.get("weights").get("bytes").longValue());
        assertEquals("[4,3]", json.get("weights").get("tensors").get("wte.weight").toString());
        assertEquals(7, json.get("config").get("training").get("step").intValue());
    }

    @Test
    void savingAgainReplacesTheCheckpoint() throws IOException {
        Path dir = saved("ckpt", 1);
        Checkpoint.save(dir, tensors(2), config(2));
        assertIsGeneration(2, Checkpoint.load(dir));
    }

    @Test
    void crashBetweenTheTwoRenamesLoadsTheNewCheckpoint() throws IOException {
        // the state a crash between "rename weights" and "rename config" leaves: new weights,
        // old config.json, complete new config.json.tmp
        Path dir = saved("ckpt", 1);
        Path next = saved("next", 2);
        Files.copy(next.resolve("model.safetensors"), dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(next.resolve("config.json"), dir.resolve("config.json.tmp"));
        assertIsGeneration(2, Checkpoint.load(dir));
        assertIsGeneration(2, Checkpoint.load(dir, Map.of("wte.weight", new int[] {4, 3}, "h.0.ln_1.bias", new int[] {3})));

        // the next save first completes the interrupted one, then commits its own
        Checkpoint.save(dir, tensors(3), config(3));
        assertIsGeneration(3, Checkpoint.load(dir));
        assertFalse(Files.exists(dir.resolve("config.json.tmp")));
    }

    @Test
    void crashBetweenTheRenamesOfTheFirstSaveLoadsIt() throws IOException {
        Path next = saved("next", 2);
        Path dir = Files.createDirectories(tmp.resolve("ckpt"));
        Files.copy(next.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Files.copy(next.resolve("config.json"), dir.resolve("config.json.tmp"));
        assertIsGeneration(2, Checkpoint.load(dir));
    }

    @Test
    void halfWrittenTemporaryFilesAreIgnoredAndCleanedUp() throws IOException {
        Path dir = saved("ckpt", 1);
        Files.write(dir.resolve("model.safetensors.tmp"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("config.json.tmp"), "{\"format\": \"glassbox-checkpoint\", \"for");
        assertIsGeneration(1, Checkpoint.load(dir));
        Checkpoint.save(dir, tensors(2), config(2));
        assertIsGeneration(2, Checkpoint.load(dir));
        assertFalse(Files.exists(dir.resolve("model.safetensors.tmp")));
    }

    @Test
    void nonFiniteWeightsAreNotSaved() throws IOException {
        Path dir = saved("ckpt", 1);
        Map<String, Tensor> diverged = tensors(2);
        diverged.get("h.0.ln_1.bias").data()[1] = Float.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir, diverged, config(2)));
        assertTrue(e.getMessage().contains("'h.0.ln_1.bias' holds NaN at flat position 1"), e.getMessage());
        assertIsGeneration(1, Checkpoint.load(dir));
    }

    // ------------------------------------------------------------------- mismatched and damaged

    private static CheckpointException fails(Path dir, String... fragments) {
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().startsWith(dir.toString()), "names a file in the checkpoint: " + e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        return e;
    }

    @Test
    void weightsOfAnotherCheckpointAreRecognised() throws IOException {
        Path dir = saved("ckpt", 1);
        Map<String, Tensor> bigger = new LinkedHashMap<>(tensors(1));
        bigger.put("wte.weight", Tensor.zeros(5, 3));
        Path other = tmp.resolve("other");
        Checkpoint.save(other, bigger, config(1));
        Files.copy(other.resolve("model.safetensors"), dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        fails(dir, "model.safetensors: tensor 'wte.weight': has shape [5, 3] but config.json lists [4, 3]");

        Path same = saved("same-shapes", 9);
        Files.copy(same.resolve("model.safetensors"), dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        fails(dir, "SHA-256", "damaged or replaced");
    }

    @Test
    void expectedShapesAreCheckedNamingTheTensor() throws IOException {
        Path dir = saved("ckpt", 1);
        var missing = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir,
                Map.of("wte.weight", new int[] {4, 3}, "h.0.ln_1.bias", new int[] {3}, "ln_f.weight", new int[] {3})));
        assertTrue(missing.getMessage().contains("'ln_f.weight': is missing; the model needs shape [3]"), missing.getMessage());
        var extra = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir, Map.of("wte.weight", new int[] {4, 3})));
        assertTrue(extra.getMessage().contains("'h.0.ln_1.bias': is not a parameter of the model"), extra.getMessage());
        var shape = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir,
                Map.of("wte.weight", new int[] {3, 4}, "h.0.ln_1.bias", new int[] {3})));
        assertTrue(shape.getMessage().contains("'wte.weight': has shape [4, 3] but the model needs [3, 4]"), shape.getMessage());
        var unbuildable = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir, config -> {
            throw new IllegalArgumentException("channels 3 is not divisible by 2 heads");
        }));
        assertTrue(unbuildable.getMessage().contains("config.json: describes a model that cannot be built: channels 3 is not divisible by 2 heads"),
                unbuildable.getMessage());
        assertEquals(2, Checkpoint.load(dir, config -> Map.of("wte.weight", new int[] {4, 3}, "h.0.ln_1.bias", new int[] {3}))
                .tensors().size());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        fails(tmp.resolve("nowhere"), "is not a directory");
        Path dir = saved("ckpt", 1);
        Files.delete(dir.resolve("config.json"));
        fails(dir, "config.json: is missing");
        Files.delete(dir.resolve("model.safetensors"));
        fails(dir, "model.safetensors: is missing");
    }

    /** Rewrites config.json after {@code edit}, keeping everything else. */
    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("config.json");
        ObjectNode root = (ObjectNode) Safetensors.JSON.readTree(file.toFile());
        edit.accept(root);
        Files.write(file, Safetensors.JSON.writeValueAsBytes(root));
    }

    private static ObjectNode weights(ObjectNode root) {
        return (ObjectNode) root.get("weights");
    }

    @Test
    void badConfigFilesAreNamed() throws IOException {
        record Case(Consumer<ObjectNode> edit, String message) {}
        List<Case> cases = List.of(
                new Case(r -> r.put("format", "pytorch"), "\"format\" is \"pytorch\", expected \"glassbox-checkpoint\""),
                new Case(r -> r.remove("format"), "has neither \"format\" (a glassbox checkpoint) nor \"model_type\""),
                new Case(r -> r.put("format_version", 3), "\"format_version\" is 3; this library reads versions 1 to 2"),
                new Case(r -> r.put("config", 3), "\"config\" must be an object"),
                new Case(r -> r.remove("weights"), "\"weights\" must be an object"),
                new Case(r -> weights(r).put("file", "pytorch_model.bin"), "\"weights.file\" is \"pytorch_model.bin\""),
                new Case(r -> weights(r).put("sha256", "abc"), "64 lowercase hex digits, got \"abc\""),
                new Case(r -> weights(r).remove("tensors"), "must list the tensors"),
                new Case(r -> ((ObjectNode) weights(r).get("tensors")).putArray("wte.weight").add(4).add(0), "'wte.weight': size 0 in shape [4,0]"),
                new Case(r -> ((ObjectNode) weights(r).get("tensors")).put("wte.weight", "4x3"), "'wte.weight': shape must be a non-empty array"),
                new Case(r -> ((ObjectNode) weights(r).get("tensors")).putArray("wte.weight").add(3).add(4),
                        "'wte.weight': has shape [4, 3] but config.json lists [3, 4]"),
                new Case(r -> ((ObjectNode) weights(r).get("tensors")).putArray("ln_f.bias").add(3),
                        "'ln_f.bias': is listed in config.json but missing from the file"),
                new Case(r -> ((ObjectNode) weights(r).get("tensors")).remove("h.0.ln_1.bias"),
                        "'h.0.ln_1.bias': is in the file but not listed in config.json"));
        for (Case c : cases) {
            Path dir = saved("case-" + c.message().hashCode(), 1);
            editConfig(dir, c.edit());
            fails(dir, c.message());
        }
        Path notJson = saved("not-json", 1);
        Files.writeString(notJson.resolve("config.json"), "{\"format\": ");
        fails(notJson, "config.json: is not valid JSON");
        Path array = saved("array", 1);
        Files.writeString(array.resolve("config.json"), "[]");
        fails(array, "config.json: must hold a JSON object");
    }

    /** Replaces model.safetensors by {@code file} and makes config.json vouch for it (hash and size). */
    private static void substituteWeights(Path dir, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(dir.resolve("model.safetensors"), bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        editConfig(dir, r -> weights(r).put("sha256", sha).put("bytes", bytes.length));
    }

    @Test
    void wrongDtypeAndNonFiniteWeightsAreRefusedEvenWithAMatchingHash() throws Exception {
        Path dir = saved("f16", 1);
        String json = "{\"wte.weight\":{\"dtype\":\"F16\",\"shape\":[4,3],\"data_offsets\":[0,24]},"
                + "\"h.0.ln_1.bias\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[24,30]}}";
        substituteWeights(dir, SafetensorsCorruptionTest.craft(tmp.resolve("f16.safetensors"), json, new byte[30]));
        fails(dir, "'wte.weight': has dtype F16; checkpoints store F32");

        Path nan = saved("nan", 1);
        Map<String, Tensor> t = tensors(1);
        t.get("wte.weight").data()[5] = Float.POSITIVE_INFINITY;
        Safetensors.write(tmp.resolve("inf.safetensors"), t);
        substituteWeights(nan, tmp.resolve("inf.safetensors"));
        fails(nan, "model.safetensors: tensor 'wte.weight': holds Infinity at flat position 5");
    }

    @Test
    void everyTruncationAndEveryDamagedByteOfEitherFileFails() throws IOException {
        Path dir = saved("ckpt", 1);
        int files = 0;
        for (String name : new String[] {"model.safetensors", "config.json"}) {
            Path file = dir.resolve(name);
            byte[] good = Files.readAllBytes(file);
            for (int length = 0; length < good.length; length++) {
                Files.write(file, Arrays.copyOf(good, length));
                fails(dir);
                files++;
            }
            if (name.equals("model.safetensors")) { // config.json is human-editable: only its structure is checked
                for (int position = 0; position < good.length; position++) {
                    for (int bit : new int[] {0x01, 0x80}) {
                        byte[] damaged = good.clone();
                        damaged[position] ^= bit;
                        Files.write(file, damaged);
                        fails(dir);
                        files++;
                    }
                }
            }
            Files.write(file, good);
        }
        assertIsGeneration(1, Checkpoint.load(dir));
        assertTrue(files > 1000, "files tried: " + files);
    }
}
