package dev.glassbox.tokenize;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharTokenizerTest {

    @Test
    void vocabularyIsTheSortedDistinctCharacters() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("hello");
        // distinct: h e l o; sorted by code point: e(101) h(104) l(108) o(111)
        assertEquals(4, tokenizer.vocabSize());
        assertEquals(java.util.List.of("e", "h", "l", "o"), tokenizer.characters());
        assertArrayEquals(new int[] {1, 0, 2, 2, 3}, tokenizer.encode("hello"));
        assertEquals("hole", tokenizer.decode(new int[] {1, 3, 2, 0}));
        assertEquals(2, tokenizer.id("l"));
        assertEquals("o", tokenizer.token(3));
        assertEquals(Map.of(), tokenizer.specialTokens());
        assertTrue(tokenizer.endOfText().isEmpty());
    }

    @Test
    void anEmojiIsOneTokenNotTwoChars() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("a😀b");   // "😀" is U+1F600: two Java chars
        assertEquals(3, tokenizer.vocabSize());
        assertEquals("😀", tokenizer.token(2));                        // sorted: a, b, U+1F600
        assertArrayEquals(new int[] {2, 0, 2}, tokenizer.encode("😀a😀"));
    }

    @Test
    void unknownCharacterFailsNamingCharacterAndPosition() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("abc");
        var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a😀bz"));
        // positions count characters (code points): a=0, 😀=1, b=2, z=3
        assertTrue(e.getMessage().contains("'😀' (U+1F600) at position 1"), e.getMessage());
        assertTrue(e.getMessage().contains("vocabulary of 3 characters"), e.getMessage());
        var newline = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("ab\n"));
        assertTrue(newline.getMessage().contains("character U+000A at position 2"), newline.getMessage());
    }

    @Test
    void idsAndTokensOutsideTheVocabularyFailClearly() {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus("abc");
        assertEquals("token id 3 is outside vocabulary of 3",
                assertThrows(IllegalArgumentException.class, () -> tokenizer.token(3)).getMessage());
        assertEquals("token id -1 is outside vocabulary of 3",
                assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {0, -1})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tokenizer.id("ab")).getMessage()
                .contains("\"ab\" is not in the vocabulary of 3 tokens"));
    }

    @Test
    void badCorporaAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CharTokenizer.fromCorpus(""))
                .getMessage().contains("corpus is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CharTokenizer.fromCorpus("ab\uD800c"))
                .getMessage().contains("unpaired surrogate U+D800 at char index 2"));
        assertThrows(NullPointerException.class, () -> CharTokenizer.fromCorpus(null));
    }

    @Test
    void roundTripsRandomStringsOverItsAlphabet() {
        String corpus = TextSamples.essay() + String.join("", TextSamples.EMOJI) + "\u0000\u0007\u001B\t\r\n\u007F\u0085";
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(corpus);
        Random random = new Random(20240501);
        for (int trial = 0; trial < 2000; trial++) {
            String text = TextSamples.randomFrom(random, corpus, 60);
            int[] ids = tokenizer.encode(text);
            assertEquals(text.codePointCount(0, text.length()), ids.length, "one token per character");
            assertEquals(text, tokenizer.decode(ids), "trial " + trial);
        }
    }
}
