package dev.glassbox.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One row per training step, for plotting loss curves. Rows where no validation was run hold
 * {@code NaN} as validation loss (Tablesaw shows those as missing); use
 * {@link Row#hasValidationLoss()} to tell.
 */
public final class TrainingLog {

    /**
     * @param step             1 for the first update, N for the last
     * @param trainLoss        the loss of this step's training batch, before the update
     * @param validationLoss   mean loss over the validation batches after this step, or NaN
     * @param learningRate     the rate this step used
     * @param gradientNorm     the global gradient norm before clipping
     * @param tokensPerSecond  this step's predictions divided by its wall time
     * @param elapsedSeconds   wall time since training started, after this step
     */
    public record Row(int step, float trainLoss, float validationLoss, float learningRate, double gradientNorm,
                      double tokensPerSecond, double elapsedSeconds) {

        public boolean hasValidationLoss() {
            return !Float.isNaN(validationLoss);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "step %5d | loss %.4f%s | lr %.2e | norm %.3f | %.0f tok/s | %.1f s",
                    step, trainLoss,
                    hasValidationLoss() ? String.format(Locale.ROOT, " | val %.4f", validationLoss) : "",
                    learningRate, gradientNorm, tokensPerSecond, elapsedSeconds);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** All rows, in step order (read-only). */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The last row; fails if no step was logged. */
    public Row last() {
        if (rows.isEmpty()) throw new IllegalStateException("the training log is empty: no step has been taken");
        return rows.get(rows.size() - 1);
    }

    /** The training loss of every step, in order. */
    public float[] trainLosses() {
        float[] losses = new float[rows.size()];
        for (int i = 0; i < losses.length; i++) losses[i] = rows.get(i).trainLoss();
        return losses;
    }

    /** Only the rows that carry a validation loss. */
    public List<Row> validationRows() {
        return rows.stream().filter(Row::hasValidationLoss).toList();
    }

    /**
     * The mean training loss over the last {@code steps} steps: one batch's loss is noisy, a
     * window of them says where training stands.
     */
    public double meanTrainLoss(int steps) {
        if (steps < 1 || steps > rows.size()) {
            throw new IllegalArgumentException("can average the last 1.." + rows.size() + " steps, asked for " + steps);
        }
        double sum = 0;
        for (int i = rows.size() - steps; i < rows.size(); i++) sum += rows.get(i).trainLoss();
        return sum / steps;
    }

    /**
     * The mean training loss of steps {@code fromStep} to {@code toStep}, both included, by {@link Row#step()}
     * (1 for the first update): where training stood over that stretch, e.g. {@code meanTrainLoss(1, 50)}.
     */
    public double meanTrainLoss(int fromStep, int toStep) {
        double sum = 0;
        int count = 0;
        for (Row row : rows) {
            if (row.step() >= fromStep && row.step() <= toStep) {
                sum += row.trainLoss();
                count++;
            }
        }
        if (fromStep > toStep || count != toStep - fromStep + 1) {
            throw new IllegalArgumentException("can average steps within " + (rows.isEmpty() ? "none" : rows.get(0).step() + ".." + last().step())
                    + ", asked for " + fromStep + ".." + toStep);
        }
        return sum / count;
    }

    /**
     * Columns step, train_loss, val_loss (missing where not measured), lr, grad_norm,
     * tokens_per_s, elapsed_s.
     */
    public Table toTable() {
        IntColumn step = IntColumn.create("step");
        DoubleColumn train = DoubleColumn.create("train_loss");
        DoubleColumn validation = DoubleColumn.create("val_loss");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn norm = DoubleColumn.create("grad_norm");
        DoubleColumn speed = DoubleColumn.create("tokens_per_s");
        DoubleColumn elapsed = DoubleColumn.create("elapsed_s");
        for (Row r : rows) {
            step.append(r.step());
            train.append(r.trainLoss());
            if (r.hasValidationLoss()) validation.append(r.validationLoss());
            else validation.appendMissing();
            lr.append(r.learningRate());
            norm.append(r.gradientNorm());
            speed.append(r.tokensPerSecond());
            elapsed.append(r.elapsedSeconds());
        }
        return Table.create("training log", step, train, validation, lr, norm, speed, elapsed);
    }

    @Override
    public String toString() {
        return rows.isEmpty() ? "empty training log" : rows.size() + " steps, last: " + last();
    }
}
