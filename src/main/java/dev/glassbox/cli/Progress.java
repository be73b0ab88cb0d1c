package dev.glassbox.cli;

import dev.glassbox.train.TrainingLog;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How a training run reports itself: a live progress bar with loss and ETA on a terminal, a line per
 * evaluation when the output goes to a file or pipe (a bar would fill it with carriage returns), nothing
 * with {@code --quiet}.
 */
final class Progress implements Consumer<TrainingLog.Row>, AutoCloseable {
    enum Mode { BAR, LINES, QUIET }

    private final Mode mode;
    private final PrintWriter lines;
    private final int steps;
    private final int every;
    private final long firstStep;
    private final ProgressBar bar;
    private float lastValidation = Float.NaN;

    /** Chooses BAR on a terminal, LINES otherwise; {@code quiet} wins, {@code forceBar} forces the bar. */
    static Mode choose(boolean quiet, boolean forceBar) {
        if (quiet) return Mode.QUIET;
        return forceBar || System.console() != null ? Mode.BAR : Mode.LINES;
    }

    Progress(Mode mode, String task, int steps, int every, PrintWriter lines) {
        this(mode, task, 0, steps, every, lines);
    }

    /** For a run resumed after {@code firstStep} steps: lines name the steps counted from the first run's start. */
    Progress(Mode mode, String task, long firstStep, int steps, int every, PrintWriter lines) {
        this.firstStep = firstStep;
        this.mode = mode;
        this.lines = lines;
        this.steps = steps;
        this.every = every;
        // the bar draws on the process's stderr (a terminal), so stdout keeps only results
        this.bar = mode != Mode.BAR ? null : bar(task, steps);
    }

    /** A terminal progress bar on stderr (stdout keeps only results), for any count of steps. */
    static ProgressBar bar(String task, int steps) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void accept(TrainingLog.Row row) {
        if (row.hasValidationLoss()) lastValidation = row.validationLoss();
        switch (mode) {
            case BAR -> {
                bar.stepTo(row.step());
                bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f%s  %,.0f tok/s", row.trainLoss(),
                        Float.isNaN(lastValidation) ? "" : String.format(Locale.ROOT, " val %.3f", lastValidation), row.tokensPerSecond()));
            }
            case LINES -> {
                if (row.step() % every == 0 || row.step() == steps || row.step() == 1) {
                    double secondsPerStep = row.elapsedSeconds() / row.step();
                    lines.printf(Locale.ROOT, "step %d/%d  loss %.4f%s  lr %.2e  %,.0f tok/s  eta %s%n", firstStep + row.step(), firstStep + steps,
                            row.trainLoss(), row.hasValidationLoss() ? String.format(Locale.ROOT, "  val %.4f", row.validationLoss()) : "",
                            row.learningRate(), row.tokensPerSecond(),
                            row.step() == 1 ? "?" : duration(secondsPerStep * (steps - row.step())));   // step 1 includes JIT warm-up
                    lines.flush();
                }
            }
            case QUIET -> { }
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
