package dev.glassbox.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    /** Where the rendered PNGs are left for a person to look at. */
    private static final Path PREVIEW = Path.of("target", "plot-preview");

    @AfterEach
    void forgetBundle() {
        System.clearProperty(PlotlyBundle.PATH_PROPERTY);
        PlotlyBundle.reset();
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "the bytes decode as an image");
        return image;
    }

    /** Pixels within a small distance of the colour (anti-aliasing blends edges). */
    static int countNear(BufferedImage image, Color colour, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) <= tolerance
                    && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                    && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    static LineFigure lossCurves() {
        double[] steps = {0, 100, 200, 300, 400, 500};
        return Plot.line("Training loss", "step", "loss")
            .series("train", steps, new double[] {4.2, 3.1, 2.5, 2.2, 2.0, 1.9})
            .series("validation", steps, new double[] {4.3, 3.3, 2.8, 2.6, 2.55, 2.5});
    }

    @Test
    void linePngHasTheSizeAndBothSeriesColours() throws IOException {
        LineFigure figure = lossCurves();
        byte[] png = figure.png();
        Files.createDirectories(PREVIEW);
        figure.savePng(PREVIEW.resolve("line.png"));
        BufferedImage image = decode(png);
        assertEquals(720, image.getWidth());
        assertEquals(420, image.getHeight());
        // each line is 2 px wide over most of the plot: hundreds of pixels in its exact colour
        assertTrue(countNear(image, Palette.traceColour(0), 10) > 300, "blue train line drawn");
        assertTrue(countNear(image, Palette.traceColour(1), 10) > 300, "orange validation line drawn");
        assertTrue(countNear(image, Color.WHITE, 0) > image.getWidth() * image.getHeight() / 2, "white background");
    }

    @Test
    void lineHtmlCarriesTheDataNamesAndPngFallback() {
        String html = lossCurves().html();
        assertTrue(html.contains("class=\"glassbox-figure\""));
        assertTrue(html.contains("data:image/png;base64,"), "static picture inside the HTML");
        // Tablesaw writes the numbers as strings; Plotly reads numeric strings as numbers
        assertTrue(html.contains("y: [\"4.2\",\"3.1\",\"2.5\",\"2.2\",\"2.0\",\"1.9\"]"), "train values in the trace");
        assertTrue(html.contains("y: [\"4.3\",\"3.3\",\"2.8\",\"2.6\",\"2.55\",\"2.5\"]"), "validation values");
        assertTrue(html.contains("x: [\"0.0\",\"100.0\",\"200.0\",\"300.0\",\"400.0\",\"500.0\"]"));
        assertTrue(html.contains("trace0.name = \"train\""));
        assertTrue(html.contains("trace1.name = \"validation\""));
        assertTrue(html.contains("layout.title = {text: \"Training loss\"}"));
        assertTrue(html.contains("Plotly.newPlot(div, [trace0, trace1], layout"));
    }

    @Test
    void textThatLooksLikeMarkupCannotBreakTheScript() {
        String html = Plot.scatter("a </script> title", "x", "y")
            .points("tokens", new double[] {0, 1}, new double[] {1, 0}, "</script>", "it's \"quoted\"")
            .html();
        String script = html.substring(html.indexOf("<script"));
        // exactly one closing tag: the script's own
        assertEquals(script.indexOf("</script>"), script.lastIndexOf("</script>"));
        assertTrue(script.contains("[\"<\\/script>\",\"it's \\\"quoted\\\"\"]"), script);
    }

    @Test
    void heatMapKeepsLabelsInOrderAndRowZeroOnTop() throws IOException {
        String[] tokens = {"the", "cat", "sat", "the"}; // a repeated label must not merge columns
        double[][] weights = {
            {0.0, 0.1, 0.2, 0.3},
            {0.4, 0.5, 0.6, 0.7},
            {0.8, 0.9, 1.0, 1.1},
            {1.2, 1.3, 1.4, 1.5},
        };
        HeatMapFigure figure = Plot.heatMap("Attention", "key", "query")
            .values(weights).rowLabels(tokens).columnLabels(tokens).showValues(true);
        assertEquals(List.of("the", "cat", "sat", "the"), figure.columnLabelList());
        String html = figure.html();
        assertTrue(html.contains("layout.xaxis.ticktext = [\"the\",\"cat\",\"sat\",\"the\"]"), html);
        assertTrue(html.contains("layout.xaxis.tickvals = [0.0,1.0,2.0,3.0]"));
        assertTrue(html.contains("layout.yaxis.autorange = 'reversed'"));
        assertTrue(html.contains("z: [[0.0,0.1,0.2,0.3,],[0.4,0.5,0.6,0.7,]"), "rows in order");

        // in the PNG the top-left cell holds the smallest value (dark Viridis end), the
        // bottom-right the largest (yellow end)
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = figure.chart().createBufferedImage(600, 500, BufferedImage.TYPE_INT_RGB, info);
        Files.createDirectories(PREVIEW);
        ImageIO.write(image, "png", PREVIEW.resolve("heatmap.png").toFile());
        var area = info.getPlotInfo().getDataArea();
        double cellWidth = area.getWidth() / 4;
        double cellHeight = area.getHeight() / 4;
        // sample a quarter into the cell, away from the number written in its centre
        Color topLeft = new Color(image.getRGB((int) (area.getX() + cellWidth * 0.2), (int) (area.getY() + cellHeight * 0.2)));
        Color bottomRight = new Color(image.getRGB((int) (area.getX() + cellWidth * 3.2), (int) (area.getY() + cellHeight * 3.2)));
        assertNear(Palette.viridis(0), topLeft);
        assertNear(Palette.viridis(1), bottomRight);
    }

    static void assertNear(Color expected, Color actual) {
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
            + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance <= 12, "expected " + expected + " but found " + actual);
    }

    @Test
    void viridisEndsAndMiddleMatchTheStops() {
        assertEquals(new Color(0x44, 0x01, 0x54), Palette.viridis(0));
        assertEquals(new Color(0xfd, 0xe7, 0x25), Palette.viridis(1));
        // halfway between stop 4 (#26828e) and stop 5 (#1f9e89)
        Color middle = Palette.viridis(0.5);
        assertEquals(Math.round((0x26 + 0x1f) / 2.0), middle.getRed(), 1);
        assertEquals(Math.round((0x82 + 0x9e) / 2.0), middle.getGreen(), 1);
        assertTrue(Palette.viridisPlotly().startsWith("[[0.0,'#440154'],"));
    }

    @Test
    void scatterKeepsPointLabelsAndDrawsThem() throws IOException {
        ScatterFigure figure = Plot.scatter("Word embeddings (PCA)", "component 1", "component 2")
            .points("animals", new double[] {1, 1.2, 0.9}, new double[] {2, 2.1, 1.8}, "cat", "dog", "cow")
            .points("fruit", new double[] {-1, -1.1}, new double[] {-0.5, -0.7}, "apple", "banana");
        assertEquals(List.of("cat", "dog", "cow", "apple", "banana"), figure.labels());
        assertTrue(figure.html().contains("trace1.text = [\"apple\",\"banana\"]"));
        Files.createDirectories(PREVIEW);
        figure.savePng(PREVIEW.resolve("scatter.png"));
        BufferedImage image = decode(figure.png());
        assertTrue(countNear(image, Palette.traceColour(0), 8) > 60, "three blue points of 8 px");
        assertTrue(countNear(image, Palette.traceColour(1), 8) > 40, "two orange points");
    }

    @Test
    void barKeepsCategoryOrder() throws IOException {
        BarFigure figure = Plot.bar("Stage frequencies", "stage", "share")
            .categories("W", "N1", "N2", "N3", "REM")
            .series("healthy", 0.1, 0.05, 0.5, 0.15, 0.2)
            .series("disordered", 0.1, 0.05, 0.5, 0.15, 0.2);
        String html = figure.html();
        assertTrue(html.contains("x: [\"W\",\"N1\",\"N2\",\"N3\",\"REM\"]"), html);
        assertTrue(html.contains("layout.xaxis.type = 'category'"));
        Files.createDirectories(PREVIEW);
        figure.savePng(PREVIEW.resolve("bar.png"));
        BufferedImage image = decode(figure.png());
        assertTrue(countNear(image, Palette.traceColour(0), 0) > 2000, "blue bars filled");
        assertTrue(countNear(image, Palette.traceColour(1), 0) > 2000, "orange bars filled");
    }

    @Test
    void gridTilesItsFiguresInOneImage() throws IOException {
        GridFigure grid = Plot.grid("Three views", 2, lossCurves(),
            Plot.heatMap("weights", "in", "out").values(new double[][] {{1, 2}, {3, 4}}),
            Plot.bar("counts", "", "n").categories("a", "b").series("n", 3, 5));
        assertEquals(2, grid.rows());
        BufferedImage image = decode(grid.png());
        assertEquals(grid.width(), image.getWidth());
        assertEquals(grid.height(), image.getHeight());
        Figure first = grid.figures().get(0);
        assertEquals(grid.width() / 2, first.width());
        Files.createDirectories(PREVIEW);
        grid.savePng(PREVIEW.resolve("grid.png"));
        String html = grid.html();
        assertEquals(3, html.split("class=\"glassbox-figure\"", -1).length - 1, "one div per figure");
        // the top-right quadrant holds the heat map: Viridis ends present there
        BufferedImage topRight = image.getSubimage(image.getWidth() / 2, 0, image.getWidth() / 2, image.getHeight() / 2);
        assertTrue(countNear(topRight, Palette.viridis(1), 6) > 500, "yellow heat-map cell in the top-right figure");
    }

    @Test
    void bundleHasThreeMimeTypesAndInlinesPlotlyOnlyOnce(@TempDir Path dir) throws IOException {
        Path fakeBundle = dir.resolve("plotly.min.js");
        Files.writeString(fakeBundle, "window.Plotly = {newPlot: function () {}}; // </script> inside");
        System.setProperty(PlotlyBundle.PATH_PROPERTY, fakeBundle.toString());
        PlotlyBundle.reset();

        Map<String, String> first = lossCurves().bundle();
        Map<String, String> second = lossCurves().bundle();
        assertEquals(List.of("text/html", "image/png", "text/plain"), List.copyOf(first.keySet()));
        assertTrue(first.get("text/html").contains("window.Plotly = {newPlot"));
        assertTrue(first.get("text/html").contains("(function (define, module, exports) {"), "hidden from require.js");
        assertTrue(first.get("text/html").contains("// <\\/script> inside"), "bundle cannot close its tag");
        assertFalse(second.get("text/html").contains("window.Plotly = {newPlot"), "inlined once per session");
        BufferedImage image = decode(Base64.getDecoder().decode(first.get("image/png")));
        assertEquals(720, image.getWidth());
        assertTrue(first.get("text/plain").contains("Training loss"));
    }

    @Test
    void sameFigureTwiceGivesTheSamePicture() {
        assertArrayEquals(lossCurves().png(), lossCurves().png());
    }

    @Test
    void badInputIsRejectedWithTheValueNamed() {
        var line = Plot.line("t", "x", "y");
        var e = assertThrows(IllegalArgumentException.class,
            () -> line.series("loss", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3 x values but 2 y values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> line.series("loss", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("NaN at index 1"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Plot.line("empty", "x", "y").png());
        e = assertThrows(IllegalArgumentException.class,
            () -> Plot.heatMap("h", "x", "y").values(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values, row 0 has 2"), e.getMessage());
        var heat = Plot.heatMap("h", "x", "y").values(new double[][] {{1, 2}}).columnLabels("a", "b", "c");
        assertThrows(IllegalStateException.class, heat::html);
        assertThrows(IllegalArgumentException.class, () -> Plot.grid("g", 0, lossCurves()));
    }

    @Test
    void outsideAKernelShowPrintsASummaryAndReturnsNoId() {
        assertFalse(Notebook.available());
        assertNull(Notebook.display(Map.of("text/plain", "hello")));
        assertThrows(IllegalArgumentException.class, () -> Notebook.display(Map.of()));
    }

    @Test
    void liveProgressComputesEtaFromTheMeanStepTime() {
        long[] now = {0};
        LiveProgress progress = new LiveProgress("loss", 1000, () -> now[0]);
        for (int step = 1; step <= 100; step++) {
            now[0] = step * 100_000_000L; // 0.1 s per step
            progress.update(step, 1000, 3.0 - step * 0.01, step % 50 == 0 ? 2.5 : Double.NaN, 12_345);
        }
        // 100 steps in 10 s; 900 left at 0.1 s each = 90 s
        assertEquals("step 100/1000 (10%) | loss 2.0000 | 12.3k tokens/s | 0:10 elapsed | ETA 1:30", progress.status());
        LineFigure figure = progress.figure();
        String html = figure.html();
        assertTrue(html.contains("trace1.name = \"validation\""));
        assertTrue(html.contains("x: [\"50.0\",\"100.0\"]"), "validation only where measured");
        assertThrows(IllegalArgumentException.class, () -> progress.update(100, 1000, 1.0, 1.0));
        assertThrows(ArithmeticException.class, () -> progress.update(101, 1000, Double.NaN, 1.0));
        assertEquals("1:01:01", LiveProgress.clockTime(3661));
    }
}
