package dev.glassbox.plot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.Color;

/**
 * The colours both renderings share, so the static PNG looks like the interactive Plotly plot:
 * Plotly's default trace colours (the D3 "category10" cycle) and the Viridis colour scale, which we
 * hand to Plotly explicitly as stops so both sides interpolate the very same colours.
 */
final class Palette {

    /** Plotly's default colours for the 1st, 2nd, ... trace. */
    private static final String[] TRACE_COLOURS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    /** Viridis at ten evenly spaced stops (dark purple for low values, yellow for high). */
    private static final String[] VIRIDIS = {
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e",
        "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"
    };

    static final Color GRID = new Color(0xE5, 0xE5, 0xE5);
    static final Color TEXT = new Color(0x44, 0x44, 0x44);

    private Palette() {
    }

    static String traceHex(int index) {
        return TRACE_COLOURS[index % TRACE_COLOURS.length];
    }

    static Color traceColour(int index) {
        return Color.decode(traceHex(index));
    }

    /** The colour of t in [0, 1] on Viridis, linear between neighbouring stops. */
    static Color viridis(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double position = clamped * (VIRIDIS.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, VIRIDIS.length - 1);
        double mix = position - low;
        Color a = Color.decode(VIRIDIS[low]);
        Color b = Color.decode(VIRIDIS[high]);
        return new Color(
            (int) Math.round(a.getRed() + mix * (b.getRed() - a.getRed())),
            (int) Math.round(a.getGreen() + mix * (b.getGreen() - a.getGreen())),
            (int) Math.round(a.getBlue() + mix * (b.getBlue() - a.getBlue())));
    }

    /** The same scale as a Plotly colorscale: [[0.0, "#440154"], ..., [1.0, "#fde725"]]. */
    static ArrayNode viridisStops() {
        ArrayNode stops = Figure.JSON.createArrayNode();
        for (int i = 0; i < VIRIDIS.length; i++) {
            stops.addArray().add((double) i / (VIRIDIS.length - 1)).add(VIRIDIS[i]);
        }
        return stops;
    }
}
