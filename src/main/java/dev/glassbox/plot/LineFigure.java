package dev.glassbox.plot;

import java.awt.BasicStroke;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.Range;

/** Lines, one per named series: loss curves, learning-rate schedules, functions. */
public final class LineFigure extends Figure {

    private record Series(String name, double[] x, double[] y) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Series> guides = new ArrayList<>();

    private boolean markEnds;
    private boolean equalAxisScales;
    private boolean legend = true;
    private String[] yCategories;

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

    /**
     * Marks the last point of every series with a dot in the series' colour: where an optimizer's
     * path ended, which a line alone does not show when paths overlap or double back.
     */
    public LineFigure markEnds() {
        markEnds = true;
        return this;
    }

    /**
     * Draws one unit of x as long as one unit of y, widening whichever axis range needs it. Without
     * it a plot stretches its data to fill the frame, and an ellipse 5 times longer than wide can look
     * round. Use it when the two axes measure the same thing (two coordinates of one parameter).
     */
    public LineFigure equalAxisScales() {
        equalAxisScales = true;
        return this;
    }

    /**
     * Names the y values 0, 1, 2, ... with these labels, bottom to top, and shows only those ticks:
     * for a y axis of categories drawn as heights, such as the sleep stages of a hypnogram.
     */
    public LineFigure yCategories(String... labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("y categories need at least one label, got none");
        }
        for (int i = 0; i < labels.length; i++) text("y category " + i, labels[i]);
        yCategories = labels.clone();
        return this;
    }

    /** Leaves out the legend: for a single line whose name the title or the axes already say. */
    public LineFigure hideLegend() {
        legend = false;
        return this;
    }

    /** Whether {@link #equalAxisScales()} was asked for. */
    public boolean hasEqualAxisScales() {
        return equalAxisScales;
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

    /** Adds a line through the points (x[i], y[i]), y given as floats (a tensor's {@code data()}). */
    public LineFigure series(String name, double[] x, float[] y) {
        return series(name, x, toDoubles(y));
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
        if (markEnds) {
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                int last = s.x.length - 1;
                ObjectNode end = trace("scatter", s.name + " (end)").put("mode", "markers").put("showlegend", false);
                end.set("x", numbers(new double[] {s.x[last]}));
                end.set("y", numbers(new double[] {s.y[last]}));
                end.putObject("marker").put("color", Palette.traceHex(i)).put("size", 10);
                traces.add(end);
            }
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
        layout.put("showlegend", legend); // like the PNG, also for a single line unless hidden
        if (yCategories != null) {
            layout.withObjectProperty("yaxis").put("tickmode", "array")
                .set("tickvals", numbers(indices(yCategories.length)));
            layout.withObjectProperty("yaxis").set("ticktext", strings(yCategories));
            // half a category of room above and below, as the PNG's category axis leaves
            layout.withObjectProperty("yaxis").putArray("range").add(-0.5).add(yCategories.length - 0.5);
        }
        if (equalAxisScales) {
            layout.withObjectProperty("yaxis").put("scaleanchor", "x").put("scaleratio", 1);
        }
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
        if (markEnds) {
            for (Series s : series) {
                // series keys must be unique; the " (end)" suffix keeps them apart from the lines
                XYSeries end = new XYSeries(s.name + " (end)", false, true);
                end.add(s.x[s.x.length - 1], s.y[s.y.length - 1]);
                data.addSeries(end);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title(), xLabel(), yLabel(), data,
            PlotOrientation.VERTICAL, legend, false, false);
        XYPlot plot = chart.getXYPlot();
        if (yCategories != null) {
            SymbolAxis categories = new SymbolAxis(yLabel(), yCategories);   // value i is labelled yCategories[i]
            categories.setGridBandsVisible(false);
            plot.setRangeAxis(categories);
        }
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
        if (markEnds) {
            for (int i = 0; i < series.size(); i++) {
                int index = guides.size() + series.size() + i;
                renderer.setSeriesPaint(index, Palette.traceColour(i));
                renderer.setSeriesLinesVisible(index, false);
                renderer.setSeriesShapesVisible(index, true);
                renderer.setSeriesShape(index, new Ellipse2D.Double(-5, -5, 10, 10));
                renderer.setSeriesVisibleInLegend(index, false);
            }
        }
        plot.setRenderer(renderer);
        if (!guides.isEmpty()) {
            plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);   // guides first, underneath, as in Plotly
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ChartStyle.apply(chart);
        if (equalAxisScales) {
            equaliseScales(chart, plot);
        }
        return chart;
    }

    /**
     * Lays the chart out once at its final size to learn the data area in pixels, then widens the
     * x or the y range (about its centre) until both axes have the same units per pixel.
     */
    private void equaliseScales(JFreeChart chart, XYPlot plot) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage scratch = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        chart.draw(g, new Rectangle2D.Double(0, 0, width(), height()), info);
        g.dispose();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
        NumberAxis yAxis = (NumberAxis) plot.getRangeAxis();
        Range x = xAxis.getRange(), y = yAxis.getRange();
        double xPerPixel = x.getLength() / area.getWidth(), yPerPixel = y.getLength() / area.getHeight();
        if (xPerPixel > yPerPixel) {
            yAxis.setRange(widened(y, xPerPixel * area.getHeight()));
        } else {
            xAxis.setRange(widened(x, yPerPixel * area.getWidth()));
        }
    }

    private static Range widened(Range range, double length) {
        double centre = range.getCentralValue();
        return new Range(centre - length / 2, centre + length / 2);
    }

    @Override
    String describe() {
        List<String> names = new ArrayList<>();
        for (Series s : series) {
            names.add(s.name);
        }
        return series.size() + " line(s): " + String.join(", ", names)
            + (guides.isEmpty() ? "" : " over " + guides.size() + " guide line(s)")
            + (markEnds ? ", ends marked" : "") + (equalAxisScales ? ", equal axis scales" : "")
            + (yCategories == null ? "" : ", y axis " + String.join(" < ", yCategories))
            + (legend ? "" : ", no legend");
    }

    private void requireSeries() {
        if (series.isEmpty()) {
            throw new IllegalStateException("line figure \"" + title() + "\" has no series; add one with series(...)");
        }
    }
}
