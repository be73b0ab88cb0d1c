package dev.glassbox.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Byte-pair encoding over UTF-8 bytes, trained from a corpus, as in GPT-2 (Sennrich et al. 2016 for words,
 * Radford et al. 2019 for bytes).
 *
 * <p>Start with the 256 byte values as tokens, so any text can be encoded. Then, again and again: count every
 * pair of neighbouring tokens in the corpus, take the most frequent pair, give it a new id, and replace it
 * everywhere. Each such step is a {@link Merge}, recorded in order. Encoding new text replays the merges by
 * rank: among the pairs present, the one merged earliest in training is merged first.
 *
 * <p>Details that make the result reproducible and exportable:
 * <ul>
 *   <li>Ties: the most frequent pair wins; among equally frequent pairs the one with the lowest left id,
 *       then the lowest right id.</li>
 *   <li>The text is first cut into chunks by a {@link PreTokenizer} (GPT-2's pattern by default) and merges
 *       never cross a chunk boundary; the corpus is also cut at every literal {@code <|endoftext|>}.</li>
 *   <li>Every id has distinct bytes, as {@code vocab.json} requires: should a merge ever produce bytes that
 *       are a token already (e.g. {@code "a"+"bc"} after {@code "ab"+"c"}), it reuses that id, as Hugging
 *       Face's trainer does, and does not grow the vocabulary. (We found no corpus where this happens; the
 *       check is a guard, not a feature.)</li>
 *   <li>The last id is the special token {@code <|endoftext|>}; {@code vocabSize} counts it, so a vocabulary of
 *       {@code V} tokens is 256 bytes + {@code V - 257} merged tokens + 1 end-of-text token.</li>
 * </ul>
 *
 * <p>{@code decode(encode(s)) == s} for every valid Unicode string. Decoding ids that split a multi-byte
 * character (as a sampling model may produce) gives U+FFFD for the broken bytes, like GPT-2.
 *
 * <p>{@link #token(int)} shows a token the way {@code vocab.json} stores it: bytes mapped through
 * {@link ByteLevel}, so a leading space reads {@code Ġ}. {@link #tokenText(int)} gives the plain text.
 */
public final class BpeTokenizer implements Tokenizer {
    /** The base alphabet: one token per byte value, ids 0 … 255 equal to the byte. */
    public static final int BYTE_TOKENS = 256;

    /**
     * One training step: tokens {@code left} and {@code right}, adjacent {@code count} times in the corpus at
     * that step, became token {@code newId}. The position in {@link #merges()} is the merge's rank.
     */
    public record Merge(int left, int right, int newId, int count) {}

    private final List<byte[]> tokenBytes;            // id → bytes; the last is <|endoftext|>
    private final Vocabulary vocabulary;               // id ↔ byte-level visible string
    private final List<Merge> merges;
    private final Map<Long, Integer> rankOfPair;       // (left, right) → index of its first merge
    private final PreTokenizer preTokenizer;
    private final int endOfTextId;
    private final BytePairMerger merger;               // the same merges with a priority queue, for encode

    private BpeTokenizer(List<byte[]> mergedTokenBytes, List<Merge> merges, PreTokenizer preTokenizer) {
        this.tokenBytes = new ArrayList<>(mergedTokenBytes);
        this.endOfTextId = tokenBytes.size();
        tokenBytes.add(Text.utf8(END_OF_TEXT));
        List<String> visible = new ArrayList<>();
        for (int id = 0; id < endOfTextId; id++) visible.add(ByteLevel.encode(tokenBytes.get(id)));
        visible.add(END_OF_TEXT);
        this.vocabulary = new Vocabulary(visible);
        this.merges = List.copyOf(merges);
        this.rankOfPair = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            rankOfPair.putIfAbsent(pairKey(merges.get(rank).left(), merges.get(rank).right()), rank);
        }
        this.preTokenizer = preTokenizer;
        int[] idOfByte = new int[BYTE_TOKENS];
        for (int b = 0; b < BYTE_TOKENS; b++) idOfByte[b] = b;
        int[] left = new int[merges.size()], right = new int[merges.size()], merged = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            left[rank] = merges.get(rank).left();
            right[rank] = merges.get(rank).right();
            merged[rank] = merges.get(rank).newId();
        }
        this.merger = new BytePairMerger(idOfByte, left, right, merged);
    }

    /** Trains with GPT-2's pre-tokenization, so the result exports to GPT-2's file format without change. */
    public static BpeTokenizer train(String corpus, int vocabSize) {
        return train(corpus, vocabSize, PreTokenizer.GPT2);
    }

    /** {@link #train(String, int, PreTokenizer, TrainingProgress)} without progress reports. */
    public static BpeTokenizer train(String corpus, int vocabSize, PreTokenizer preTokenizer) {
        return train(corpus, vocabSize, preTokenizer, null);
    }

    /** Told after each merge how many of the wanted merged tokens exist; for a progress bar. */
    @FunctionalInterface
    public interface TrainingProgress {
        void merged(int tokensMade, int tokensWanted);
    }

    /**
     * Learns {@code vocabSize - 257} merged tokens from the corpus, the way the class comment describes, and
     * calls {@code progress} (if not null) after each merge.
     *
     * <p>Counting every pair again after each merge (what {@link #trainByRecounting} does, the plain
     * version) costs a pass over the corpus per merge. Here the counts are kept up to date instead: a
     * merge changes only the pairs around the places where it happens, so for each word that holds the pair
     * (an index pair → words says which) the pairs that disappear are subtracted and the new ones added; a
     * heap ordered by (count, then lowest pair) finds the next best pair, its stale entries recognised and
     * refreshed as they come out. Same merges, same counts, same ties as the plain version.
     *
     * @throws IllegalArgumentException if {@code vocabSize < 257}, or if the corpus runs out of pairs
     *         before the vocabulary is full (every chunk already a single token)
     */
    public static BpeTokenizer train(String corpus, int vocabSize, PreTokenizer preTokenizer, TrainingProgress progress) {
        Words words = Words.of(corpus, vocabSize, preTokenizer);
        TokenTable table = new TokenTable();
        PairCounts counts = new PairCounts(words);
        while (table.size() < vocabSize - 1) {                    // the last id is <|endoftext|>
            long best = counts.mostFrequent();
            if (best < 0) throw outOfPairs(table, vocabSize);
            int left = leftOf(best), right = rightOf(best);
            int newId = table.idOfMerge(left, right);
            table.merges.add(new Merge(left, right, newId, counts.count(best)));
            counts.merge(left, right, newId);
            if (progress != null) progress.merged(table.size() - BYTE_TOKENS, vocabSize - 1 - BYTE_TOKENS);
        }
        return new BpeTokenizer(table.tokenBytes, table.merges, preTokenizer);
    }

    /**
     * The plain version of {@link #train}: after each merge, count every pair in the corpus again. Slow on a
     * large corpus, but each step is exactly the textbook's ({@link #mergeStep}, over every chunk of the corpus at
     * once); a test holds the two together.
     */
    static BpeTokenizer trainByRecounting(String corpus, int vocabSize, PreTokenizer preTokenizer) {
        Words words = Words.of(corpus, vocabSize, preTokenizer);
        TokenTable table = new TokenTable();
        while (table.size() < vocabSize - 1) {
            // 1. count every pair of neighbouring tokens
            Map<Long, Integer> pairCounts = countPairs(words.ids, words.occurrences);
            if (pairCounts.isEmpty()) throw outOfPairs(table, vocabSize);
            // 2. take the most frequent (ties: lowest left id, then lowest right id)
            long best = mostFrequent(pairCounts);
            int left = leftOf(best), right = rightOf(best);
            // 3. give it an id (a new one, unless these bytes are a token already)
            int newId = table.idOfMerge(left, right);
            // 4. merge it everywhere and record the step
            for (int i = 0; i < words.ids.length; i++) words.ids[i] = replacePair(words.ids[i], left, right, newId);
            table.merges.add(new Merge(left, right, newId, pairCounts.get(best)));
        }
        return new BpeTokenizer(table.tokenBytes, table.merges, preTokenizer);
    }

    private static IllegalArgumentException outOfPairs(TokenTable table, int vocabSize) {
        return new IllegalArgumentException("the corpus ran out of pairs to merge after " + table.merges.size()
                + " merges, with " + (table.size() + 1) + " of the requested " + vocabSize
                + " tokens: every chunk is already a single token. Use a larger corpus or a smaller vocabulary size");
    }

    /**
     * The corpus as distinct chunks, each once with its number of occurrences: a corpus of 100 000 bytes has
     * a few thousand distinct words, and pair counts weighted by occurrences are the same as over the text.
     */
    private record Words(int[][] ids, int[] occurrences) {
        static Words of(String corpus, int vocabSize, PreTokenizer preTokenizer) {
            Text.requireValid(corpus, "corpus");
            Objects.requireNonNull(preTokenizer, "preTokenizer must not be null");
            if (vocabSize < BYTE_TOKENS + 1) {
                throw new IllegalArgumentException("vocabulary size " + vocabSize + " is smaller than the base alphabet: "
                        + BYTE_TOKENS + " byte tokens + 1 end-of-text token = " + (BYTE_TOKENS + 1));
            }
            Map<String, Integer> chunkCounts = new LinkedHashMap<>();
            for (String document : corpus.split(Pattern.quote(END_OF_TEXT))) {
                for (String chunk : preTokenizer.split(document)) chunkCounts.merge(chunk, 1, Integer::sum);
            }
            int[][] ids = new int[chunkCounts.size()][];
            int[] occurrences = new int[chunkCounts.size()];
            int w = 0;
            for (Map.Entry<String, Integer> chunk : chunkCounts.entrySet()) {
                byte[] bytes = Text.utf8(chunk.getKey());
                ids[w] = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) ids[w][i] = bytes[i] & 0xFF;
                occurrences[w++] = chunk.getValue();
            }
            return new Words(ids, occurrences);
        }
    }

    /** The tokens made so far (id → bytes, starting with the 256 bytes) and the merges that made them. */
    private static final class TokenTable {
        final List<byte[]> tokenBytes = new ArrayList<>();
        final Map<String, Integer> idOfBytes = new HashMap<>();   // byte-level string → id, to reuse ids
        final List<Merge> merges = new ArrayList<>();

        TokenTable() {
            for (int b = 0; b < BYTE_TOKENS; b++) {
                tokenBytes.add(new byte[] {(byte) b});
                idOfBytes.put(ByteLevel.encode(tokenBytes.get(b)), b);
            }
        }

        int size() {
            return tokenBytes.size();
        }

        /** The id for left + right: a new one, unless these bytes are a token already. */
        int idOfMerge(int left, int right) {
            byte[] merged = concat(tokenBytes.get(left), tokenBytes.get(right));
            return idOfBytes.computeIfAbsent(ByteLevel.encode(merged), key -> {
                tokenBytes.add(merged);
                return tokenBytes.size() - 1;
            });
        }
    }

    /**
     * Pair counts kept up to date through the merges (see {@link #train}): count and the words that hold
     * each pair, and a heap of (count, pair) entries. An entry is pushed whenever a pair's count grows; one
     * whose count has shrunk since is pushed again with its current count when it comes out.
     */
    private static final class PairCounts {
        private static final class Pair {
            int count;
            int[] words = new int[2];   // indices of words that hold (or held) the pair; may repeat
            int size;

            void addWord(int w) {
                if (size > 0 && words[size - 1] == w) return;
                if (size == words.length) words = java.util.Arrays.copyOf(words, size * 2);
                words[size++] = w;
            }
        }

        private record Entry(int count, long pair) {}

        private final int[][] ids;
        private final int[] occurrences;
        private final Map<Long, Pair> pairs = new HashMap<>();
        // most frequent first; ties: the smaller pair key (lower left id, then lower right id)
        private final java.util.PriorityQueue<Entry> heap = new java.util.PriorityQueue<>(
                (a, b) -> a.count != b.count ? Integer.compare(b.count, a.count) : Long.compare(a.pair, b.pair));
        private final int[] visited;     // the merge at which each word was last rewritten
        private int mergeNumber;

        PairCounts(Words words) {
            this.ids = words.ids();
            this.occurrences = words.occurrences();
            this.visited = new int[ids.length];
            for (int w = 0; w < ids.length; w++) {
                for (int i = 0; i + 1 < ids[w].length; i++) {
                    Pair pair = pairs.computeIfAbsent(pairKey(ids[w][i], ids[w][i + 1]), key -> new Pair());
                    pair.count += occurrences[w];
                    pair.addWord(w);
                }
            }
            pairs.forEach((key, pair) -> heap.add(new Entry(pair.count, key)));
        }

        int count(long pairKey) {
            Pair pair = pairs.get(pairKey);
            return pair == null ? 0 : pair.count;
        }

        /** The pair to merge next, or -1 if no pair is left. */
        long mostFrequent() {
            while (!heap.isEmpty()) {
                Entry top = heap.poll();
                int now = count(top.pair);
                if (now == top.count && now > 0) {
                    heap.add(top);                 // it stays the best until merged
                    return top.pair;
                }
                if (now > 0 && now < top.count) heap.add(new Entry(now, top.pair));
                // now > top.count: a newer entry is in the heap; now == 0: the pair is gone
            }
            return -1;
        }

        /** Replaces (left, right) by newId in every word that holds it, updating the counts around each place. */
        void merge(int left, int right, int newId) {
            mergeNumber++;
            Pair merged = pairs.remove(pairKey(left, right));
            for (int k = 0; k < merged.size; k++) {
                int w = merged.words[k];
                if (visited[w] == mergeNumber) continue;
                visited[w] = mergeNumber;
                rewrite(w, left, right, newId);
            }
        }

        private void rewrite(int w, int left, int right, int newId) {
            int[] old = ids[w];
            int[] out = new int[old.length];
            int[] madeAt = new int[old.length];   // new positions of newId
            int[] takenAt = new int[old.length];  // old positions i where (old[i], old[i+1]) was merged
            int made = 0, n = 0;
            for (int i = 0; i < old.length; i++) {
                if (i + 1 < old.length && old[i] == left && old[i + 1] == right) {
                    takenAt[made] = i;
                    madeAt[made++] = n;
                    out[n++] = newId;
                    i++;
                } else {
                    out[n++] = old[i];
                }
            }
            if (made == 0) return;
            int weight = occurrences[w];
            // pairs that touch a merged place disappear: those starting at i-1, i, i+1, each once
            int last = -1;
            for (int m = 0; m < made; m++) {
                for (int p = takenAt[m] - 1; p <= takenAt[m] + 1; p++) {
                    if (p > last && p >= 0 && p + 1 < old.length) {
                        long key = pairKey(old[p], old[p + 1]);
                        if (key != pairKey(left, right)) add(key, -weight, w);
                        last = p;
                    }
                }
            }
            // pairs that touch a new token appear: those starting at k-1 and k, each once
            last = -1;
            for (int m = 0; m < made; m++) {
                for (int p = madeAt[m] - 1; p <= madeAt[m]; p++) {
                    if (p > last && p >= 0 && p + 1 < n) {
                        add(pairKey(out[p], out[p + 1]), weight, w);
                        last = p;
                    }
                }
            }
            ids[w] = java.util.Arrays.copyOf(out, n);
        }

        private void add(long key, int delta, int w) {
            Pair pair = pairs.computeIfAbsent(key, k -> new Pair());
            pair.count += delta;
            if (delta > 0) {
                pair.addWord(w);
                heap.add(new Entry(pair.count, key));
            }
        }
    }

    /**
     * Rebuilds a trained tokenizer from its merges (as {@link #merges()} lists them) by replaying them on the
     * 256 byte tokens: the result encodes exactly like the tokenizer they came from. Each merge must name
     * existing ids and either create the next id or reuse the id that already has exactly its bytes.
     */
    public static BpeTokenizer fromMerges(List<Merge> merges, PreTokenizer preTokenizer) {
        Objects.requireNonNull(merges, "merges must not be null");
        Objects.requireNonNull(preTokenizer, "preTokenizer must not be null");
        List<byte[]> tokenBytes = new ArrayList<>();
        Map<String, Integer> idOfBytes = new HashMap<>();
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes.add(new byte[] {(byte) b});
            idOfBytes.put(ByteLevel.encode(tokenBytes.get(b)), b);
        }
        for (int rank = 0; rank < merges.size(); rank++) {
            Merge merge = Objects.requireNonNull(merges.get(rank), "merge " + rank + " is null");
            int known = tokenBytes.size();
            if (merge.left() < 0 || merge.left() >= known || merge.right() < 0 || merge.right() >= known) {
                throw new IllegalArgumentException("merge " + rank + " joins ids " + merge.left() + " and " + merge.right()
                        + ", but only ids 0 … " + (known - 1) + " exist at that point");
            }
            if (merge.count() < 0) throw new IllegalArgumentException("merge " + rank + " has negative count " + merge.count());
            byte[] merged = concat(tokenBytes.get(merge.left()), tokenBytes.get(merge.right()));
            Integer existing = idOfBytes.get(ByteLevel.encode(merged));
            int expectedId = existing != null ? existing : known;
            if (merge.newId() != expectedId) {
                throw new IllegalArgumentException("merge " + rank + " says ids " + merge.left() + " + " + merge.right()
                        + " make id " + merge.newId() + ", but replaying the merges gives id " + expectedId);
            }
            if (existing == null) {
                tokenBytes.add(merged);
                idOfBytes.put(ByteLevel.encode(merged), known);
            }
        }
        return new BpeTokenizer(tokenBytes, merges, preTokenizer);
    }

    /** How often each neighbouring pair occurs, each word weighted by its number of occurrences. */
    private static Map<Long, Integer> countPairs(int[][] words, int[] occurrences) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int w = 0; w < words.length; w++) {
            int[] word = words[w];
            for (int i = 0; i + 1 < word.length; i++) counts.merge(pairKey(word[i], word[i + 1]), occurrences[w], Integer::sum);
        }
        return counts;
    }

    /** The pair with the highest count; ties go to the smaller key, i.e. lowest left id, then lowest right id. */
    private static long mostFrequent(Map<Long, Integer> pairCounts) {
        long best = -1;
        int bestCount = -1;
        for (Map.Entry<Long, Integer> entry : pairCounts.entrySet()) {
            int count = entry.getValue();
            long pair = entry.getKey();
            if (count > bestCount || (count == bestCount && pair < best)) {
                best = pair;
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * One training step on one sequence of ids, as the course teaches it (exercise 01.5 asks for it): count every
     * pair of neighbours (overlapping pairs count: {@code a a a} holds {@code (a, a)} twice), take the most
     * frequent (ties: the lowest left id, then the lowest right id, as {@link #train} breaks them), and replace
     * it by {@code newId} ({@link #replacePair}). {@link #trainByRecounting} takes the same step over a whole
     * corpus.
     *
     * @return a new array, shorter by the number of pairs replaced
     * @throws IllegalArgumentException if {@code ids} has fewer than two ids (no pair to merge) or a negative
     *         id, or {@code newId} is negative
     */
    public static int[] mergeStep(int[] ids, int newId) {
        Objects.requireNonNull(ids, "ids must not be null");
        if (ids.length < 2) {
            throw new IllegalArgumentException("a merge step needs at least two ids to find a pair in, got " + ids.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) throw new IllegalArgumentException("id " + ids[i] + " at position " + i + " is negative; ids are 0 or more");
        }
        if (newId < 0) throw new IllegalArgumentException("newId " + newId + " is negative; ids are 0 or more");
        long best = mostFrequent(countPairs(new int[][] {ids}, new int[] {1}));
        return replacePair(ids, leftOf(best), rightOf(best), newId);
    }

    /**
     * {@code ids} with every non-overlapping occurrence of the pair (left, right), scanned left to right, replaced
     * by {@code newId}: in {@code a a a} the first two merge and the third stays. This is how one merge is
     * applied, in training and when encoding.
     *
     * @return a new array (also when the pair does not occur)
     */
    public static int[] replacePair(int[] ids, int left, int right, int newId) {
        Objects.requireNonNull(ids, "ids must not be null");
        int[] out = new int[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i + 1 < ids.length && ids[i] == left && ids[i + 1] == right) {
                out[n++] = newId;
                i++;
            } else {
                out[n++] = ids[i];
            }
        }
        return n == ids.length ? out : java.util.Arrays.copyOf(out, n);
    }

    // A pair of ids packed in one long: left in the high half, so comparing keys compares left, then right.
    private static long pairKey(int left, int right) {
        return ((long) left << 32) | right;
    }

    private static int leftOf(long pair) {
        return (int) (pair >>> 32);
    }

    private static int rightOf(long pair) {
        return (int) pair;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Cuts the text into chunks, then merges each chunk's bytes by rank. Any valid Unicode text works. Gives
     * the same ids as {@link #encodeReference}, in time n log n for a chunk of n bytes ({@link BytePairMerger}).
     */
    @Override
    public int[] encode(String text) {
        return merger.isWellOrdered() ? merger.encode(text, preTokenizer) : encodeReference(text);
    }

    /**
     * The plain version of {@link #encode}, as the course teaches it: for each chunk, start from the bytes;
     * while some neighbouring pair has a merge, apply the one with the lowest rank everywhere, and repeat.
     * Each step rescans the chunk, so a chunk of n bytes takes up to n² steps.
     */
    public int[] encodeReference(String text) {
        List<int[]> pieces = new ArrayList<>();
        int total = 0;
        for (String chunk : preTokenizer.split(text)) {
            int[] ids = encodeChunk(Text.utf8(chunk));
            pieces.add(ids);
            total += ids.length;
        }
        int[] out = new int[total];
        int n = 0;
        for (int[] ids : pieces) {
            System.arraycopy(ids, 0, out, n, ids.length);
            n += ids.length;
        }
        return out;
    }

    /** The fast merger behind {@link #encode}, for tests that count its work. */
    BytePairMerger merger() {
        return merger;
    }

    /** Start from the bytes; while some neighbouring pair has a merge, apply the one with the lowest rank. */
    private int[] encodeChunk(byte[] bytes) {
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) ids[i] = bytes[i] & 0xFF;
        while (ids.length >= 2) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < ids.length; i++) {
                Integer rank = rankOfPair.get(pairKey(ids[i], ids[i + 1]));
                if (rank != null && rank < bestRank) bestRank = rank;
            }
            if (bestRank == Integer.MAX_VALUE) break;
            Merge merge = merges.get(bestRank);
            ids = replacePair(ids, merge.left(), merge.right(), merge.newId());
        }
        return ids;
    }

    /** The text of these ids; broken UTF-8 (a multi-byte character cut between ids) becomes U+FFFD. */
    @Override
    public String decode(int[] ids) {
        return Text.fromUtf8(decodeBytes(ids));
    }

    /** The raw bytes of these ids, concatenated. */
    public byte[] decodeBytes(int[] ids) {
        Objects.requireNonNull(ids, "token ids must not be null");
        int length = 0;
        for (int id : ids) length += tokenBytes.get(vocabulary.checkId(id)).length;
        byte[] out = new byte[length];
        int n = 0;
        for (int id : ids) {
            byte[] bytes = tokenBytes.get(id);
            System.arraycopy(bytes, 0, out, n, bytes.length);
            n += bytes.length;
        }
        return out;
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    /** The token as {@code vocab.json} stores it, e.g. {@code "Ġthe"} for " the". */
    @Override
    public String token(int id) {
        return vocabulary.token(id);
    }

    /** The id of a token written as {@code vocab.json} stores it ({@code "Ġthe"}, not {@code " the"}). */
    @Override
    public int id(String token) {
        return vocabulary.id(token);
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return Map.of(END_OF_TEXT, endOfTextId);
    }

    /** The bytes of this token (a copy). */
    public byte[] tokenBytes(int id) {
        return tokenBytes.get(vocabulary.checkId(id)).clone();
    }

    /** The token as plain text (U+FFFD where it holds part of a multi-byte character). */
    public String tokenText(int id) {
        return Text.fromUtf8(tokenBytes.get(vocabulary.checkId(id)));
    }

    /** {@link #tokenText} of each id: how a sequence of ids is cut, as plain text. */
    public List<String> tokenTexts(int... ids) {
        Objects.requireNonNull(ids, "ids must not be null");
        List<String> texts = new ArrayList<>(ids.length);
        for (int id : ids) texts.add(tokenText(id));
        return texts;
    }

    /** The merges in the order they were learned; the index is the rank. */
    public List<Merge> merges() {
        return merges;
    }

    public PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    /** A merge as a reader can see it, e.g. {@code "t" + "h" -> "th" (id 256, seen 532 times)}. */
    public String describe(Merge merge) {
        Objects.requireNonNull(merge, "merge must not be null");
        return Text.quote(tokenText(merge.left())) + " + " + Text.quote(tokenText(merge.right())) + " -> "
                + Text.quote(tokenText(merge.newId())) + " (id " + merge.newId() + ", seen " + merge.count() + " times)";
    }

    /**
     * Writes {@code vocab.json} (byte-level token → id, one entry per line, in id order) and
     * {@code merges.txt} ({@code #version: 0.2}, then one merge per line, {@code left right}, in rank order)
     * into {@code directory}, which is created if needed. {@link Gpt2Tokenizer#load(Path)} reads them back.
     * A pair merged a second time (possible only after a reused id) is written once, at its first rank.
     */
    public void saveGpt2Format(Path directory) {
        Objects.requireNonNull(directory, "directory must not be null");
        try {
            Files.createDirectories(directory);
            Map<String, Integer> vocab = new LinkedHashMap<>();
            for (int id = 0; id < vocabulary.size(); id++) vocab.put(vocabulary.token(id), id);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(directory.resolve(Gpt2Tokenizer.VOCAB_FILE).toFile(), vocab);

            StringBuilder lines = new StringBuilder(Gpt2Tokenizer.MERGES_VERSION_LINE).append('\n');
            Set<Long> written = new HashSet<>();
            for (Merge merge : merges) {
                if (!written.add(pairKey(merge.left(), merge.right()))) continue;
                lines.append(token(merge.left())).append(' ').append(token(merge.right())).append('\n');
            }
            Files.writeString(directory.resolve(Gpt2Tokenizer.MERGES_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the GPT-2 tokenizer files into " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BpeTokenizer(" + vocabulary.size() + " tokens, " + merges.size() + " merges, " + preTokenizer + ")";
    }
}
