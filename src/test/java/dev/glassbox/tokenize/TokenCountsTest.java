package dev.glassbox.tokenize;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCountsTest {

    @Test
    void countsTheTokensEachTokenizerNeedsForTheText() {
        String text = "hello hello";
        // characters: distinct h e l o and the space, 5 of them; one token per character, 11
        var own = TokenCounts.on(text).of("characters", CharTokenizer.fromCorpus(text));
        assertEquals(List.of(new TokenCounts.Count("characters", 5, 11)), own.counts());
        assertEquals("characters V=5 → 11 tokens", own.toString());
        assertArrayEquals(new double[] {5}, own.vocabSizes());
        assertArrayEquals(new double[] {11}, own.tokens());
        assertArrayEquals(new String[] {"characters"}, own.names());
    }

    @Test
    void bpeAtEachSizeIsTrainedOnTheTextItself() {
        // V = 257 is the 256 bytes and <|endoftext|>: one token per UTF-8 byte, and "é" is 2 bytes, so 4 + 1 = 5.
        // V = 258 adds one merge; in "aaaa" the most frequent pair is (a, a), so "aaaa" becomes "aa" "aa": 2 tokens.
        assertEquals("V=257 → 5 tokens", TokenCounts.on("caté").ofBpeTrainedAt(257).toString());
        var bpe = TokenCounts.on("aaaa").ofBpeTrainedAt(257, 258);
        assertEquals(List.of(new TokenCounts.Count("", 257, 4), new TokenCounts.Count("", 258, 2)), bpe.counts());
        assertEquals("V=257 → 4 tokens, V=258 → 2 tokens", bpe.toString());
        assertArrayEquals(new double[] {257, 258}, bpe.vocabSizes());
        assertArrayEquals(new double[] {4, 2}, bpe.tokens());
    }

    @Test
    void eachCallReturnsNewCountsAndLeavesTheOldOnesAlone() {
        var empty = TokenCounts.on("ab");
        var one = empty.of("characters", CharTokenizer.fromCorpus("ab"));
        assertEquals(0, empty.counts().size());
        assertEquals(1, one.counts().size());
    }

    @Test
    void badInputGetsOneLineNamingTheValue() {
        assertEquals("token counts need a text to encode, got an empty string",
                assertThrows(IllegalArgumentException.class, () -> TokenCounts.on("")).getMessage());
        assertEquals("token counts need a text to encode, got null",
                assertThrows(IllegalArgumentException.class, () -> TokenCounts.on(null)).getMessage());
        var counts = TokenCounts.on("abc");
        assertEquals("a tokenizer's row needs a name such as \"characters\", got \" \"",
                assertThrows(IllegalArgumentException.class, () -> counts.of(" ", CharTokenizer.fromCorpus("abc"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> counts.ofBpeTrainedAt()).getMessage()
                .startsWith("ofBpeTrainedAt needs at least one vocabulary size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> counts.ofBpeTrainedAt(100)).getMessage().contains("100"));
    }
}
