package dev.glassbox.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plotly.js 2.x bundle that ships with the project (tools/fetch_plotly.py puts it into the
 * Python environment; the kernelspec passes its path in GLASSBOX_PLOTLY_JS). It is inlined into the
 * first figure a kernel session shows, and only there: later figures find {@code window.Plotly}.
 *
 * <p>The bundle is a UMD module. Where require.js is present (classic Notebook, nbconvert's HTML)
 * it would register itself with {@code define()} instead of setting {@code window.Plotly}, and
 * require.js rejects an anonymous define from a plain script tag. So we run it inside a function
 * whose parameters {@code define}, {@code module} and {@code exports} are undefined: the bundle then
 * takes its browser-global branch and sets {@code window.Plotly}, with or without require.js.
 */
final class PlotlyBundle {

    static final String PATH_PROPERTY = "glassbox.plotly.js";
    static final String PATH_VARIABLE = "GLASSBOX_PLOTLY_JS";

    private static final AtomicBoolean INLINED = new AtomicBoolean();
    private static volatile Optional<String> cachedSource;

    private PlotlyBundle() {
    }

    /** The bundle's text, if the system property or environment variable names a readable file. */
    static Optional<String> source() {
        Optional<String> source = cachedSource;
        if (source == null) {
            String path = System.getProperty(PATH_PROPERTY, System.getenv(PATH_VARIABLE));
            source = Optional.empty();
            if (path != null && !path.isBlank() && Files.isRegularFile(Path.of(path))) {
                try {
                    // "</script" inside the bundle would end the script tag early; "<\/" means the same in JS
                    source = Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8).replace("</", "<\\/"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read plotly.js from " + path, e);
                }
            }
            cachedSource = source;
        }
        return source;
    }

    /** The script tag that defines window.Plotly, the first time it is asked for; "" after that. */
    static String scriptOnce() {
        Optional<String> source = source();
        if (source.isEmpty() || !INLINED.compareAndSet(false, true)) {
            return "";
        }
        return script(source.get());
    }

    /** The script tag, always (for standalone HTML files). */
    static String script(String bundle) {
        return "<script type=\"text/javascript\">/* plotly.js 2.x, shipped with Glassbox GPT */\n"
            + "(function (define, module, exports) {\n" + bundle + "\n}).call(window);\n</script>\n";
    }

    /** Forgets the bundle and that it was inlined (tests; a new kernel session starts this way). */
    static void reset() {
        cachedSource = null;
        INLINED.set(false);
    }
}
