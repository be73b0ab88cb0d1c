package dev.glassbox.plot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix as coloured cells (Viridis), with a label for every row and column -- attention
 * weights with the tokens along both sides. Row 0 is drawn at the top, as a matrix is written.
 * Labels may repeat (a sentence can hold "the" twice): cells are placed by index, labels are
 * only what the ticks say.
 */
public final class HeatMapFigure extends Figure {

    private double[][] values;
    private String[] rowLabels;
    private String[] columnLabels;
    private boolean showValues;
    private String colourBarTitle = "";
    private double[] fixedRange;          // [low, high] set by range(...), else null: the data's own min and max

    HeatMapFigure(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel);
    }

    /** The matrix, values[row][column]; rows of equal length, finite numbers. */
    public HeatMapFigure values(double[][] matrix) {
        if (matrix == null || matrix.length == 0 || matrix[0] == null || matrix[0].length == 0) {
            throw new IllegalArgumentException("a heat map needs a non-empty matrix");
        }
        double[][] copy = new double[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r] == null || matrix[r].length != matrix[0].length) {
                throw new IllegalArgumentException("heat map row " + r + " has "
                    + (matrix[r] == null ? "no" : String.valueOf(matrix[r].length)) + " values, row 0 has "
                    + matrix[0].length);
            }
            copy[r] = finite("heat map row " + r, matrix[r]);
        }
        this.values = copy;
        return this;
    }

    public HeatMapFigure values(float[][] matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("a heat map needs a non-empty matrix");
        }
        double[][] copy = new double[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            copy[r] = toDoubles(matrix[r]);
        }
        return values(copy);
    }

    /** A rank-2 tensor (rows, columns), e.g. one head's attention weights (T, T). */
    public HeatMapFigure values(Tensor matrix) {
        if (matrix == null || matrix.rank() != 2) {
            throw new IllegalArgumentException("a heat map needs a rank-2 tensor, got "
                + (matrix == null ? "null" : "rank " + matrix.rank()));
        }
        int rows = matrix.dim(0);
        int columns = matrix.dim(1);
        double[][] copy = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                copy[r][c] = matrix.get(r, c);
            }
        }
        return values(copy);
    }

    /** Labels of the rows, top to bottom. Default: 0, 1, 2, ... */
    public HeatMapFigure rowLabels(String... labels) {
        this.rowLabels = labels(labels, "row");
        return this;
    }

    /** Labels of the columns, left to right. Default: 0, 1, 2, ... */
    public HeatMapFigure columnLabels(String... labels) {
        this.columnLabels = labels(labels, "column");
        return this;
    }

    /** Writes each cell's value (two decimals) into the cell: for small matrices. */
    public HeatMapFigure showValues(boolean show) {
        this.showValues = show;
        return this;
    }

    /** What the colours mean, written beside the colour bar: "attention weight", "cosine similarity". */
    public HeatMapFigure colourBarTitle(String title) {
        this.colourBarTitle = text("colour-bar title", title);
        return this;
    }

    /**
     * Fixes the colour scale to [low, high] instead of the data's own minimum and maximum, so that
     * several heat maps side by side mean the same thing by the same colour (e.g. −1 … 1 for cosine
     * similarities). Every value must lie inside it.
     */
    public HeatMapFigure range(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
            throw new IllegalArgumentException("colour range [" + low + ", " + high
                + "] is not a finite range with low < high");
        }
        this.fixedRange = new double[] {low, high};
        return this;
    }

    /** The colour scale's [low, high]: as set by {@link #range}, or the values' minimum and maximum. */
    public double[] colourRange() {
        requireValues();
        return range();
    }

    public String colourBarTitle() {
        return colourBarTitle;
    }

    @Override
    public HeatMapFigure size(int width, int height) {
        super.size(width, height);
        return this;
    }

    /** The labels in drawing order (rows top to bottom). */
    public List<String> rowLabelList() {
        return List.of(rows());
    }

    public List<String> columnLabelList() {
        return List.of(columns());
    }

    @Override
    List<ObjectNode> traces() {
        requireValues();
        ObjectNode trace = trace("heatmap", title());
        trace.set("x", numbers(indices(values[0].length)));
        trace.set("y", numbers(indices(values.length)));
        ArrayNode z = trace.putArray("z");
        for (double[] row : values) {
            z.add(numbers(row));
        }
        double[] range = range();
        trace.set("colorscale", Palette.viridisStops());
        trace.put("zmin", range[0]).put("zmax", range[1]);
        trace.putObject("colorbar").putObject("title").put("text", colourBarTitle).put("side", "right");
        if (showValues) {
            trace.put("texttemplate", "%{z:.2f}");
        }
        ArrayNode text = trace.putArray("text");
        for (String[] row : hoverText()) {
            text.add(strings(row));
        }
        trace.put("hovertemplate", "%{text}: %{z:.4f}<extra></extra>");
        return List.of(trace);
    }

    @Override
    void styleLayout(ObjectNode layout) {
        ObjectNode x = layout.withObjectProperty("xaxis");
        x.set("tickvals", numbers(indices(columns().length)));
        x.set("ticktext", strings(columns()));
        x.put("side", "top");
        layout.putObject("margin").put("t", 130); // room for the title above the column labels on top
        ObjectNode y = layout.withObjectProperty("yaxis");
        y.set("tickvals", numbers(indices(rows().length)));
        y.set("ticktext", strings(rows()));
        y.put("autorange", "reversed");
    }

    /** "row label / column label" for every cell, shown on hover. */
    private String[][] hoverText() {
        String[] rows = rows();
        String[] columns = columns();
        String[][] text = new String[rows.length][columns.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                text[r][c] = rows[r] + " / " + columns[c];
            }
        }
        return text;
    }

    @Override
    JFreeChart chart() {
        requireValues();
        int rows = values.length;
        int columns = values[0].length;
        double[][] xyz = new double[3][rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = values[r][c];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(title(), xyz);

        SymbolAxis xAxis = new SymbolAxis(xLabel(), columns());
        SymbolAxis yAxis = new SymbolAxis(yLabel(), rows());
        yAxis.setInverted(true); // row 0 on top
        for (SymbolAxis axis : new SymbolAxis[] {xAxis, yAxis}) {
            axis.setGridBandsVisible(false);
            axis.setLowerMargin(0);
            axis.setUpperMargin(0);
        }
        double[] range = range();
        PaintScale scale = new ViridisScale(range[0], range[1]);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT); // column labels on top, like the Plotly side
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        if (showValues) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double t = (values[r][c] - range[0]) / (range[1] - range[0]);
                    XYTextAnnotation label = new XYTextAnnotation(String.format("%.2f", values[r][c]), c, r);
                    label.setFont(font);
                    label.setPaint(t > 0.6 ? Color.BLACK : Color.WHITE);
                    plot.addAnnotation(label);
                }
            }
        }
        JFreeChart chart = new JFreeChart(title(), ChartStyle.TITLE, plot, false);
        NumberAxis scaleAxis = new NumberAxis(colourBarTitle.isEmpty() ? null : colourBarTitle);
        scaleAxis.setRange(range[0], range[1]);
        scaleAxis.setLabelFont(ChartStyle.TICK);
        scaleAxis.setLabelPaint(Palette.TEXT);
        scaleAxis.setTickLabelFont(ChartStyle.TICK);
        scaleAxis.setTickLabelPaint(Palette.TEXT);
        PaintScaleLegend colourBar = new PaintScaleLegend(scale, scaleAxis);
        colourBar.setPosition(RectangleEdge.RIGHT);
        colourBar.setMargin(new RectangleInsets(4, 10, 4, 4));
        colourBar.setStripWidth(14);
        colourBar.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(colourBar);
        ChartStyle.apply(chart);
        return chart;
    }

    @Override
    String describe() {
        return values == null ? "no values" : values.length + " rows x " + values[0].length + " columns";
    }

    private String[] rows() {
        requireValues();
        return rowLabels != null ? checkCount(rowLabels, values.length, "row") : numbers(values.length);
    }

    private String[] columns() {
        requireValues();
        return columnLabels != null ? checkCount(columnLabels, values[0].length, "column")
            : numbers(values[0].length);
    }

    /**
     * The fixed range if one was set (checked to hold every value), else [min, max] of the values; a
     * constant matrix gets a unit-wide range so colours are defined.
     */
    private double[] range() {
        if (fixedRange != null) {
            for (int r = 0; r < values.length; r++) {
                for (int c = 0; c < values[r].length; c++) {
                    if (values[r][c] < fixedRange[0] || values[r][c] > fixedRange[1]) {
                        throw new IllegalStateException("heat map \"" + title() + "\" has " + values[r][c] + " at row " + r
                            + ", column " + c + ", outside its colour range [" + fixedRange[0] + ", " + fixedRange[1] + "]");
                    }
                }
            }
            return fixedRange.clone();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > min ? new double[] {min, max} : new double[] {min - 0.5, min + 0.5};
    }

    private void requireValues() {
        if (values == null) {
            throw new IllegalStateException("heat map \"" + title() + "\" has no values; set them with values(...)");
        }
    }

    private static String[] labels(String[] labels, String what) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException(what + " labels are empty");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException(what + " label " + i + " is null");
            }
        }
        return labels.clone();
    }

    private static String[] checkCount(String[] labels, int count, String what) {
        if (labels.length != count) {
            throw new IllegalStateException(labels.length + " " + what + " labels for " + count + " " + what + "s");
        }
        return labels;
    }

    private static String[] numbers(int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = String.valueOf(i);
        }
        return labels;
    }

    /** Viridis over [lower, upper], for the PNG. */
    private static final class ViridisScale implements PaintScale {
        private final double lower;
        private final double upper;

        ViridisScale(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            return Palette.viridis((value - lower) / (upper - lower));
        }
    }
}
