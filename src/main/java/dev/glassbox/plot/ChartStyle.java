package dev.glassbox.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Gives a JFreeChart the look of Plotly's default layout: white paper and plot area, light grid,
 * no axis lines, title centred on top, legend on the right without a frame, grey sans-serif text.
 */
final class ChartStyle {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {
    }

    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(Palette.TEXT);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(TICK);
            legend.setItemPaint(Palette.TEXT);
            legend.setBackgroundPaint(Color.WHITE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot) {
            XYPlot xy = (XYPlot) plot;
            grid(xy.getDomainAxis(), xy.getRangeAxis());
            xy.setDomainGridlinePaint(Palette.GRID);
            xy.setRangeGridlinePaint(Palette.GRID);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
        } else if (plot instanceof CategoryPlot) {
            CategoryPlot category = (CategoryPlot) plot;
            grid(category.getDomainAxis(), category.getRangeAxis());
            category.setRangeGridlinePaint(Palette.GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
        }
        return chart;
    }

    private static void grid(Axis... axes) {
        for (Axis axis : axes) {
            axis.setAxisLineVisible(false);
            axis.setTickMarksVisible(false);
            axis.setLabelFont(LABEL);
            axis.setLabelPaint(Palette.TEXT);
            axis.setTickLabelFont(TICK);
            axis.setTickLabelPaint(Palette.TEXT);
        }
    }
}
