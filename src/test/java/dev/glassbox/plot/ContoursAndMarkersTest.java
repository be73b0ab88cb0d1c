package dev.glassbox.plot;

import static dev.glassbox.plot.PlotTest.countNear;
import static dev.glassbox.plot.PlotTest.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contours (level sets as guide lines), end markers and equal axis scales on line figures. */
class ContoursAndMarkersTest {

    /** Level sets of f = x² + y²: circles of radius √c. */
    static final Contours.LevelSet CIRCLES = (c, th) -> new double[] {Math.sqrt(c) * Math.cos(th), Math.sqrt(c) * Math.sin(th)};

    @Test
    void everyPointOfAPieceLiesOnItsLevelAndInsideTheWindow() {
        List<double[][]> pieces = Contours.of(CIRCLES).within(-2, 2, 0, 2).pieces(1.0);
        assertTrue(!pieces.isEmpty());
        int points = 0;
        for (double[][] piece : pieces) {
            for (int i = 0; i < piece[0].length; i++) {
                double x = piece[0][i], y = piece[1][i];
                assertEquals(1.0, x * x + y * y, 1e-9, "on the circle f = 1");
                assertTrue(y >= 0 && y <= 2, "inside the window: y = " + y);
                points++;
            }
        }
        // the upper half of 401 points (θ from 0 to π inclusive): 201
        assertEquals(201, points);
    }

    @Test
    void aWindowThatCutsTheCurveTwiceGivesTwoPieces() {
        // |x| ≤ 0.5 keeps an arc near the top and one near the bottom of the unit circle
        List<double[][]> pieces = Contours.of(CIRCLES).within(-0.5, 0.5, -2, 2).pieces(1.0);
        assertEquals(2, pieces.size());
        assertTrue(pieces.get(0)[1][0] > 0 && pieces.get(1)[1][0] < 0, "one arc above, one below");
    }

    @Test
    void levelsOutsideTheWindowDrawNothingAndTheRestBecomeGuides() {
        LineFigure figure = Plot.line("bowl", "x", "y");
        Contours.of(CIRCLES).levels(0.25, 100).within(-1, 1, -1, 1).drawOn(figure);
        figure.series("path", new double[] {-0.8, 0}, new double[] {0.5, 0});
        assertTrue(figure.toString().contains("over 1 guide line(s)"), figure.toString());
    }

    @Test
    void badContoursAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Contours.of(CIRCLES).within(1, 0, 0, 1))
            .getMessage().contains("window x 1.0..0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Contours.of(CIRCLES).levels())
            .getMessage().contains("no levels"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Contours.of(CIRCLES).drawOn(Plot.line("t", "x", "y")))
            .getMessage().contains("levels(...)"));
    }

    @Test
    void endMarkersAreDotsInTheSeriesColourLeftOutOfTheLegend() throws IOException {
        LineFigure plain = Plot.line("paths", "x", "y").series("a", new double[] {0, 1, 2}, new double[] {0, 1, 0});
        LineFigure marked = Plot.line("paths", "x", "y").series("a", new double[] {0, 1, 2}, new double[] {0, 1, 0}).markEnds();
        int plainPixels = countNear(decode(plain.png()), Palette.traceColour(0), 10);
        int markedPixels = countNear(decode(marked.png()), Palette.traceColour(0), 10);
        assertTrue(markedPixels > plainPixels + 30, "a dot adds pixels: " + plainPixels + " -> " + markedPixels);
        var data = marked.plotly().get("data");
        assertEquals(2, data.size(), "a second trace holds the end marker");
        var endTrace = data.get(1);
        assertTrue(!endTrace.get("showlegend").asBoolean() && endTrace.get("mode").asText().equals("markers"), endTrace.toString());
        assertEquals(2.0, endTrace.get("x").get(0).asDouble(), "at the last point");
    }

    @Test
    void equalAxisScalesDrawACircleRound() throws IOException {
        // a circle of radius 1 in a wide frame: without equal scales it is stretched into a wide ellipse
        double[][] circle = Contours.of(CIRCLES).pieces(1.0).get(0);
        double[] stretched = boundingBox(decode(Plot.line("circle", "x", "y").size(800, 300)
            .series("f = 1", circle[0], circle[1]).png()));
        LineFigure equal = Plot.line("circle", "x", "y").size(800, 300).series("f = 1", circle[0], circle[1]).equalAxisScales();
        double[] round = boundingBox(decode(equal.png()));
        assertTrue(stretched[0] / stretched[1] > 2, "stretched without: " + stretched[0] + " x " + stretched[1]);
        assertEquals(1.0, round[0] / round[1], 0.06, "circle drawn " + round[0] + " x " + round[1] + " pixels");
        assertEquals("x", equal.plotly().at("/layout/yaxis/scaleanchor").asText());
    }

    @Test
    void floatValuesPlotLikeTheirDoubles() {
        LineFigure fromFloats = Plot.line("t", "x", "y").series("s", new double[] {0, 1}, new float[] {0.5f, 2f});
        LineFigure fromDoubles = Plot.line("t", "x", "y").series("s", new double[] {0, 1}, new double[] {0.5, 2});
        assertEquals(fromDoubles.plotlyJson(), fromFloats.plotlyJson());
        BarFigure bars = Plot.bar("t", "x", "y").categories("a", "b").series("s", new float[] {1f, 3f});
        assertTrue(bars.toString().contains("s"), bars.toString());
        assertThrows(IllegalArgumentException.class,
            () -> Plot.bar("t", "x", "y").categories("a", "b").series("s", new float[] {1f, Float.NaN}));
    }

    /** Width and height in pixels of what is drawn in the first series colour, left of the legend. */
    private static double[] boundingBox(BufferedImage image) {
        Color colour = Palette.traceColour(0);
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth() - 120; x++) {     // the legend's sample line sits in the last 120 pixels
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) < 30) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return new double[] {maxX - minX, maxY - minY};
    }
}
