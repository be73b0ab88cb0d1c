package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.sleep.Hypnogram;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.Gpt2Tokenizer;
import dev.glassbox.tokenize.TokenizerJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: the file loaders under random damage. Each try takes a small valid file, applies one mutation (a
 * truncation, a flipped bit, or one JSON value / CSV line replaced), and loads it in at most 5 s. The outcome must be
 * a one-line error (an IOException or IllegalArgumentException whose message is one line and names the folder or
 * file), or a load that is right: equal to the original where a checksum vouches for it, equal to an independent
 * decoding of the damaged bytes where nothing can (safetensors data, a tokenizer). Never a hang, an Error such as
 * OutOfMemoryError, or any other exception (a NullPointerException is a bug). Fixed seeds: the same tries in every
 * run. The whole class runs in about 10 s (300 tries per loader, 200 for the tokenizer and the optimizer state).
 */
class LoaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Fixtures F = Fixtures.create();

    @AfterContainer
    static void removeFiles() throws IOException {
        try (var files = Files.walk(F.root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    enum Kind { TRUNCATE, FLIP_BIT, EDIT_FIELD }

    /** One mutation: where (a fraction of the length, as an int in 0..2^20), which bit, and which replacement. */
    record Mutation(Kind kind, int where, int bit, int replacement) {
        int at(int length) {
            return (int) ((long) where * length >>> 20);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, (1 << 20) - 1),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 99)).as(Mutation::new);
    }

    private static final String[] JSON_VALUES = {"0", "-1", "1", "2147483648", "99999999999999999999", "1e309", "-0.0", "0.5",
            "\"x\"", "\"\"", "null", "true", "false", "[]", "{}", "[1,2]", "\"F16\"", "\"BF16\"", "\"I64\"", "8", "16", "3"};
    private static final String[] CSV_LINES = {"N5", "?", "", "Sleep stage 2", "epoch,stage", "1,2,3", "\u0000", "REM", "#", ",",
            "Movement time", "stage", "\uFEFFW", "W,W", "9"};
    /** A JSON number, string or literal (the values a field edit replaces). */
    private static final Pattern JSON_VALUE = Pattern.compile("(?<=[:\\[,]\\s{0,8})(-?\\d[\\d.eE+-]*|\"[^\"]*\"|true|false|null)");

    static byte[] mutate(byte[] original, Mutation m, boolean csv) {
        int n = original.length;
        return switch (m.kind()) {
            case TRUNCATE -> Arrays.copyOf(original, m.at(n));
            case FLIP_BIT -> {
                byte[] copy = original.clone();
                copy[Math.min(m.at(n), n - 1)] ^= (byte) (1 << m.bit());
                yield copy;
            }
            case EDIT_FIELD -> csv ? editLine(original, m) : editJsonValue(original, m);
        };
    }

    private static byte[] editLine(byte[] original, Mutation m) {
        List<String> lines = new java.util.ArrayList<>(new String(original, StandardCharsets.UTF_8).lines().toList());
        lines.set(m.at(lines.size()), CSV_LINES[m.replacement() % CSV_LINES.length]);
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces one JSON value in the text (in a safetensors file: in its header, keeping the header's length). */
    private static byte[] editJsonValue(byte[] original, Mutation m) {
        boolean safetensors = original.length > 8 && original[0] != '{';
        int start = safetensors ? 8 : 0;
        int end = safetensors ? 8 + (int) ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() : original.length;
        String text = new String(original, start, end - start, StandardCharsets.ISO_8859_1);
        Matcher values = JSON_VALUE.matcher(text);
        List<int[]> spans = new java.util.ArrayList<>();
        while (values.find()) spans.add(new int[]{values.start(), values.end()});
        int[] span = spans.get(m.at(spans.size()));
        String edited = text.substring(0, span[0]) + JSON_VALUES[m.replacement() % JSON_VALUES.length] + text.substring(span[1]);
        byte[] header = edited.getBytes(StandardCharsets.ISO_8859_1);
        if (!safetensors) return header;
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + original.length - end).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(original, end, original.length - end);
        return out.array();
    }

    /**
     * Runs {@code load} within the time limit; returns its result, or null after checking that it failed with a
     * one-line IOException or IllegalArgumentException that mentions {@code place}.
     */
    static <T> T loadOrOneLineError(String place, Callable<T> load) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return load.call();
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                String message = e.getMessage();
                assertTrue(message != null && !message.isBlank(), () -> "an error without a message: " + e);
                assertFalse(message.contains("\n"), () -> "an error of more than one line: " + message);
                assertTrue(message.contains(place), () -> "the error does not name " + place + ": " + message);
                return null;
            } catch (Throwable e) {
                throw new AssertionError("not a one-line error but " + e, e);
            }
        });
    }

    // ------------------------------------------------------------------------------- safetensors

    @Property(tries = 300, seed = "1101")
    void safetensorsFile(@ForAll("mutations") Mutation m) throws Exception {
        byte[] bytes = mutate(F.safetensors, m, false);
        Path file = Files.write(F.dir("st").resolve("x.safetensors"), bytes);
        Safetensors.Contents loaded = loadOrOneLineError(file.toString(), () -> Safetensors.read(file));
        if (loaded == null) return;
        // loaded: it must be exactly what the damaged bytes say, decoded here independently
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        int tensors = 0;
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) continue;
            tensors++;
            Tensor t = loaded.tensors().get(e.getKey());
            assertEquals("F32", e.getValue().get("dtype").textValue());
            int[] shape = new int[e.getValue().get("shape").size()];
            for (int d = 0; d < shape.length; d++) shape[d] = e.getValue().get("shape").get(d).intValue();
            assertArrayEquals(shape, t.shape());
            ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long begin = 8 + headerLength + e.getValue().get("data_offsets").get(0).longValue();
            for (int i = 0; i < t.size(); i++) {
                assertEquals(Float.floatToRawIntBits(data.getFloat((int) begin + 4 * i)), Float.floatToRawIntBits(t.data()[i]));
            }
        }
        assertEquals(tensors, loaded.tensors().size());
    }

    // -------------------------------------------------------------------------------- checkpoint

    @Property(tries = 300, seed = "1102")
    void checkpointFolder(@ForAll("mutations") Mutation m, @ForAll boolean damageConfig) throws Exception {
        Path dir = F.dir("checkpoint");
        Files.write(dir.resolve(Checkpoint.CONFIG_FILE), damageConfig ? mutate(F.checkpointConfig, m, false) : F.checkpointConfig);
        Files.write(dir.resolve(Checkpoint.WEIGHTS_FILE), damageConfig ? F.checkpointWeights : mutate(F.checkpointWeights, m, false));
        Checkpoint.LoadedGpt loaded = loadOrOneLineError(dir.toString(), () -> Checkpoint.loadGpt(dir));
        if (loaded == null) return;
        // the checksums vouch for config and weights: whatever loads is the model that was saved
        assertEquals(F.checkpointModel.config(), loaded.model().config());
        assertEquals(F.checkpointTokenizer, loaded.tokenizer());
        assertEquals(F.checkpointStep, loaded.step());
        assertSameWeights(F.checkpointModel, loaded.model());
    }

    /** optimizer.safetensors damaged: its checksum in config.json vouches for it, so a load is the saved state exactly. */
    @Property(tries = 200, seed = "1106")
    void optimizerState(@ForAll("mutations") Mutation m) throws Exception {
        Path dir = F.dir("resumable");
        Files.write(dir.resolve(Checkpoint.CONFIG_FILE), F.resumableConfig);
        Files.write(dir.resolve(Checkpoint.WEIGHTS_FILE), F.resumableWeights);
        Files.write(dir.resolve(Checkpoint.OPTIMIZER_FILE), mutate(F.resumableOptimizer, m, false));
        Checkpoint.LoadedGpt loaded = loadOrOneLineError(dir.toString(), () -> Checkpoint.loadGpt(dir, true));
        if (loaded == null) return;
        assertSameWeights(F.resumableModel, loaded.model());
        assertEquals(F.resumableState.steps(), loaded.optimizer().steps());
        assertEquals(F.resumableState.state().keySet(), loaded.optimizer().state().keySet());
        F.resumableState.state().forEach((parameter, moments) -> moments.forEach((name, t) ->
                assertArrayEquals(t.data(), loaded.optimizer().state().get(parameter).get(name).data(), parameter + " " + name)));
    }

    private static void assertSameWeights(Gpt expected, Gpt actual) {
        List<Parameter> a = expected.parameters(), b = actual.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).name());
    }

    // -------------------------------------------------------------------------------- GPT-2 folder

    /**
     * config.json or the safetensors header damaged (the weights' numbers themselves carry no checksum in this
     * format, so a flipped bit there is a different model, not an error): a load must be the model the damaged
     * config describes, with the original weights.
     */
    @Property(tries = 300, seed = "1103")
    void gpt2Folder(@ForAll("mutations") Mutation m, @ForAll boolean damageConfig) throws Exception {
        Path dir = F.gpt2Folder();
        byte[] weights = F.gpt2Weights;
        if (damageConfig) {
            Files.write(dir.resolve(HuggingFaceGpt2.CONFIG_FILE), mutate(F.gpt2Config, m, false));
        } else {
            int headerEnd = 8 + (int) ByteBuffer.wrap(weights, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            Mutation inHeader = m.kind() == Kind.EDIT_FIELD ? m
                    : new Mutation(m.kind(), (int) (((long) m.at(headerEnd) << 20) / weights.length), m.bit(), m.replacement());
            Files.write(dir.resolve(HuggingFaceGpt2.WEIGHTS_FILE), mutate(weights, inHeader, false));
        }
        Gpt loaded = loadOrOneLineError(dir.toString(), () -> HuggingFaceGpt2.loadModel(dir));   // the tokenizer files: below
        if (loaded == null) return;
        GptConfig said = HuggingFaceGpt2.readConfig(dir.resolve(HuggingFaceGpt2.CONFIG_FILE));
        assertEquals(said, loaded.config());
        GptConfig original = F.gpt2Model.config();
        assertEquals(List.of(original.vocabSize(), original.contextLength(), original.channels(), original.layers(), original.heads()),
                List.of(said.vocabSize(), said.contextLength(), said.channels(), said.layers(), said.heads()));
        assertSameWeights(F.gpt2Model, loaded);
    }

    // ---------------------------------------------------------------------------- tokenizer files

    @Property(tries = 200, seed = "1104")
    void gpt2TokenizerFiles(@ForAll("mutations") Mutation m, @ForAll boolean damageVocab) throws Exception {
        Path dir = F.dir("tokenizer");
        Path vocab = Files.write(dir.resolve(Gpt2Tokenizer.VOCAB_FILE), damageVocab ? mutate(F.vocab, m, false) : F.vocab);
        Path merges = Files.write(dir.resolve(Gpt2Tokenizer.MERGES_FILE), damageVocab ? F.merges : mutate(F.merges, m, true));
        Gpt2Tokenizer loaded = loadOrOneLineError(dir.toString(), () -> Gpt2Tokenizer.load(vocab, merges));
        if (loaded == null) return;
        // a different but valid tokenizer may load; it must still turn every text into ids and back
        for (String text : List.of(F.corpus, "ünïcode ☃ and 12345", "")) {
            int[] ids = loaded.encode(text);
            for (int id : ids) assertTrue(id >= 0 && id < loaded.vocabSize(), "id " + id);
            assertEquals(text, loaded.decode(ids));
        }
    }

    // -------------------------------------------------------------------------------- sleep CSV

    @Property(tries = 300, seed = "1105")
    void hypnogramCsv(@ForAll("mutations") Mutation m) throws Exception {
        Path csv = Files.write(F.dir("csv").resolve("night.csv"), mutate(F.csv, m, true));
        int[] loaded = loadOrOneLineError(csv.toString(), () -> Hypnogram.read(csv));
        if (loaded == null) return;
        for (int s : loaded) assertTrue(s >= 0 && s <= 4);
        int[] original = F.csvStages;
        if (m.kind() == Kind.TRUNCATE) {
            // a prefix of the night; its last line may have been cut into another stage ("REM" -> "R")
            assertTrue(loaded.length <= original.length);
            if (loaded.length > 0) assertArrayEquals(Arrays.copyOf(original, loaded.length - 1), Arrays.copyOf(loaded, loaded.length - 1));
        } else {
            // one line changed: at most one epoch differs, goes or comes (two when a newline byte flips)
            assertTrue(Math.abs(loaded.length - original.length) <= 2, loaded.length + " epochs");
            int prefix = 0;
            while (prefix < Math.min(loaded.length, original.length) && loaded[prefix] == original[prefix]) prefix++;
            int suffix = 0;
            while (suffix < Math.min(loaded.length, original.length) - prefix
                    && loaded[loaded.length - 1 - suffix] == original[original.length - 1 - suffix]) suffix++;
            assertTrue(loaded.length - prefix - suffix <= 2, "more than one line's worth of epochs changed");
        }
    }

    // ---------------------------------------------------------------------------------- fixtures

    /** Small valid files, made once, and a scratch folder per loader. */
    static final class Fixtures {
        final Path root;
        byte[] safetensors, checkpointConfig, checkpointWeights, gpt2Config, gpt2Weights, vocab, merges, csv;
        byte[] resumableConfig, resumableWeights, resumableOptimizer;
        Gpt checkpointModel, gpt2Model, resumableModel;
        Checkpoint.OptimizerState resumableState;
        com.fasterxml.jackson.databind.node.ObjectNode checkpointTokenizer;
        long checkpointStep = 9;
        String corpus = "the cat sat on the mat; the rat ate the cat's hat. ";
        int[] csvStages;

        private Fixtures(Path root) {
            this.root = root;
        }

        static Fixtures create() {
            try {
                Fixtures f = new Fixtures(Files.createTempDirectory("loader-fuzz"));
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                tensors.put("a", Tensor.of(new float[]{1, -2, 3.5f, 0, 1e-3f, 7}, 2, 3));
                tensors.put("b", Tensor.of(new float[]{0.25f, -0.5f}, 2));
                Path st = f.root.resolve("original.safetensors");
                Safetensors.write(st, tensors, Map.of("format", "pt"));
                f.safetensors = Files.readAllBytes(st);

                CharTokenizer chars = CharTokenizer.fromCorpus("abcdef");
                f.checkpointModel = new Gpt(GptConfig.of(chars.vocabSize(), 4, 8, 1, 2), 3);
                f.checkpointModel.setTraining(false);
                f.checkpointTokenizer = TokenizerJson.toJson(chars);
                Path checkpoint = f.root.resolve("original-checkpoint");
                Checkpoint.save(checkpoint, f.checkpointModel, f.checkpointTokenizer, f.checkpointStep);
                f.checkpointConfig = Files.readAllBytes(checkpoint.resolve(Checkpoint.CONFIG_FILE));
                f.checkpointWeights = Files.readAllBytes(checkpoint.resolve(Checkpoint.WEIGHTS_FILE));

                // a checkpoint with the state of an AdamW that took two steps (moments and t not zero)
                f.resumableModel = new Gpt(GptConfig.of(chars.vocabSize(), 4, 8, 1, 2), 5);
                var adam = new dev.glassbox.optim.AdamW(f.resumableModel.parameters(), 1e-2f, 0.1f);
                for (int step = 0; step < 2; step++) {
                    for (Parameter p : f.resumableModel.parameters()) {
                        for (int i = 0; i < p.size(); i++) p.grad().data()[i] = (float) Math.sin(i + 3 * step + p.size());
                    }
                    adam.step();
                }
                f.resumableState = Checkpoint.OptimizerState.of(adam);
                Path resumable = f.root.resolve("original-resumable");
                Checkpoint.save(resumable, f.resumableModel, f.checkpointTokenizer, 2, null, adam);
                f.resumableConfig = Files.readAllBytes(resumable.resolve(Checkpoint.CONFIG_FILE));
                f.resumableWeights = Files.readAllBytes(resumable.resolve(Checkpoint.WEIGHTS_FILE));
                f.resumableOptimizer = Files.readAllBytes(resumable.resolve(Checkpoint.OPTIMIZER_FILE));

                BpeTokenizer bpe = BpeTokenizer.train(f.corpus.repeat(4), 262);
                f.gpt2Model = new Gpt(GptConfig.of(bpe.vocabSize(), 4, 8, 1, 4), 4);
                Path gpt2 = f.root.resolve("original-gpt2");
                HuggingFaceGpt2.save(gpt2, f.gpt2Model, bpe);
                f.gpt2Config = Files.readAllBytes(gpt2.resolve(HuggingFaceGpt2.CONFIG_FILE));
                f.gpt2Weights = Files.readAllBytes(gpt2.resolve(HuggingFaceGpt2.WEIGHTS_FILE));
                f.vocab = Files.readAllBytes(gpt2.resolve(Gpt2Tokenizer.VOCAB_FILE));
                f.merges = Files.readAllBytes(gpt2.resolve(Gpt2Tokenizer.MERGES_FILE));

                String[] stages = {"W", "N1", "N2", "N3", "REM"};
                StringBuilder csv = new StringBuilder("epoch,stage\n");
                f.csvStages = new int[40];
                for (int i = 0; i < 40; i++) {
                    f.csvStages[i] = (i * 7 / 3) % 5;
                    csv.append(i + 1).append(',').append(stages[f.csvStages[i]]).append('\n');
                }
                f.csv = csv.toString().getBytes(StandardCharsets.UTF_8);
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path dir(String name) throws IOException {
            return Files.createDirectories(root.resolve(name));
        }

        /** A fresh copy of the GPT-2 folder's model files. */
        Path gpt2Folder() throws IOException {
            Path dir = dir("gpt2");
            Files.write(dir.resolve(HuggingFaceGpt2.CONFIG_FILE), gpt2Config);
            Files.write(dir.resolve(HuggingFaceGpt2.WEIGHTS_FILE), gpt2Weights);
            return dir;
        }
    }
}
