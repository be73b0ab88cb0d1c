package dev.glassbox.sleep;

import dev.glassbox.data.LabelledBatches;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.optim.AdamW;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.train.Objectives;
import dev.glassbox.train.Trainer;
import dev.glassbox.train.TrainingLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chapter 10's seed sweep: its classifiers trained on the random-position nights from several seeds, batch
 * orders and initial attention spreads, too slow for the notebook (seconds each, 130 runs), so it is a recorded
 * run. The chapter reads the committed result, {@value #RESOURCE} beside this class, made by {@value #COMMAND}
 * (a plain CSV file: {@link #HEADER}, under a comment line); {@code SeedSweepTest} trains two of its rows again
 * and checks that they give the figures the file holds.
 *
 * <p>Every run uses the chapter's data and training: 1,300 {@link SleepNights.Layout#RANDOM_POSITIONS}
 * nights of 24 steps from seed 42, nights 0-999 for training and 1100-1299 held out; AdamW (β 0.9/0.99,
 * ε 1e-8, weight decay 0.01) on batches of 32 nights, a short warm-up and a
 * cosine decay to a tenth of the peak rate, gradients clipped at norm 1. A run's seed is the seed of the
 * classifier's initial weights; its batch seed sets the order in which the same nights come.
 */
public final class SeedSweep {
    /** The recorded sweep, a resource beside this class. */
    public static final String RESOURCE = "seed-sweep.csv";
    /** The command, from the repository root, that wrote {@link #RESOURCE}. */
    public static final String COMMAND = "bin/glassbox-gpt classify seeds --out src/main/resources/dev/glassbox/sleep/seed-sweep.csv";
    /** Night length of the random-position part of the chapter. */
    public static final int LENGTH = 24;
    /** Seed of the batch order in the chapter's cells. */
    public static final long BATCH_SEED = 3;

    /** The two classifiers chapter 10 trains, and how. */
    public enum Model {
        /** The first part's: 2 blocks, 4 heads of 8, a class token; peak learning rate 3e-3, 15 warm-up steps. */
        FIRST_PART(2, 4, Pooling.CLASS_TOKEN, 3e-3f, 15),
        /** The random-position part's: 1 block, 16 heads of 2, mean pooling; peak learning rate 3e-2, 20 warm-up steps. */
        RANDOM_POSITION(1, 16, Pooling.MEAN, 3e-2f, 20);

        final int layers, heads, warmup;
        final Pooling pooling;
        final float peak;

        Model(int layers, int heads, Pooling pooling, float peak, int warmup) {
            this.layers = layers;
            this.heads = heads;
            this.pooling = pooling;
            this.peak = peak;
            this.warmup = warmup;
        }

        /** Its configuration for 24-step nights, width 32, with the attention's q, k, v weights drawn with {@code attentionInitStd}. */
        public ClassifierConfig config(float attentionInitStd) {
            return ClassifierConfig.builder()
                    .vocabSize(Stage.values().length).contextLength(LENGTH)
                    .channels(32).layers(layers).heads(heads)
                    .numClasses(2).pooling(pooling)
                    .attentionInitStd(attentionInitStd)
                    .build();
        }
    }

    /**
     * A group of runs: every seed from {@code firstSeed} to {@code lastSeed} with every spread and every number of
     * steps, the batches shuffled with {@code batchSeed}, or with the run's own seed when it is {@code null}.
     */
    public record Plan(Model model, int firstSeed, int lastSeed, Integer batchSeed, List<Float> attentionInitStds, List<Integer> steps) {
        public Plan {
            if (model == null) throw new IllegalArgumentException("a plan needs a model: FIRST_PART or RANDOM_POSITION");
            if (firstSeed > lastSeed) throw new IllegalArgumentException("seeds " + firstSeed + ".." + lastSeed + " are empty; expected first <= last");
            if (attentionInitStds.isEmpty() || steps.isEmpty()) throw new IllegalArgumentException("a plan needs at least one spread and one number of steps");
            for (float std : attentionInitStds) {
                if (!(std > 0 && Float.isFinite(std))) throw new IllegalArgumentException("attention init std must be a positive number, got " + std);
            }
            for (int n : steps) if (n < 2) throw new IllegalArgumentException("steps must be at least 2, got " + n);
            attentionInitStds = List.copyOf(attentionInitStds);
            steps = List.copyOf(steps);
        }

        /** Its runs, by steps, then spread, then seed. */
        public List<Spec> runs() {
            List<Spec> runs = new ArrayList<>();
            for (int n : steps) {
                for (float std : attentionInitStds) {
                    for (int seed = firstSeed; seed <= lastSeed; seed++) runs.add(new Spec(model, seed, batchSeed == null ? seed : batchSeed, std, n));
                }
            }
            return runs;
        }
    }

    /** What one run trains: the model, its weight seed, the seed of its batch order, the attention's initial spread, the steps. */
    public record Spec(Model model, long seed, long batchSeed, float attentionInitStd, int steps) {}

    /** The runs of all {@code plans}, in order, each once (two plans may share a run: seed 3 with batch seed 3). */
    public static List<Spec> runs(List<Plan> plans) {
        Set<Spec> runs = new LinkedHashSet<>();
        for (Plan plan : plans) runs.addAll(plan.runs());
        return List.copyOf(runs);
    }

    /**
     * The sweep the chapter reads, each group twice: with the chapter's batch order (seed {@value #BATCH_SEED}) and with
     * a batch order of each run's own seed. The random-position classifier from seeds 1-7 with seven initial attention
     * spreads, 200 steps, and with 0.7 also 250 steps; the first part's classifier with GPT-2's 0.02, 200 and 600 steps.
     */
    public static final List<Plan> CHAPTER_PLAN = List.of(
            new Plan(Model.RANDOM_POSITION, 1, 7, (int) BATCH_SEED, List.of(0.02f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1.0f), List.of(200)),
            new Plan(Model.RANDOM_POSITION, 1, 7, null, List.of(0.02f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1.0f), List.of(200)),
            new Plan(Model.RANDOM_POSITION, 1, 7, (int) BATCH_SEED, List.of(0.7f), List.of(250)),
            new Plan(Model.RANDOM_POSITION, 1, 7, null, List.of(0.7f), List.of(250)),
            new Plan(Model.FIRST_PART, 1, 7, (int) BATCH_SEED, List.of(0.02f), List.of(200, 600)),
            new Plan(Model.FIRST_PART, 1, 7, null, List.of(0.02f), List.of(200, 600)));

    /** One run: what was trained, and how it did on the 200 held-out nights. */
    public record Run(Model model, long seed, long batchSeed, float attentionInitStd, int steps, SequenceClassifier classifier, TrainingLog log,
                      double heldOutAccuracy) {
        /** The mean training loss over the last 50 steps (all of them if fewer): where training ended. */
        public double lastLoss() {
            return log.meanTrainLoss(Math.min(50, log.size()));
        }

        /** What the sweep records of it (the loss to 4 decimals). */
        public Row row() {
            return new Row(model, seed, batchSeed, attentionInitStd, steps, heldOutAccuracy, Math.round(lastLoss() * 1e4) / 1e4);
        }
    }

    /** One row of the sweep's file: a run and how it did (held-out accuracy of 200 nights, mean loss of its last 50 steps). */
    public record Row(Model model, long seed, long batchSeed, float attentionInitStd, int steps, double heldOutAccuracy, double lastLoss) {
        /** The row as a line of the CSV file, in the columns of {@link #HEADER}. */
        public String csv() {
            return String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.3f,%.4f", model, seed, batchSeed, attentionInitStd, steps, heldOutAccuracy, lastLoss);
        }

        static Row parse(String line, String where) {
            String[] f = line.split(",", -1);
            if (f.length != 7) throw new IllegalArgumentException(where + ": expected 7 fields (" + HEADER + "), got " + f.length + ": '" + line + "'");
            try {
                return new Row(Model.valueOf(f[0].strip()), Long.parseLong(f[1].strip()), Long.parseLong(f[2].strip()), Float.parseFloat(f[3].strip()),
                        Integer.parseInt(f[4].strip()), Double.parseDouble(f[5].strip()), Double.parseDouble(f[6].strip()));
            } catch (IllegalArgumentException e) {   // NumberFormatException too
                throw new IllegalArgumentException(where + ": '" + line + "' is not a sweep row (" + HEADER + "): " + e.getMessage(), e);
            }
        }
    }

    /** The CSV file's header line. */
    public static final String HEADER = "model,seed,batch_seed,attention_init_std,steps,held_out_accuracy,last_loss";

    private SeedSweep() {}

    /** The chapter's random-position nights: 1,300 of them from seed 42. */
    public static SleepNights.Dataset nights() {
        return SleepNights.generate(1300, LENGTH, 42, SleepNights.Layout.RANDOM_POSITIONS);
    }

    /**
     * Trains {@code model} from weight seed {@code seed} for {@code steps} steps on nights 0-999 of {@code nights}, batches
     * shuffled with {@code batchSeed}, and tests it on nights 1100-1299.
     */
    public static Run train(SleepNights.Dataset nights, Spec spec) {
        return train(nights, spec.model(), spec.seed(), spec.batchSeed(), spec.attentionInitStd(), spec.steps());
    }

    /** {@link #train(SleepNights.Dataset, Spec)} with the run spelt out. */
    public static Run train(SleepNights.Dataset nights, Model model, long seed, long batchSeed, float attentionInitStd, int steps) {
        if (steps < 2) throw new IllegalArgumentException("steps must be at least 2, got " + steps);
        if (nights.size() != 1300) throw new IllegalArgumentException("expected the chapter's 1300 nights, got " + nights.size());
        SleepNights.Dataset train = nights.slice(0, 1000), test = nights.slice(1100, 1300);
        SequenceClassifier classifier = new SequenceClassifier(model.config(attentionInitStd), seed);
        LabelledBatches batches = LabelledBatches.over(train.stages(), train.labels()).batchSize(32).seed(batchSeed).build();
        TrainingLog log = Trainer.builder(Objectives.classifier(classifier),
                        AdamW.builder(classifier.parameters()).learningRate(model.peak).betas(0.9f, 0.99f).epsilon(1e-8f).weightDecay(0.01f).build(),
                        batches::next)
                .steps(steps)
                .schedule(LrSchedule.warmup(Math.min(model.warmup, steps - 1)).peak(model.peak).cosineUntil(steps).downTo(model.peak / 10))
                .clipGradientNorm(1.0)
                .build().run();
        classifier.setTraining(false);
        return new Run(model, seed, batchSeed, attentionInitStd, steps, classifier, log, SleepPlots.accuracy(classifier, test));
    }

    /**
     * One figure of the runs laid out for reading: one column per seed, one row per value of {@code rowKey} (such as
     * the attention's initial spread, or the steps), in the order they first appear; "-" where no run has it. Filter
     * the runs first to one model and one batch order, so that each place holds one run. For example
     * <pre>
     * attention init std |     1     2 ...
     *               0.02 | 0.740 0.460 ...
     * </pre>
     */
    public static String bySeed(List<Row> runs, String rowTitle, Function<Row, Object> rowKey, Function<Row, Double> figure) {
        Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
        java.util.TreeSet<Long> seeds = new java.util.TreeSet<>();
        for (Row run : runs) {
            seeds.add(run.seed());
            Double before = table.computeIfAbsent(String.valueOf(rowKey.apply(run)), k -> new LinkedHashMap<>()).put(run.seed(), figure.apply(run));
            if (before != null) throw new IllegalArgumentException("two runs for " + rowTitle + " " + rowKey.apply(run) + ", seed " + run.seed()
                    + ": filter the runs to one model and one batch order first");
        }
        int width = rowTitle.length();
        for (String key : table.keySet()) width = Math.max(width, key.length());
        String label = "%" + width + "s |";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, label, rowTitle));
        for (long seed : seeds) out.append(String.format(Locale.ROOT, "%6d", seed));
        for (var row : table.entrySet()) {
            out.append('\n').append(String.format(Locale.ROOT, label, row.getKey()));
            for (long seed : seeds) {
                Double value = row.getValue().get(seed);
                out.append(value == null ? "     -" : String.format(Locale.ROOT, "%6.3f", value));
            }
        }
        return out.toString();
    }

    /** Writes the rows as CSV under a comment line naming {@link #COMMAND}; to a temporary file first, so no half-written file is left. */
    public static void write(List<Row> rows, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                out.write("# chapter 10's seed sweep, written by: " + COMMAND + "\n" + HEADER + "\n");
                for (Row row : rows) out.write(row.csv() + "\n");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The recorded sweep, {@link #RESOURCE}, one row per run in the order of the file. */
    public static List<Row> recorded() {
        try (InputStream in = SeedSweep.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path; make it with " + COMMAND);
            return read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a sweep file written by {@link #write}: {@code #} comment lines, the {@link #HEADER} line, then one row per
     * line. A line that does not fit fails with its number, named after {@code source}.
     */
    public static List<Row> read(InputStream csv, String source) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        List<Row> rows = new ArrayList<>();
        boolean header = false;
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) continue;
            if (!header) {
                if (!line.strip().equals(HEADER)) throw new IllegalArgumentException(source + " line " + number + ": expected the header " + HEADER + ", got '" + line + "'");
                header = true;
                continue;
            }
            rows.add(Row.parse(line, source + " line " + number));
        }
        if (!header) throw new IllegalArgumentException(source + " has no header line " + HEADER);
        return rows;
    }
}
