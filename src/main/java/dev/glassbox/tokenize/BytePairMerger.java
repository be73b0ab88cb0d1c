package dev.glassbox.tokenize;

import java.util.Arrays;

/**
 * The fast twin of the plain "find the lowest-ranked pair, merge it everywhere, repeat" loop that
 * {@link BpeTokenizer} and {@link Gpt2Tokenizer} keep as their reference ({@code encodeReference}). It gives
 * the same ids, in time that grows with a chunk's length n as n log n instead of n²:
 * <ul>
 *   <li>pairs are looked up as two ints packed in a long, in an open-addressing table (no strings);</li>
 *   <li>the symbols of a chunk form a linked list over int arrays, so a merge is O(1);</li>
 *   <li>every mergeable neighbouring pair waits in a binary heap ordered by (rank, position); the smallest
 *       is merged next. An entry whose pair has changed since it was pushed is recognised when it comes
 *       out (its pair now has another rank, or its left symbol is gone) and skipped. Among equal ranks the
 *       leftmost comes first, which is how the reference merges overlapping pairs ({@code a a a → aa a});</li>
 *   <li>chunks of up to {@value #CACHED_CHUNK_LENGTH} chars are cached: ordinary text repeats its words.</li>
 * </ul>
 * The heap merges one occurrence at a time where the reference merges all occurrences of a pair in one
 * sweep. The two agree whenever no merge can create a pair that ranks before the merge that created it,
 * which holds if every merge's parts are bytes or made only by earlier merges (true for GPT-2's files and
 * for every trained merge list we have seen). For a list where it does not hold, this class says so
 * ({@link #isWellOrdered()}) and the tokenizers use the reference.
 */
final class BytePairMerger {
    static final int CACHED_CHUNK_LENGTH = 64;
    private static final int CACHE_SLOTS = 1 << 14;

    private final int[] idOfByte;          // byte value → token id of that single byte
    private final long[] pairKeys;         // open addressing: (left << 32 | right), EMPTY where free
    private final int[] pairRanks;
    private final int tableMask;
    private final int[] mergedIdOfRank;
    private final boolean wellOrdered;
    private final Cached[] cache = new Cached[CACHE_SLOTS];

    private static final long EMPTY = -1L;

    /** A cached chunk and its ids; immutable, so a racing reader sees either nothing or a whole entry. */
    private record Cached(String chunk, int[] ids) {}

    /**
     * @param idOfByte the token id of each of the 256 single bytes
     * @param left     rank → left id of that merge; {@code right}, {@code merged} likewise. Where a pair is
     *                 listed twice, the first (lowest) rank counts, as in the reference.
     */
    BytePairMerger(int[] idOfByte, int[] left, int[] right, int[] merged) {
        this.idOfByte = idOfByte.clone();
        int merges = left.length;
        int capacity = Integer.highestOneBit(Math.max(4, merges * 2 + 1)) << 1;
        this.pairKeys = new long[capacity];
        Arrays.fill(pairKeys, EMPTY);
        this.pairRanks = new int[capacity];
        this.tableMask = capacity - 1;
        this.mergedIdOfRank = merged.clone();
        for (int rank = 0; rank < merges; rank++) {
            long key = pairKey(left[rank], right[rank]);
            int slot = slotOf(key);
            if (pairKeys[slot] == EMPTY) {
                pairKeys[slot] = key;
                pairRanks[slot] = rank;
            }
        }
        this.wellOrdered = wellOrdered(left, right, merged);
    }

    /** True if every merge's parts are single bytes or made only by earlier merges (see the class comment). */
    private boolean wellOrdered(int[] left, int[] right, int[] merged) {
        int maxId = 0;
        for (int id : idOfByte) maxId = Math.max(maxId, id);
        for (int rank = 0; rank < left.length; rank++) {
            maxId = Math.max(maxId, Math.max(merged[rank], Math.max(left[rank], right[rank])));
        }
        int[] lastMadeAt = new int[maxId + 1];
        Arrays.fill(lastMadeAt, -1);
        for (int rank = 0; rank < merged.length; rank++) lastMadeAt[merged[rank]] = rank;
        for (int id : idOfByte) if (lastMadeAt[id] >= 0) return false;      // a byte that a merge also makes
        for (int rank = 0; rank < left.length; rank++) {
            if (lastMadeAt[left[rank]] >= rank || lastMadeAt[right[rank]] >= rank) return false;
        }
        return true;
    }

    boolean isWellOrdered() {
        return wellOrdered;
    }

    static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slotOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (h >>> 40) & tableMask;
        while (pairKeys[slot] != EMPTY && pairKeys[slot] != key) slot = (slot + 1) & tableMask;
        return slot;
    }

    /** The rank of the merge (left, right), or -1 if there is none. */
    int rank(int left, int right) {
        long key = pairKey(left, right);
        int slot = slotOf(key);
        return pairKeys[slot] == key ? pairRanks[slot] : -1;
    }

    // ------------------------------------------------------------------ whole texts

    /** The ids of {@code text}: each chunk of {@code preTokenizer} merged on its own, in order. */
    int[] encode(String text, PreTokenizer preTokenizer) {
        Text.requireValid(text, "text");
        IdList out = new IdList(text.length() / 3 + 16);
        preTokenizer.forEachChunk(text, (start, end) -> encodeChunk(text, start, end, out));
        return out.toArray();
    }

    private void encodeChunk(String text, int start, int end, IdList out) {
        if (end - start > CACHED_CHUNK_LENGTH) {
            out.add(mergeChunk(text, start, end));
            return;
        }
        String chunk = text.substring(start, end);
        int slot = (chunk.hashCode() * 0x9E3779B9 >>> 18) & (CACHE_SLOTS - 1);
        Cached cached = cache[slot];
        if (cached != null && cached.chunk.equals(chunk)) {
            out.add(cached.ids);
            return;
        }
        int[] ids = mergeChunk(text, start, end);
        cache[slot] = new Cached(chunk, ids);
        out.add(ids);
    }

    /** The chars text[start, end) as UTF-8 bytes, each byte as its token id, then merged. */
    private int[] mergeChunk(String text, int start, int end) {
        int[] ids = new int[(end - start) * 3];     // at most 3 bytes per char (4 per surrogate pair)
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                ids[n++] = idOfByte[c];
            } else if (c < 0x800) {
                ids[n++] = idOfByte[0xC0 | c >> 6];
                ids[n++] = idOfByte[0x80 | c & 0x3F];
            } else if (Character.isHighSurrogate(c)) {   // text is valid: a low surrogate follows
                int cp = Character.toCodePoint(c, text.charAt(++i));
                ids[n++] = idOfByte[0xF0 | cp >> 18];
                ids[n++] = idOfByte[0x80 | cp >> 12 & 0x3F];
                ids[n++] = idOfByte[0x80 | cp >> 6 & 0x3F];
                ids[n++] = idOfByte[0x80 | cp & 0x3F];
            } else {
                ids[n++] = idOfByte[0xE0 | c >> 12];
                ids[n++] = idOfByte[0x80 | c >> 6 & 0x3F];
                ids[n++] = idOfByte[0x80 | c & 0x3F];
            }
        }
        return Arrays.copyOf(ids, mergeAll(ids, n, null));
    }

    // ------------------------------------------------------------------ one chunk

    /**
     * Merges {@code ids[0, n)} in place by rank and returns the new length. If {@code operations} is not null,
     * {@code operations[0]} grows by the number of heap pushes and pops (at most 4n: n-1 initial pairs, two
     * new pairs and one pop per merge, one pop per stale entry), which is what makes the time n log n.
     */
    int mergeAll(int[] ids, int n, long[] operations) {
        if (n < 2) return n;
        int[] next = new int[n];
        int[] prev = new int[n];
        long[] heap = new long[2 * n];               // (rank << 32 | position); at most n-1 + one per merge
        int size = 0;
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            int rank = rank(ids[i], ids[i + 1]);
            if (rank >= 0) heap[size++] = (long) rank << 32 | i;
        }
        long pushesAndPops = size;
        for (int i = size / 2 - 1; i >= 0; i--) siftDown(heap, size, i);
        while (size > 0) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, 0);
            pushesAndPops++;
            int pos = (int) top, rank = (int) (top >>> 32);
            if (ids[pos] < 0) continue;                // merged into its left neighbour since
            int right = next[pos];
            if (right >= n || rank(ids[pos], ids[right]) != rank) continue;   // the pair has changed since
            ids[pos] = mergedIdOfRank[rank];
            ids[right] = -1;
            int after = next[right];
            next[pos] = after;
            if (after < n) prev[after] = pos;
            int before = prev[pos];
            if (before >= 0) {
                int r = rank(ids[before], ids[pos]);
                if (r >= 0) { size = push(heap, size, (long) r << 32 | before); pushesAndPops++; }
            }
            if (after < n) {
                int r = rank(ids[pos], ids[after]);
                if (r >= 0) { size = push(heap, size, (long) r << 32 | pos); pushesAndPops++; }
            }
        }
        if (operations != null) operations[0] += pushesAndPops;
        int length = 0;
        for (int i = 0; i < n; i = next[i]) ids[length++] = ids[i];
        return length;
    }

    private static int push(long[] heap, int size, long entry) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
        return size + 1;
    }

    private static void siftDown(long[] heap, int size, int i) {
        long entry = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] < heap[child]) child++;
            if (heap[child] >= entry) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = entry;
    }

    /** A growable int array for the ids of a whole text. */
    private static final class IdList {
        private int[] ids;
        private int size;

        IdList(int capacity) {
            ids = new int[capacity];
        }

        void add(int[] more) {
            if (size + more.length > ids.length) ids = Arrays.copyOf(ids, Math.max(ids.length * 2, size + more.length));
            System.arraycopy(more, 0, ids, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
