package dev.glassbox.cli;

import dev.glassbox.data.LabelledBatches;
import dev.glassbox.io.FolderLock;
import dev.glassbox.io.InputFiles;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.nn.Softmax;
import dev.glassbox.sleep.BagOfStagesBaseline;
import dev.glassbox.sleep.Hypnogram;
import dev.glassbox.sleep.NeighbourPairsBaseline;
import dev.glassbox.sleep.PositionAwareBaseline;
import dev.glassbox.sleep.SeedSweep;
import dev.glassbox.sleep.SleepNights;
import dev.glassbox.sleep.Stage;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.train.Objective;
import dev.glassbox.train.Objectives;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
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
 * {@code classify train | predict}: "sleepgpt" (essay claim S11). Healthy and disordered nights hold the
 * same sleep stages in the same amounts and differ only in their order, so a model that counts stages
 * (the bag-of-stages baseline) stays at chance, while attention over the sequence tells them apart.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        subcommands = {ClassifyCommand.Train.class, ClassifyCommand.Predict.class, ClassifyCommand.Seeds.class},
        description = "sleepgpt: tell healthy from disordered nights by the order of their sleep stages (S11).")
final class ClassifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: train, predict or seeds");
    }

    /** Sequences per forward pass when classifying: the activations of a batch grow with it, so many go in slices. */
    static final int FORWARD_BATCH = 256;

    /** Probability of class 1 (disordered) for each sequence: softmax over the two class logits. */
    static double[] disorderedProbability(SequenceClassifier model, int[][] windows) {
        double[] p = new double[windows.length];
        for (int from = 0; from < windows.length; from += FORWARD_BATCH) {
            int[][] slice = java.util.Arrays.copyOfRange(windows, from, Math.min(windows.length, from + FORWARD_BATCH));
            Tensor logits = model.forward(slice);                 // (B, 2)
            for (int b = 0; b < slice.length; b++) p[from + b] = Softmax.of(logits.vectorAt(b))[SleepNights.DISORDERED];
        }
        return p;
    }

    /**
     * classify train's own defaults for options it shares with {@code train} (picocli asks this before an
     * option's annotated default): chapter 10's random-position set-up, AdamW with weight decay 0.01 and
     * β₂ 0.99 ({@link Train#CHAPTER_WARMUP} warm-up steps are set in {@link Train#call}).
     */
    static final class ChapterDefaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argument) {
            if (!(argument instanceof OptionSpec option)) return null;
            return switch (option.longestName()) {
                case "--weight-decay" -> "0.01";
                case "--beta2" -> "0.99";
                default -> null;
            };
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = ChapterDefaults.class,
            description = {"Generate labelled nights, train a sequence classifier, save it to --out, and compare its",
                    "held-out accuracy with a bag-of-stages, a position-aware and a neighbour-pairs baseline. The defaults are chapter 10's",
                    "random-position nights and the model that learns them."})
    static final class Train implements Callable<Integer> {
        /** Peak learning rate without --lr: the one chapter 10's random-position classifier needs to leave ln 2. */
        static final float DEFAULT_LEARNING_RATE = 3e-2f;
        /** Warm-up steps without --warmup (fewer if --steps is smaller), as in chapter 10. */
        static final int CHAPTER_WARMUP = 20;

        @Option(names = "--nights", defaultValue = "1000", description = "Nights to generate, half of them disordered (default ${DEFAULT-VALUE}).")
        int nights;

        @Option(names = "--length", defaultValue = "24", description = "Steps per night = the model's context (default ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--layout", defaultValue = "RANDOM_POSITIONS", description = {"RANDOM_POSITIONS: the patterns fall at random steps, so only",
                "their order tells; ANCHORED: the disorders act at the start of every night (default ${DEFAULT-VALUE})."})
        SleepNights.Layout layout;

        @Option(names = "--held-out", defaultValue = "0.2", description = "Share of nights held out for the accuracy (default ${DEFAULT-VALUE}).")
        double heldOut;

        @Option(names = "--layers", defaultValue = "1", description = "Transformer blocks (default ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = {"--channels", "--width"}, defaultValue = "32", description = "Embedding width (default ${DEFAULT-VALUE}).")
        int channels;

        @Option(names = "--heads", defaultValue = "16", description = "Attention heads (default ${DEFAULT-VALUE}).")
        int heads;

        @Option(names = "--pooling", defaultValue = "MEAN", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Pooling pooling;

        @Option(names = "--attention-init-std", defaultValue = "0.7", paramLabel = "STD", description = {
                "Std of the attention's q, k, v weights at the start (default ${DEFAULT-VALUE}; GPT-2's is 0.02, with which",
                "every attention row starts uniform, a bag of stages, and training often stays at chance)."})
        float attentionInitStd;

        @Mixin
        OptimizerOptions optimizer;

        @Option(names = "--steps", defaultValue = "200", description = "Optimizer steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "32", description = "Nights per batch (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seed", defaultValue = "42", description = "Seed for the nights, the weights and the batches (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--out", defaultValue = "runs/sleepgpt", paramLabel = "DIR", description = "Checkpoint directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--quiet", description = "No progress output, only the results.")
        boolean quiet;

        @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
        boolean forceBar;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (optimizer.warmup == null && steps > 1) optimizer.warmup = Math.min(CHAPTER_WARMUP, steps - 1);
            optimizer.check(spec, Math.max(1, steps), DEFAULT_LEARNING_RATE);
            for (var option : new Object[][] {{"--steps", steps}, {"--batch", batch}, {"--threads", threads}, {"--layers", layers},
                    {"--channels", channels}, {"--heads", heads}}) {
                if ((int) option[1] < 1) throw new ParameterException(spec.commandLine(), option[0] + " must be at least 1, got " + option[1]);
            }
            if (!(attentionInitStd > 0 && Float.isFinite(attentionInitStd))) {
                throw new ParameterException(spec.commandLine(), "--attention-init-std must be a positive number, got " + attentionInitStd);
            }
            if (!(heldOut > 0 && heldOut < 1)) throw new ParameterException(spec.commandLine(), "--held-out must lie in (0, 1), got " + heldOut);
            int heldOutCount = (int) Math.round(nights * heldOut);
            if (heldOutCount < 2 || nights - heldOutCount < 2) {
                throw new ParameterException(spec.commandLine(), "--nights " + nights + " with --held-out " + heldOut
                        + " leaves fewer than 2 nights on one side");
            }
            checkMemory();
            if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " is a file; expected a directory for the checkpoint");
            }
            FolderLock lock;
            try {
                lock = FolderLock.acquire(out, "glassbox-gpt classify train");
            } catch (FolderLock.InUseException e) {
                throw new IOException(e.getMessage() + "; wait for it to finish, or choose another --out", e);
            }
            try (lock) {
                return trainAndReport(heldOutCount);
            }
        }

        /** The nights (about 3 copies of nights × length ints), and the model with one batch, must fit in the heap. */
        private void checkMemory() {
            double data = 3.0 * nights * (4.0 * length + 48);
            if (MemoryBudget.tooLarge(data)) {
                throw new ParameterException(spec.commandLine(), "--nights " + nights + " of --length " + length + " need about "
                        + MemoryBudget.size(data) + " to hold, but " + MemoryBudget.heapAdvice(data));
            }
            double model = MemoryBudget.parameterBytes(Stage.values().length, length, channels, layers)
                    + MemoryBudget.activationBytes(2, length, channels, layers, heads, Math.max(batch, FORWARD_BATCH));
            if (MemoryBudget.tooLarge(data + model)) {
                throw new ParameterException(spec.commandLine(), "the classifier (--layers " + layers + ", --width " + channels
                        + ") with --batch " + batch + " of --length " + length + " needs about " + MemoryBudget.size(model)
                        + ", but " + MemoryBudget.heapAdvice(data + model));
            }
        }

        private Integer trainAndReport(int heldOutCount) throws Exception {
            Matmul.setThreads(threads);
            PrintWriter text = spec.commandLine().getOut();

            SleepNights.Dataset all = SleepNights.generate(nights, length, seed, layout);
            SleepNights.Dataset train = all.slice(0, nights - heldOutCount), test = all.slice(nights - heldOutCount, nights);
            text.printf(Locale.ROOT, "nights: %d for training, %d held out, %d steps each, %s; both classes have the same stage counts%n",
                    train.size(), test.size(), length,
                    layout == SleepNights.Layout.ANCHORED ? "disorders at the start" : "patterns at random steps");

            BagOfStagesBaseline baseline = new BagOfStagesBaseline().fit(train.stages(), train.labels(), 2000, 1.0);
            PositionAwareBaseline positionAware = new PositionAwareBaseline(length).fit(train.stages(), train.labels(), 300, 1.0);
            NeighbourPairsBaseline pairs = new NeighbourPairsBaseline().fit(train.stages(), train.labels(), 2000, 5.0);

            ClassifierConfig config = ClassifierConfig.builder()
                    .vocabSize(Stage.values().length).contextLength(length)
                    .channels(channels).layers(layers).heads(heads)
                    .numClasses(2).pooling(pooling)
                    .attentionInitStd(attentionInitStd)
                    .build();
            SequenceClassifier model = new SequenceClassifier(config, seed);
            text.printf(Locale.ROOT, "model: sequence classifier, %d block%s, width %d, %d heads, %s pooling, attention init std %s, %,d parameters%n",
                    layers, layers == 1 ? "" : "s", channels, heads, pooling, attentionInitStd, model.parameterCount());
            text.flush();
            LabelledBatches batches = LabelledBatches.over(train.stages(), train.labels()).batchSize(batch).seed(seed).build();
            Objective<LabelledBatches.Batch> objective = Objectives.classifier(model);
            int every = Math.max(1, steps / 5);
            Trainer.Builder<LabelledBatches.Batch> trainer = Trainer.builder(objective, optimizer.build(model.parameters()), batches::next)
                    .steps(steps)
                    .checkpoint(steps, step -> {
                        try {
                            SleepClassifierFiles.save(out, model, step);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot save a checkpoint to " + out + ": " + e.getMessage(), e);
                        }
                    });
            optimizer.apply(trainer, steps);
            TrainingLog log;
            try (Progress progress = new Progress(Progress.choose(quiet, forceBar), "classify", steps, every, text)) {
                trainer.listener(progress);
                log = trainer.build().run();
            }
            model.setTraining(false);

            double[] p = disorderedProbability(model, test.stages());
            int correct = 0;
            for (int i = 0; i < p.length; i++) if ((p[i] >= 0.5 ? 1 : 0) == test.labels()[i]) correct++;
            double modelAccuracy = (double) correct / p.length;
            double baselineAccuracy = baseline.accuracy(test.stages(), test.labels());
            double positionAwareAccuracy = positionAware.accuracy(test.stages(), test.labels());
            text.printf(Locale.ROOT, "trained %d steps in %.1f s, final loss %.4f%n", steps, log.last().elapsedSeconds(), log.last().trainLoss());
            text.printf(Locale.ROOT, "held-out accuracy on %d nights (chance 50%%):%n", test.size());
            text.printf(Locale.ROOT, "  bag-of-stages baseline    %5.1f%%%n", 100 * baselineAccuracy);
            text.printf(Locale.ROOT, "  position-aware baseline   %5.1f%%%n", 100 * positionAwareAccuracy);
            text.printf(Locale.ROOT, "  neighbour-pairs baseline  %5.1f%%   (handed the order: where the signal is)%n",
                    100 * pairs.accuracy(test.stages(), test.labels()));
            text.printf(Locale.ROOT, "  sequence classifier       %5.1f%%%n", 100 * modelAccuracy);
            text.println("saved " + out);
            text.flush();
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"P(disordered) for a real hypnogram: a CSV with one stage per 30-s epoch (W, N1, N2, N3, REM),",
                    "cut into windows of the model's context; prints each window and the mean."})
    static final class Predict implements Callable<Integer> {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The hypnogram: one stage per line, optionally 'epoch,stage'.")
        Path csv;

        @Option(names = "--model", defaultValue = "runs/sleepgpt", paramLabel = "DIR", description = "Checkpoint from 'classify train' (default ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--stride", description = "Epochs between window starts (default: the window length, no overlap).")
        Integer stride;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (stride != null && stride < 1) throw new ParameterException(spec.commandLine(), "--stride must be at least 1, got " + stride);
            String notAFile = InputFiles.whyNotARegularFile(csv);
            if (!java.nio.file.Files.exists(csv)) throw new java.nio.file.NoSuchFileException(csv.toString());
            if (notAFile != null) throw new ParameterException(spec.commandLine(), csv + ": " + notAFile + "; --csv expects a hypnogram CSV file");
            Hypnogram.Night night = Hypnogram.readNight(csv);
            SequenceClassifier classifier = SleepClassifierFiles.load(model);
            classifier.setTraining(false);
            int window = classifier.config().contextLength();
            int step = stride == null ? window : stride;
            int count = Hypnogram.windowCount(night.stages().length, window, step);
            PrintWriter text = spec.commandLine().getOut();
            text.printf(Locale.ROOT, "%s: %d epochs, %d window%s of %d%s%n", csv, night.stages().length, count,
                    count == 1 ? "" : "s", window, night.unscored() == 0 ? ""
                            : String.format(Locale.ROOT, " (%d unscored or movement epochs skipped)", night.unscored()));
            // the windows a slice at a time: --stride 1 on a long night makes tens of thousands
            double sum = 0;
            for (int first = 0; first < count; first += FORWARD_BATCH) {
                int[][] windows = new int[Math.min(FORWARD_BATCH, count - first)][];
                for (int w = 0; w < windows.length; w++) {
                    int start = (first + w) * step;
                    windows[w] = java.util.Arrays.copyOfRange(night.stages(), start, start + window);
                }
                double[] p = disorderedProbability(classifier, windows);
                for (int w = 0; w < windows.length; w++) {
                    int start = (first + w) * step;
                    text.printf(Locale.ROOT, "epochs %4d-%-4d  P(disordered) %.3f%n", start + 1, start + window, p[w]);
                    sum += p[w];
                }
            }
            text.printf(Locale.ROOT, "overall (mean of windows)  P(disordered) %.3f%n", sum / count);
            text.flush();
            return 0;
        }
    }

    @Command(name = "seeds", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Chapter 10's seed sweep: train its classifiers on the random-position nights from several seeds and",
                    "initial attention spreads, and write one CSV row per run (seed, batch seed, spread, steps, held-out accuracy, last loss).",
                    "Without --model, --seeds, --attention-init-std or --steps it runs the sweep the chapter reads:",
                    "  " + SeedSweep.COMMAND,
                    "(130 runs, about 8 minutes on one core). With any of them or --batch-seed, their product."})
    static final class Seeds implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced when the sweep is done).")
        Path out;

        @Option(names = "--model", description = "RANDOM_POSITION (1 block, 16 heads, mean pooling) or FIRST_PART (2 blocks, 4 heads, class token).")
        SeedSweep.Model model;

        @Option(names = "--seeds", paramLabel = "FIRST..LAST", description = "Weight seeds, e.g. 1..7 (default 1..7 with other options).")
        String seeds;

        @Option(names = "--batch-seed", paramLabel = "N|same", description = "Seed of the batch order: a number, or 'same' for each run's own seed (default 3, the chapter's).")
        String batchSeed;

        @Option(names = "--attention-init-std", split = ",", paramLabel = "STD", description = "Spreads of the attention's q, k, v weights, e.g. 0.02,0.7 (default 0.7).")
        List<Float> stds;

        @Option(names = "--steps", split = ",", paramLabel = "N", description = "Training steps, e.g. 200,250 (default 200).")
        List<Integer> steps;

        @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}; the figures do not depend on it).")
        int threads;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
            if (java.nio.file.Files.isDirectory(out)) throw new ParameterException(spec.commandLine(), "--out " + out + " is a directory; expected a CSV file");
            List<SeedSweep.Plan> plans;
            try {
                int[] range = seedRange();
                plans = model == null && seeds == null && batchSeed == null && stds == null && steps == null ? SeedSweep.CHAPTER_PLAN
                        : List.of(new SeedSweep.Plan(model == null ? SeedSweep.Model.RANDOM_POSITION : model, range[0], range[1],
                                batchSeed(), stds == null ? List.of(0.7f) : stds, steps == null ? List.of(200) : steps));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Matmul.setThreads(threads);
            PrintWriter text = spec.commandLine().getOut();
            List<SeedSweep.Spec> specs = SeedSweep.runs(plans);
            SleepNights.Dataset nights = SeedSweep.nights();
            List<SeedSweep.Row> rows = new java.util.ArrayList<>();   // not the runs: each keeps its classifier's activations
            for (SeedSweep.Spec run : specs) {
                long start = System.nanoTime();
                SeedSweep.Row row = SeedSweep.train(nights, run).row();
                rows.add(row);
                text.printf(Locale.ROOT, "%3d/%d  %s seed %d, batch seed %d, attention init std %s, %d steps: held-out accuracy %.3f, last loss %.4f (%.1f s)%n",
                        rows.size(), specs.size(), run.model(), run.seed(), run.batchSeed(), run.attentionInitStd(), run.steps(),
                        row.heldOutAccuracy(), row.lastLoss(), (System.nanoTime() - start) / 1e9);
                text.flush();
            }
            SeedSweep.write(rows, out);
            text.println("wrote " + out + " (" + rows.size() + " rows)");
            text.flush();
            return 0;
        }

        /** {@code --batch-seed N} or {@code same} (null: each run's own seed); 3 when absent. */
        private Integer batchSeed() {
            if (batchSeed == null) return (int) SeedSweep.BATCH_SEED;
            if (batchSeed.strip().equals("same")) return null;
            try {
                return Integer.parseInt(batchSeed.strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--batch-seed expects a number or 'same', got '" + batchSeed + "'");
            }
        }

        /** {@code --seeds FIRST..LAST} (or one seed N), 1..7 when absent. */
        private int[] seedRange() {
            if (seeds == null) return new int[] {1, 7};
            var m = java.util.regex.Pattern.compile("(-?\\d+)(?:\\.\\.(-?\\d+))?").matcher(seeds.strip());
            if (!m.matches()) throw new ParameterException(spec.commandLine(), "--seeds expects FIRST..LAST such as 1..7, or one seed, got '" + seeds + "'");
            int first = Integer.parseInt(m.group(1));
            return new int[] {first, m.group(2) == null ? first : Integer.parseInt(m.group(2))};
        }
    }
}
