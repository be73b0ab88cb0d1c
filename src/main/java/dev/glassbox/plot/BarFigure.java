package dev.glassbox.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Bars over named categories; several series are drawn side by side (grouped). */
public final class BarFigure extends Figure {

    private record Series(String name, double[] values) {
    }

    private String[] categories;
    private final List<Series> series = new ArrayList<>();

    BarFigure(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel);
    }

    /** The category under each bar, left to right. Distinct and set before any series. */
    public BarFigure categories(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("a bar figure needs at least one category");
        }
        if (Arrays.stream(names).distinct().count() != names.length) {
            throw new IllegalArgumentException("bar categories must be distinct, got " + Arrays.toString(names));
        }
        this.categories = names.clone();
        return this;
    }

    /** One bar per category, from float values (a tensor's {@code data()}). */
    public BarFigure series(String name, float[] values) {
        return series(name, toDoubles(values));
    }

    /** One bar per category. */
    public BarFigure series(String name, double... values) {
        text("series name", name);
        if (categories == null) {
            throw new IllegalStateException("set categories(...) before adding series '" + name + "'");
        }
        double[] copy = finite("series '" + name + "'", values);
        if (copy.length != categories.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + copy.length + " values for "
                + categories.length + " categories");
        }
        series.add(new Series(name, copy));
        return this;
    }

    @Override
    public BarFigure size(int width, int height) {
        super.size(width, height);
        return this;
    }

    @Override
    List<ObjectNode> traces() {
        requireSeries();
        List<ObjectNode> traces = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            ObjectNode trace = trace("bar", series.get(i).name);
            trace.set("x", strings(categories));
            trace.set("y", numbers(series.get(i).values));
            trace.putObject("marker").put("color", Palette.traceHex(i));
            traces.add(trace);
        }
        return traces;
    }

    @Override
    void styleLayout(ObjectNode layout) {
        // keep the categories in the given order, even when they look like numbers
        layout.withObjectProperty("xaxis").put("type", "category");
        layout.put("barmode", "group").put("showlegend", series.size() > 1);
    }

    @Override
    JFreeChart chart() {
        requireSeries();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int c = 0; c < categories.length; c++) {
                data.addValue(s.values[c], s.name, categories[c]);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title(), xLabel(), yLabel(), data,
            PlotOrientation.VERTICAL, series.size() > 1, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, Palette.traceColour(i));
        }
        return ChartStyle.apply(chart);
    }

    @Override
    String describe() {
        return (categories == null ? 0 : categories.length) + " categories, " + series.size() + " series";
    }

    private void requireSeries() {
        if (series.isEmpty()) {
            throw new IllegalStateException("bar figure \"" + title() + "\" has no series; add one with series(...)");
        }
    }
}
