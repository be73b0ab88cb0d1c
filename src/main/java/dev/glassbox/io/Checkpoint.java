package dev.glassbox.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A saved model: a directory holding
 * <pre>
 *   model.safetensors   the weights, F32, by parameter name ({@link Safetensors})
 *   config.json         {"format": "glassbox-checkpoint", "format_version": 2,
 *                        "config":  { what the caller saved: model hyperparameters, tokenizer, step },
 *                        "config_sha256": "...",
 *                        "weights": {"file": "model.safetensors", "bytes": ..., "sha256": "...",
 *                                    "tensors": {"wte.weight": [65, 64], ...}},
 *                        "optimizer": {"file": "optimizer.safetensors", "bytes": ..., "sha256": "..."}}
 *   optimizer.safetensors   optional: the optimizer's memory, so training resumes exactly
 *                       ({@link OptimizerState}: e.g. AdamW's moments m and v per parameter, and its step count t)
 * </pre>
 *
 * <p><b>A crash never leaves a broken checkpoint.</b> Saving writes {@code model.safetensors.tmp}
 * and {@code config.json.tmp} in the same directory, forces them to disk, then renames each over
 * its final name; a rename within one directory is atomic, so each file is always either the
 * old one or the new one, never half-written. The renames are separate steps, though (weights,
 * then the optimizer state, then config.json): a crash between them leaves new files beside the
 * old config. The SHA-256 of each file in config.json tells the generations apart, and loading
 * then takes the complete {@code config.json.tmp} that belongs to the new weights, and the
 * optimizer file (renamed or still {@code .tmp}) whose hash it records (the next save finishes
 * the renames). So a load sees the old
 * checkpoint or the new one. A load that races a save reads the weights through one open file
 * and the config right after opening it, so it sees one generation; should a whole save slip
 * in between, it reads again (up to three tries in all) and says so if every try saw a save.
 *
 * <p><b>Loading trusts nothing.</b> config.json must be well-formed; its tensor list must match
 * the safetensors header (names, shapes, F32); optional expected shapes (from the model the
 * caller will fill) must match too, all before any weights are read; the bytes must hash to the
 * recorded SHA-256, which catches any damaged byte, and the "config" member must hash to
 * "config_sha256" (so an edited heads, scaling or tokenizer is not loaded as if it were the saved
 * model); no weight may be NaN or infinite. Every
 * failure is a {@link CheckpointException} naming the file and the tensor, and nothing is
 * returned unless everything passed.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CONFIG_FILE = "config.json";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String TEMP_SUFFIX = ".tmp";
    static final String FORMAT = "glassbox-checkpoint";
    /** Version 2 adds "config_sha256"; version 1 checkpoints (without it) are still read. */
    static final int FORMAT_VERSION = 2;
    /** config.json holds hyperparameters and a tensor list: far below this even for GPT-2 XL. */
    static final long MAX_CONFIG_BYTES = 16L << 20;

    /**
     * What a checkpoint holds: its tensors (in file order), the config the caller saved, and the optimizer state
     * (null unless asked for and saved).
     */
    public record Contents(Map<String, Tensor> tensors, ObjectNode config, OptimizerState optimizer) {}

    /**
     * An optimizer's memory as {@code optimizer.safetensors} holds it: which optimizer ({@code "AdamW"}), its step
     * count t (Adam's bias correction) and, for each parameter by name, its state tensors by name
     * ({@code "firstMoment"}, {@code "secondMoment"}). In the file the tensor of parameter {@code wte.weight} and state
     * {@code firstMoment} is named {@code wte.weight/firstMoment}; t and the optimizer are metadata.
     */
    public record OptimizerState(String optimizer, long steps, Map<String, Map<String, Tensor>> state) {
        static final String SEPARATOR = "/";

        /** A copy of what {@code optimizer} remembers now, by parameter name; null if it keeps no state (plain SGD). */
        public static OptimizerState of(Optimizer optimizer) {
            Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
            for (Parameter p : optimizer.parameters()) {
                Map<String, Tensor> tensors = optimizer.state(p);
                if (!tensors.isEmpty()) state.put(p.name(), tensors);
            }
            return state.isEmpty() ? null : new OptimizerState(optimizer.getClass().getSimpleName(), optimizer.steps(), state);
        }

        /** Puts this state back into {@code optimizer}, matching parameters by name (see {@link Optimizer#restore}). */
        public void restoreInto(Optimizer optimizer) {
            Map<Parameter, Map<String, Tensor>> byParameter = new java.util.IdentityHashMap<>();
            for (Parameter p : optimizer.parameters()) {
                Map<String, Tensor> tensors = state.get(p.name());
                if (tensors != null) byParameter.put(p, tensors);
            }
            optimizer.restore(steps, byParameter);
        }

        Map<String, Tensor> flat() {
            Map<String, Tensor> flat = new LinkedHashMap<>();
            state.forEach((parameter, tensors) -> tensors.forEach((name, t) -> flat.put(parameter + SEPARATOR + name, t)));
            return flat;
        }
    }

    /**
     * A {@link Gpt} with its weights loaded, and what was saved beside it.
     *
     * @param tokenizer the tokenizer description given to {@link #save(Path, Gpt, ObjectNode, long)},
     *                  or null if none was given
     * @param step      the training step at which the model was saved
     * @param training  the "training" section of the config: the step, and what a training run saved to resume
     *                  exactly (seed, batches drawn, settings; absent from older checkpoints)
     * @param optimizer the optimizer state, if asked for ({@link #loadGpt(Path, boolean)}) and saved; else null
     */
    public record LoadedGpt(Gpt model, ObjectNode tokenizer, long step, ObjectNode training, OptimizerState optimizer) {}

    // ------------------------------------------------------------------------------ Gpt models

    /**
     * Saves a Gpt: its parameters by their GPT-2 names, and in config.json its {@link GptConfig}
     * ("model", see {@link GptConfigJson}), the tokenizer description ("tokenizer", any JSON the
     * caller needs to rebuild its tokenizer, or null) and the training step ("training.step").
     */
    public static void save(Path dir, Gpt model, ObjectNode tokenizer, long step) throws IOException {
        save(dir, model, tokenizer, step, null, null);
    }

    /**
     * As {@link #save(Path, Gpt, ObjectNode, long)}, with what training needs to continue exactly: {@code training}
     * (any further members of "training", e.g. the seed and how many batches were drawn) and the optimizer's state,
     * saved as {@value #OPTIMIZER_FILE} (either may be null).
     */
    public static void save(Path dir, Gpt model, ObjectNode tokenizer, long step, ObjectNode training, Optimizer optimizer)
            throws IOException {
        Objects.requireNonNull(model, "model");
        if (step < 0) throw new IllegalArgumentException("training step must be >= 0, got " + step);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            if (tensors.put(p.name(), p.value()) != null) {
                throw new IllegalStateException("the model has two parameters named '" + p.name() + "'");
            }
        }
        ObjectNode config = Safetensors.JSON.createObjectNode();
        config.set("model", GptConfigJson.toJson(model.config()));
        config.set("tokenizer", tokenizer == null ? config.nullNode() : tokenizer.deepCopy());
        ObjectNode trainingNode = config.putObject("training");
        if (training != null) trainingNode.setAll(training.deepCopy());
        trainingNode.put("step", step);
        save(dir, tensors, config, optimizer == null ? null : OptimizerState.of(optimizer));
    }

    /**
     * Loads a checkpoint saved by {@link #save(Path, Gpt, ObjectNode, long)}: builds the Gpt its
     * config describes, checks that the file holds exactly that model's parameters with the same
     * shapes (before reading any weight), then copies the weights in. The model is returned only
     * when all of it has loaded; it is in evaluation mode (dropout off).
     */
    public static LoadedGpt loadGpt(Path dir) throws IOException {
        return loadGpt(dir, false);
    }

    /**
     * As {@link #loadGpt(Path)}; with {@code withOptimizer}, also reads and checks {@value #OPTIMIZER_FILE}, if the
     * checkpoint records one and it is there: every tensor must belong to a parameter of the model and have its
     * shape, and the file must hash to what config.json records.
     */
    public static LoadedGpt loadGpt(Path dir, boolean withOptimizer) throws IOException {
        // the model built to check the shapes is the one that gets the weights: keyed by the
        // config it was built from, since load() may consider config.json and config.json.tmp
        Map<JsonNode, Gpt> built = new ConcurrentHashMap<>();
        Path weights = dir.resolve(WEIGHTS_FILE);
        long elementsInFile = Long.MAX_VALUE; // if the file is missing, load() says so
        if (Files.isRegularFile(weights)) {
            elementsInFile = 0;
            for (Safetensors.Entry e : Safetensors.readHeader(weights).entries()) elementsInFile += e.elementCount();
        }
        long available = elementsInFile;
        Contents contents = load(dir, withOptimizer, config -> {
            JsonNode modelJson = config.get("model");
            if (modelJson == null) throw new IllegalArgumentException("there is no \"model\" section: it was not saved from a Gpt");
            GptConfig gptConfig = GptConfigJson.fromJson(modelJson);
            checkBuildable(gptConfig, available);
            Gpt model = new Gpt(gptConfig, 0);
            built.put(config, model);
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (Parameter p : model.parameters()) shapes.put(p.name(), p.value().shape());
            return shapes;
        });
        Path configFile = dir.resolve(CONFIG_FILE);
        JsonNode step = contents.config().path("training").path("step");
        if (!step.canConvertToLong() || !step.isIntegralNumber() || step.longValue() < 0) {
            throw new CheckpointException(configFile, "\"training.step\" must be an integer >= 0, got " + step);
        }
        JsonNode tokenizer = contents.config().get("tokenizer");
        if (tokenizer != null && !tokenizer.isNull() && !tokenizer.isObject()) {
            throw new CheckpointException(configFile, "\"tokenizer\" must be an object or null, got " + tokenizer.getNodeType());
        }
        Gpt model = built.get(contents.config());
        for (Parameter p : model.parameters()) {
            float[] saved = contents.tensors().get(p.name()).data(); // names and shapes were checked by load()
            System.arraycopy(saved, 0, p.value().data(), 0, saved.length);
        }
        JsonNode training = contents.config().get("training");
        return new LoadedGpt(model, tokenizer == null || tokenizer.isNull() ? null : (ObjectNode) tokenizer.deepCopy(),
                step.longValue(), (ObjectNode) training.deepCopy(), contents.optimizer());
    }

    /**
     * Refuses, before allocating anything, a config whose model cannot be the one in the file or
     * would not fit in memory, so a damaged number in config.json (layers 100000) gives a message
     * instead of an OutOfMemoryError. The count follows the GPT-2 layout: wte V·C, wpe T·C (if
     * learned), per block 12·C² + 13·C (ln_1, c_attn, c_proj, ln_2, c_fc, mlp c_proj), ln_f 2·C.
     */
    private static void checkBuildable(GptConfig c, long elementsInFile) {
        double C = c.channels();
        double parameters = (double) c.vocabSize() * C
                + (c.positions() == PositionKind.LEARNED ? c.contextLength() * C : 0)
                + c.layers() * (12 * C * C + 13 * C) + 2 * C;
        if (parameters > elementsInFile) {
            throw new IllegalArgumentException(String.format("it describes a model of %.0f parameters, but %s holds only %d numbers",
                    parameters, WEIGHTS_FILE, elementsInFile));
        }
        double bytes = 4 * (2 * parameters + c.contextLength() * C); // values, gradients, a position table
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException(String.format("the model needs about %.0f MB, more than this JVM's %d MB (-Xmx)",
                    bytes / 1e6, Runtime.getRuntime().maxMemory() / 1_000_000));
        }
    }

    // ------------------------------------------------------------------------------------- save

    /**
     * Saves {@code tensors} and {@code config} into {@code dir} (created if needed), replacing
     * any checkpoint there as one step: see the class comment.
     *
     * @param config anything the caller needs to rebuild the model (hyperparameters, tokenizer,
     *               training step); stored as the "config" member of config.json
     * @throws IllegalArgumentException if a tensor holds NaN or infinity (a diverged model is not
     *                                  worth a checkpoint that cannot be loaded)
     */
    public static void save(Path dir, Map<String, Tensor> tensors, ObjectNode config) throws IOException {
        save(dir, tensors, config, null);
    }

    /**
     * As {@link #save(Path, Map, ObjectNode)}, with the optimizer's state in {@value #OPTIMIZER_FILE} (none if null;
     * an older one in {@code dir} is then removed once the new config.json, which vouches for none, is in place).
     */
    public static void save(Path dir, Map<String, Tensor> tensors, ObjectNode config, OptimizerState optimizer) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(config, "config");
        if (tensors.isEmpty()) throw new IllegalArgumentException("a checkpoint needs at least one tensor");
        Map<String, Tensor> optimizerTensors = optimizer == null ? Map.of() : optimizer.flat();
        Map<String, Tensor> everything = new LinkedHashMap<>(tensors);
        optimizerTensors.forEach((name, t) -> everything.put(OPTIMIZER_FILE + " " + name, t));
        for (Map.Entry<String, Tensor> e : everything.entrySet()) {
            Tensor t = Objects.requireNonNull(e.getValue(), () -> "tensor '" + e.getKey() + "' is null");
            int bad = t.firstNonFinite();
            if (bad >= 0) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' holds " + t.data()[bad] + " at flat position "
                        + bad + "; refusing to save a model with non-finite weights (did training diverge?)");
            }
        }

        Files.createDirectories(dir);
        finishInterruptedSave(dir);
        Path weights = dir.resolve(WEIGHTS_FILE), weightsTemp = dir.resolve(WEIGHTS_FILE + TEMP_SUFFIX);
        Path configFile = dir.resolve(CONFIG_FILE), configTemp = dir.resolve(CONFIG_FILE + TEMP_SUFFIX);
        Path optimizerFile = dir.resolve(OPTIMIZER_FILE), optimizerTemp = dir.resolve(OPTIMIZER_FILE + TEMP_SUFFIX);

        MessageDigest sha256 = sha256();
        Safetensors.write(weightsTemp, tensors, Map.of(), sha256, true);
        MessageDigest optimizerSha256 = sha256();
        if (optimizer != null) {
            Safetensors.write(optimizerTemp, optimizerTensors, Map.of(OPTIMIZER_KEY, optimizer.optimizer(),
                    STEPS_KEY, Long.toString(optimizer.steps())), optimizerSha256, true);
        }
        ObjectNode root = Safetensors.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.set("config", config.deepCopy());
        // hashed as read back from its JSON text (numbers as the loader will see them), so the loader computes the same bytes
        root.put("config_sha256", configSha256(Safetensors.JSON.readTree(Safetensors.JSON.writeValueAsBytes(config))));
        ObjectNode weightsNode = root.putObject("weights");
        weightsNode.put("file", WEIGHTS_FILE);
        weightsNode.put("bytes", Files.size(weightsTemp));
        weightsNode.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        ObjectNode list = weightsNode.putObject("tensors");
        tensors.forEach((name, t) -> {
            ArrayNode shape = list.putArray(name);
            for (int d : t.shape()) shape.add(d);
        });
        if (optimizer != null) {
            ObjectNode optimizerNode = root.putObject("optimizer");
            optimizerNode.put("file", OPTIMIZER_FILE);
            optimizerNode.put("bytes", Files.size(optimizerTemp));
            optimizerNode.put("sha256", HexFormat.of().formatHex(optimizerSha256.digest()));
        }
        writeSynced(configTemp, Safetensors.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));

        // the commit: weights and optimizer state first, then the config that vouches for them
        atomicRename(weightsTemp, weights);
        if (optimizer != null) atomicRename(optimizerTemp, optimizerFile);
        atomicRename(configTemp, configFile);
        if (optimizer == null) Files.deleteIfExists(optimizerFile);
    }

    /** Metadata keys of optimizer.safetensors: the optimizer's class name, and its step count t. */
    static final String OPTIMIZER_KEY = "optimizer", STEPS_KEY = "steps";

    /**
     * If a save was cut off between its two renames (new weights, old config, complete new
     * config.json.tmp), completes it; then removes leftover temporary files. Called before every
     * save, so the next save never overwrites the only config that matches the weights.
     */
    private static void finishInterruptedSave(Path dir) throws IOException {
        Path weights = dir.resolve(WEIGHTS_FILE), configFile = dir.resolve(CONFIG_FILE);
        Path configTemp = dir.resolve(CONFIG_FILE + TEMP_SUFFIX);
        if (Files.exists(configTemp) && Files.exists(weights)) {
            Manifest temp = tryReadManifest(configTemp);
            Manifest current = tryReadManifest(configFile);
            if (temp != null && (current == null || !current.sha256.equals(temp.sha256))
                    && temp.sha256.equals(sha256Of(weights))) {
                atomicRename(configTemp, configFile);
            }
        }
        Files.deleteIfExists(configTemp);
        Files.deleteIfExists(dir.resolve(WEIGHTS_FILE + TEMP_SUFFIX));
        // the optimizer state the (possibly just completed) config vouches for may still be the .tmp
        Path optimizerFile = dir.resolve(OPTIMIZER_FILE), optimizerTemp = dir.resolve(OPTIMIZER_FILE + TEMP_SUFFIX);
        if (Files.exists(optimizerTemp)) {
            Manifest current = tryReadManifest(configFile);
            if (current != null && current.optimizerSha != null && current.optimizerSha.equals(sha256Of(optimizerTemp))
                    && !(Files.exists(optimizerFile) && current.optimizerSha.equals(sha256Of(optimizerFile)))) {
                atomicRename(optimizerTemp, optimizerFile);
            }
        }
        Files.deleteIfExists(optimizerTemp);
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(Safetensors.writeError(file, e), e);
        }
    }

    /** SHA-256 of the config's compact JSON text, the same for a config and its JSON read back. */
    private static String configSha256(JsonNode config) throws JsonProcessingException {
        return HexFormat.of().formatHex(sha256().digest(Safetensors.JSON.writeValueAsBytes(config)));
    }

    private static void atomicRename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot save a checkpoint in " + to.getParent()
                    + ": its file system cannot rename files atomically, so a crash could leave a broken checkpoint", e);
        }
        // make the rename itself durable; not every system can open a directory for this (Windows cannot)
        try (FileChannel directory = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the rename is still atomic; only its durability across a power cut is up to the OS
        }
    }

    // ------------------------------------------------------------------------------------- load

    /** Loads and checks a checkpoint (see the class comment). */
    public static Contents load(Path dir) throws IOException {
        return load(dir, config -> null);
    }

    /**
     * Loads a checkpoint whose tensors must have exactly these names and shapes, for example
     * those of the model about to receive them; a mismatch fails before any weight is read.
     */
    public static Contents load(Path dir, Map<String, int[]> expectedShapes) throws IOException {
        Objects.requireNonNull(expectedShapes, "expectedShapes");
        return load(dir, config -> expectedShapes);
    }

    /**
     * Loads a checkpoint whose tensors must match the names and shapes that
     * {@code expectedShapes} derives from the saved config (for example by building the model it
     * describes); it may return null to accept any. An IllegalArgumentException it throws (a bad
     * hyperparameter) is reported as a CheckpointException about config.json.
     */
    public static Contents load(Path dir, Function<ObjectNode, Map<String, int[]>> expectedShapes) throws IOException {
        return load(dir, false, expectedShapes);
    }

    /**
     * As {@link #load(Path, Function)}; with {@code withOptimizer}, also the optimizer state (see
     * {@link #loadGpt(Path, boolean)}), which is null if the checkpoint records none or its file is gone.
     */
    public static Contents load(Path dir, boolean withOptimizer, Function<ObjectNode, Map<String, int[]>> expectedShapes)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(expectedShapes, "expectedShapes");
        // A save renames new files over the names; a load that saw two generations reads again. Two tries are
        // enough when the run saves now and then; a third covers a loaded machine descheduling this thread
        // between its opens while a run saves in a tight loop.
        ChangedWhileReading last = null;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            try {
                return loadOnce(dir, withOptimizer, expectedShapes);
            } catch (ChangedWhileReading changed) {
                last = changed;
            }
        }
        throw new CheckpointException(last.file(), null, "was replaced while being read, " + LOAD_ATTEMPTS + " times in a row: "
                + "is a training run saving into " + dir + "? Load it when the run has finished or from a copy", last);
    }

    private static final int LOAD_ATTEMPTS = 3;

    /** The weights' SHA-256 did not match because a save replaced the files during the read. */
    private static final class ChangedWhileReading extends CheckpointException {
        ChangedWhileReading(Path file, String problem) {
            super(file, problem);
        }
    }

    private static Contents loadOnce(Path dir, boolean withOptimizer, Function<ObjectNode, Map<String, int[]>> expectedShapes)
            throws IOException {
        Path weights = dir.resolve(WEIGHTS_FILE), configFile = dir.resolve(CONFIG_FILE);
        Path configTemp = dir.resolve(CONFIG_FILE + TEMP_SUFFIX);
        if (!Files.isDirectory(dir)) throw new CheckpointException(dir, "is not a directory; a checkpoint is a directory with "
                + CONFIG_FILE + " and " + WEIGHTS_FILE);
        if (!Files.exists(weights)) throw new CheckpointException(weights, "is missing; this directory holds no checkpoint");
        Object before = generation(weights, configFile);

        // the weights through one open file (a save renames a new file over the name; this one stays as it is), and
        // the configs right after opening it: config.json.tmp first, since a save renames it to config.json
        try (Safetensors.Source in = new Safetensors.Source(weights, sha256())) {
            List<Manifest> candidates = new ArrayList<>();
            Manifest temp = Files.exists(configTemp) ? tryReadManifest(configTemp) : null;
            if (Files.exists(configFile) || Files.isSymbolicLink(configFile)) candidates.add(readManifest(configFile));
            if (temp != null) candidates.add(temp);
            if (candidates.isEmpty()) throw new CheckpointException(configFile, "is missing; it describes the weights in " + WEIGHTS_FILE);

            Safetensors.Header header = in.header();
            List<Manifest> matching = new ArrayList<>();
            CheckpointException firstProblem = null;
            for (Manifest candidate : candidates) {
                try {
                    checkAgainstHeader(candidate, header, weights);
                    checkExpected(candidate, expectedShapes, weights);
                    matching.add(candidate);
                } catch (CheckpointException problem) {
                    if (firstProblem == null) firstProblem = problem;
                }
            }
            if (matching.isEmpty()) {
                if (!before.equals(generation(weights, configFile))) throw new ChangedWhileReading(weights, firstProblem.getMessage());
                throw firstProblem; // every check so far read only the header
            }

            Safetensors.Contents read = in.tensors(header, name -> true);
            String actual = HexFormat.of().formatHex(in.digest().digest());
            Manifest chosen = matching.stream().filter(m -> m.sha256.equals(actual)).findFirst().orElse(null);
            if (chosen == null) {
                String problem = "SHA-256 is " + actual + " but " + matching.get(0).file.getFileName() + " records "
                        + matching.get(0).sha256 + ": the weights were damaged or replaced after saving";
                if (!before.equals(generation(weights, configFile))) throw new ChangedWhileReading(weights, problem);
                throw new CheckpointException(weights, problem);
            }
            for (Map.Entry<String, Tensor> e : read.tensors().entrySet()) {
                int bad = e.getValue().firstNonFinite();
                if (bad >= 0) {
                    throw new CheckpointException(weights, e.getKey(), "holds " + e.getValue().data()[bad]
                            + " at flat position " + bad + "; expected finite weights");
                }
            }
            OptimizerState optimizer = withOptimizer && chosen.optimizerSha != null
                    ? readOptimizer(dir, chosen, read.tensors(), () -> !before.equals(generation(weights, configFile))) : null;
            return new Contents(read.tensors(), chosen.config.deepCopy(), optimizer);
        }
    }

    /**
     * The optimizer state that {@code chosen} vouches for: {@value #OPTIMIZER_FILE}, or its .tmp if a save was cut
     * off before renaming it; null if neither is there (deleted by hand: the moments restart). Its tensors must
     * each belong to a weight of the checkpoint and have its shape, and hold finite numbers.
     */
    private static OptimizerState readOptimizer(Path dir, Manifest chosen, Map<String, Tensor> weights,
                                                java.util.function.BooleanSupplier changed) throws IOException {
        Path file = dir.resolve(OPTIMIZER_FILE);
        Safetensors.Contents read = null;
        String actual = null;
        for (Path candidate : List.of(dir.resolve(OPTIMIZER_FILE + TEMP_SUFFIX), file)) {
            if (!Files.exists(candidate) && !Files.isSymbolicLink(candidate)) continue;
            String notAFile = InputFiles.whyNotARegularFile(candidate);
            if (notAFile != null) throw new CheckpointException(candidate, notAFile + "; expected the optimizer state");
            MessageDigest digest = sha256();
            try {
                read = Safetensors.read(candidate, name -> true, digest);
            } catch (CheckpointException damaged) {
                if (candidate.equals(file)) throw damaged;
                continue;                                    // a .tmp cut off mid-write belongs to no config
            }
            actual = HexFormat.of().formatHex(digest.digest());
            file = candidate;
            if (actual.equals(chosen.optimizerSha)) break;
        }
        if (read == null) return null;
        if (!actual.equals(chosen.optimizerSha)) {
            String problem = "SHA-256 is " + actual + " but " + chosen.file.getFileName() + " records " + chosen.optimizerSha
                    + ": the optimizer state was damaged or replaced after saving (delete it to resume with fresh moments)";
            if (changed.getAsBoolean()) throw new ChangedWhileReading(file, problem);
            throw new CheckpointException(file, problem);
        }
        String optimizer = read.metadata().get(OPTIMIZER_KEY), steps = read.metadata().get(STEPS_KEY);
        if (optimizer == null || steps == null || !steps.matches("\\d{1,18}")) {
            throw new CheckpointException(file, "its metadata must name the \"" + OPTIMIZER_KEY + "\" and its \"" + STEPS_KEY
                    + "\" (an integer >= 0), got " + read.metadata());
        }
        Map<String, Map<String, Tensor>> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : read.tensors().entrySet()) {
            String name = e.getKey();
            int cut = name.lastIndexOf(OptimizerState.SEPARATOR);
            Tensor weight = cut < 0 ? null : weights.get(name.substring(0, cut));
            if (weight == null) {
                throw new CheckpointException(file, name, "names no weight of " + WEIGHTS_FILE + "; expected PARAMETER"
                        + OptimizerState.SEPARATOR + "STATE, e.g. wte.weight" + OptimizerState.SEPARATOR + "firstMoment");
            }
            if (!Arrays.equals(weight.shape(), e.getValue().shape())) {
                throw new CheckpointException(file, name, "has shape " + Arrays.toString(e.getValue().shape()) + " but the weight "
                        + name.substring(0, cut) + " has " + Arrays.toString(weight.shape()));
            }
            int bad = e.getValue().firstNonFinite();
            if (bad >= 0) throw new CheckpointException(file, name, "holds " + e.getValue().data()[bad] + " at flat position " + bad
                    + "; expected finite numbers");
            state.computeIfAbsent(name.substring(0, cut), k -> new LinkedHashMap<>()).put(name.substring(cut + 1), e.getValue());
        }
        return new OptimizerState(optimizer, Long.parseLong(steps), state);
    }

    /** Which files the names point at now (a save renames new files over them): inode and time of each. */
    private static Object generation(Path weights, Path configFile) {
        List<Object> keys = new ArrayList<>();
        for (Path p : List.of(weights, configFile)) {
            try {
                var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                keys.add(a.fileKey() == null ? List.of(a.lastModifiedTime(), a.size()) : List.of(a.fileKey(), a.lastModifiedTime(), a.size()));
            } catch (IOException e) {
                keys.add("missing");
            }
        }
        return keys;
    }

    /** The tensor list in config.json must be exactly the safetensors header, all F32. */
    private static void checkAgainstHeader(Manifest m, Safetensors.Header header, Path weights) throws CheckpointException {
        Map<String, Safetensors.Entry> inFile = new LinkedHashMap<>();
        for (Safetensors.Entry e : header.entries()) inFile.put(e.name(), e);
        for (Map.Entry<String, int[]> listed : m.shapes.entrySet()) {
            Safetensors.Entry e = inFile.get(listed.getKey());
            if (e == null) throw new CheckpointException(weights, listed.getKey(), "is listed in " + m.file.getFileName() + " but missing from the file");
            if (e.dtype() != DType.F32) throw new CheckpointException(weights, e.name(), "has dtype " + e.dtype() + "; checkpoints store F32");
            if (!Arrays.equals(e.shape(), listed.getValue())) {
                throw new CheckpointException(weights, e.name(), "has shape " + Arrays.toString(e.shape()) + " but "
                        + m.file.getFileName() + " lists " + Arrays.toString(listed.getValue()));
            }
        }
        for (String name : inFile.keySet()) {
            if (!m.shapes.containsKey(name)) throw new CheckpointException(weights, name, "is in the file but not listed in " + m.file.getFileName());
        }
    }

    private static void checkExpected(Manifest m, Function<ObjectNode, Map<String, int[]>> rule, Path weights)
            throws CheckpointException {
        Map<String, int[]> expected;
        try {
            expected = rule.apply(m.config.deepCopy());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckpointException(m.file, null, "describes a model that cannot be built: " + e.getMessage(), e);
        }
        if (expected == null) return;
        for (Map.Entry<String, int[]> want : expected.entrySet()) {
            int[] have = m.shapes.get(want.getKey());
            if (have == null) throw new CheckpointException(weights, want.getKey(), "is missing; the model needs shape " + Arrays.toString(want.getValue()));
            if (!Arrays.equals(have, want.getValue())) {
                throw new CheckpointException(weights, want.getKey(), "has shape " + Arrays.toString(have) + " but the model needs "
                        + Arrays.toString(want.getValue()));
            }
        }
        for (String name : m.shapes.keySet()) {
            if (!expected.containsKey(name)) throw new CheckpointException(weights, name, "is not a parameter of the model (extra tensor)");
        }
    }

    // ------------------------------------------------------------------------------- config.json

    /** What config.json promises about the weights, and the caller's config. */
    private record Manifest(Path file, ObjectNode config, String sha256, Map<String, int[]> shapes, String optimizerSha) {}

    private static Manifest tryReadManifest(Path file) {
        try {
            return Files.exists(file) ? readManifest(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Manifest readManifest(Path file) throws IOException {
        String notAFile = InputFiles.whyNotARegularFile(file);
        if (notAFile != null) throw new CheckpointException(file, notAFile + "; expected the checkpoint's JSON config");
        byte[] bytes = InputFiles.readUpTo(file, MAX_CONFIG_BYTES);
        if (bytes == null) {
            throw new CheckpointException(file, InputFiles.tooLarge(file, MAX_CONFIG_BYTES, "a checkpoint config")
                    + "; it holds hyperparameters, a tokenizer and a tensor list), so it was not read");
        }
        JsonNode root;
        try {
            root = Safetensors.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, null, "is not valid JSON (" + oneLine(e.getOriginalMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) throw new CheckpointException(file, "must hold a JSON object {...}");
        if (!FORMAT.equals(root.path("format").textValue())) throw new CheckpointException(file, whatItIsInstead(root));
        JsonNode version = root.get("format_version");
        if (version == null || !version.isInt() || version.intValue() < 1 || version.intValue() > FORMAT_VERSION) {
            throw new CheckpointException(file, "\"format_version\" is " + version + "; this library reads versions 1 to " + FORMAT_VERSION);
        }
        if (!root.path("config").isObject()) throw new CheckpointException(file, "\"config\" must be an object, got " + root.get("config"));
        if (version.intValue() >= 2) {
            String recorded = root.path("config_sha256").textValue();
            if (recorded == null || !recorded.matches("[0-9a-f]{64}")) {
                throw new CheckpointException(file, "\"config_sha256\" must be 64 lowercase hex digits, got " + root.get("config_sha256"));
            }
            String actual = configSha256(root.path("config"));
            if (!actual.equals(recorded)) {
                throw new CheckpointException(file, "the SHA-256 of its \"config\" is " + actual + " but \"config_sha256\" records "
                        + recorded + ": the model or tokenizer settings were edited or damaged after saving");
            }
        }
        JsonNode weights = root.path("weights");
        if (!weights.isObject()) throw new CheckpointException(file, "\"weights\" must be an object, got " + root.get("weights"));
        if (!WEIGHTS_FILE.equals(weights.path("file").textValue())) {
            throw new CheckpointException(file, "\"weights.file\" is " + weights.get("file") + ", expected \"" + WEIGHTS_FILE + "\"");
        }
        String sha = weights.path("sha256").textValue();
        if (sha == null || !sha.matches("[0-9a-f]{64}")) {
            throw new CheckpointException(file, "\"weights.sha256\" must be 64 lowercase hex digits, got " + weights.get("sha256"));
        }
        JsonNode list = weights.path("tensors");
        if (!list.isObject() || list.isEmpty()) throw new CheckpointException(file, "\"weights.tensors\" must list the tensors and their shapes");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            JsonNode shape = e.getValue();
            if (!shape.isArray() || shape.isEmpty()) throw new CheckpointException(file, e.getKey(), "shape must be a non-empty array of sizes, got " + shape);
            int[] sizes = new int[shape.size()];
            for (int d = 0; d < sizes.length; d++) {
                JsonNode s = shape.get(d);
                if (!s.isInt() || s.intValue() < 1) throw new CheckpointException(file, e.getKey(), "size " + s + " in shape " + shape + " is not an integer >= 1");
                sizes[d] = s.intValue();
            }
            shapes.put(e.getKey(), sizes);
        }
        JsonNode optimizer = root.get("optimizer");
        String optimizerSha = null;
        if (optimizer != null) {
            optimizerSha = optimizer.path("sha256").textValue();
            if (!OPTIMIZER_FILE.equals(optimizer.path("file").textValue()) || optimizerSha == null || !optimizerSha.matches("[0-9a-f]{64}")) {
                throw new CheckpointException(file, "\"optimizer\" must be {\"file\": \"" + OPTIMIZER_FILE
                        + "\", \"sha256\": 64 lowercase hex digits}, got " + optimizer);
            }
        }
        return new Manifest(file, (ObjectNode) root.get("config"), sha, shapes, optimizerSha);
    }

    /** For a config.json that is not ours: what it is, and what this library reads. */
    private static String whatItIsInstead(JsonNode root) {
        JsonNode type = root.get("model_type");
        String supported = "this library reads glassbox checkpoints (\"format\": \"" + FORMAT + "\", written by train or "
                + "Checkpoint.save) and Hugging Face GPT-2 folders (\"model_type\": \"gpt2\")";
        if (type != null && "gpt2".equals(type.textValue())) {
            return "is a Hugging Face GPT-2 config, not a glassbox checkpoint; load the folder with HuggingFaceGpt2.load";
        }
        if (type != null) return "is the config of a Hugging Face " + type + " model, which is not supported; " + supported;
        if (root.has("format")) return "\"format\" is " + root.get("format") + ", expected \"" + FORMAT + "\"";
        return "has neither \"format\" (a glassbox checkpoint) nor \"model_type\" (a Hugging Face model); " + supported;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 of some bytes as lower-case hex, as the checkpoint's config.json records hashes. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
