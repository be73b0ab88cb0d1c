package dev.glassbox.cli;

import dev.glassbox.data.Batches;
import dev.glassbox.data.Corpus;
import dev.glassbox.data.QaAccuracy;
import dev.glassbox.data.QaSample;
import dev.glassbox.data.QaSamples;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.PositionKind;
import dev.glassbox.optim.Optimizer;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.GptLanguageModel;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.PreTokenizer;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.Tokenizer;
import dev.glassbox.tokenize.TokenizerJson;
import dev.glassbox.tokenize.WordTokenizer;
import dev.glassbox.train.Objective;
import dev.glassbox.train.Objectives;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingLog;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.io.FolderLock;
import dev.glassbox.io.InputFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code train}: trains a GPT and saves checkpoints. Without {@code --text} it learns the built-in
 * question–answer data ({@code Q:12+7=?A:19}, {@link QaSamples}) and finally asks the held-out questions,
 * which it never saw, so the exact-match score shows whether it learned the rule or only the samples.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT and save checkpoints to --out.",
                "Default: built-in Q:A arithmetic (Q:12+7=?A:19), a small model, about a minute on one core.",
                "--text FILE: any UTF-8 text instead (character tokenizer unless --tokenizer says otherwise)."})
final class TrainCommand implements Callable<Integer> {
    enum TokenizerKind { charset, word, bpe;
        @Override public String toString() { return this == charset ? "char" : name(); } }

    // ---- data
    @Option(names = "--text", paramLabel = "FILE", description = "Train on this UTF-8 text instead of the built-in Q:A data.")
    Path text;

    @Option(names = "--tokenizer", defaultValue = "char", converter = TokenizerKindConverter.class,
            description = "char, word or bpe (default ${DEFAULT-VALUE}).")
    TokenizerKind tokenizer;

    @Option(names = "--vocab-size", description = "Vocabulary size for word (a maximum) and bpe (default 512) tokenizers.")
    Integer vocabSize;

    @Option(names = "--max-operand", defaultValue = "9", description = "Built-in data: operands 0 … this (default ${DEFAULT-VALUE}).")
    int maxOperand;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share held out for validation (default ${DEFAULT-VALUE}).")
    double validationFraction;

    // ---- model
    @Option(names = "--layers", defaultValue = "2", description = "Transformer blocks (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = {"--channels", "--width"}, defaultValue = "64", description = "Embedding width C (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads; must divide the width (default ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--context", defaultValue = "32", description = "Context length T (default ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout probability during training (default ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--scaling", defaultValue = "SQRT_DK", description = "Attention scaling: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    AttentionScaling scaling;

    @Option(names = "--order", defaultValue = "PRE_LN", description = "Block order: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    BlockOrder order;

    @Option(names = "--positions", defaultValue = "LEARNED", description = "Positions: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    PositionKind positions;

    // ---- optimization
    @Mixin
    OptimizerOptions optimizer;

    @Option(names = "--steps", defaultValue = "600", description = {"Optimizer steps (default ${DEFAULT-VALUE}).",
            "With --resume: steps more (default: up to the step the resumed run was to end at, else ${DEFAULT-VALUE})."})
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "Sequences per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eval-interval", defaultValue = "100", description = "Validate and save a checkpoint every this many steps (default ${DEFAULT-VALUE}).")
    int evalInterval;

    @Option(names = "--seed", defaultValue = "1337", description = "Seed for the weights, the batches and the data split (default ${DEFAULT-VALUE}; with --resume, the checkpoint's).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}).")
    int threads;

    // ---- output
    @Option(names = "--out", defaultValue = "runs/gpt", paramLabel = "DIR", description = "Checkpoint directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the checkpoint that --out already holds (without it, train refuses to).")
    boolean overwrite;

    @Option(names = "--resume", description = {"Continue from the checkpoint in --out exactly where it stopped: its model, tokenizer,",
            "optimizer state (AdamW's moments and step count), settings, learning-rate schedule and batch order."})
    boolean resume;

    /** The options that describe the model; with --resume the checkpoint's values apply, so they may not be given. */
    private static final List<String> MODEL_OPTIONS = List.of("--tokenizer", "--vocab-size", "--layers", "--channels", "--heads",
            "--context", "--dropout", "--scaling", "--order", "--positions");

    @Option(names = "--quiet", description = "No progress output, only the summary.")
    boolean quiet;

    @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
    boolean forceBar;

    @Spec
    CommandSpec spec;

    static final class TokenizerKindConverter implements picocli.CommandLine.ITypeConverter<TokenizerKind> {
        @Override
        public TokenizerKind convert(String value) {
            return switch (value) {
                case "char" -> TokenizerKind.charset;
                case "word" -> TokenizerKind.word;
                case "bpe" -> TokenizerKind.bpe;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a tokenizer; expected char, word or bpe");
            };
        }
    }

    /** Held while a checkpoint is written; a Ctrl-C waits for it, so the save finishes whole or never starts. */
    private final Object saving = new Object();
    private boolean interrupted;              // guarded by saving
    private volatile long lastSavedStep = -1;
    private volatile long currentStep;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        checkOutputFolder();
        checkMemory(text == null ? 32 : 1);   // the vocabulary is not known yet: check what is known before reading anything
        boolean created = !Files.exists(out);
        FolderLock lock;
        try {
            lock = FolderLock.acquire(out, "glassbox-gpt train");
        } catch (FolderLock.InUseException e) {
            throw new IOException(e.getMessage() + "; wait for it to finish, or choose another --out", e);
        }
        Thread onInterrupt = new Thread(this::interrupted, "glassbox-gpt train: Ctrl-C");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return train();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            lock.close();
            if (created && lastSavedStep < 0) deleteEmptyFolder();
        }
    }

    /** On Ctrl-C or kill: let a save in progress finish, start no other, and say where the last good checkpoint is. */
    private void interrupted() {
        synchronized (saving) {
            interrupted = true;
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": interrupted at step " + currentStep + "; " + (lastSavedStep >= 0
                    ? "the last good checkpoint is " + out + " (step " + lastSavedStep + ")"
                    : "no checkpoint was saved in this run"));
            err.flush();
        }
    }

    /** After a run that saved nothing, the folder it created holds only the lock file: leave nothing behind. */
    private void deleteEmptyFolder() {
        try {
            Files.deleteIfExists(out.resolve(FolderLock.FILE));
            Files.deleteIfExists(out);
        } catch (IOException ignored) {
            // not empty after all, or not ours to remove
        }
    }

    private Integer train() throws Exception {
        Matmul.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut();

        // 1. data and tokenizer
        Checkpoint.LoadedGpt resumed = resume ? loadForResume() : null;
        Tokenizer given = resumed == null ? null : TokenizerJson.fromJson(resumed.tokenizer());
        Data data = text == null ? builtInData(given) : textData(given);
        Tokenizer tok = data.tokenizer;
        checkMemory(tok.vocabSize());
        long firstStep = resumed == null ? 0 : resumed.step();   // steps are counted on from the checkpoint's
        if (resumed != null) lastSavedStep = firstStep;
        int[] trainTokens = tok.encode(data.trainText);
        String trainSha256 = sha256(trainTokens);
        Batches train = new Batches(data.trainName, trainTokens, batch, context, seed);
        long[] drawn = {resumed == null ? 0 : skipDrawnBatches(resumed, train, trainSha256, out)};
        Batches validation = data.validationText.isEmpty() ? null
                : new Batches(data.validationName, tok.encode(data.validationText), batch, context, seed + 1);

        // 2. model and optimizer
        GptConfig config = new GptConfig(tok.vocabSize(), context, channels, layers, heads, dropout, scaling, order, positions);
        Gpt model = resumed == null ? new Gpt(config, seed) : resumed.model();
        model.setTraining(true);
        Optimizer opt = optimizer.build(model.parameters());
        if (resumed != null) restoreOptimizer(resumed, opt, out);
        out.printf(Locale.ROOT, "data: %s (%,d training tokens%s), %s%n", data.description, train.tokenCount(),
                validation == null ? "" : String.format(Locale.ROOT, ", %,d validation", validation.tokenCount()), Models.describe(tok));
        out.printf(Locale.ROOT, "model: %d layers, width %d, %d heads, context %d, %,d parameters%s%n", layers, channels, heads, context,
                model.parameterCount(), resumed == null ? "" : ", resumed from " + this.out + " at step " + firstStep);
        out.printf(Locale.ROOT, "training: %d steps of %d x %d tokens, %s%n", steps, batch, context, optimizer.describe((int) firstStep + steps));
        out.flush();

        // 3. train, saving a checkpoint at every evaluation
        Objective<Batches.Batch> objective = Objectives.languageModel(model);
        var tokenizerJson = TokenizerJson.toJson(tok);
        Supplier<Batches.Batch> batches = () -> {
            drawn[0]++;
            return train.next();
        };
        Trainer.Builder<Batches.Batch> trainer = Trainer.builder(objective, opt, batches).steps(steps)
                .checkpoint(evalInterval, step -> save(model, tokenizerJson, firstStep + step, opt, trainingState(drawn[0], trainSha256,
                        (int) firstStep + steps)));
        if (validation != null) trainer.validation(validation.sequential(8), evalInterval);
        optimizer.apply(trainer, (int) firstStep, steps);
        TrainingLog log;
        try (Progress progress = new Progress(Progress.choose(quiet, forceBar), "train", firstStep, steps, evalInterval, out)) {
            trainer.listener(row -> {
                currentStep = firstStep + row.step();
                progress.accept(row);
            });
            log = trainer.build().run();
        }
        model.setTraining(false);

        // 4. summary
        TrainingLog.Row last = log.last();
        List<TrainingLog.Row> validated = log.validationRows();
        out.printf(Locale.ROOT, "done: step %d, train loss %.4f (mean of last 20 steps %.4f)%s, %.1f s, %,.0f tokens/s%n",
                firstStep + last.step(), last.trainLoss(), log.meanTrainLoss(Math.min(20, log.size())),
                validated.isEmpty() ? "" : String.format(Locale.ROOT, ", validation loss %.4f", validated.get(validated.size() - 1).validationLoss()),
                last.elapsedSeconds(), (double) steps * batch * context / last.elapsedSeconds());
        out.println("saved " + out() + " (step " + (firstStep + steps) + ")");
        if (data.heldOut != null) {
            QaAccuracy.Result result = heldOutAccuracy(model, tok, data.heldOut);
            out.printf(Locale.ROOT, "held-out questions answered exactly: %d of %d (%.0f%%)%s%n", result.correct(), result.total(),
                    100 * result.accuracy(), result.mistakes().isEmpty() ? "" : ", e.g. " + result.mistakes().get(0));
        }
        out.flush();
        return 0;
    }

    private Path out() {
        return out;
    }

    private void save(Gpt model, ObjectNode tokenizerJson, long step, Optimizer opt, ObjectNode training) {
        synchronized (saving) {
            if (interrupted) return;   // the JVM is stopping: start no save it could cut in half
            try {
                Checkpoint.save(out, model, tokenizerJson, step, training, opt);
                lastSavedStep = step;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save a checkpoint to " + out + ": " + e.getMessage(), e);
            }
        }
    }

    // -------------------------------------------------------------------------- resuming exactly

    /**
     * What a checkpoint needs beside the weights and the optimizer state so that --resume continues exactly: the
     * seed, how many training batches were drawn (the position in the seeded batch order), a hash of the training
     * tokens (the same order only means something on the same data), the step this run ends at (for the schedule)
     * and the optimizer settings.
     */
    private ObjectNode trainingState(long batchesDrawn, String trainSha256, int plannedSteps) {
        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.put("seed", seed);
        training.put("batch", batch);
        training.put("batches_drawn", batchesDrawn);
        training.put("data_sha256", trainSha256);
        training.put("planned_steps", plannedSteps);
        training.set("optimizer", optimizer.toJson(plannedSteps));
        return training;
    }

    /**
     * Moves the training batches on past those the resumed run already drew, when the data and seed are the
     * checkpoint's; otherwise says in one line that the batch order starts afresh. Returns the batches drawn.
     */
    private long skipDrawnBatches(Checkpoint.LoadedGpt resumed, Batches train, String trainSha256, PrintWriter out) {
        JsonNode drawn = resumed.training().get("batches_drawn");
        if (drawn == null || !drawn.canConvertToLong()) return 0;   // an older version's checkpoint: restoreOptimizer says so
        if (resumed.training().path("seed").asLong() != seed || resumed.training().path("batch").asInt() != train.batchSize()) {
            out.println("resume: --seed or --batch differ from the checkpoint's, so the batches start afresh");
            return 0;
        }
        if (!trainSha256.equals(resumed.training().path("data_sha256").textValue())) {
            out.println("resume: the training data differ from the checkpoint's (another --text, --max-operand or --validation),"
                    + " so the batches start afresh");
            return 0;
        }
        for (long i = 0; i < drawn.longValue(); i++) train.next();   // draws the same random numbers as the first run did
        return drawn.longValue();
    }

    /** Puts the checkpoint's optimizer state back, or says in one line why the moments restart. */
    private void restoreOptimizer(Checkpoint.LoadedGpt resumed, Optimizer opt, PrintWriter out) {
        Checkpoint.OptimizerState state = resumed.optimizer();
        String restart = ", so the optimizer's moments and step count restart from zero";
        if (!resumed.training().has("batches_drawn")) {
            out.println("resume: " + this.out + " was saved by an older version, which kept neither the optimizer state nor the place"
                    + " in the batch order, so the optimizer's moments and step count restart from zero and the batches are drawn afresh");
        } else if (state == null) {
            boolean none = opt.parameters().stream().allMatch(p -> opt.state(p).isEmpty());
            if (!none) out.println("resume: " + this.out.resolve(Checkpoint.OPTIMIZER_FILE) + " is missing" + restart);
        } else if (!state.optimizer().equals(opt.getClass().getSimpleName())) {
            out.println("resume: the checkpoint holds the state of " + state.optimizer() + " but this run uses "
                    + opt.getClass().getSimpleName() + restart);
        } else {
            try {
                state.restoreInto(opt);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(this.out.resolve(Checkpoint.OPTIMIZER_FILE) + ": " + e.getMessage(), e);
            }
        }
    }

    private static String sha256(int[] tokens) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(Integer.BYTES * tokens.length);
        bytes.asIntBuffer().put(tokens);
        return Checkpoint.sha256Hex(bytes.array());
    }

    /** --out must be a folder (or not exist yet), and one holding a checkpoint is replaced only with --overwrite. */
    private void checkOutputFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            bad("--out " + out + " is a file; expected a directory (it will hold " + Checkpoint.CONFIG_FILE + " and "
                    + Checkpoint.WEIGHTS_FILE + ")");
        }
        boolean holdsCheckpoint = Files.exists(out.resolve(Checkpoint.CONFIG_FILE)) || Files.exists(out.resolve(Checkpoint.WEIGHTS_FILE));
        if (resume && overwrite) bad("--resume continues the checkpoint in --out and --overwrite replaces it; choose one");
        if (resume && !holdsCheckpoint) bad("--resume: --out " + out + " holds no checkpoint to continue from");
        if (resume) {
            for (String option : MODEL_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    bad(option + " cannot be combined with --resume: the model and tokenizer are the checkpoint's");
                }
            }
        }
        if (!overwrite && !resume && holdsCheckpoint) {
            bad("--out " + out + " already holds a checkpoint" + savedStep() + "; pass --resume to continue it or --overwrite to replace it,"
                    + " or choose another --out");
        }
    }

    /**
     * The checkpoint to continue, with the model options set to its values (so sizes, memory checks and messages
     * describe the model that trains); refuses a GPT-2 folder, which would be overwritten in another format.
     */
    private Checkpoint.LoadedGpt loadForResume() throws IOException {
        if (dev.glassbox.io.HuggingFaceGpt2.isGpt2Directory(out)) {
            bad("--resume: --out " + out + " is a Hugging Face GPT-2 folder; train saves glassbox checkpoints, so give another --out");
        }
        Checkpoint.LoadedGpt loaded = Checkpoint.loadGpt(out, true);
        if (loaded.tokenizer() == null) throw new IllegalArgumentException(out + " holds a model without a tokenizer, so it cannot be trained on text");
        // the run's own settings, unless given again: the same seed (so the same data split and batch order),
        // the same optimizer and schedule, and by default the steps it had left
        var given = spec.commandLine().getParseResult();
        JsonNode training = loaded.training();
        if (!given.hasMatchedOption("--seed") && training.path("seed").canConvertToLong()) seed = training.get("seed").longValue();
        if (!given.hasMatchedOption("--batch") && training.path("batch").canConvertToInt()) batch = training.get("batch").intValue();
        optimizer.resumeFrom(training.get("optimizer"), given);
        long planned = training.path("planned_steps").asLong(0);
        if (!given.hasMatchedOption("--steps") && planned > loaded.step()) steps = (int) (planned - loaded.step());
        optimizer.check(spec, (int) Math.min(Integer.MAX_VALUE, loaded.step() + steps), 3e-3f);
        if (dropout > 0) {
            spec.commandLine().getOut().println("resume: dropout " + dropout + " draws new random masks (their random position is not"
                    + " saved), so this run is not bit for bit the one it continues");
        }
        GptConfig c = loaded.model().config();
        context = c.contextLength();
        channels = c.channels();
        layers = c.layers();
        heads = c.heads();
        dropout = c.dropout();
        scaling = c.scaling();
        order = c.order();
        positions = c.positions();
        return loaded;
    }

    /** " (saved at step N)" from the checkpoint's config.json, or "" if it cannot be read. */
    private String savedStep() {
        Path config = out.resolve(Checkpoint.CONFIG_FILE);
        try {
            if (InputFiles.whyNotARegularFile(config) != null) return "";
            JsonNode step = new ObjectMapper().readTree(InputFiles.readAtMost(config, 1 << 24)).path("config").path("training").path("step");
            return step.isIntegralNumber() ? " (saved at step " + step.longValue() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Refuses, before anything is allocated, a model or batch that cannot fit in the heap, naming the options that
     * make it large; and a --text file too large to read whole.
     */
    private void checkMemory(int vocab) {
        if (text != null) checkTextSize();
        double parameters = MemoryBudget.parameterBytes(vocab, context, channels, layers);
        double activations = MemoryBudget.activationBytes(vocab, context, channels, layers, heads, batch);
        if (MemoryBudget.tooLarge(parameters + activations)) {
            String what = parameters >= activations
                    ? "the model (--layers " + layers + ", --width " + channels + (vocab > 1000 ? ", a vocabulary of " + vocab : "")
                      + ") needs about " + MemoryBudget.size(parameters) + " for its weights, gradients and optimizer state"
                    : "one batch (--batch " + batch + " x --context " + context + ") through --layers " + layers + " of --width "
                      + channels + " needs about " + MemoryBudget.size(activations) + " for its activations";
            bad(what + ", but " + MemoryBudget.heapAdvice(parameters + activations));
        }
    }

    /** Reading --text whole takes its bytes, its characters, the training split and the token ids: about 16 bytes per byte. */
    private void checkTextSize() {
        String notAFile = InputFiles.whyNotARegularFile(text);
        if (!Files.exists(text)) throw new UncheckedIOException(new java.nio.file.NoSuchFileException(text.toString()));
        if (notAFile != null) bad("--text " + text + ": " + notAFile + "; expected a UTF-8 text file");
        long size;
        try {
            size = Files.size(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text + ": cannot read its size: " + e.getMessage(), e);
        }
        double needed = 16.0 * size;
        if (size > Integer.MAX_VALUE - 8) {
            bad("--text " + text + " is " + InputFiles.size(size) + ", more than the 2 GB of text that training can hold in memory"
                    + " (a Java array's limit, whatever the heap); train on a part of it, e.g. head -c 200M " + text + " > part.txt");
        }
        if (MemoryBudget.tooLarge(needed)) {
            bad("--text " + text + " is " + InputFiles.size(size) + "; training reads it whole, which takes about 16 bytes of heap per byte ("
                    + MemoryBudget.size(needed) + "), but " + MemoryBudget.heapAdvice(needed));
        }
    }

    /** Greedy answers to questions the model never saw during training, cut at the end of the line. */
    private static QaAccuracy.Result heldOutAccuracy(Gpt model, Tokenizer tok, List<QaSample> heldOut) {
        Generator generator = new Generator(new GptLanguageModel(model), tok::decode);
        Sampler greedy = new Sampler(SamplingOptions.greedy(), 0);
        return QaAccuracy.exactMatch(heldOut, prompt ->
                generator.generate(tok.encode(prompt), 8, greedy, String.valueOf(QaSamples.END)).text());
    }

    private void checkArguments() {
        optimizer.check(spec, Math.max(steps, 1), 3e-3f);
        positive("--steps", steps);
        positive("--batch", batch);
        positive("--eval-interval", evalInterval);
        positive("--threads", threads);
        positive("--layers", layers);
        positive("--channels", channels);
        positive("--heads", heads);
        positive("--context", context);
        if (channels % heads != 0) bad("--channels " + channels + " is not divisible by --heads " + heads);
        if (!(dropout >= 0 && dropout < 1)) bad("--dropout must lie in [0, 1), got " + dropout);
        if (!(validationFraction >= 0 && validationFraction < 1)) bad("--validation must lie in [0, 1), got " + validationFraction);
        if (text == null && !(validationFraction > 0)) bad("the built-in data needs --validation > 0 for its held-out questions");
        if (vocabSize != null && tokenizer == TokenizerKind.charset) bad("--vocab-size is for word and bpe tokenizers; char takes the text's characters");
        if (text == null && (maxOperand < 1 || maxOperand > QaSamples.MAX_OPERAND)) {
            bad("--max-operand must lie in 1 … " + QaSamples.MAX_OPERAND + ", got " + maxOperand);
        }
    }

    private void positive(String option, int value) {
        if (value < 1) bad(option + " must be at least 1, got " + value);
    }

    private void bad(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

    // ----------------------------------------------------------------------------------- data

    /** Training and validation text with the tokenizer built for them; heldOut is set for Q:A data. */
    private record Data(String description, Tokenizer tokenizer, String trainName, String trainText,
                        String validationName, String validationText, List<QaSample> heldOut) {}

    private Data builtInData(Tokenizer given) {
        List<QaSample> samples = QaSamples.arithmetic(maxOperand, QaSamples.Operation.ADD);
        QaSamples.Split split = QaSamples.split(samples, validationFraction, seed);
        String trainText = QaSamples.text(split.train()), heldOutText = QaSamples.text(split.heldOut());
        // the tokenizer sees both parts: a held-out question may hold a digit pair, never a new character
        Tokenizer tok = given != null ? given : buildTokenizer(trainText + heldOutText);
        return new Data(String.format(Locale.ROOT, "built-in Q:A sums 0…%d, %d questions for training, %d held out",
                maxOperand, split.train().size(), split.heldOut().size()), tok,
                "built-in Q:A training samples", trainText, "held-out Q:A samples", heldOutText, split.heldOut());
    }

    private Data textData(Tokenizer given) throws IOException {
        Corpus corpus = Corpus.fromFile(text, validationFraction);
        Tokenizer tok = given != null ? given : buildTokenizer(corpus.text());
        return new Data(text.toString(), tok, "training part of " + text, corpus.train(),
                "validation part of " + text, corpus.validation(), null);
    }

    private Tokenizer buildTokenizer(String corpus) {
        return switch (tokenizer) {
            case charset -> CharTokenizer.fromCorpus(corpus);
            case word -> vocabSize == null ? WordTokenizer.fromCorpus(corpus) : WordTokenizer.fromCorpus(corpus, vocabSize);
            case bpe -> trainBpe(corpus, vocabSize == null ? 512 : vocabSize);
        };
    }

    /** BPE training with a bar of merges on a terminal (thousands of merges on a large text take seconds). */
    private BpeTokenizer trainBpe(String corpus, int size) {
        if (Progress.choose(quiet, forceBar) != Progress.Mode.BAR || size <= BpeTokenizer.BYTE_TOKENS + 1) {
            return BpeTokenizer.train(corpus, size);
        }
        try (ProgressBar bar = Progress.bar("BPE merges", size - BpeTokenizer.BYTE_TOKENS - 1)) {
            return BpeTokenizer.train(corpus, size, PreTokenizer.GPT2, (made, wanted) -> bar.stepTo(made));
        }
    }
}
