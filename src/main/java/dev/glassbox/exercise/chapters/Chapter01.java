package dev.glassbox.exercise.chapters;

import dev.glassbox.data.QaSamples;
import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.tokenize.BpeTokenizer;
import dev.glassbox.tokenize.ByteLevel;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.PreTokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Chapter 01, Tokens: counting tokens, GPT-2's byte-level names, BPE merges by hand, and one merge step. */
public final class Chapter01 implements Chapter {

    /** The Q:A line of exercise 01.1, with its end-of-line token. */
    static final String QA_LINE = "Q:12+7=?A:19\n";

    /** The classic BPE example of exercise 01.3. */
    static final String CLASSIC = "aaabdaaabac";

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 01.1: how many tokens the line Q:12+7=?A:19⏎ has with chapter 01's character tokenizer
                Exercise.value("01.1", () -> qaCharacters().encode(QA_LINE).length)
                        .hint(Hint.when((Number yours, Number expected) -> yours.intValue() == expected.intValue() - 1,
                                "one short: the line ends with the end-of-line token ⏎, and it counts too"))
                        .hint(Hint.when((Number yours, Number expected) -> yours.intValue() < expected.intValue() - 1,
                                "the character tokenizer has one token per character: \"12\" is two tokens, and ⏎ is one"))
                        .hint(Hint.when((Number yours, Number expected) -> yours.intValue() > expected.intValue(),
                                "too many: count the characters of the line once each, ⏎ included")),

                // 01.2: how GPT-2's byte-level alphabet writes the three UTF-8 bytes of 模
                Exercise.value("01.2", () -> ByteLevel.encode("模".getBytes(StandardCharsets.UTF_8)))
                        .hint(Hint.when((String yours, Object expected) -> yours.equals("模"),
                                "that is the character itself; ByteLevel.encode writes its UTF-8 bytes"))
                        .hint(Hint.when((String yours, String expected) -> yours.length() != expected.length(),
                                "ByteLevel writes one character per UTF-8 byte: how many bytes does "
                                + "\"模\".getBytes(StandardCharsets.UTF_8) have?")),

                // 01.3: the two merges BPE learns from "aaabdaaabac", worked out by hand
                Exercise.value("01.3", Chapter01::classicMerges)
                        .hint(Hint.when((List<String> yours, List<String> expected) -> yours.size() == 2
                                        && yours.get(0).equals(expected.get(0)) && yours.get(1).equals("aaa"),
                                "after the first merge, two pairs are seen equally often; read how BpeTokenizer "
                                + "breaks a tie (its class comment)"))
                        .hint(Hint.when((List<String> yours, List<String> expected) -> yours.size() == 2
                                        && !yours.get(0).equals(expected.get(0)),
                                "count every pair of neighbours in the first step again: overlapping pairs count, "
                                + "so \"aaa\" holds the pair a + a twice")),

                // 01.4: <unk> ids in "the dog sat" with the word tokenizer of the English text (a notebook text,
                // so stored as a hash)
                Exercise.hashed("01.4", "1756d1fdaade3cd80339441c28642a56c6da2d2384a5e7ad7115b2ad5fac79db")
                        .hint(Hint.when((Number yours, Object e) -> yours.intValue() == 3,
                                "one of the three words does occur in the English text"))
                        .hint(Hint.when((Number yours, Object e) -> yours.intValue() > 3,
                                "the spaces are tokens too, but they are in the vocabulary: count only the ids 0")),

                // 01.5 (write it yourself): one BPE training step, checked against BpeTokenizer's own
                Exercise.function("01.5", (int[] ids, Integer newId) -> BpeTokenizer.mergeStep(ids, newId))
                        .edge("the classic \"aaabdaaabac\"", bytesOf(CLASSIC), 256)
                        .edge("\"aaa\": overlapping pairs", bytesOf("aaa"), 256)
                        .edge("\"aaaa\"", bytesOf("aaaa"), 300)
                        .edge("\"cdab\": every pair once (a tie)", bytesOf("cdab"), 256)
                        .edge("two tokens", bytesOf("ba"), 256)
                        .randomInputs(8, random -> {
                            char[] text = new char[4 + random.nextInt(20)];
                            for (int i = 0; i < text.length; i++) text[i] = (char) ('a' + random.nextInt(4));
                            return new Object[] {bytesOf(new String(text)), 256 + random.nextInt(200)};
                        })
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                yours.length == ((int[]) input[0]).length
                                ? "nothing was merged: every occurrence of the most frequent pair becomes the one "
                                  + "token newId" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                mergedPair((int[]) input[0], (Integer) input[1], yours, true)
                                ? "several pairs are equally frequent here; the tie goes to the pair with the lowest "
                                  + "left id, then the lowest right id" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                mergedPair((int[]) input[0], (Integer) input[1], yours, false)
                                ? "the pair you merged is not the most frequent one: count every pair of neighbours, "
                                  + "overlapping ones included" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                Arrays.equals(yours, rightToLeft((int[]) input[0], expected, (Integer) input[1]))
                                ? "replace from left to right: in a run like a a a the first two merge and the third "
                                  + "stays" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                yours.length < expected.length
                                ? "you merged too much: after a merge, continue after the pair's right token, which "
                                  + "cannot be part of another merge" : null))
        );
    }

    /** Chapter 01's character tokenizer of the built-in sums a + b, a, b ≤ 9 (the notebook's qaChars). */
    static CharTokenizer qaCharacters() {
        return CharTokenizer.fromCorpus(QaSamples.text(QaSamples.arithmetic(9, QaSamples.Operation.ADD)));
    }

    /** The texts of the two tokens BpeTokenizer learns from "aaabdaaabac" without pre-tokenization. */
    static List<String> classicMerges() {
        BpeTokenizer bpe = BpeTokenizer.train(CLASSIC, BpeTokenizer.BYTE_TOKENS + 2 + 1, PreTokenizer.NONE);
        return List.of(bpe.tokenText(bpe.merges().get(0).newId()), bpe.tokenText(bpe.merges().get(1).newId()));
    }

    static int[] bytesOf(String ascii) {
        byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) ids[i] = bytes[i];
        return ids;
    }

    /** How often each pair of neighbours occurs, keyed (left, right) in order of left id, then right id. */
    private static Map<List<Integer>, Integer> pairCounts(int[] ids) {
        Map<List<Integer>, Integer> counts = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (int i = 0; i + 1 < ids.length; i++) counts.merge(List.of(ids[i], ids[i + 1]), 1, Integer::sum);
        return counts;
    }

    /**
     * Whether {@code yours} is {@code ids} with some other pair merged: one as frequent as the winner
     * ({@code tie} true) or a less frequent one ({@code tie} false).
     */
    private static boolean mergedPair(int[] ids, int newId, int[] yours, boolean tie) {
        Map<List<Integer>, Integer> counts = pairCounts(ids);
        int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> winner = counts.entrySet().stream().filter(e -> e.getValue() == best).findFirst()
                .map(Map.Entry::getKey).orElse(null);
        for (Map.Entry<List<Integer>, Integer> pair : counts.entrySet()) {
            if (pair.getKey().equals(winner) || (pair.getValue() == best) != tie) continue;
            List<Integer> other = pair.getKey();
            if (Arrays.equals(yours, BpeTokenizer.replacePair(ids, other.get(0), other.get(1), newId))) return true;
        }
        return false;
    }

    /** The same merge as {@code expected} made, but scanning from the right (wrong for runs like a a a). */
    private static int[] rightToLeft(int[] ids, int[] expected, int newId) {
        Map<List<Integer>, Integer> counts = pairCounts(ids);
        int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Map.Entry<List<Integer>, Integer> pair : counts.entrySet()) {
            if (pair.getValue() != best) continue;
            int left = pair.getKey().get(0), right = pair.getKey().get(1);
            if (!Arrays.equals(BpeTokenizer.replacePair(ids, left, right, newId), expected)) continue;
            int[] reversed = new int[ids.length];
            for (int i = 0; i < ids.length; i++) reversed[i] = ids[ids.length - 1 - i];
            int[] merged = BpeTokenizer.replacePair(reversed, right, left, newId);
            int[] out = new int[merged.length];
            for (int i = 0; i < merged.length; i++) out[i] = merged[merged.length - 1 - i];
            return out;
        }
        return null;
    }
}
