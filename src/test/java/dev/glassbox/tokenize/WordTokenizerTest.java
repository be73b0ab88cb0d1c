package dev.glassbox.tokenize;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordTokenizerTest {

    @Test
    void splitsWordsPunctuationAndWhitespaceRuns() {
        assertEquals(List.of("Hi", ",", "  ", "you", "!"), WordTokenizer.split("Hi,  you!"));
        assertEquals(List.of("don", "'", "t", " ", "stop", "\n\n"), WordTokenizer.split("don't stop\n\n"));
        assertEquals(List.of("Q", ":", "12", "+", "7", "=", "?", "A", ":", "19"), WordTokenizer.split("Q:12+7=?A:19"));
        // Han characters are written without spaces: each one is a word
        assertEquals(List.of("gpt", "是", "序", "列", "。"), WordTokenizer.split("gpt是序列。"));
        // emoji: one piece each, even outside the BMP; combining mark stays in its word
        assertEquals(List.of("😀", "👍", "🏽", " ", "caf\u00E9"), WordTokenizer.split("😀👍🏽 caf\u00E9"));
        assertEquals(List.of("cafe\u0301"), WordTokenizer.split("cafe\u0301"));
    }

    @Test
    void vocabularyStartsWithSpecialsThenMostFrequentPieces() {
        // pieces of "b a b c b a": ' ' ×5, b ×3, a ×2, c ×1
        WordTokenizer tokenizer = WordTokenizer.fromCorpus("b a b c b a");
        assertEquals(List.of("<unk>", "<|endoftext|>", " ", "b", "a", "c"), tokenizer.tokens());
        assertArrayEquals(new int[] {4, 2, 5}, tokenizer.encode("a c"));
        assertEquals(0, tokenizer.specialTokens().get("<unk>"));
        assertEquals(1, tokenizer.endOfText().getAsInt());
    }

    @Test
    void unknownWordsBecomeUnkAndCannotBeRestored() {
        WordTokenizer tokenizer = WordTokenizer.fromCorpus("the cat sat");
        int[] ids = tokenizer.encode("the dog sat");
        assertEquals(tokenizer.unknownId(), ids[2]);
        assertEquals("the <unk> sat", tokenizer.decode(ids));
    }

    @Test
    void maximumSizeKeepsTheMostFrequentPieces() {
        WordTokenizer tokenizer = WordTokenizer.fromCorpus("b a b c b a", 4);   // <unk>, <|endoftext|>, ' ', b
        assertEquals(4, tokenizer.vocabSize());
        assertArrayEquals(new int[] {3, 2, 0}, tokenizer.encode("b a"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordTokenizer.fromCorpus("a", 2))
                .getMessage().contains("maximum vocabulary size 2 is too small"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordTokenizer.fromCorpus(""))
                .getMessage().contains("corpus is empty"));
    }

    @Test
    void specialTokensOnlyWhenAskedFor() {
        WordTokenizer tokenizer = WordTokenizer.fromCorpus("Q:1+1=?A:2\n");
        int eot = tokenizer.endOfText().getAsInt();
        int[] withSpecial = tokenizer.encodeWithSpecialTokens("A:2<|endoftext|>Q");
        assertArrayEquals(new int[] {tokenizer.id("A"), tokenizer.id(":"), tokenizer.id("2"), eot, tokenizer.id("Q")}, withSpecial);
        // as ordinary text, "<|endoftext|>" is the pieces < | endoftext | >, none of them known here
        assertEquals(5, tokenizer.encode("<|endoftext|>").length);
        assertEquals("A:2<|endoftext|>Q", tokenizer.decode(withSpecial));
    }

    @Test
    void roundTripsTextMadeOfKnownPieces() {
        String corpus = TextSamples.essay() + TextSamples.ENGLISH + String.join(" ", TextSamples.EMOJI) + " \u0007 \u001B";
        WordTokenizer tokenizer = WordTokenizer.fromCorpus(corpus);
        List<String> corpusPieces = WordTokenizer.split(corpus);
        List<String> words = new ArrayList<>(), others = new ArrayList<>(), spaces = new ArrayList<>();
        for (String token : tokenizer.tokens().subList(2, tokenizer.vocabSize())) {
            if (token.isBlank() && token.codePoints().allMatch(Character::isWhitespace)) spaces.add(token);
            else if (WordTokenizer.split(token + token).size() == 1) words.add(token);   // glues to a neighbour word
            else others.add(token);
        }
        Random random = new Random(7);
        for (int trial = 0; trial < 1000; trial++) {
            // (a) a run of the corpus's own pieces, starting anywhere
            int start = random.nextInt(corpusPieces.size());
            String slice = String.join("", corpusPieces.subList(start, Math.min(corpusPieces.size(), start + random.nextInt(40))));
            assertEquals(slice, tokenizer.decode(tokenizer.encode(slice)));
            // (b) known pieces in a new order, never two words or two whitespace runs side by side (they would fuse)
            StringBuilder text = new StringBuilder();
            String previousKind = "";
            for (int p = random.nextInt(30); p > 0; p--) {
                String kind = List.of("word", "other", "space").get(random.nextInt(3));
                if (kind.equals(previousKind) && !kind.equals("other")) continue;
                List<String> from = kind.equals("word") ? words : kind.equals("space") ? spaces : others;
                text.append(from.get(random.nextInt(from.size())));
                previousKind = kind;
            }
            int[] ids = tokenizer.encode(text.toString());
            assertTrue(java.util.Arrays.stream(ids).noneMatch(id -> id == tokenizer.unknownId()), text::toString);
            assertEquals(text.toString(), tokenizer.decode(ids), "trial " + trial);
        }
    }
}
