package dev.glassbox.plot;

import dev.glassbox.stats.Pca;

/**
 * Where figures start. Build one, then show it with one call:
 * <pre>{@code
 * Plot.line("Training loss", "step", "loss")
 *     .series("train", steps, trainLoss)
 *     .series("validation", steps, validationLoss)
 *     .show();
 * }</pre>
 * Each figure is drawn both as an interactive Plotly plot and as a PNG (see {@link Figure}).
 */
public final class Plot {

    private Plot() {
    }

    /** Lines: add them with {@code series(name, x, y)} or {@code series(name, y)}. */
    public static LineFigure line(String title, String xLabel, String yLabel) {
        return new LineFigure(title, xLabel, yLabel);
    }

    /** Bars: {@code categories(...)} then one {@code series(name, values...)} per group. */
    public static BarFigure bar(String title, String xLabel, String yLabel) {
        return new BarFigure(title, xLabel, yLabel);
    }

    /** A labelled matrix: {@code values(...)}, {@code rowLabels(...)}, {@code columnLabels(...)}. */
    public static HeatMapFigure heatMap(String title, String xLabel, String yLabel) {
        return new HeatMapFigure(title, xLabel, yLabel);
    }

    /** Points with optional labels: {@code points(name, x, y, labels...)}. */
    public static ScatterFigure scatter(String title, String xLabel, String yLabel) {
        return new ScatterFigure(title, xLabel, yLabel);
    }

    /**
     * The samples of a PCA on its first two components, axes titled with their variance shares; add groups with
     * {@code points(name, rows, labels...)}, rows being the matrix rows the samples came from.
     */
    public static ScatterFigure pca(String title, Pca pca) {
        return ScatterFigure.ofPca(title, pca);
    }

    /** Figures in a grid of the given number of columns, filled row by row. */
    public static GridFigure grid(String title, int columns, Figure... figures) {
        return new GridFigure(title, columns, figures);
    }
}
