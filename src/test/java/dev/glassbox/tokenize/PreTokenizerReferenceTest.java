package dev.glassbox.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our Java translation of GPT-2's pattern against the original pattern run by Python's {@code regex} module
 * (the library GPT-2's encoder.py uses). The cases were written by {@code gpt2_pattern_reference.py} beside
 * the JSON file: contractions, other scripts' letters and digits, emoji, combining marks, and every kind of
 * whitespace (including U+001C…U+001F, which Python's {@code str.isspace} counts but {@code \s} does not).
 */
class PreTokenizerReferenceTest {

    @Test
    void cutsTextExactlyLikePythonRegexWithGpt2sPattern() throws IOException {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("gpt2-pattern-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        JsonNode cases = reference.get("cases");
        assertTrue(cases.size() >= 300, "reference file has its cases");
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            List<String> expected = new ArrayList<>();
            c.get("chunks").forEach(chunk -> expected.add(chunk.asText()));
            assertEquals(expected, PreTokenizer.GPT2.split(text), () -> "text " + Text.quote(text));
        }
    }
}
