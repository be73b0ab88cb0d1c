package dev.glassbox.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * A small grid of figures, row by row, each in a cell of the same size: e.g. the attention maps of
 * every head, or three training curves side by side. The PNG is one image of all cells; the Plotly
 * figure is one figure with a pair of axes per cell (subplots), each cell titled by an annotation.
 */
public final class GridFigure extends Figure {

    private static final int TITLE_HEIGHT = 36;

    private final int columns;
    private final List<Figure> figures;

    GridFigure(String title, int columns, Figure... figures) {
        super(title, "", "");
        if (figures == null || figures.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one figure");
        }
        if (columns < 1 || columns > 6) {
            throw new IllegalArgumentException("a grid has 1 to 6 columns, got " + columns);
        }
        for (int i = 0; i < figures.length; i++) {
            if (figures[i] == null || figures[i] instanceof GridFigure) {
                throw new IllegalArgumentException("grid cell " + i + " must be a figure, and not a grid");
            }
        }
        this.columns = Math.min(columns, figures.length);
        this.figures = List.of(figures);
        int rows = rows();
        size(Math.min(this.columns * 460, 1400), titleHeight() + rows * Math.max(100, 320));
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return (figures.size() + columns - 1) / columns;
    }

    /** The figures, row by row. */
    public List<Figure> figures() {
        return figures;
    }

    /** Sets the whole grid's size; each figure gets an equal cell of it. */
    @Override
    public GridFigure size(int width, int height) {
        super.size(width, height);
        int cellWidth = width / columns;
        int cellHeight = (height - titleHeight()) / rows();
        for (Figure figure : figures) {
            figure.size(Math.max(120, cellWidth), Math.max(100, cellHeight));
        }
        return this;
    }

    @Override
    public BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (!title().isEmpty()) {
                g.setFont(ChartStyle.TITLE.deriveFont(Font.PLAIN, 18f));
                g.setColor(Palette.TEXT);
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(title(), (width - metrics.stringWidth(title())) / 2, 24);
            }
            for (int i = 0; i < figures.size(); i++) {
                Figure figure = figures.get(i);
                int x = (i % columns) * figure.width();
                int y = titleHeight() + (i / columns) * figure.height();
                g.drawImage(figure.image(), x, y, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * One Plotly figure holding every cell: cell i gets the axes x{i+1}/y{i+1} over its share of the
     * paper (row by row, row 0 on top), its figure's traces and axis settings, its title as an
     * annotation, and a heat map's colour bar beside the cell. A series name shown in several cells
     * appears once in the legend and toggles all of them.
     */
    @Override
    public ObjectNode plotly() {
        ObjectNode figure = JSON.createObjectNode();
        var data = figure.putArray("data");
        ObjectNode layout = JSON.createObjectNode();
        layout.put("width", width).put("height", height);
        layout.putObject("title").put("text", title());
        int top = titleHeight() + 24;
        int bottom = 10;
        layout.putObject("margin").put("t", top).put("l", 10).put("r", 10).put("b", bottom);
        var annotations = layout.putArray("annotations");
        Set<String> inLegend = new HashSet<>();
        boolean legend = false;
        // the room around each cell's plot, in pixels, as shares of the paper (the area inside the margins)
        double paperWidth = width - 20;
        double paperHeight = height - top - bottom;
        double cellWidth = 1.0 / columns;
        double cellHeight = 1.0 / rows();
        for (int i = 0; i < figures.size(); i++) {
            Figure cell = figures.get(i);
            ObjectNode cellLayout = cell.layout();
            int row = i / columns;
            int column = i % columns;
            boolean topTicks = "top".equals(cellLayout.path("xaxis").path("side").asText());
            boolean colourBar = cell instanceof HeatMapFigure;
            // left: y tick labels and title; right: a colour bar; top: the cell's title (and tick
            // labels on top); bottom: x tick labels and title
            double left = column * cellWidth + 70 / paperWidth;
            double right = (column + 1) * cellWidth - (colourBar ? 80 : 15) / paperWidth;
            double topEdge = 1 - row * cellHeight - (topTicks ? 88 : 28) / paperHeight;
            double bottomEdge = 1 - (row + 1) * cellHeight + (topTicks ? 20 : 50) / paperHeight;
            String suffix = i == 0 ? "" : String.valueOf(i + 1);
            for (ObjectNode trace : cell.traces()) {
                trace.put("xaxis", "x" + suffix).put("yaxis", "y" + suffix);
                if ("heatmap".equals(trace.path("type").asText())) {
                    trace.withObjectProperty("colorbar").put("x", right + 10 / paperWidth).put("xanchor", "left")
                        .put("y", (topEdge + bottomEdge) / 2).put("len", topEdge - bottomEdge).put("thickness", 10);
                } else {
                    String name = trace.path("name").asText();
                    trace.put("legendgroup", name);
                    boolean shows = trace.path("showlegend").asBoolean(true) && inLegend.add(name);
                    trace.put("showlegend", shows);
                }
                data.add(trace);
            }
            legend |= cellLayout.path("showlegend").asBoolean(false);
            ObjectNode x = cellLayout.withObjectProperty("xaxis");
            ObjectNode y = cellLayout.withObjectProperty("yaxis");
            x.putArray("domain").add(left).add(right);
            x.put("anchor", "y" + suffix);
            y.putArray("domain").add(bottomEdge).add(topEdge);
            y.put("anchor", "x" + suffix);
            layout.set("xaxis" + suffix, x);
            layout.set("yaxis" + suffix, y);
            if (cellLayout.has("barmode")) {
                layout.set("barmode", cellLayout.get("barmode"));
            }
            annotations.addObject().put("text", cell.title()).put("showarrow", false)
                .put("xref", "paper").put("yref", "paper").put("x", (left + right) / 2).put("xanchor", "center")
                .put("y", topEdge).put("yanchor", "bottom").put("yshift", topTicks ? 62 : 4)
                .putObject("font").put("size", 14);
        }
        layout.put("showlegend", legend);
        figure.set("layout", layout);
        figure.putObject("config").put("displaylogo", false);
        return figure;
    }

    @Override
    List<ObjectNode> traces() {
        throw new UnsupportedOperationException("a grid has no traces of its own; its figures do");
    }

    @Override
    JFreeChart chart() {
        throw new UnsupportedOperationException("a grid is not one chart; see image()");
    }

    @Override
    String describe() {
        return figures.size() + " figures in " + rows() + " x " + columns;
    }

    private int titleHeight() {
        return title().isEmpty() ? 0 : TITLE_HEIGHT;
    }
}
