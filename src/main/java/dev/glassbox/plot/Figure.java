package dev.glassbox.plot;

import dev.glassbox.stats.Stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;

/**
 * A figure drawn twice from the same data: as a Plotly figure (its {@code data} and {@code layout}
 * as JSON) and as a static PNG (JFreeChart, headless Java2D). One call, {@link #show()}, puts both
 * into one notebook output, a display bundle of three MIME types:
 * <ul>
 * <li>{@code application/vnd.plotly.v1+json}: Jupyter's own format for Plotly figures. JupyterLab
 *     draws it interactively through the jupyterlab-plotly extension (installed with the pinned
 *     {@code plotly} wheel), VS Code natively, the course website with its one shared plotly.js;
 * <li>{@code image/png}: what GitHub, nbviewer and the HTML export show, as they run no scripts;
 * <li>{@code text/plain}: a one-line summary for a terminal.
 * </ul>
 * No JavaScript goes into the notebook: an executed chapter stays small (tens of kB per figure).
 *
 * <p>Why JFreeChart for the PNG: it is pure JVM, offline and fast (tens of milliseconds), so the
 * kernel needs no browser, Node.js or Python to rasterise; and every plot kind here (lines, bars,
 * a labelled heat map, labelled points) maps onto it with Plotly's colours, white background, grid,
 * title, axis titles and legend, so both renderings look alike.
 *
 * <p>Why the JSON is written here (with Jackson) rather than by Tablesaw's plotly classes: those
 * only render JavaScript source through templates (numbers as quoted strings, trailing commas),
 * which is not the JSON the MIME type carries.
 */
public abstract class Figure {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final String xLabel;
    private final String yLabel;
    int width = 720;
    int height = 420;

    Figure(String title, String xLabel, String yLabel) {
        this.title = text("title", title);
        this.xLabel = text("x-axis label", xLabel);
        this.yLabel = text("y-axis label", yLabel);
        // PNGs are drawn off-screen: never open a window (or a Dock icon) for them
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public String title() {
        return title;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Sets the size in pixels of both renderings (default 720 x 420). */
    public Figure size(int width, int height) {
        if (width < 120 || width > 4000 || height < 100 || height > 4000) {
            throw new IllegalArgumentException(
                "figure size " + width + " x " + height + " is outside 120..4000 x 100..4000 pixels");
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Shows the figure in the notebook (interactive + PNG); outside a notebook prints a summary. */
    public void show() {
        Notebook.display(bundle());
    }

    /** The MIME type of a Plotly figure in a notebook output (Jupyter's, not ours). */
    public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    /**
     * The display bundle {@link #show()} sends: the Plotly figure (a JSON object, as maps and lists),
     * image/png (base64) and text/plain.
     */
    public Map<String, Object> bundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(PLOTLY_MIME, JSON.convertValue(plotly(), Map.class));
        bundle.put("image/png", Base64.getEncoder().encodeToString(png()));
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** The PNG file's bytes. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The static rendering. */
    public BufferedImage image() {
        return chart().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, new ChartRenderingInfo());
    }

    /** The Plotly figure: {"data": [traces], "layout": {...}, "config": {...}}. */
    public ObjectNode plotly() {
        ObjectNode figure = JSON.createObjectNode();
        ArrayNode data = figure.putArray("data");
        traces().forEach(data::add);
        figure.set("layout", layout());
        figure.putObject("config").put("displaylogo", false);
        return figure;
    }

    /** The Plotly figure as JSON text. */
    public String plotlyJson() {
        return plotly().toString();
    }

    public void savePng(Path file) {
        write(file, png());
    }

    /** The layout every figure shares (size, title, axis titles), then the kind's own settings. */
    ObjectNode layout() {
        ObjectNode layout = JSON.createObjectNode();
        layout.put("width", width).put("height", height);
        layout.putObject("title").put("text", title);
        layout.putObject("xaxis").putObject("title").put("text", xLabel);
        layout.putObject("yaxis").putObject("title").put("text", yLabel);
        styleLayout(layout);
        return layout;
    }

    /** The Plotly traces; trace i of the data is drawn in {@link Palette#traceHex(int)}. */
    abstract List<ObjectNode> traces();

    /** Settings of this kind of figure on top of the shared layout (legend, axis order, ...). */
    void styleLayout(ObjectNode layout) {
    }

    /** A trace of the given Plotly type and name. */
    static ObjectNode trace(String type, String name) {
        ObjectNode trace = JSON.createObjectNode();
        trace.put("type", type).put("name", name);
        return trace;
    }

    /**
     * Numbers as a JSON array, each rounded to float precision: the shortest decimal that reads back
     * as the same float ("0.1", not "0.10000000149011612"). Seven digits are more than a plot shows,
     * and the figure's JSON stays small.
     */
    static ArrayNode numbers(double[] values) {
        ArrayNode array = JSON.createArrayNode();
        for (double v : values) {
            array.add(Double.parseDouble(Float.toString((float) v)));
        }
        return array;
    }

    static ArrayNode strings(String[] values) {
        ArrayNode array = JSON.createArrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    /** The static chart. */
    abstract JFreeChart chart();

    /** A one-line description; what a notebook shows where it cannot show pictures. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + " \"" + title + "\" (" + describe() + "; " + width + "x" + height + ")";
    }

    abstract String describe();

    static String text(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; pass \"\" for none");
        }
        return value;
    }

    static double[] finite(String what, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " has " + values[i] + " at index " + i
                    + "; a plot needs finite numbers");
            }
        }
        return values.clone();
    }

    static double[] toDoubles(float[] values) {
        return Stats.toDoubles(values);
    }

    static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
