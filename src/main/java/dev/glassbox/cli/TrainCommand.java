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

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

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

    @Option(names = "--steps", defaultValue = "600", description = "Optimizer steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "Sequences per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eval-interval", defaultValue = "100", description = "Validate and save a checkpoint every this many steps (default ${DEFAULT-VALUE}).")
    int evalInterval;

    @Option(names = "--seed", defaultValue = "1337", description = "Seed for the weights, the batches and the data split (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}).")
    int threads;

    // ---- output
    @Option(names = "--out", defaultValue = "runs/gpt", paramLabel = "DIR", description = "Checkpoint directory (default ${DEFAULT-VALUE}).")
    Path out;

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

    @Override
    public Integer call() throws Exception {
        checkArguments();
        Matmul.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut();

        // 1. data and tokenizer
        Data data = text == null ? builtInData() : textData();
        Tokenizer tok = data.tokenizer;
        Batches train = new Batches(data.trainName, tok.encode(data.trainText), batch, context, seed);
        Batches validation = data.validationText.isEmpty() ? null
                : new Batches(data.validationName, tok.encode(data.validationText), batch, context, seed + 1);

        // 2. model and optimizer
        GptConfig config = new GptConfig(tok.vocabSize(), context, channels, layers, heads, dropout, scaling, order, positions);
        Gpt model = new Gpt(config, seed);
        Optimizer opt = optimizer.build(model.parameters());
        out.printf(Locale.ROOT, "data: %s (%,d training tokens%s), %s%n", data.description, train.tokenCount(),
                validation == null ? "" : String.format(Locale.ROOT, ", %,d validation", validation.tokenCount()), Models.describe(tok));
        out.printf(Locale.ROOT, "model: %d layers, width %d, %d heads, context %d, %,d parameters%n", layers, channels, heads, context,
                model.parameterCount());
        out.printf(Locale.ROOT, "training: %d steps of %d x %d tokens, %s%n", steps, batch, context, optimizer.describe(steps));
        out.flush();

        // 3. train, saving a checkpoint at every evaluation
        Objective<Batches.Batch> objective = Objectives.languageModel(model);
        var tokenizerJson = TokenizerJson.toJson(tok);
        Trainer.Builder<Batches.Batch> trainer = Trainer.builder(objective, opt, train::next).steps(steps)
                .checkpoint(evalInterval, step -> save(model, tokenizerJson, step));
        if (validation != null) trainer.validation(validation.sequential(8), evalInterval);
        optimizer.apply(trainer, steps);
        TrainingLog log;
        try (Progress progress = new Progress(Progress.choose(quiet, forceBar), "train", steps, evalInterval, out)) {
            trainer.listener(progress);
            log = trainer.build().run();
        }
        model.setTraining(false);

        // 4. summary
        TrainingLog.Row last = log.last();
        List<TrainingLog.Row> validated = log.validationRows();
        out.printf(Locale.ROOT, "done: step %d, train loss %.4f (mean of last 20 steps %.4f)%s, %.1f s, %,.0f tokens/s%n",
                last.step(), last.trainLoss(), log.meanTrainLoss(Math.min(20, log.size())),
                validated.isEmpty() ? "" : String.format(Locale.ROOT, ", validation loss %.4f", validated.get(validated.size() - 1).validationLoss()),
                last.elapsedSeconds(), (double) steps * batch * context / last.elapsedSeconds());
        out.println("saved " + out() + " (step " + steps + ")");
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

    private void save(Gpt model, com.fasterxml.jackson.databind.node.ObjectNode tokenizerJson, int step) {
        try {
            Checkpoint.save(out, model, tokenizerJson, step);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint to " + out + ": " + e.getMessage(), e);
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

    private Data builtInData() {
        List<QaSample> samples = QaSamples.arithmetic(maxOperand, QaSamples.Operation.ADD);
        QaSamples.Split split = QaSamples.split(samples, validationFraction, seed);
        String trainText = QaSamples.text(split.train()), heldOutText = QaSamples.text(split.heldOut());
        // the tokenizer sees both parts: a held-out question may hold a digit pair, never a new character
        Tokenizer tok = buildTokenizer(trainText + heldOutText);
        return new Data(String.format(Locale.ROOT, "built-in Q:A sums 0…%d, %d questions for training, %d held out",
                maxOperand, split.train().size(), split.heldOut().size()), tok,
                "built-in Q:A training samples", trainText, "held-out Q:A samples", heldOutText, split.heldOut());
    }

    private Data textData() throws IOException {
        Corpus corpus = Corpus.fromFile(text, validationFraction);
        Tokenizer tok = buildTokenizer(corpus.text());
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
