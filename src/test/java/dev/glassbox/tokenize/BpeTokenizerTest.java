package dev.glassbox.tokenize;

import dev.glassbox.tokenize.BpeTokenizer.Merge;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {

    /**
     * The example from Wikipedia's "Byte pair encoding" article, by hand. In "aaabdaaabac" the pairs are
     * aa ×4 (two in each "aaa"), ab ×2, bd, da, ba, ac ×1. Merge 1: aa → 256, giving [aa a b d aa a b a c].
     * Now (256,a) and (a,b) both occur twice: the tie goes to the lower left id, a=97, so merge 2 is
     * ab → 257, giving [aa ab d aa ab a c]. Merge 3: (256,257) ×2 → 258, giving [aaab d aaab a c].
     */
    @Test
    void trainsTheWikipediaExampleByHand() {
        BpeTokenizer tokenizer = BpeTokenizer.train("aaabdaaabac", 257 + 3, PreTokenizer.NONE);
        assertEquals(List.of(new Merge('a', 'a', 256, 4), new Merge('a', 'b', 257, 2), new Merge(256, 257, 258, 2)),
                tokenizer.merges());
        assertEquals(260, tokenizer.vocabSize());
        assertArrayEquals(new int[] {258, 'd', 258, 'a', 'c'}, tokenizer.encode("aaabdaaabac"));
        assertEquals("aaab", tokenizer.tokenText(258));
        assertEquals(List.of("aaab", "d", "aaab", "a", "c"), tokenizer.tokenTexts(258, 'd', 258, 'a', 'c'));
        assertEquals(List.of("\uFFFD", "ab"), tokenizer.tokenTexts(0xE6, 257));   // one byte of a 3-byte character
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenTexts(260));
        assertEquals("\"a\" + \"a\" -> \"aa\" (id 256, seen 4 times)", tokenizer.describe(tokenizer.merges().get(0)));
        // new text: merges apply by rank: "abaaab" → a b a a a b → (aa first) a b aa a b → (ab) ab aa ab → (aa ab) ab aaab
        assertArrayEquals(new int[] {257, 258}, tokenizer.encode("abaaab"));
    }

    @Test
    void tiesGoToTheLowestPairIds() {
        // ab, bc, cd each once: (a,b) has the lowest left id
        BpeTokenizer tokenizer = BpeTokenizer.train("dcab cd", 258, PreTokenizer.NONE);
        // pairs: dc, ca, ab, b' ', ' 'c, cd — each once; the smallest key is (' ', c) = (32, 99)
        assertEquals(new Merge(' ', 'c', 256, 1), tokenizer.merges().get(0));
    }

    @Test
    void endOfTextIsTheLastIdAndSpecial() {
        BpeTokenizer tokenizer = BpeTokenizer.train(TextSamples.ENGLISH, 300);
        assertEquals(300, tokenizer.vocabSize());
        assertEquals(299, tokenizer.endOfText().getAsInt());
        assertEquals("<|endoftext|>", tokenizer.token(299));
        assertEquals("Q:1<|endoftext|>", tokenizer.decode(concat(tokenizer.encode("Q:1"), new int[] {299})));
        assertArrayEquals(concat(tokenizer.encode("A:2"), new int[] {299}), tokenizer.encodeWithSpecialTokens("A:2<|endoftext|>"));
        assertEquals(300 - 257, tokenizer.merges().size());
    }

    @Test
    void gpt2PreTokenizationKeepsMergesInsideWords() {
        BpeTokenizer tokenizer = BpeTokenizer.train(TextSamples.ENGLISH.repeat(3), 400);
        for (int id = 0; id < tokenizer.vocabSize() - 1; id++) {
            String text = tokenizer.tokenText(id);
            // a space may only lead a token (" the"), never follow a letter inside it ("e t")
            assertFalse(text.length() > 1 && text.substring(1).contains(" ") && !text.isBlank(), "token " + text);
        }
        assertTrue(tokenizer.token(tokenizer.encode(" the")[0]).equals("Ġthe"), "' the' is frequent enough to be one token");
        // without pre-tokenization, merges do cross spaces on this corpus
        BpeTokenizer raw = BpeTokenizer.train(TextSamples.ENGLISH.repeat(3), 400, PreTokenizer.NONE);
        assertTrue(raw.merges().stream().anyMatch(m -> raw.tokenText(m.newId()).matches(".*\\S .*")));
    }

    @Test
    void corpusIsCutAtEndOfTextSoNoTokenSpansIt() {
        // Without the cut, "o<" and "|>h" would be as frequent as the pairs of "hello". With it, each
        // document "hello" is merged on its own: 4 merges make it one token, and no token holds '<' or '>'.
        BpeTokenizer tokenizer = BpeTokenizer.train("hello<|endoftext|>".repeat(5), 257 + 4, PreTokenizer.NONE);
        for (Merge merge : tokenizer.merges()) assertFalse(tokenizer.tokenText(merge.newId()).matches(".*[<|>].*"));
        assertEquals("hello", tokenizer.tokenText(tokenizer.merges().get(3).newId()));
    }

    /** Exercise 01.5's reference: one step by hand, and on random texts the same as training one merge. */
    @Test
    void aMergeStepIsOneMergeOfTraining() {
        // aaabdaaabac: a+a is seen 4 times (twice in each aaa); left to right, aaa becomes Z a, Z = 300
        assertArrayEquals(new int[] {300, 'a', 'b', 'd', 300, 'a', 'b', 'a', 'c'},
                BpeTokenizer.mergeStep(asciiIds("aaabdaaabac"), 300));
        // cdab: every pair once; the tie goes to the lowest left id, a = 97, so a+b merges
        assertArrayEquals(new int[] {'c', 'd', 256}, BpeTokenizer.mergeStep(asciiIds("cdab"), 256));
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            char[] text = new char[2 + random.nextInt(24)];
            for (int i = 0; i < text.length; i++) text[i] = (char) ('a' + random.nextInt(4));
            String s = new String(text);
            BpeTokenizer oneMerge = BpeTokenizer.train(s, BpeTokenizer.BYTE_TOKENS + 1 + 1, PreTokenizer.NONE);
            assertArrayEquals(oneMerge.encode(s), BpeTokenizer.mergeStep(asciiIds(s), 256), s);
        }
        int[] unchanged = asciiIds("abc");
        assertArrayEquals(unchanged, BpeTokenizer.replacePair(unchanged, 'c', 'a', 256));
        assertFalse(unchanged == BpeTokenizer.replacePair(unchanged, 'c', 'a', 256), "a new array, not the input");
        assertEquals("a merge step needs at least two ids to find a pair in, got 1",
                assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.mergeStep(new int[] {97}, 256)).getMessage());
        assertEquals("id -1 at position 1 is negative; ids are 0 or more",
                assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.mergeStep(new int[] {97, -1}, 256)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.mergeStep(new int[] {97, 98}, -5));
    }

    private static int[] asciiIds(String ascii) {
        return ascii.chars().toArray();
    }

    @Test
    void badArgumentsAreRefused() {
        var small = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.train("abc", 100));
        assertEquals("vocabulary size 100 is smaller than the base alphabet: 256 byte tokens + 1 end-of-text token = 257",
                small.getMessage());
        // "ab ab" → ab ×2 → (ab, ' ') → ("ab ", ab): after 3 merges the whole text is one token
        var exhausted = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.train("ab ab", 300, PreTokenizer.NONE));
        assertTrue(exhausted.getMessage().contains("ran out of pairs to merge after 3 merges"), exhausted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.train("a\uDC00", 300));
        assertThrows(NullPointerException.class, () -> BpeTokenizer.train("abc", 300, null));
        BpeTokenizer bytesOnly = BpeTokenizer.train("", 257);
        assertEquals("token id 257 is outside vocabulary of 257",
                assertThrows(IllegalArgumentException.class, () -> bytesOnly.decode(new int[] {257})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> bytesOnly.encode("\uD83D"));   // half an emoji
    }

    @Test
    void decodingHalfACharacterGivesTheReplacementCharacter() {
        BpeTokenizer bytesOnly = BpeTokenizer.train("", 257);
        int[] ids = bytesOnly.encode("中");                  // U+4E2D = E4 B8 AD in UTF-8
        assertArrayEquals(new int[] {0xE4, 0xB8, 0xAD}, ids);
        assertEquals("\uFFFD", bytesOnly.decode(new int[] {0xE4, 0xB8}));
        assertArrayEquals(new byte[] {(byte) 0xE4, (byte) 0xB8}, bytesOnly.decodeBytes(new int[] {0xE4, 0xB8}));
        assertEquals("中", new String(bytesOnly.decodeBytes(ids), StandardCharsets.UTF_8));
    }

    @Test
    void mergeCountsAreTheTrueCountsInTheCorpus() {
        // Replay the merges on the corpus's own chunks and recount each pair independently.
        String corpus = TextSamples.essay();
        BpeTokenizer tokenizer = BpeTokenizer.train(corpus, 320);
        List<int[]> chunks = PreTokenizer.GPT2.split(corpus).stream()
                .map(chunk -> chunk.getBytes(StandardCharsets.UTF_8))
                .map(bytes -> { int[] ids = new int[bytes.length]; for (int i = 0; i < ids.length; i++) ids[i] = bytes[i] & 0xFF; return ids; })
                .collect(java.util.stream.Collectors.toList());
        for (Merge merge : tokenizer.merges()) {
            int count = 0;
            for (int[] chunk : chunks) {
                for (int i = 0; i + 1 < chunk.length; i++) if (chunk[i] == merge.left() && chunk[i + 1] == merge.right()) count++;
            }
            assertEquals(count, merge.count(), tokenizer.describe(merge));
            chunks.replaceAll(chunk -> BpeTokenizer.replacePair(chunk, merge.left(), merge.right(), merge.newId()));
        }
    }

    @Test
    void roundTripsAnyValidUnicodeText() {
        String corpus = TextSamples.essay() + TextSamples.ENGLISH;
        for (PreTokenizer preTokenizer : PreTokenizer.values()) {
            BpeTokenizer tokenizer = BpeTokenizer.train(corpus, 400, preTokenizer);
            assertEquals(corpus, tokenizer.decode(tokenizer.encode(corpus)));
            assertTrue(tokenizer.encode(corpus).length < corpus.getBytes(StandardCharsets.UTF_8).length,
                    "merges make fewer tokens than bytes");
            Random random = new Random(42);
            for (int trial = 0; trial < 1000; trial++) {
                String text = TextSamples.randomText(random, 25);
                assertEquals(text, tokenizer.decode(tokenizer.encode(text)), preTokenizer + " trial " + trial);
            }
        }
    }

    /** The fast encoder (priority queue over int ids, chunk cache) gives the plain loop's ids. */
    @Test
    void fastEncodingGivesTheReferenceIds() {
        String corpus = TextSamples.essay() + TextSamples.ENGLISH;
        for (PreTokenizer preTokenizer : PreTokenizer.values()) {
            BpeTokenizer tokenizer = BpeTokenizer.train(corpus, 700, preTokenizer);
            assertTrue(tokenizer.merger().isWellOrdered(), "trained merges only use earlier tokens");
            assertArrayEquals(tokenizer.encodeReference(corpus), tokenizer.encode(corpus));
            Random random = new Random(17);
            for (int trial = 0; trial < 1000; trial++) {
                String text = TextSamples.randomText(random, 30);
                assertArrayEquals(tokenizer.encodeReference(text), tokenizer.encode(text), preTokenizer + " trial " + trial);
            }
            for (int trial = 0; trial < 50; trial++) {   // long words and repeats: overlapping pairs, the cache
                String text = TextSamples.randomFrom(random, "aaaab the", 400) + " " + TextSamples.randomFrom(random, "是序列模型", 200);
                assertArrayEquals(tokenizer.encodeReference(text), tokenizer.encode(text), preTokenizer + " long trial " + trial);
                assertArrayEquals(tokenizer.encodeReference(text), tokenizer.encode(text), "second time, from the cache");
            }
        }
    }

    /**
     * Linear growth, counted rather than timed: the heap's pushes and pops for a word of n random letters
     * stay below 4n (at most n-1 first pairs, per merge one pop and two pushes, one pop per stale entry),
     * for n = 1 000, 10 000 and 100 000. The plain loop rescans the word after each merge, about n²/2 pair
     * look-ups for the n/2 merges such a word has.
     */
    @Test
    void mergeWorkGrowsLinearlyWithTheWord() {
        BpeTokenizer tokenizer = BpeTokenizer.train(TextSamples.ENGLISH.repeat(3) + TextSamples.essay(), 800);
        Random random = new Random(4);
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) ids[i] = 'a' + random.nextInt(26);
            long[] operations = new long[1];
            int length = tokenizer.merger().mergeAll(ids, n, operations);
            assertTrue(length < n, "some merges happen");
            assertTrue(operations[0] <= 4L * n, n + " letters took " + operations[0] + " heap operations");
            assertTrue(operations[0] >= n - length, "at least one pop per merge");
        }
        String word = TextSamples.randomFrom(new Random(5), "abcdefghijklmnopqrstuvwxyz", 3000);
        assertArrayEquals(tokenizer.encodeReference(word), tokenizer.encode(word));
    }

    /** Updating pair counts incrementally learns the same merges, counts and ties as counting again each time. */
    @Test
    void incrementalTrainingLearnsTheRecountingMerges() {
        Random random = new Random(8);
        StringBuilder randomCorpus = new StringBuilder();
        for (int i = 0; i < 300; i++) randomCorpus.append(TextSamples.randomText(random, 12));
        String[] corpora = {TextSamples.essay(), TextSamples.ENGLISH.repeat(2), randomCorpus.toString(),
                "aaabdaaabac", "aaaaaaa aaaa abab ababab", TextSamples.randomFrom(random, "ab ", 3000)};
        for (String corpus : corpora) {
            for (PreTokenizer preTokenizer : PreTokenizer.values()) {
                // small corpora run out of pairs: then both must stop at the same merge with the same message
                assertEquals(outcome(() -> BpeTokenizer.trainByRecounting(corpus, 450, preTokenizer).merges()),
                        outcome(() -> BpeTokenizer.train(corpus, 450, preTokenizer).merges()),
                        preTokenizer + " on " + corpus.substring(0, Math.min(20, corpus.length())));
            }
        }
    }

    private static Object outcome(java.util.function.Supplier<List<Merge>> training) {
        try {
            return training.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void trainingReportsProgressAfterEachMerge() {
        List<String> reports = new java.util.ArrayList<>();
        BpeTokenizer.train(TextSamples.ENGLISH, 257 + 5, PreTokenizer.GPT2, (made, wanted) -> reports.add(made + "/" + wanted));
        assertEquals(List.of("1/5", "2/5", "3/5", "4/5", "5/5"), reports);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
