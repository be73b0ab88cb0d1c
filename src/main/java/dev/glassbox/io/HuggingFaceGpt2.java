package dev.glassbox.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.LayerNorm;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.Gpt2Tokenizer;
import dev.glassbox.tokenize.PreTokenizer;
import dev.glassbox.tokenize.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2 as Hugging Face publishes it, in and out of our {@link Gpt}: a directory holding
 *
 * <pre>
 *   config.json         {"model_type": "gpt2", "vocab_size": 50257, "n_positions": 1024, "n_embd": 768,
 *                        "n_layer": 12, "n_head": 12, "layer_norm_epsilon": 1e-05, "activation_function": "gelu_new", ...}
 *   model.safetensors   wte.weight (V, C), wpe.weight (n_positions, C), h.N.ln_1.{weight,bias} (C),
 *                       h.N.attn.c_attn.{weight (C, 3C), bias (3C)}, h.N.attn.c_proj.{weight (C, C), bias},
 *                       h.N.ln_2.*, h.N.mlp.c_fc.{weight (C, 4C), bias (4C)}, h.N.mlp.c_proj.{weight (4C, C), bias},
 *                       ln_f.{weight,bias}; optionally every name prefixed "transformer."; optionally lm_head.weight
 *   vocab.json, merges.txt   the byte-level BPE tokenizer ({@link Gpt2Tokenizer})
 * </pre>
 *
 * <p>The names are ours already: {@link Gpt} uses GPT-2's parameter names. GPT-2's {@code Conv1D}
 * layers store their weight (in, out) and compute {@code x · W + b}, and so does our
 * {@code Linear}, so every tensor is copied as it is, without a transpose. The fused c_attn
 * splits into q, k, v in that order and each into heads of HS consecutive channels, in both.
 * GPT-2's other choices are ours too: pre-LN blocks, GELU in its tanh form ("gelu_new"),
 * LayerNorm eps 1e-5, q·k/√HS, the LM head tied to wte.
 *
 * <p>Loading checks before it reads a single weight: the config (every size present and usable,
 * the variant one we implement), every tensor's name and shape against the model the config
 * describes (a missing, misshapen or unknown tensor is named with the shape expected), and that
 * the file can hold such a model (so a wrong n_layer cannot exhaust memory). Ignored on the way:
 * the buffers {@code h.N.attn.bias} and {@code h.N.attn.masked_bias} (the causal mask, not
 * learned); {@code lm_head.weight} if present must equal wte.weight, since our head is tied.
 * Every problem with config.json or model.safetensors is a {@link CheckpointException}.
 *
 * <p>Memory: a Gpt keeps a gradient beside every weight, and the file is read whole before it is
 * copied in, so GPT-2 small (124 M parameters) needs about 1.5 GB of heap ({@code -Xmx2g}).
 */
public final class HuggingFaceGpt2 {
    private HuggingFaceGpt2() {}

    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The name prefix of GPT2LMHeadModel's base model; files saved from it may carry it. */
    static final String PREFIX = "transformer.";
    static final String LM_HEAD = "lm_head.weight";
    /** config.json is a few hundred bytes; anything this large is not a config. */
    static final long MAX_CONFIG_BYTES = 1L << 20;

    /** A GPT-2 model with its tokenizer. */
    public record Loaded(Gpt model, Gpt2Tokenizer tokenizer) {}

    // ------------------------------------------------------------------------------------- load

    /**
     * Loads config.json, model.safetensors, vocab.json and merges.txt from {@code dir}. The model
     * is in evaluation mode (dropout off).
     *
     * @throws CheckpointException  if config.json or model.safetensors is missing, malformed, or
     *                              does not describe a model we can run (see the class comment)
     * @throws dev.glassbox.tokenize.TokenizerFileException if vocab.json or merges.txt is bad; its
     *                              message names the file and line
     */
    public static Loaded load(Path dir) throws IOException {
        Gpt model = loadModel(dir);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir);
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new CheckpointException(dir.resolve(Gpt2Tokenizer.VOCAB_FILE), "the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocabulary (vocab_size in config.json) is " + model.config().vocabSize());
        }
        return new Loaded(model, tokenizer);
    }

    /** Loads only the model: config.json and model.safetensors. */
    public static Gpt loadModel(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path configFile = dir.resolve(CONFIG_FILE), weightsFile = dir.resolve(WEIGHTS_FILE);
        GptConfig config = readConfig(configFile);
        if (!Files.exists(weightsFile)) throw new CheckpointException(weightsFile, "file not found");
        Safetensors.Header header = Safetensors.readHeader(weightsFile);

        // what the file must hold, from the config, checked before anything large is allocated:
        // first the number of blocks (so n_layer 100000 cannot build a huge list of names)
        long blocksInFile = blocksIn(header);
        if (blocksInFile != config.layers()) {
            throw new CheckpointException(weightsFile, "config.json says n_layer = " + config.layers() + ", but the file has "
                    + (blocksInFile == 0 ? "no blocks h.N" : "blocks h.0 .. h." + (blocksInFile - 1))
                    + "; is config.json the one that belongs to this file?");
        }
        Map<String, int[]> expected = expectedShapes(config);
        String prefix = checkNames(weightsFile, header, expected);                 // every name and shape, before any number
        long elements = 0;
        for (int[] shape : expected.values()) elements += count(shape);
        double bytes = 4.0 * (3 * elements);                                       // weights + gradients, and the file's copy
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw new CheckpointException(weightsFile, String.format(java.util.Locale.ROOT,
                    "loading this model needs about %.0f MB of heap, more than this JVM's %d MB: run java with -Xmx%dg",
                    bytes / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000, (long) Math.ceil(bytes / 1e9) + 1));
        }

        Map<String, Tensor> tensors = Safetensors.read(weightsFile,
                name -> name.equals(LM_HEAD) || expected.containsKey(unprefixed(name, prefix))).tensors();
        Gpt model = new Gpt(config, 0);
        for (Parameter p : model.parameters()) {
            Tensor saved = tensors.get(prefix + p.name());
            int bad = saved.firstNonFinite();
            if (bad >= 0) {
                throw new CheckpointException(weightsFile, prefix + p.name(), "holds " + saved.data()[bad] + " at flat position " + bad);
            }
            System.arraycopy(saved.data(), 0, p.value().data(), 0, saved.size());
        }
        Tensor head = tensors.get(LM_HEAD);                                         // beside "transformer.", never under it
        if (head != null && !Arrays.equals(head.data(), model.tokenEmbedding().weight().value().data())) {
            throw new CheckpointException(weightsFile, LM_HEAD, "differs from wte.weight: this model has its own output matrix,"
                    + " but our Gpt's LM head is the token embedding itself (weight tying)");
        }
        model.setTraining(false);
        return model;
    }

    /**
     * Reads a Hugging Face GPT-2 config.json into our {@link GptConfig}. Missing optional keys take
     * Hugging Face's defaults (layer_norm_epsilon 1e-5, activation_function "gelu_new", n_inner
     * 4·n_embd, scale_attn_weights true, tie_word_embeddings true, resid_pdrop 0.1); the five sizes
     * vocab_size, n_positions, n_embd, n_layer, n_head are required. Variants our Gpt does not
     * implement are refused by name. {@code scale_attn_weights: false} maps to
     * {@link AttentionScaling#NONE}.
     */
    public static GptConfig readConfig(Path configFile) throws IOException {
        Objects.requireNonNull(configFile, "configFile");
        JsonNode json = readJson(configFile);
        if (!json.isObject()) throw new CheckpointException(configFile, "expected a JSON object, got " + json.getNodeType());
        JsonNode type = json.get("model_type");
        if (type == null || !"gpt2".equals(type.textValue())) {
            throw new CheckpointException(configFile, "\"model_type\" is " + type + ", expected \"gpt2\": of the Hugging Face models"
                    + " only GPT-2 is supported");
        }
        int vocab = requiredSize(configFile, json, "vocab_size");
        int positions = requiredSize(configFile, json, "n_positions");
        int channels = requiredSize(configFile, json, "n_embd");
        int layers = requiredSize(configFile, json, "n_layer");
        int heads = requiredSize(configFile, json, "n_head");

        JsonNode inner = json.get("n_inner");
        if (inner != null && !inner.isNull() && !(inner.isIntegralNumber() && inner.longValue() == 4L * channels)) {
            throw new CheckpointException(configFile, "\"n_inner\" is " + inner + "; our MLP is 4 · n_embd = " + 4L * channels
                    + " wide (null also means that)");
        }
        String activation = optionalText(configFile, json, "activation_function", "gelu_new");
        if (!activation.equals("gelu_new") && !activation.equals("gelu_pytorch_tanh")) {
            throw new CheckpointException(configFile, "\"activation_function\" is \"" + activation
                    + "\"; our GELU is the tanh form, \"gelu_new\" (or its twin \"gelu_pytorch_tanh\")");
        }
        double eps = optionalNumber(configFile, json, "layer_norm_epsilon", LayerNorm.EPS);
        if ((float) eps != LayerNorm.EPS) {
            throw new CheckpointException(configFile, "\"layer_norm_epsilon\" is " + eps + "; our LayerNorm uses " + LayerNorm.EPS);
        }
        if (!optionalBoolean(configFile, json, "tie_word_embeddings", true)) {
            throw new CheckpointException(configFile, "\"tie_word_embeddings\" is false; our Gpt's LM head is always the token embedding");
        }
        if (optionalBoolean(configFile, json, "scale_attn_by_inverse_layer_idx", false)) {
            throw new CheckpointException(configFile, "\"scale_attn_by_inverse_layer_idx\" is true; our attention does not scale by layer");
        }
        AttentionScaling scaling = optionalBoolean(configFile, json, "scale_attn_weights", true)
                ? AttentionScaling.SQRT_DK : AttentionScaling.NONE;
        double dropout = optionalNumber(configFile, json, "resid_pdrop", 0.1);
        try {
            return new GptConfig(vocab, positions, channels, layers, heads, (float) dropout, scaling,
                    BlockOrder.PRE_LN, PositionKind.LEARNED);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(configFile, null, e.getMessage(), e);   // e.g. n_embd not divisible by n_head
        }
    }

    /**
     * True if {@code dir} has a config.json that says {@code "model_type": "gpt2"} (our own checkpoints do not). A
     * config too large to load still counts, so that {@link #load} can say what is wrong with it.
     */
    public static boolean isGpt2Directory(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        try {
            return InputFiles.whyNotARegularFile(configFile) == null
                    && "gpt2".equals(readJson(configFile, Checkpoint.MAX_CONFIG_BYTES).path("model_type").textValue());
        } catch (IOException e) {
            return false;
        }
    }

    /** Every tensor a model of this config needs, with its shape, by its GPT-2 name (a Gpt's parameters, without building one). */
    static Map<String, int[]> expectedShapes(GptConfig c) {
        int V = c.vocabSize(), T = c.contextLength(), C = c.channels();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("wte.weight", new int[]{V, C});
        shapes.put("wpe.weight", new int[]{T, C});
        for (int i = 0; i < c.layers(); i++) {
            String h = "h." + i + ".";
            shapes.put(h + "ln_1.weight", new int[]{C});
            shapes.put(h + "ln_1.bias", new int[]{C});
            shapes.put(h + "attn.c_attn.weight", new int[]{C, 3 * C});
            shapes.put(h + "attn.c_attn.bias", new int[]{3 * C});
            shapes.put(h + "attn.c_proj.weight", new int[]{C, C});
            shapes.put(h + "attn.c_proj.bias", new int[]{C});
            shapes.put(h + "ln_2.weight", new int[]{C});
            shapes.put(h + "ln_2.bias", new int[]{C});
            shapes.put(h + "mlp.c_fc.weight", new int[]{C, 4 * C});
            shapes.put(h + "mlp.c_fc.bias", new int[]{4 * C});
            shapes.put(h + "mlp.c_proj.weight", new int[]{4 * C, C});
            shapes.put(h + "mlp.c_proj.bias", new int[]{C});
        }
        shapes.put("ln_f.weight", new int[]{C});
        shapes.put("ln_f.bias", new int[]{C});
        return shapes;
    }

    /**
     * Checks the header's names and shapes against {@code expected}; returns the prefix the file
     * uses ("" or "transformer."). Names are compared after the prefix is taken off.
     */
    private static String checkNames(Path file, Safetensors.Header header, Map<String, int[]> expected) throws CheckpointException {
        boolean prefixed = header.entry(PREFIX + "wte.weight").isPresent();
        String prefix = prefixed ? PREFIX : "";
        Set<String> seen = new HashSet<>();
        for (Safetensors.Entry e : header.entries()) {
            if (e.name().equals(LM_HEAD)) {
                checkShape(file, e, expected.get("wte.weight"));
                continue;
            }
            String name = unprefixed(e.name(), prefix);
            if (name == null) {
                throw new CheckpointException(file, e.name(), prefixed ? "lacks the \"" + PREFIX + "\" prefix that wte.weight has"
                        : "has a prefix, but wte.weight has none");
            }
            if (isBuffer(name)) continue;                                          // the causal mask, not a weight
            int[] shape = expected.get(name);
            if (shape == null) {
                throw new CheckpointException(file, e.name(), "is not a GPT-2 weight of this config (" + describe(expected)
                        + "); is config.json the one that belongs to this file?");
            }
            checkShape(file, e, shape);
            seen.add(name);
        }
        for (Map.Entry<String, int[]> need : expected.entrySet()) {
            if (!seen.contains(need.getKey())) {
                throw new CheckpointException(file, prefix + need.getKey(), "is missing; expected shape " + Arrays.toString(need.getValue()));
            }
        }
        return prefix;
    }

    private static void checkShape(Path file, Safetensors.Entry e, int[] shape) throws CheckpointException {
        if (!Arrays.equals(e.shape(), shape)) {
            throw new CheckpointException(file, e.name(), "has shape " + Arrays.toString(e.shape()) + ", expected "
                    + Arrays.toString(shape) + " from config.json");
        }
        if (!e.dtype().loadable()) {
            throw new CheckpointException(file, e.name(), "has dtype " + e.dtype() + "; weights must be F32, F16 or BF16");
        }
    }

    private static final Pattern BLOCK_NAME = Pattern.compile("(?:transformer\\.)?h\\.(\\d{1,9})\\..*");

    /** 1 + the largest N of any "h.N." name, 0 if none. */
    private static long blocksIn(Safetensors.Header header) {
        long blocks = 0;
        for (Safetensors.Entry e : header.entries()) {
            Matcher m = BLOCK_NAME.matcher(e.name());
            if (m.matches()) blocks = Math.max(blocks, Long.parseLong(m.group(1)) + 1);
        }
        return blocks;
    }

    /** h.N.attn.bias and h.N.attn.masked_bias: registered buffers (the causal mask), saved by older versions. */
    private static boolean isBuffer(String name) {
        return name.matches("h\\.\\d+\\.attn\\.(bias|masked_bias)");
    }

    /** The name without the prefix, or null if it should have one and has not (or has one it should not). */
    private static String unprefixed(String name, String prefix) {
        if (!prefix.isEmpty()) return name.startsWith(prefix) ? name.substring(prefix.length()) : null;
        return name.startsWith(PREFIX) ? null : name;
    }

    private static String describe(Map<String, int[]> expected) {
        int layers = (expected.size() - 4) / 12;
        return layers + " layers: wte, wpe, h.0 .. h." + (layers - 1) + ", ln_f";
    }

    // ----------------------------------------------------------------------------------- export

    /**
     * Writes {@code model} and {@code tokenizer} into {@code dir} (created if needed) as a GPT-2
     * directory that Hugging Face's {@code GPT2LMHeadModel.from_pretrained} and
     * {@code GPT2Tokenizer.from_pretrained} read: config.json, model.safetensors (F32, metadata
     * {@code format: pt}), vocab.json, merges.txt. Each file is written beside its final name and
     * renamed over it, so none is ever half-written.
     *
     * <p>Only what GPT-2 can express is exported: pre-LN blocks, 1/√HS or no scaling
     * ({@code scale_attn_weights} false). Sinusoidal positions are written as the wpe table, which
     * gives the same numbers (they load back as learned positions holding those values).
     *
     * @param tokenizer must use GPT-2's pre-tokenization, and fit the model's vocabulary
     * @throws IllegalArgumentException for a model or tokenizer GPT-2 cannot express
     */
    public static void save(Path dir, Gpt model, BpeTokenizer tokenizer) throws IOException {
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (tokenizer.preTokenizer() != PreTokenizer.GPT2) {
            throw new IllegalArgumentException("the tokenizer splits text with " + tokenizer.preTokenizer()
                    + "; GPT-2's tokenizer files always use GPT-2's pattern, so it would encode differently after export");
        }
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens but the model only "
                    + model.config().vocabSize());
        }
        saveModel(dir, model, tokenizer.specialTokens().get(Tokenizer.END_OF_TEXT));
        Path staging = Files.createTempDirectory(dir, ".tokenizer");
        try {
            tokenizer.saveGpt2Format(staging);
            for (String file : List.of(Gpt2Tokenizer.VOCAB_FILE, Gpt2Tokenizer.MERGES_FILE)) {
                Files.move(staging.resolve(file), dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try (var left = Files.list(staging)) {
                for (Path p : left.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(staging);
        }
    }

    /**
     * Writes config.json and model.safetensors only (see {@link #save(Path, Gpt, BpeTokenizer)}).
     *
     * @param endOfTextId the id of {@code <|endoftext|>} (bos_token_id, eos_token_id), or null
     */
    public static void saveModel(Path dir, Gpt model, Integer endOfTextId) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(model, "model");
        GptConfig c = model.config();
        if (c.order() != BlockOrder.PRE_LN) {
            throw new IllegalArgumentException("GPT-2 blocks are pre-LN; a " + c.order() + " model cannot be exported as GPT-2");
        }
        if (c.scaling() == AttentionScaling.COSINE) {
            throw new IllegalArgumentException("GPT-2 scales attention by 1/√HS or not at all; COSINE scaling cannot be exported as GPT-2");
        }
        if (endOfTextId != null && (endOfTextId < 0 || endOfTextId >= c.vocabSize())) {
            throw new IllegalArgumentException("end-of-text id " + endOfTextId + " is outside the vocabulary of " + c.vocabSize());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("wte.weight", model.tokenEmbedding().weight().value());
        tensors.put("wpe.weight", model.positionEncoding().forward(c.contextLength()));   // learned, or the sinusoidal table
        for (Parameter p : model.parameters()) {
            if (!p.name().equals("wte.weight") && !p.name().equals("wpe.weight")) tensors.put(p.name(), p.value());
        }
        Map<String, int[]> expected = expectedShapes(c);
        if (!expected.keySet().equals(tensors.keySet())) {
            throw new IllegalStateException("the model's parameters " + tensors.keySet() + " are not GPT-2's " + expected.keySet());
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            int bad = e.getValue().firstNonFinite();
            if (bad >= 0) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' holds " + e.getValue().data()[bad]
                        + "; refusing to export non-finite weights (did training diverge?)");
            }
        }

        Files.createDirectories(dir);
        Path weightsTemp = dir.resolve(WEIGHTS_FILE + ".tmp"), configTemp = dir.resolve(CONFIG_FILE + ".tmp");
        Safetensors.write(weightsTemp, tensors, Map.of("format", "pt"));   // transformers refuses a file without format "pt"
        Files.write(configTemp, Safetensors.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(configJson(c, endOfTextId)));
        Files.move(weightsTemp, dir.resolve(WEIGHTS_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(configTemp, dir.resolve(CONFIG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** GPT2Config's standard keys for our config. */
    static ObjectNode configJson(GptConfig c, Integer endOfTextId) {
        ObjectNode json = Safetensors.JSON.createObjectNode();
        json.putArray("architectures").add("GPT2LMHeadModel");
        json.put("model_type", "gpt2");
        json.put("vocab_size", c.vocabSize());
        json.put("n_positions", c.contextLength());
        json.put("n_ctx", c.contextLength());
        json.put("n_embd", c.channels());
        json.put("n_layer", c.layers());
        json.put("n_head", c.heads());
        json.putNull("n_inner");                                                   // 4 · n_embd
        json.put("activation_function", "gelu_new");
        json.put("layer_norm_epsilon", (double) LayerNorm.EPS);
        json.put("resid_pdrop", (double) c.dropout());
        json.put("embd_pdrop", (double) c.dropout());
        json.put("attn_pdrop", 0.0);                                               // we never drop attention weights
        json.put("initializer_range", 0.02);
        json.put("scale_attn_weights", c.scaling() == AttentionScaling.SQRT_DK);
        json.put("scale_attn_by_inverse_layer_idx", false);
        json.put("reorder_and_upcast_attn", false);
        json.put("tie_word_embeddings", true);
        json.put("use_cache", true);
        if (endOfTextId != null) {
            json.put("bos_token_id", endOfTextId);
            json.put("eos_token_id", endOfTextId);
        }
        json.put("torch_dtype", "float32");
        return json;
    }

    // ------------------------------------------------------------------------------ JSON helpers

    private static JsonNode readJson(Path file) throws IOException {
        return readJson(file, MAX_CONFIG_BYTES);
    }

    /** The JSON of a regular file of at most {@code maxBytes} (a FIFO or /dev/zero is refused before it is read). */
    private static JsonNode readJson(Path file, long maxBytes) throws IOException {
        String notAFile = InputFiles.whyNotARegularFile(file);
        if (notAFile != null) {
            throw new CheckpointException(file, notAFile.equals("does not exist") ? "file not found" : notAFile + "; expected a JSON config");
        }
        byte[] bytes = InputFiles.readUpTo(file, maxBytes);
        if (bytes == null) {
            throw new CheckpointException(file, InputFiles.tooLarge(file, maxBytes, "a config.json") + "; GPT-2's is under 1 kB), so it was not read");
        }
        try {
            return Safetensors.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, null, "is not valid JSON: " + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    private static int requiredSize(Path file, JsonNode json, String key) throws CheckpointException {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) throw new CheckpointException(file, "\"" + key + "\" is missing");
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
            throw new CheckpointException(file, "\"" + key + "\" must be a whole number >= 1, got " + v);
        }
        return v.intValue();
    }

    private static String optionalText(Path file, JsonNode json, String key, String fallback) throws CheckpointException {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw new CheckpointException(file, "\"" + key + "\" must be a string, got " + v);
        return v.textValue();
    }

    private static double optionalNumber(Path file, JsonNode json, String key, double fallback) throws CheckpointException {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw new CheckpointException(file, "\"" + key + "\" must be a number, got " + v);
        return v.doubleValue();
    }

    private static boolean optionalBoolean(Path file, JsonNode json, String key, boolean fallback) throws CheckpointException {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw new CheckpointException(file, "\"" + key + "\" must be true or false, got " + v);
        return v.booleanValue();
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
