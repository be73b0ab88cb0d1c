package dev.glassbox.plot;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Training progress that updates in place in a notebook: one line (step, loss, tokens/s, elapsed,
 * ETA) refreshed at most a few times a second, and a loss plot below it refreshed every
 * {@code plotEvery} steps (a PNG while training -- small and quick; at {@link #finish()} the
 * same output is updated to the full figure bundle, so the Plotly figure is what the notebook keeps). Outside a notebook it prints a line every {@code plotEvery} steps.
 *
 * <p>A trainer calls {@link #update} with plain numbers, so this class needs nothing from the
 * training package:
 * <pre>{@code
 * var progress = new LiveProgress("Tiny GPT on Q:A", 2000).plotEvery(200);
 * for (int step = 1; step <= 2000; step++) {
 *     ... train one step ...
 *     progress.update(step, 2000, loss, tokensPerSecond);
 * }
 * progress.finish();
 * }</pre>
 */
public final class LiveProgress {

    private static final long REFRESH_NANOS = 250_000_000L;

    private final String title;
    private final LongSupplier clock;
    private final long startNanos;
    private int plotEvery = 200;
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> trainLoss = new ArrayList<>();
    private final List<Double> validationSteps = new ArrayList<>();
    private final List<Double> validationLoss = new ArrayList<>();
    private String statusId;
    private String plotId;
    private long lastRefresh = Long.MIN_VALUE;
    private int lastStep;
    private int totalSteps;
    private String status = "";

    public LiveProgress(String title, int totalSteps) {
        this(title, totalSteps, System::nanoTime);
    }

    LiveProgress(String title, int totalSteps, LongSupplier nanoClock) {
        this.title = Figure.text("title", title);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be at least 1, got " + totalSteps);
        }
        this.totalSteps = totalSteps;
        this.clock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Redraws the loss plot every this many steps (default 200). */
    public LiveProgress plotEvery(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("plotEvery must be at least 1 step, got " + steps);
        }
        this.plotEvery = steps;
        return this;
    }

    /** One training step done: its loss and throughput. */
    public void update(int step, int totalSteps, double loss, double tokensPerSecond) {
        update(step, totalSteps, loss, Double.NaN, tokensPerSecond);
    }

    /**
     * One training step done; {@code validationLoss} is NaN on steps where it was not measured.
     * Steps must increase; the training loss must be finite (a NaN loss is a bug to report, not
     * to plot).
     */
    public synchronized void update(int step, int totalSteps, double trainLoss, double validationLoss,
                                    double tokensPerSecond) {
        if (totalSteps < 1 || step < 1 || step > totalSteps) {
            throw new IllegalArgumentException("step " + step + " is outside 1.." + totalSteps);
        }
        if (step <= lastStep) {
            throw new IllegalArgumentException("step " + step + " comes after step " + lastStep + "; steps must increase");
        }
        if (!Double.isFinite(trainLoss)) {
            throw new ArithmeticException("training loss at step " + step + " is " + trainLoss);
        }
        if (Double.isInfinite(validationLoss)) {
            throw new ArithmeticException("validation loss at step " + step + " is " + validationLoss);
        }
        this.totalSteps = totalSteps;
        this.lastStep = step;
        steps.add((double) step);
        this.trainLoss.add(trainLoss);
        if (!Double.isNaN(validationLoss)) {
            validationSteps.add((double) step);
            this.validationLoss.add(validationLoss);
        }
        long now = clock.getAsLong();
        status = statusLine(step, totalSteps, trainLoss, tokensPerSecond, now - startNanos);

        boolean last = step == totalSteps;
        boolean plotNow = step % plotEvery == 0 || last;
        if (!Notebook.available()) {
            if (plotNow || step == 1) {
                System.out.println(status);
            }
            return;
        }
        if (now - lastRefresh >= REFRESH_NANOS || plotNow || step == 1) {
            lastRefresh = now;
            Map<String, Object> text = Map.of("text/plain", status, "text/html",
                "<pre style=\"margin:0\">" + Figure.escapeHtml(status) + "</pre>");
            if (statusId == null) {
                statusId = Notebook.display(text);
            } else {
                Notebook.update(statusId, text);
            }
        }
        if (plotNow && steps.size() >= 2) {
            Figure figure = figure();
            Map<String, Object> picture = new LinkedHashMap<>();
            picture.put("image/png", Base64.getEncoder().encodeToString(figure.png()));
            picture.put("text/plain", figure.toString());
            showPlot(picture);
        }
    }

    /** Replaces the PNG with the interactive loss plot (+ PNG) and returns the figure. */
    public synchronized LineFigure finish() {
        LineFigure figure = figure();
        if (Notebook.available()) {
            showPlot(figure.bundle());
        } else {
            System.out.println(status);
        }
        return figure;
    }

    /** The loss curves so far. */
    public synchronized LineFigure figure() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("no steps yet: call update(...) first");
        }
        LineFigure figure = Plot.line(title, "step", "loss").series("train", unbox(steps), unbox(trainLoss));
        if (!validationLoss.isEmpty()) {
            figure.series("validation", unbox(validationSteps), unbox(validationLoss));
        }
        return figure;
    }

    /** The current status line. */
    public synchronized String status() {
        return status;
    }

    /** "step 300/2000 (15%) | loss 2.3140 | 12.3k tokens/s | 0:24 elapsed | ETA 2:16". */
    static String statusLine(int step, int totalSteps, double loss, double tokensPerSecond, long elapsedNanos) {
        double elapsedSeconds = elapsedNanos / 1e9;
        // ETA: the mean time per step so far times the steps left
        double etaSeconds = elapsedSeconds / step * (totalSteps - step);
        String rate = Double.isFinite(tokensPerSecond) && tokensPerSecond >= 0
            ? (tokensPerSecond >= 1000 ? String.format("%.1fk", tokensPerSecond / 1000) : String.format("%.0f", tokensPerSecond))
                + " tokens/s | "
            : "";
        return String.format("step %d/%d (%d%%) | loss %.4f | %s%s elapsed | ETA %s", step, totalSteps,
            Math.round(100.0 * step / totalSteps), loss, rate, clockTime(elapsedSeconds), clockTime(etaSeconds));
    }

    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format("%d:%02d", s / 60, s % 60);
    }

    private void showPlot(Map<String, Object> bundle) {
        if (plotId == null) {
            plotId = Notebook.display(bundle);
        } else {
            Notebook.update(plotId, bundle);
        }
    }

    private static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
