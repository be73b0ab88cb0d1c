package dev.glassbox.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the README's example ({@link QuickStart}) and checks what it prints. */
class ReadmeExampleTest {

    /** The README quotes QuickStart.main's body; if one changes without the other, this fails. */
    @Test
    void readmeQuotesExactlyTheCodeThatRuns() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/dev/glassbox/examples/QuickStart.java"));
        String body = source.substring(source.indexOf("public static void main"));
        body = body.substring(body.indexOf('{') + 1, body.indexOf("\n    }\n"));
        String quickStart = readme.substring(readme.indexOf("## Quick start in Java"));
        String quoted = quickStart.substring(quickStart.indexOf("```java\n") + 8, quickStart.indexOf("```\n", quickStart.indexOf("```java\n") + 8));
        assertEquals(strip(body), strip(quoted));
    }

    private static String strip(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void quickStartPrintsASensibleLossAndACausalAttentionMatrix() {
        String out = run();
        Matcher loss = Pattern.compile("loss (\\d+\\.\\d+)").matcher(out);
        assertTrue(loss.find(), out);
        // a fresh model spreads its bets evenly: loss ≈ −log(1/65) = ln 65 ≈ 4.17
        assertEquals(Math.log(65), Double.parseDouble(loss.group(1)), 0.2, out);

        String matrix = out.substring(out.indexOf("Tensor[1, 5, 5]") + "Tensor[1, 5, 5]".length());
        List<Double> numbers = new ArrayList<>();
        Matcher number = Pattern.compile("-?\\d+(\\.\\d+)?(e[-+]?\\d+)?").matcher(matrix);
        while (number.find()) numbers.add(Double.parseDouble(number.group()));
        assertEquals(25, numbers.size(), out);
        for (int t = 0; t < 5; t++) {
            double sum = 0;
            for (int t2 = 0; t2 < 5; t2++) {
                double w = numbers.get(t * 5 + t2);
                if (t2 > t) assertEquals(0.0, w, "row " + t + " must not see position " + t2 + "\n" + out);
                sum += w;
            }
            assertEquals(1.0, sum, 5 * 5e-5, "row " + t + " (printed with 4 decimals)\n" + out);
        }
    }

    private static String run() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }
}
