package dev.glassbox.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PreTokenizer#GPT2} against tiktoken 0.14 on the code points where Unicode versions disagree: the
 * 9,787 letters and 130 numbers that Java 17's regex (Unicode 13) does not know, and 17,480 code points that
 * Python's {@code regex} module (a newer Unicode) calls letters or numbers but tiktoken does not. The fixture
 * {@code tiktoken-unicode.json} was written once by {@code tools/tiktoken_unicode_fixture.sh}: each code
 * point's class as tiktoken cuts {@code "a" + c + "'s"}, and GPT-2's ids from tiktoken for strings around a
 * sample of them, with the part of GPT-2's vocabulary those strings need ({@code gpt2-subset/}).
 */
class TiktokenUnicodeTest {

    private static JsonNode fixture() throws Exception {
        try (InputStream in = TiktokenUnicodeTest.class.getResourceAsStream("tiktoken-unicode.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void cutsEveryDifferingCodePointAsTiktokenDoes() throws Exception {
        JsonNode fixture = fixture();
        int[] counted = new int[3];
        for (JsonNode run : fixture.get("classes")) {
            String cls = run.get(2).asText();
            for (int cp = run.get(0).asInt(); cp <= run.get(1).asInt(); cp++) {
                String c = Character.toString(cp);
                List<String> expected = switch (cls) {
                    case "L" -> List.of("a" + c, "'s");
                    case "N" -> List.of("a", c, "'s");
                    default -> List.of("a", c + "'", "s");
                };
                assertEquals(expected, PreTokenizer.GPT2.split("a" + c + "'s"), () -> String.format("U+%04X (%s)", (int) c.codePointAt(0), cls));
                counted["LNO".indexOf(cls)]++;
            }
        }
        JsonNode counts = fixture.get("class_counts");
        assertEquals(counts.get("L").asInt(), counted[0]);
        assertEquals(9_787, counted[0], "letters new since Unicode 13, up to Unicode 16");
        assertEquals(130, counted[1], "numbers new since Unicode 13");
        assertEquals(counts.get("O").asInt(), counted[2]);
    }

    @Test
    void givesTiktokensIdsAroundThoseCodePoints() throws Exception {
        JsonNode fixture = fixture();
        Gpt2Tokenizer subset = Gpt2Tokenizer.load(resourceDirectory("gpt2-subset"));
        JsonNode gpt2Ids = fixture.get("subset_gpt2_ids");
        assertEquals(gpt2Ids.size(), subset.vocabSize());
        int cases = 0;
        for (JsonNode c : fixture.get("cases")) {
            String text = c.get("text").asText();
            int[] expected = new int[c.get("ids").size()];
            for (int i = 0; i < expected.length; i++) expected[i] = c.get("ids").get(i).asInt();
            int[] ours = subset.encode(text), plain = subset.encodeReference(text);
            for (int i = 0; i < ours.length; i++) ours[i] = gpt2Ids.get(ours[i]).asInt();
            for (int i = 0; i < plain.length; i++) plain[i] = gpt2Ids.get(plain[i]).asInt();
            assertArrayEquals(expected, ours, () -> "text " + Text.quote(text));
            assertArrayEquals(expected, plain, () -> "encodeReference, text " + Text.quote(text));
            cases++;
        }
        assertTrue(cases > 300, "the fixture has its cases");
        int[] example = subset.encode("\u0870's");
        for (int i = 0; i < example.length; i++) example[i] = gpt2Ids.get(example[i]).asInt();
        assertArrayEquals(new int[] {156, 94, 108, 338}, example, "U+0870 is a letter, so 's is its own chunk");
    }

    private static Path resourceDirectory(String name) throws URISyntaxException {
        return Path.of(TiktokenUnicodeTest.class.getResource(name).toURI());
    }
}
