package dev.glassbox.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A figure drawn twice from the same data: as an interactive Plotly plot (figure and traces built
 * with Tablesaw's plotly components) and as a static PNG (JFreeChart, headless Java2D). One call,
 * {@link #show()}, puts both into one notebook output: text/html for JupyterLab and the HTML
 * export, image/png for GitHub and nbviewer, which do not run scripts.
 *
 * <p>Why JFreeChart for the PNG: it is pure JVM, offline and fast (tens of milliseconds), so the
 * kernel needs no browser, Node.js or Python to rasterise; and every plot kind here (lines, bars,
 * a labelled heat map, labelled points) maps onto it with Plotly's colours, white background, grid,
 * title, axis titles and legend, so both renderings look alike.
 *
 * <p>The HTML itself also carries the PNG inside the figure's div, and the script replaces it with
 * the interactive plot once plotly.js is there. So where scripts do not run (an untrusted notebook
 * in JupyterLab, a sanitised viewer) the HTML still shows the picture.
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

    /** The display bundle {@link #show()} sends: text/html, image/png (base64) and text/plain. */
    public Map<String, String> bundle() {
        byte[] png = png();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", PlotlyBundle.scriptOnce() + html(png));
        bundle.put("image/png", Base64.getEncoder().encodeToString(png));
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

    /** The HTML fragment: the PNG in a div, and the script that draws the Plotly plot over it. */
    public String html() {
        return html(png());
    }

    String html(byte[] png) {
        String id = "gb-" + UUID.randomUUID().toString().substring(0, 12);
        return "<div class=\"glassbox-figure\" id=\"" + id + "\" style=\"width:" + width + "px;height:" + height
            + "px;max-width:100%\"><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
            + "\" width=\"" + width + "\" height=\"" + height + "\" alt=\"" + escapeHtml(title) + "\"/></div>\n"
            + "<script type=\"text/javascript\">\n(function () {\n"
            + "  var div = document.getElementById('" + id + "'), tries = 0;\n"
            + "  function draw() {\n"
            + "    if (!div || !window.Plotly) { if (tries++ < 200) { setTimeout(draw, 50); } return; }\n"
            + "    div.innerHTML = '';\n"
            + indent(plotlyScript("div")) + "\n"
            + "  }\n  draw();\n})();\n</script>\n";
    }

    /** A standalone HTML page with plotly.js inlined (when available) and the PNG as fallback. */
    public void saveHtml(Path file) {
        String bundle = PlotlyBundle.source().map(PlotlyBundle::script).orElse("");
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escapeHtml(title)
            + "</title></head>\n<body>\n" + bundle + html() + "</body></html>\n";
        write(file, page.getBytes(StandardCharsets.UTF_8));
    }

    public void savePng(Path file) {
        write(file, png());
    }

    /** The JavaScript that draws the plot into the element held by the variable {@code target}. */
    String plotlyScript(String target) {
        StringBuilder js = new StringBuilder();
        Layout layout = Layout.builder().width(width).height(height).build();
        js.append(layout.asJavascript()).append('\n');
        // titles as JSON strings: any text is safe, and Plotly 2.x reads {text: ...}
        js.append("layout.title = {text: ").append(json(title)).append("};\n");
        js.append("layout.xaxis = {title: {text: ").append(json(xLabel)).append("}};\n");
        js.append("layout.yaxis = {title: {text: ").append(json(yLabel)).append("}};\n");
        List<Trace> traces = traces();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < traces.size(); i++) {
            js.append(traces.get(i).asJavascript(i)).append('\n');
            js.append("trace").append(i).append(".name = ").append(json(traces.get(i).name())).append(";\n");
            names.append(i > 0 ? ", " : "").append("trace").append(i);
        }
        js.append(plotlyPatches());
        js.append("Plotly.newPlot(").append(target).append(", [").append(names)
            .append("], layout, {displaylogo: false, responsive: false});");
        // a label like "</script>" must not end the script tag
        return js.toString().replace("</", "<\\/");
    }

    /** The Plotly traces, named; trace i is drawn in {@link Palette#traceHex(int)}. */
    abstract List<Trace> traces();

    /** Statements run after the traces and layout are defined (colour scales, axis order). */
    String plotlyPatches() {
        return "";
    }

    /** The static chart. */
    abstract JFreeChart chart();

    /** A one-line description; what a notebook shows where it cannot show pictures. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + " \"" + title + "\" (" + describe() + "; " + width + "x" + height + ")";
    }

    abstract String describe();

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

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
        if (values == null) {
            throw new IllegalArgumentException("values are null");
        }
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i];
        }
        return copy;
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

    private static String indent(String js) {
        return "    " + js.replace("\n", "\n    ");
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
