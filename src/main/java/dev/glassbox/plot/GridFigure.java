package dev.glassbox.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A small grid of figures, row by row, each in a cell of the same size: e.g. the attention maps of
 * every head, or three training curves side by side. The PNG is one image of all cells; the HTML
 * is a CSS grid of the figures' own interactive plots.
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

    @Override
    String html(byte[] png) {
        StringBuilder html = new StringBuilder("<div class=\"glassbox-grid\" style=\"display:grid;grid-template-columns:repeat(")
            .append(columns).append(", ").append(figures.get(0).width()).append("px);max-width:100%\">\n");
        if (!title().isEmpty()) {
            html.append("<div style=\"grid-column:1 / -1;text-align:center;font:18px sans-serif;color:#444;"
                + "padding:6px\">").append(escapeHtml(title())).append("</div>\n");
        }
        for (Figure figure : figures) {
            html.append("<div>").append(figure.html(figure.png())).append("</div>\n");
        }
        return html.append("</div>\n").toString();
    }

    @Override
    List<Trace> traces() {
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
