package dev.glassbox.plot;

import static dev.glassbox.plot.PlotTest.countNear;
import static dev.glassbox.plot.PlotTest.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Guide lines (contours under optimizer paths): grey, behind, out of the legend, no palette colour used. */
class LineFigureGuideTest {

    /** A level set of x² + y² (a circle of radius 1) and a path named like it. */
    static LineFigure circleAndPath() {
        int n = 200;
        double[] cx = new double[n + 1], cy = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            cx[i] = Math.cos(2 * Math.PI * i / n);
            cy[i] = Math.sin(2 * Math.PI * i / n);
        }
        return Plot.line("Path over a contour", "x", "y")
            .guide("f = 1", cx, cy)
            .series("f = 1", new double[] {-0.8, 0, 0.8}, new double[] {-0.5, 0.5, -0.5});  // same name: allowed
    }

    @Test
    void guideIsGreyAndTheFirstSeriesKeepsTheFirstPaletteColour() throws IOException {
        BufferedImage image = decode(circleAndPath().png());
        assertTrue(countNear(image, Color.decode(LineFigure.GUIDE_HEX), 12) > 300, "grey circle drawn");
        assertTrue(countNear(image, Palette.traceColour(0), 10) > 200, "the series is drawn in the first colour");
        assertEquals(0, countNear(image, Palette.traceColour(1), 10), "no second palette colour was used");
    }

    @Test
    void guideTraceComesFirstAndIsLeftOutOfTheLegend() {
        JsonNode data = circleAndPath().plotly().get("data");
        assertEquals(2, data.size());
        JsonNode guide = data.get(0), path = data.get(1);
        assertEquals(201, guide.get("x").size(), "the circle comes first, so it is drawn underneath");
        assertFalse(guide.get("showlegend").asBoolean(true), "guide left out of the legend");
        assertEquals(LineFigure.GUIDE_HEX, guide.at("/line/color").asText());
        assertEquals(3, path.get("x").size());
        assertFalse(path.has("showlegend"), "the series stays in the legend");
        assertEquals(Palette.traceHex(0), path.at("/line/color").asText());
    }

    @Test
    void mismatchedGuideIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Plot.line("t", "x", "y").guide("level 2", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("guide 'level 2' has 2 x values but 1 y values"), e.getMessage());
    }
}
