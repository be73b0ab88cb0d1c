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
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chapter 10's seed sweep: the random-position classifier trained from several seeds and initial
 * attention spreads, too slow for the notebook (seconds each), so it is a recorded run. The chapter reads the
 * committed result, {@value #RESOURCE} beside this class, made by {@value #COMMAND}; a unit test trains one
 * of its rows again and checks that it gives the figures the file holds.
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

    /** One row of the sweep's table. */
    public record Row(Model model, long seed, long batchSeed, float attentionInitStd, int steps, double heldOutAccuracy, double lastLoss) {}

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
     * The rows as a table: model, seed, batch_seed, attention_init_std, steps, held_out_accuracy (of 200
     * nights, exact) and last_loss (mean training loss of the last 50 steps, to 4 decimals).
     */
    public static Table table(List<Row> rows) {
        StringColumn model = StringColumn.create("model");
        IntColumn seed = IntColumn.create("seed"), batchSeed = IntColumn.create("batch_seed"), steps = IntColumn.create("steps");
        DoubleColumn std = DoubleColumn.create("attention_init_std"), accuracy = DoubleColumn.create("held_out_accuracy"),
                loss = DoubleColumn.create("last_loss");
        for (Row row : rows) {
            model.append(row.model().name());
            seed.append(Math.toIntExact(row.seed()));
            batchSeed.append(Math.toIntExact(row.batchSeed()));
            std.append(Double.parseDouble(Float.toString(row.attentionInitStd())));   // 0.7f as 0.7, not 0.699999988
            steps.append(row.steps());
            accuracy.append(row.heldOutAccuracy());
            loss.append(row.lastLoss());
        }
        return Table.create("seed sweep", model, seed, batchSeed, std, steps, accuracy, loss);
    }

    /**
     * One column of the runs laid out for reading, such as {@code "held_out_accuracy"}: one column per seed, one row
     * per value of {@code rowColumn} (such as "attention_init_std" or "steps"). Filter the runs first to one model
     * and one batch order, so that each cell holds one run.
     */
    public static Table bySeed(Table runs, String rowColumn, String valueColumn) {
        Table copy = runs.copy();
        Column<?> rows = copy.column(rowColumn);
        StringColumn names = StringColumn.create(rowColumn.replace('_', ' '));   // the values as text: a pivot groups by categories
        for (int r = 0; r < copy.rowCount(); r++) names.append(rows.getString(r));
        copy.removeColumns(rows).addColumns(names);
        return copy.pivot(names.name(), "seed", valueColumn, AggregateFunctions.mean)
                .setName(valueColumn.replace('_', ' ') + " by " + names.name() + " (rows) and seed (columns)");
    }

    /** Writes the table as CSV under a comment line naming {@link #COMMAND}; to a temporary file first, so no half-written file is left. */
    public static void write(Table table, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                out.write("# chapter 10's seed sweep, written by: " + COMMAND + "\n");
                table.write().csv(CsvWriteOptions.builder(out).build());
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The recorded sweep ({@link #RESOURCE}) as a table with the columns of {@link #table}. */
    public static Table recorded() {
        try (InputStream in = SeedSweep.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path; make it with " + COMMAND);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a sweep CSV written by {@link #write}. */
    public static Table read(InputStream csv) {
        return Table.read().usingOptions(CsvReadOptions.builder(csv).tableName("seed sweep").commentPrefix('#')
                .columnTypes(new ColumnType[] {ColumnType.STRING, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.INTEGER,
                        ColumnType.DOUBLE, ColumnType.DOUBLE}));
    }
}
