package dev.glassbox.plot;

import dev.glassbox.stats.Pca;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Points, optionally each with a text label beside it: word embeddings projected to 2-D. */
public final class ScatterFigure extends Figure {

    private record Points(String name, double[] x, double[] y, String[] labels) {
    }

    private final List<Points> groups = new ArrayList<>();
    private final Pca pca;   // for points(name, rows, labels): the samples' coordinates; null for a plain scatter

    ScatterFigure(String title, String xLabel, String yLabel) {
        this(title, xLabel, yLabel, null);
    }

    private ScatterFigure(String title, String xLabel, String yLabel, Pca pca) {
        super(title, xLabel, yLabel);
        this.pca = pca;
    }

    /** The plane of a PCA's first two components, each axis titled with the share of the variance it keeps. */
    static ScatterFigure ofPca(String title, Pca pca) {
        return new ScatterFigure(title, pca.axisTitle(0), pca.axisTitle(1), pca);
    }

    /**
     * The PCA's samples that came from these matrix rows, at their coordinates on components 1 and 2, in one
     * colour (a figure from {@link Plot#pca}).
     */
    public ScatterFigure points(String name, int[] rows, String... labels) {
        if (pca == null) {
            throw new IllegalStateException("points(name, rows, labels) places a PCA's samples; start the figure with"
                + " Plot.pca(title, pca), or give x and y to points(name, x, y, labels)");
        }
        double[] x = new double[rows.length];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = pca.coordinate(0, rows[i]);
            y[i] = pca.coordinate(1, rows[i]);
        }
        return points(name, x, y, labels);
    }

    /** A group of points in one colour; labels (one per point, or none) are written beside them. */
    public ScatterFigure points(String name, double[] x, double[] y, String... labels) {
        text("group name", name);
        double[] xs = finite("points '" + name + "' x", x);
        double[] ys = finite("points '" + name + "' y", y);
        if (xs.length != ys.length || xs.length == 0) {
            throw new IllegalArgumentException("points '" + name + "' need as many x as y values, at least one; got "
                + xs.length + " and " + ys.length);
        }
        String[] copy = labels == null || labels.length == 0 ? null : labels.clone();
        if (copy != null && copy.length != xs.length) {
            throw new IllegalArgumentException("points '" + name + "' have " + copy.length + " labels for "
                + xs.length + " points");
        }
        groups.add(new Points(name, xs, ys, copy));
        return this;
    }

    @Override
    public ScatterFigure size(int width, int height) {
        super.size(width, height);
        return this;
    }

    /** Every label in the order given, group after group. */
    public List<String> labels() {
        List<String> all = new ArrayList<>();
        for (Points p : groups) {
            if (p.labels != null) {
                all.addAll(List.of(p.labels));
            }
        }
        return all;
    }

    @Override
    List<ObjectNode> traces() {
        requirePoints();
        List<ObjectNode> traces = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Points p = groups.get(i);
            ObjectNode trace = trace("scatter", p.name).put("mode", p.labels == null ? "markers" : "text+markers");
            trace.set("x", numbers(p.x));
            trace.set("y", numbers(p.y));
            trace.putObject("marker").put("color", Palette.traceHex(i)).put("size", 8);
            if (p.labels != null) {
                trace.set("text", strings(p.labels));
                trace.put("textposition", "top right");
            }
            traces.add(trace);
        }
        return traces;
    }

    @Override
    void styleLayout(ObjectNode layout) {
        layout.put("showlegend", true);
    }

    @Override
    JFreeChart chart() {
        requirePoints();
        XYSeriesCollection data = new XYSeriesCollection();
        for (Points p : groups) {
            XYSeries series = new XYSeries(p.name, false, true);
            for (int i = 0; i < p.x.length; i++) {
                series.add(p.x[i], p.y[i]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title(), xLabel(), yLabel(), data,
            PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < groups.size(); s++) {
            renderer.setSeriesPaint(s, Palette.traceColour(s));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
            String[] labels = groups.get(s).labels;
            if (labels != null) {
                renderer.setSeriesItemLabelsVisible(s, true);
                renderer.setSeriesItemLabelFont(s, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                renderer.setSeriesItemLabelPaint(s, Palette.TEXT);
                renderer.setSeriesPositiveItemLabelPosition(s,
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.BOTTOM_LEFT));
            }
        }
        // XYSeries keeps insertion order (autoSort false), so item i is point i and its label
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> {
            String[] labels = groups.get(series).labels;
            return labels == null ? null : labels[item];
        });
        plot.setRenderer(renderer);
        // room for the labels written beside the outermost points
        plot.getDomainAxis().setUpperMargin(0.12);
        plot.getDomainAxis().setLowerMargin(0.08);
        plot.getRangeAxis().setUpperMargin(0.1);
        plot.getRangeAxis().setLowerMargin(0.1);
        return ChartStyle.apply(chart);
    }

    @Override
    String describe() {
        int points = 0;
        for (Points p : groups) {
            points += p.x.length;
        }
        return groups.size() + " group(s), " + points + " points";
    }

    private void requirePoints() {
        if (groups.isEmpty()) {
            throw new IllegalStateException("scatter figure \"" + title() + "\" has no points; add them with points(...)");
        }
    }
}
