package dev.glassbox.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

/** The colour bar's title and a fixed colour range shared by several heat maps. */
class HeatMapScaleTest {

    private static final Path PREVIEW = Path.of("target", "plot-preview");

    /** Two 1 x 2 maps; the left cell of both holds 0, the right cell 0.5 and 1. */
    private static HeatMapFigure map(String title, double right) {
        return Plot.heatMap(title, "key", "query").values(new double[][] {{0, right}});
    }

    /** The colour in the middle of cell (0, column) of a 1-row map. */
    private static Color cellColour(HeatMapFigure figure, int column, int columns) throws IOException {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = figure.chart().createBufferedImage(500, 300, BufferedImage.TYPE_INT_RGB, info);
        Files.createDirectories(PREVIEW);
        ImageIO.write(image, "png", PREVIEW.resolve("heatmap-" + figure.title().replace(' ', '-') + ".png").toFile());
        var area = info.getPlotInfo().getDataArea();
        double cellWidth = area.getWidth() / columns;
        return new Color(image.getRGB((int) (area.getX() + cellWidth * (column + 0.5)), (int) area.getCenterY()));
    }

    @Test
    void colourBarCarriesItsTitleInBothRenderings() {
        HeatMapFigure figure = map("weights", 1).colourBarTitle("attention weight");
        assertEquals("attention weight", figure.plotly().at("/data/0/colorbar/title/text").asText(), "Plotly colour bar titled");
        JFreeChart chart = figure.chart();
        PaintScaleLegend bar = (PaintScaleLegend) chart.getSubtitle(0);
        assertEquals("attention weight", bar.getAxis().getLabel(), "PNG colour bar titled");
        assertNull(((PaintScaleLegend) map("untitled", 1).chart().getSubtitle(0)).getAxis().getLabel(),
            "no title unless one is given");
    }

    @Test
    void withoutARangeEachMapStretchesItsColoursOverItsOwnValues() throws IOException {
        // each map's largest value is yellow, although one is 0.5 and the other 1
        PlotTest.assertNear(Palette.viridis(1), cellColour(map("own range half", 0.5), 1, 2));
        PlotTest.assertNear(Palette.viridis(1), cellColour(map("own range one", 1), 1, 2));
    }

    @Test
    void aSharedRangeGivesEqualValuesEqualColours() throws IOException {
        HeatMapFigure half = map("shared half", 0.5).range(-1, 1);
        HeatMapFigure one = map("shared one", 1).range(-1, 1);
        assertArrayEquals(new double[] {-1, 1}, half.colourRange());
        var trace = half.plotly().at("/data/0");
        assertTrue(trace.get("zmin").asDouble() == -1.0 && trace.get("zmax").asDouble() == 1.0, "Plotly uses the fixed range");
        // 0 is the middle of [−1, 1], 0.5 three quarters, 1 the top: in both maps alike
        PlotTest.assertNear(Palette.viridis(0.5), cellColour(half, 0, 2));
        PlotTest.assertNear(Palette.viridis(0.5), cellColour(one, 0, 2));
        PlotTest.assertNear(Palette.viridis(0.75), cellColour(half, 1, 2));
        PlotTest.assertNear(Palette.viridis(1), cellColour(one, 1, 2));
        BufferedImage bar = one.image();
        assertEquals(one.width(), bar.getWidth());
    }

    @Test
    void badRangesAndValuesOutsideTheRangeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> map("m", 1).range(1, 1));
        assertTrue(e.getMessage().contains("[1.0, 1.0] is not a finite range with low < high"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> map("m", 1).range(0, Double.NaN));
        HeatMapFigure tooSmall = map("narrow", 1).range(0, 0.5);
        var s = assertThrows(IllegalStateException.class, tooSmall::plotly);
        assertTrue(s.getMessage().contains("has 1.0 at row 0, column 1, outside its colour range [0.0, 0.5]"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> map("m", 1).colourBarTitle(null));
    }
}
