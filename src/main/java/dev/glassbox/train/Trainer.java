package dev.glassbox.train;

import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.GradClip;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.optim.Optimizer;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The training loop, with everything around it that a real run needs. One step:
 * <pre>
 *   η ← schedule(step)                     (if a schedule is set)
 *   zero the gradients
 *   loss ← forward(next training batch)     stop if NaN or ±∞, naming the step and η
 *   backward()
 *   ‖g‖ ← global gradient norm             clipped to maxNorm if clipping is set
 *   optimizer.step()
 *   every K steps and at the end: validation loss, then the checkpoint hook
 *   log the row, tell the listener
 * </pre>
 *
 * <pre>
 *   TrainingLog log = Trainer.builder(Objectives.languageModel(gpt), AdamW.builder(gpt.parameters()).learningRate(1e-3f).weightDecay(0.1f).build(),
 *                   train::next)
 *           .steps(500)
 *           .validation(validation.sequential(8), 50)
 *           .schedule(LrSchedule.warmup(50).peak(1e-3f).cosineUntil(500).downTo(1e-4f))
 *           .clipGradientNorm(1.0)
 *           .listener(row -&gt; System.out.println(row))
 *           .build().run();
 * </pre>
 *
 * Nothing here is random: given seeded batches and a seeded model the loss curve is the same,
 * number for number, on every run.
 */
public final class Trainer<B> {
    private final Objective<B> objective;
    private final Optimizer optimizer;
    private final Supplier<B> trainBatches;
    private final int steps;
    private final List<B> validationBatches;
    private final int validationEvery;
    private final LrSchedule schedule;
    private final double maxGradientNorm;
    private final Consumer<TrainingLog.Row> listener;
    private final int checkpointEvery;
    private final IntConsumer checkpoint;

    private Trainer(Builder<B> b) {
        this.objective = b.objective;
        this.optimizer = b.optimizer;
        this.trainBatches = b.trainBatches;
        this.steps = b.steps;
        this.validationBatches = b.validationBatches;
        this.validationEvery = b.validationEvery;
        this.schedule = b.schedule;
        this.maxGradientNorm = b.maxGradientNorm;
        this.listener = b.listener;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpoint = b.checkpoint;
    }

    /**
     * @param objective    the model's loss, e.g. {@link Objectives#languageModel}
     * @param optimizer    over the model's parameters
     * @param trainBatches the next training batch each call, e.g. {@code batches::next}
     */
    public static <B> Builder<B> builder(Objective<B> objective, Optimizer optimizer, Supplier<B> trainBatches) {
        return new Builder<>(objective, optimizer, trainBatches);
    }

    /**
     * Runs every step and returns the log. Throws {@link TrainingStoppedException} on NaN/∞. The
     * model is left in evaluation mode (dropout off), ready to generate.
     */
    public TrainingLog run() {
        TrainingLog log = new TrainingLog();
        List<Parameter> parameters = optimizer.parameters();
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            if (schedule != null) optimizer.setLearningRate(schedule.at(step - 1));
            float lr = optimizer.learningRate();
            long stepStart = System.nanoTime();
            B batch = Objects.requireNonNull(trainBatches.get(), "the training batch supplier returned null");

            float loss;
            double gradientNorm;
            try {
                optimizer.zeroGrad();
                objective.setTraining(true);
                loss = objective.forward(batch);
                if (!Float.isFinite(loss)) {
                    throw new TrainingStoppedException("training loss became " + loss + " at step " + step
                            + " (learning rate " + lr + "); stopped before updating the weights. "
                            + "Try a smaller learning rate or gradient clipping", step, log, null);
                }
                objective.backward();
                gradientNorm = maxGradientNorm > 0
                        ? GradClip.clipGlobalNorm(parameters, maxGradientNorm)
                        : GradClip.globalNorm(parameters);
                if (!Double.isFinite(gradientNorm)) {
                    throw new ArithmeticException("gradient norm is " + gradientNorm);
                }
                optimizer.step();
            } catch (TrainingStoppedException e) {
                throw e;
            } catch (ArithmeticException e) {   // a layer's or the optimizer's own NaN check
                throw new TrainingStoppedException("training stopped at step " + step + " (learning rate " + lr + "): "
                        + e.getMessage(), step, log, e);
            }
            double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
            int tokens = objective.tokens(batch);

            float validationLoss = Float.NaN;
            boolean validate = !validationBatches.isEmpty() && (step % validationEvery == 0 || step == steps);
            if (validate) {
                try {
                    validationLoss = validationLoss(step, lr, log);
                } catch (TrainingStoppedException e) {
                    throw e;
                } catch (ArithmeticException e) {
                    throw new TrainingStoppedException("validation stopped after step " + step + " (learning rate " + lr
                            + "): " + e.getMessage(), step, log, e);
                }
            }
            if (checkpoint != null && (step % checkpointEvery == 0 || step == steps)) {
                checkpoint.accept(step);
            }
            TrainingLog.Row row = new TrainingLog.Row(step, loss, validationLoss, lr, gradientNorm,
                    tokens / Math.max(stepSeconds, 1e-9), (System.nanoTime() - start) / 1e9);
            log.add(row);
            if (listener != null) listener.accept(row);
        }
        objective.setTraining(false);
        return log;
    }

    /** Mean loss over the validation batches, weighted by their number of predictions. */
    private float validationLoss(int step, float lr, TrainingLog log) {
        objective.setTraining(false);
        double sum = 0;
        long tokens = 0;
        for (B batch : validationBatches) {
            float loss = objective.forward(batch);
            if (!Float.isFinite(loss)) {
                throw new TrainingStoppedException("validation loss became " + loss + " after step " + step
                        + " (learning rate " + lr + ")", step, log, null);
            }
            int n = objective.tokens(batch);
            sum += (double) loss * n;
            tokens += n;
        }
        objective.setTraining(true);
        return (float) (sum / tokens);
    }

    /** Sets up a {@link Trainer}; only {@link #steps} is required. */
    public static final class Builder<B> {
        private final Objective<B> objective;
        private final Optimizer optimizer;
        private final Supplier<B> trainBatches;
        private int steps = -1;
        private List<B> validationBatches = List.of();
        private int validationEvery = Integer.MAX_VALUE;
        private LrSchedule schedule;
        private double maxGradientNorm;
        private Consumer<TrainingLog.Row> listener;
        private int checkpointEvery = Integer.MAX_VALUE;
        private IntConsumer checkpoint;

        private Builder(Objective<B> objective, Optimizer optimizer, Supplier<B> trainBatches) {
            this.objective = Objects.requireNonNull(objective, "objective");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.trainBatches = Objects.requireNonNull(trainBatches, "training batch supplier");
        }

        /** How many optimizer steps to take. */
        public Builder<B> steps(int steps) {
            if (steps < 1) throw new IllegalArgumentException("number of training steps must be at least 1, got " + steps);
            this.steps = steps;
            return this;
        }

        /**
         * Measures the mean loss over {@code batches} after every {@code every} steps and after the
         * last one. Use a fixed list (e.g. {@code Batches.sequential}) so the numbers are comparable.
         */
        public Builder<B> validation(List<B> batches, int every) {
            if (batches == null || batches.isEmpty()) {
                throw new IllegalArgumentException("validation needs at least one batch");
            }
            if (every < 1) throw new IllegalArgumentException("validation interval must be at least 1 step, got " + every);
            this.validationBatches = List.copyOf(batches);
            this.validationEvery = every;
            return this;
        }

        /** Sets the optimizer's learning rate before every step from {@code schedule}. */
        public Builder<B> schedule(LrSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Clips the global gradient norm to {@code maxNorm} before each update (GPT-2 uses 1.0). */
        public Builder<B> clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
                throw new IllegalArgumentException("maximum gradient norm must be a finite number above 0, got " + maxNorm);
            }
            this.maxGradientNorm = maxNorm;
            return this;
        }

        /** Called with every row as soon as its step is done: live plots, progress bars, printing. */
        public Builder<B> listener(Consumer<TrainingLog.Row> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Calls {@code hook} with the step number after every {@code every} steps and after the last
         * one (after that step's validation), e.g. to write a checkpoint.
         */
        public Builder<B> checkpoint(int every, IntConsumer hook) {
            if (every < 1) throw new IllegalArgumentException("checkpoint interval must be at least 1 step, got " + every);
            this.checkpointEvery = every;
            this.checkpoint = Objects.requireNonNull(hook, "checkpoint hook");
            return this;
        }

        public Trainer<B> build() {
            if (steps < 0) throw new IllegalStateException("set the number of training steps with steps(n) before build()");
            return new Trainer<>(this);
        }
    }
}
