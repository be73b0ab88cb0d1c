package dev.glassbox.train;

import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.optim.Sgd;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's bookkeeping, on a model small enough to check by hand: linear regression
 * ŷ = w·x with loss = mean over the batch of (ŷ − y)², data from w* = (2, −3).
 */
class TrainerTest {

    record Example(float[][] x, float[] y) {}

    /** The regression model as an {@link Objective}, recording the training flag it was given. */
    static final class Regression implements Objective<Example> {
        final Parameter w = new Parameter("w", Tensor.vector(0f, 0f), true);
        final List<Boolean> trainingFlags = new ArrayList<>();
        private Example last;
        boolean training;

        @Override
        public float forward(Example batch) {
            last = batch;
            trainingFlags.add(training);
            double loss = 0;
            for (int i = 0; i < batch.y().length; i++) {
                double error = predict(batch.x()[i]) - batch.y()[i];
                loss += error * error;
            }
            return (float) (loss / batch.y().length);
        }

        @Override
        public void backward() {
            // dL/dw = (2/n) Σ (ŷ − y)·x
            float[] g = w.grad().data();
            int n = last.y().length;
            for (int i = 0; i < n; i++) {
                double error = predict(last.x()[i]) - last.y()[i];
                g[0] += (float) (2 * error * last.x()[i][0] / n);
                g[1] += (float) (2 * error * last.x()[i][1] / n);
            }
        }

        @Override
        public int tokens(Example batch) {
            return batch.y().length;
        }

        @Override
        public void setTraining(boolean training) {
            this.training = training;
        }

        private double predict(float[] x) {
            return w.value().data()[0] * x[0] + w.value().data()[1] * x[1];
        }
    }

    static Supplier<Example> examples(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> {
            float[][] x = new float[4][2];
            float[] y = new float[4];
            for (int i = 0; i < 4; i++) {
                x[i][0] = (float) random.nextGaussian();
                x[i][1] = (float) random.nextGaussian();
                y[i] = 2 * x[i][0] - 3 * x[i][1];
            }
            return new Example(x, y);
        };
    }

    private static final Example FIRST = new Example(new float[][] {{1, 0}, {0, 1}}, new float[] {2, -3});

    @Test
    void firstStepIsLoggedWithHandComputedNumbers() {
        // w = 0: loss = ((0−2)² + (0+3)²)/2 = 6.5; g = (2/2)·((−2)·(1,0) + 3·(0,1)) = (−2, 3), ‖g‖ = √13.
        // Clipped to 1: g = (−2, 3)/√13; SGD with η = 0.5 moves w to (1/√13, −1.5/√13).
        Regression model = new Regression();
        TrainingLog log = Trainer.builder(model, new Sgd(List.of(model.w), 0.5f), () -> FIRST)
                .steps(1).clipGradientNorm(1.0).build().run();
        TrainingLog.Row row = log.last();
        assertEquals(1, row.step());
        assertEquals(6.5f, row.trainLoss(), 1e-6);
        assertEquals(Math.sqrt(13), row.gradientNorm(), 1e-6);
        assertEquals(0.5f, row.learningRate());
        assertFalse(row.hasValidationLoss());
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(13)), (float) (-1.5 / Math.sqrt(13))},
                model.w.value().data(), 1e-6f);
        assertTrue(row.tokensPerSecond() > 0 && row.elapsedSeconds() > 0);
    }

    @Test
    void validationScheduleCheckpointsAndListener() {
        Regression model = new Regression();
        List<Integer> checkpoints = new ArrayList<>();
        List<TrainingLog.Row> heard = new ArrayList<>();
        Example validation = examples(99).get();
        LrSchedule schedule = LrSchedule.warmupCosine(0.1f, 4, 20, 0.01f);
        TrainingLog log = Trainer.builder(model, new Sgd(List.of(model.w), 1f), examples(1))
                .steps(23)
                .validation(List.of(validation, FIRST), 5)
                .schedule(schedule)
                .checkpoint(10, checkpoints::add)
                .listener(heard::add)
                .build().run();
        assertEquals(23, log.size());
        assertEquals(log.rows(), heard);
        assertEquals(List.of(10, 20, 23), checkpoints);
        List<Integer> validated = log.validationRows().stream().map(TrainingLog.Row::step).toList();
        assertEquals(List.of(5, 10, 15, 20, 23), validated);
        for (TrainingLog.Row r : log.rows()) {
            assertEquals(schedule.at(r.step() - 1), r.learningRate(), "step " + r.step());
        }
        // validation ran with training off, and training with it on
        Regression check = new Regression();
        check.w.value().data()[0] = model.w.value().data()[0];
        check.w.value().data()[1] = model.w.value().data()[1];
        float expected = (check.forward(validation) * 4 + check.forward(FIRST) * 2) / 6;   // weighted by predictions
        assertEquals(expected, log.last().validationLoss(), 1e-6f);
        assertTrue(model.trainingFlags.contains(false) && model.trainingFlags.contains(true));
        int validationForwards = (int) model.trainingFlags.stream().filter(f -> !f).count();
        assertEquals(5 * 2, validationForwards, "two validation batches, five times");
    }

    @Test
    void itLearnsTheRegression() {
        Regression model = new Regression();
        TrainingLog log = Trainer.builder(model, new Sgd(List.of(model.w), 0.1f), examples(5)).steps(200).build().run();
        assertArrayEquals(new float[] {2f, -3f}, model.w.value().data(), 1e-3f);
        assertTrue(log.meanTrainLoss(10) < 1e-6, "loss " + log.meanTrainLoss(10));
        assertEquals(log.trainLosses()[0], log.rows().get(0).trainLoss());
    }

    /** Steps 2 to 4 of a five-step log: the mean of the 2nd, 3rd and 4th losses; a stretch outside the log is refused. */
    @Test
    void meanTrainLossOverAStretchOfSteps() {
        Regression model = new Regression();
        TrainingLog log = Trainer.builder(model, new Sgd(List.of(model.w), 0.1f), examples(5)).steps(5).build().run();
        float[] losses = log.trainLosses();
        assertEquals((losses[1] + losses[2] + losses[3]) / 3.0, log.meanTrainLoss(2, 4), 1e-6);
        assertEquals(losses[4], log.meanTrainLoss(5, 5), 1e-7);
        var e = assertThrows(IllegalArgumentException.class, () -> log.meanTrainLoss(4, 6));
        assertEquals("can average steps within 1..5, asked for 4..6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.meanTrainLoss(3, 2));
    }

    @Test
    void sameSeedSameLossCurve() {
        Regression a = new Regression();
        Regression b = new Regression();
        float[] first = Trainer.builder(a, new Sgd(List.of(a.w), 0.05f), examples(3)).steps(50).build().run().trainLosses();
        float[] second = Trainer.builder(b, new Sgd(List.of(b.w), 0.05f), examples(3)).steps(50).build().run().trainLosses();
        assertArrayEquals(first, second, 0f);
    }

    @Test
    void nonFiniteLossStopsWithStepAndLearningRate() {
        // On FIRST the gradient is the error itself, so η = 3 multiplies the error by (1 − η) = −2 per
        // step: it doubles until the squared error overflows float (about step 62).
        Regression model = new Regression();
        Trainer<Example> trainer = Trainer.builder(model, new Sgd(List.of(model.w), 3f), () -> FIRST).steps(1000).build();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, trainer::run);
        assertTrue(e.getMessage().matches("(training loss became (NaN|Infinity) at step \\d+|training stopped at step \\d+) \\(learning rate 3\\.0\\).*"),
                e.getMessage());
        assertEquals(e.step() - 1, e.log().size(), "the log holds every completed step");
        assertTrue(e.step() > 50 && e.step() < 70, "stopped at step " + e.step());
    }

    @Test
    void nanLossFromTheModelIsReportedBeforeAnyUpdate() {
        Regression model = new Regression();
        Example poisoned = new Example(new float[][] {{1, Float.NaN}}, new float[] {1});
        Supplier<Example> batches = new Supplier<>() {
            int calls;
            @Override public Example get() { return ++calls == 3 ? poisoned : FIRST; }
        };
        Trainer<Example> trainer = Trainer.builder(model, new Sgd(List.of(model.w), 0.01f), batches).steps(5).build();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, trainer::run);
        assertEquals("training loss became NaN at step 3 (learning rate 0.01); stopped before updating the weights. "
                + "Try a smaller learning rate or gradient clipping", e.getMessage());
        assertEquals(2, e.log().size());
    }

    @Test
    void aLayersArithmeticErrorIsReportedWithStepAndLearningRate() {
        Regression model = new Regression();
        Objective<Example> failing = new Objective<>() {
            int calls;
            @Override public float forward(Example batch) {
                if (++calls == 2) throw new ArithmeticException("h.0.attn produced NaN at flat position 3");
                return model.forward(batch);
            }
            @Override public void backward() { model.backward(); }
            @Override public int tokens(Example batch) { return model.tokens(batch); }
        };
        Trainer<Example> trainer = Trainer.builder(failing, new Sgd(List.of(model.w), 0.01f), () -> FIRST).steps(5).build();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, trainer::run);
        assertEquals("training stopped at step 2 (learning rate 0.01): h.0.attn produced NaN at flat position 3", e.getMessage());
        assertEquals("h.0.attn produced NaN at flat position 3", e.getCause().getMessage());
        assertEquals(1, e.log().size());
    }

    @Test
    void badSettings() {
        Regression model = new Regression();
        var builder = Trainer.builder(model, new Sgd(List.of(model.w), 0.1f), () -> FIRST);
        assertMessage(() -> builder.steps(0), "number of training steps must be at least 1, got 0");
        assertMessage(() -> builder.validation(List.of(), 5), "validation needs at least one batch");
        assertMessage(() -> builder.validation(List.of(FIRST), 0), "validation interval must be at least 1 step, got 0");
        assertMessage(() -> builder.checkpoint(0, s -> {}), "checkpoint interval must be at least 1 step, got 0");
        assertMessage(() -> builder.clipGradientNorm(-1), "maximum gradient norm must be a finite number above 0, got -1.0");
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("set the number of training steps with steps(n) before build()", e.getMessage());
    }

    @Test
    void logTableForNotebooks() {
        Regression model = new Regression();
        TrainingLog log = Trainer.builder(model, new Sgd(List.of(model.w), 0.1f), examples(2))
                .steps(6).validation(List.of(FIRST), 3).build().run();
        var table = log.toTable();
        assertEquals(List.of("step", "train_loss", "val_loss", "lr", "grad_norm", "tokens_per_s", "elapsed_s"), table.columnNames());
        assertEquals(6, table.rowCount());
        assertEquals(4, table.doubleColumn("val_loss").countMissing(), "validation only at steps 3 and 6");
        assertEquals(log.rows().get(2).validationLoss(), table.doubleColumn("val_loss").get(2), 1e-6);
        assertEquals(log.rows().get(4).trainLoss(), table.doubleColumn("train_loss").get(4), 1e-6);
    }

    static void assertMessage(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }
}
