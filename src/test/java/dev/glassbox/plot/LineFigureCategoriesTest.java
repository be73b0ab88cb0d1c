package dev.glassbox.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.junit.jupiter.api.Test;

/** A y axis of named categories (a hypnogram's stages) and a figure without a legend, in both renderings. */
class LineFigureCategoriesTest {

    private static LineFigure levels() {
        return Plot.line("levels", "step", "level").series("level", new double[] {0, 1, 2}, new double[] {2, 0, 1});
    }

    @Test
    void categoriesNameTheValuesFromTheBottomInBothRenderings() {
        LineFigure figure = levels().yCategories("low", "middle", "high");
        JsonNode y = figure.plotly().at("/layout/yaxis");
        assertEquals("[0.0,1.0,2.0]", y.get("tickvals").toString());
        assertEquals("[\"low\",\"middle\",\"high\"]", y.get("ticktext").toString());
        assertEquals("level", y.at("/title/text").asText(), "the axis keeps its title");
        JFreeChart chart = figure.chart();
        SymbolAxis axis = (SymbolAxis) chart.getXYPlot().getRangeAxis();
        assertArrayEquals(new String[] {"low", "middle", "high"}, axis.getSymbols());
        assertEquals("middle", axis.valueToString(1));
        assertEquals("level", axis.getLabel());
        assertTrue(figure.toString().contains("y axis low < middle < high"), figure.toString());
    }

    @Test
    void theLegendIsShownUnlessHidden() {
        assertNotNull(levels().chart().getLegend());
        assertTrue(levels().plotly().at("/layout/showlegend").asBoolean());
        LineFigure hidden = levels().hideLegend();
        assertNull(hidden.chart().getLegend());
        assertFalse(hidden.plotly().at("/layout/showlegend").asBoolean(true));
        assertTrue(hidden.png().length > 0, "still renders");
    }

    @Test
    void categoriesNeedLabels() {
        var e = assertThrows(IllegalArgumentException.class, () -> levels().yCategories());
        assertEquals("y categories need at least one label, got none", e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> levels().yCategories("a", null));
        assertEquals("y category 1 is null; pass \"\" for none", n.getMessage());
    }
}
