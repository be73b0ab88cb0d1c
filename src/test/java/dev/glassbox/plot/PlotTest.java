package dev.glassbox.plot;

import dev.glassbox.stats.Pca;
import dev.glassbox.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.Test;

class PlotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figure as a front end gets it: its JSON text, parsed. */
    static JsonNode parsed(Figure figure) throws IOException {
        return JSON.readTree(figure.plotlyJson());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static List<Double> doubles(JsonNode array) {
        List<Double> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    /** Where the rendered PNGs are left for a person to look at. */
    private static final Path PREVIEW = Path.of("target", "plot-preview");

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
    void lineFigureJsonCarriesTheDataNamesAndTitles() throws IOException {
        JsonNode figure = parsed(lossCurves());
        JsonNode data = figure.get("data");
        assertEquals(2, data.size());
        assertEquals("train", data.get(0).get("name").asText());
        assertEquals("validation", data.get(1).get("name").asText());
        assertEquals("scatter", data.get(0).get("type").asText());
        assertEquals("lines", data.get(0).get("mode").asText());
        // numbers, not strings, and written short: 4.2 and not 4.199999809265137
        assertTrue(data.get(0).get("y").get(0).isNumber());
        assertTrue(figure.toString().contains("[4.2,3.1,2.5,2.2,2.0,1.9]"), figure.toString());
        assertEquals(List.of(4.3, 3.3, 2.8, 2.6, 2.55, 2.5), doubles(data.get(1).get("y")));
        assertEquals(List.of(0.0, 100.0, 200.0, 300.0, 400.0, 500.0), doubles(data.get(0).get("x")));
        assertEquals("#1f77b4", data.get(0).at("/line/color").asText());
        assertEquals("#ff7f0e", data.get(1).at("/line/color").asText());
        JsonNode layout = figure.get("layout");
        assertEquals("Training loss", layout.at("/title/text").asText());
        assertEquals("step", layout.at("/xaxis/title/text").asText());
        assertEquals("loss", layout.at("/yaxis/title/text").asText());
        assertEquals(720, layout.get("width").asInt());
        assertEquals(420, layout.get("height").asInt());
    }

    @Test
    void floatValuesAreWrittenAsTheirShortestDecimal() {
        assertEquals("[0.1,-2.5E-7,3.0,1234567.0]",
            Figure.numbers(new double[] {0.1f, -2.5e-7f, 3, 1234567}).toString());
    }

    @Test
    void labelsThatLookLikeMarkupOrJsonSurviveUnchanged() throws IOException {
        ScatterFigure figure = Plot.scatter("a </script> \"title\"", "x", "y")
            .points("tokens", new double[] {0, 1}, new double[] {1, 0}, "</script>", "it's \"quoted\"\n");
        JsonNode parsed = parsed(figure);
        assertEquals(List.of("</script>", "it's \"quoted\"\n"), texts(parsed.at("/data/0/text")));
        assertEquals("a </script> \"title\"", parsed.at("/layout/title/text").asText());
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
        JsonNode parsed = parsed(figure);
        assertEquals(List.of("the", "cat", "sat", "the"), texts(parsed.at("/layout/xaxis/ticktext")));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), doubles(parsed.at("/layout/xaxis/tickvals")));
        assertEquals("reversed", parsed.at("/layout/yaxis/autorange").asText(), "row 0 on top");
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), doubles(parsed.at("/data/0/z/0")), "rows in order");
        assertEquals(List.of(1.2, 1.3, 1.4, 1.5), doubles(parsed.at("/data/0/z/3")));
        assertEquals("sat / cat", parsed.at("/data/0/text/2/1").asText(), "hover names row / column");
        assertEquals(0.0, parsed.at("/data/0/zmin").asDouble());
        assertEquals(1.5, parsed.at("/data/0/zmax").asDouble());
        assertEquals("#440154", parsed.at("/data/0/colorscale/0/1").asText());
        assertEquals("#fde725", parsed.at("/data/0/colorscale/9/1").asText());

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
        assertTrue(Palette.viridisStops().toString().startsWith("[[0.0,\"#440154\"],[0.1111111111111111,\"#482878\"]"));
    }

    @Test
    void scatterKeepsPointLabelsAndDrawsThem() throws IOException {
        ScatterFigure figure = Plot.scatter("Word embeddings (PCA)", "component 1", "component 2")
            .points("animals", new double[] {1, 1.2, 0.9}, new double[] {2, 2.1, 1.8}, "cat", "dog", "cow")
            .points("fruit", new double[] {-1, -1.1}, new double[] {-0.5, -0.7}, "apple", "banana");
        assertEquals(List.of("cat", "dog", "cow", "apple", "banana"), figure.labels());
        assertEquals(List.of("apple", "banana"), texts(parsed(figure).at("/data/1/text")));
        assertEquals("markers", parsed(Plot.scatter("s", "x", "y").points("p", new double[] {1}, new double[] {2}))
            .at("/data/0/mode").asText(), "no labels, no text mode");
        Files.createDirectories(PREVIEW);
        figure.savePng(PREVIEW.resolve("scatter.png"));
        BufferedImage image = decode(figure.png());
        assertTrue(countNear(image, Palette.traceColour(0), 8) > 60, "three blue points of 8 px");
        assertTrue(countNear(image, Palette.traceColour(1), 8) > 40, "two orange points");
    }

    @Test
    void pcaFigurePlacesEachRowAtItsCoordinatesAndTitlesTheAxes() throws IOException {
        // by hand: (4, 2), (-2, 2), (1, 3), (1, 1) around (1, 2) lie at (3, 0), (-3, 0), (0, 1), (0, -1)
        Pca pca = Pca.ofRows(Tensor.of(new float[] {4, 2, -2, 2, 1, 3, 1, 1}, 4, 2));
        JsonNode parsed = parsed(Plot.pca("four points", pca)
            .points("left and right", new int[] {1, 0}, "L", "R").points("up", new int[] {2}));
        assertEquals(List.of(-3.0, 3.0), doubles(parsed.at("/data/0/x")));
        assertEquals(List.of(0.0, 0.0), doubles(parsed.at("/data/0/y")).stream().map(Math::abs).toList());
        assertEquals(List.of(0.0), doubles(parsed.at("/data/1/x")).stream().map(Math::abs).toList());
        assertEquals(List.of(1.0), doubles(parsed.at("/data/1/y")));
        assertEquals("principal component 1 (90% of the variance)", parsed.at("/layout/xaxis/title/text").asText());
        assertEquals("principal component 2 (10% of the variance)", parsed.at("/layout/yaxis/title/text").asText());
        var e = assertThrows(IllegalStateException.class,
            () -> Plot.scatter("s", "x", "y").points("p", new int[] {0}));
        assertTrue(e.getMessage().startsWith("points(name, rows, labels) places a PCA's samples"), e.getMessage());
    }

    @Test
    void barKeepsCategoryOrder() throws IOException {
        BarFigure figure = Plot.bar("Stage frequencies", "stage", "share")
            .categories("W", "N1", "N2", "N3", "REM")
            .series("healthy", 0.1, 0.05, 0.5, 0.15, 0.2)
            .series("disordered", 0.1, 0.05, 0.5, 0.15, 0.2);
        JsonNode parsed = parsed(figure);
        assertEquals(List.of("W", "N1", "N2", "N3", "REM"), texts(parsed.at("/data/0/x")));
        assertEquals("category", parsed.at("/layout/xaxis/type").asText());
        assertEquals("group", parsed.at("/layout/barmode").asText());
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
        JsonNode parsed = parsed(grid);
        JsonNode data = parsed.get("data"), layout = parsed.get("layout");
        assertEquals(4, data.size(), "two lines, a heat map and a bar series");
        // every trace sits on its own cell's axes
        assertEquals(List.of("x", "x", "x2", "x3"), List.of(data.get(0).get("xaxis").asText(),
            data.get(1).get("xaxis").asText(), data.get(2).get("xaxis").asText(), data.get(3).get("xaxis").asText()));
        assertEquals("y2", data.get(2).get("yaxis").asText());
        assertEquals("x2", layout.at("/yaxis2/anchor").asText());
        // the heat map keeps its labels and row order on its axes
        assertEquals("reversed", layout.at("/yaxis2/autorange").asText());
        assertEquals("category", layout.at("/xaxis3/type").asText());
        // cells: side by side in row 0, the bar figure below; domains inside the paper and apart
        double[] x1 = {layout.at("/xaxis/domain/0").asDouble(), layout.at("/xaxis/domain/1").asDouble()};
        double[] x2 = {layout.at("/xaxis2/domain/0").asDouble(), layout.at("/xaxis2/domain/1").asDouble()};
        double[] y1 = {layout.at("/yaxis/domain/0").asDouble(), layout.at("/yaxis/domain/1").asDouble()};
        double[] y3 = {layout.at("/yaxis3/domain/0").asDouble(), layout.at("/yaxis3/domain/1").asDouble()};
        assertTrue(0 <= x1[0] && x1[0] < x1[1] && x1[1] <= 0.5 && 0.5 <= x2[0] && x2[0] < x2[1] && x2[1] <= 1,
            "columns apart: " + layout);
        assertTrue(0 <= y3[0] && y3[0] < y3[1] && y3[1] <= 0.5 && 0.5 <= y1[0] && y1[0] < y1[1] && y1[1] <= 1,
            "rows apart, row 0 on top: " + layout);
        assertEquals(List.of("Training loss", "weights", "counts"), texts(layout.get("annotations").findValues("text")
            .stream().collect(JSON::createArrayNode, (a, v) -> a.add(v), (a, b) -> a.addAll(b))));
        assertEquals("Three views", layout.at("/title/text").asText());
        // the top-right quadrant holds the heat map: Viridis ends present there
        BufferedImage topRight = image.getSubimage(image.getWidth() / 2, 0, image.getWidth() / 2, image.getHeight() / 2);
        assertTrue(countNear(topRight, Palette.viridis(1), 6) > 500, "yellow heat-map cell in the top-right figure");
    }

    @Test
    void gridShowsASeriesNameOnceInTheLegend() throws IOException {
        JsonNode data = parsed(Plot.grid("two runs", 2, lossCurves(), lossCurves())).get("data");
        List<Boolean> shown = new java.util.ArrayList<>();
        data.forEach(trace -> shown.add(trace.get("showlegend").asBoolean()));
        assertEquals(List.of(true, true, false, false), shown, "train and validation listed once");
        assertEquals("train", data.get(2).get("legendgroup").asText(), "and toggled together");
    }

    @Test
    void bundleHoldsThePlotlyFigureAsJsonThePngAndAText() throws IOException {
        Map<String, Object> bundle = lossCurves().bundle();
        assertEquals(List.of("application/vnd.plotly.v1+json", "image/png", "text/plain"), List.copyOf(bundle.keySet()));
        // a JSON object (maps and lists), not a string: the kernel serialises it as the MIME type requires
        Object plotly = bundle.get(Figure.PLOTLY_MIME);
        assertTrue(plotly instanceof Map, "a JSON object, got " + plotly.getClass());
        JsonNode roundTrip = JSON.valueToTree(plotly);
        assertEquals(parsed(lossCurves()), roundTrip);
        assertTrue(((Map<?, ?>) plotly).get("data") instanceof List);
        String all = JSON.writeValueAsString(bundle);
        assertFalse(all.contains("<script"), "no JavaScript in a notebook output");
        assertTrue(all.length() < 60_000, "a figure costs tens of kB, got " + all.length());
        BufferedImage image = decode(Base64.getDecoder().decode((String) bundle.get("image/png")));
        assertEquals(720, image.getWidth());
        assertTrue(((String) bundle.get("text/plain")).contains("Training loss"));
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
        assertThrows(IllegalStateException.class, heat::plotly);
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
        JsonNode data = figure.plotly().get("data");
        assertEquals("validation", data.get(1).get("name").asText());
        assertEquals(List.of(50.0, 100.0), doubles(data.get(1).get("x")), "validation only where measured");
        assertEquals(100, data.get(0).get("x").size());
        assertThrows(IllegalArgumentException.class, () -> progress.update(100, 1000, 1.0, 1.0));
        assertThrows(ArithmeticException.class, () -> progress.update(101, 1000, Double.NaN, 1.0));
        assertEquals("1:01:01", LiveProgress.clockTime(3661));
    }
}
