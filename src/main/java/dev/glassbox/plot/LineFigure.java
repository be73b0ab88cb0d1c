package dev.glassbox.plot;

import java.awt.BasicStroke;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Lines, one per named series: loss curves, learning-rate schedules, functions. */
public final class LineFigure extends Figure {

    private record Series(String name, double[] x, double[] y) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Series> guides = new ArrayList<>();

    /** The colour of {@link #guide} lines: light grey, so the real series stand out. */
    static final String GUIDE_HEX = "#b4b4b4";

    LineFigure(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel);
    }

    /** Adds a line through the points (x[i], y[i]). */
    public LineFigure series(String name, double[] x, double[] y) {
        series.add(checked("series", name, x, y));
        return this;
    }

    /**
     * Adds a thin light-grey line drawn behind the series and left out of the legend, for context
     * rather than data: a contour (level set) of a loss surface under optimizer paths, a target
     * value. It takes no colour from the series. Hovering shows its name.
     */
    public LineFigure guide(String name, double[] x, double[] y) {
        guides.add(checked("guide", name, x, y));
        return this;
    }

    /** A line's points, refused with its kind and name when they are not finite, not paired up or empty. */
    private Series checked(String kind, String name, double[] x, double[] y) {
        text(kind + " name", name);
        double[] xs = finite(kind + " '" + name + "' x", x);
        double[] ys = finite(kind + " '" + name + "' y", y);
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(kind + " '" + name + "' has " + xs.length + " x values but "
                + ys.length + " y values; they must pair up");
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException(kind + " '" + name + "' is empty");
        }
        return new Series(name, xs, ys);
    }

    /** Adds a line through (0, y[0]), (1, y[1]), ... */
    public LineFigure series(String name, double[] y) {
        return series(name, indices(y == null ? 0 : y.length), y);
    }

    /** Adds a line through (0, y[0]), (1, y[1]), ... */
    public LineFigure series(String name, float[] y) {
        return series(name, toDoubles(y));
    }

    @Override
    public LineFigure size(int width, int height) {
        super.size(width, height);
        return this;
    }

    @Override
    List<ObjectNode> traces() {
        requireSeries();
        List<ObjectNode> traces = new ArrayList<>();
        for (Series g : guides) {    // first, so they are drawn behind the series
            ObjectNode trace = line(g, GUIDE_HEX, 1);
            trace.put("showlegend", false);
            traces.add(trace);
        }
        for (int i = 0; i < series.size(); i++) {
            traces.add(line(series.get(i), Palette.traceHex(i), 2));
        }
        return traces;
    }

    private static ObjectNode line(Series s, String colour, int width) {
        ObjectNode trace = trace("scatter", s.name).put("mode", "lines");
        trace.set("x", numbers(s.x));
        trace.set("y", numbers(s.y));
        trace.putObject("line").put("color", colour).put("width", width);
        return trace;
    }

    @Override
    void styleLayout(ObjectNode layout) {
        layout.put("showlegend", true); // like the PNG, also for a single line
    }

    @Override
    JFreeChart chart() {
        requireSeries();
        XYSeriesCollection data = new XYSeriesCollection();
        for (int g = 0; g < guides.size(); g++) {
            Series s = guides.get(g);
            // keys must be unique in the collection; guides are not in the legend, so the key is internal
            XYSeries xy = new XYSeries("guide " + g + ": " + s.name, false, true);
            for (int i = 0; i < s.x.length; i++) {
                xy.add(s.x[i], s.y[i]);
            }
            data.addSeries(xy);
        }
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name, false, true);
            for (int i = 0; i < s.x.length; i++) {
                xy.add(s.x[i], s.y[i]);
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title(), xLabel(), yLabel(), data,
            PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int g = 0; g < guides.size(); g++) {
            renderer.setSeriesPaint(g, Color.decode(GUIDE_HEX));
            renderer.setSeriesStroke(g, new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesVisibleInLegend(g, false);
        }
        for (int i = 0; i < series.size(); i++) {
            int index = guides.size() + i;
            renderer.setSeriesPaint(index, Palette.traceColour(i));
            renderer.setSeriesStroke(index, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        plot.setRenderer(renderer);
        if (!guides.isEmpty()) {
            plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);   // guides first, underneath, as in Plotly
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        return ChartStyle.apply(chart);
    }

    @Override
    String describe() {
        List<String> names = new ArrayList<>();
        for (Series s : series) {
            names.add(s.name);
        }
        return series.size() + " line(s): " + String.join(", ", names)
            + (guides.isEmpty() ? "" : " over " + guides.size() + " guide line(s)");
    }

    private void requireSeries() {
        if (series.isEmpty()) {
            throw new IllegalStateException("line figure \"" + title() + "\" has no series; add one with series(...)");
        }
    }
}
