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
 *       leftmost comes first, which is how the reference merges overlapping pairs ({@code a a a → aa a}).
 *       Chunks of at most {@value #SHORT_CHUNK} bytes skip the heap: a scan of their pair ranks finds the same
 *       pair sooner;</li>
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
    /** Chunks of up to this many bytes are merged by scanning ({@link #mergeShort}), longer ones with the heap. */
    static final int SHORT_CHUNK = 32;
    private static final int CACHE_BITS = 14;
    private static final int CACHE_SLOTS = 1 << CACHE_BITS;

    private final int[] idOfByte;          // byte value → token id of that single byte
    private final long[] table;            // open addressing, per slot: (left << 32 | right) or EMPTY, then its rank
    private final int tableMask;
    private final int[] mergedIdOfRank;
    private final boolean wellOrdered;
    private final Cached[] cache = new Cached[CACHE_SLOTS];

    private static final long EMPTY = -1L;

    /** A cached chunk and its ids; immutable, so a racing reader sees either nothing or a whole entry. */
    private record Cached(char[] chunk, int hash, int[] ids) {}

    /**
     * @param idOfByte the token id of each of the 256 single bytes
     * @param left     rank → left id of that merge; {@code right}, {@code merged} likewise. Where a pair is
     *                 listed twice, the first (lowest) rank counts, as in the reference.
     */
    BytePairMerger(int[] idOfByte, int[] left, int[] right, int[] merged) {
        this.idOfByte = idOfByte.clone();
        int merges = left.length;
        int capacity = Integer.highestOneBit(Math.max(4, merges * 2 + 1)) << 1;
        this.table = new long[2 * capacity];
        Arrays.fill(table, EMPTY);
        this.tableMask = capacity - 1;
        this.mergedIdOfRank = merged.clone();
        for (int rank = 0; rank < merges; rank++) {
            long key = pairKey(left[rank], right[rank]);
            int slot = slotOf(key);
            if (table[2 * slot] == EMPTY) {
                table[2 * slot] = key;
                table[2 * slot + 1] = rank;
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
        while (table[2 * slot] != EMPTY && table[2 * slot] != key) slot = (slot + 1) & tableMask;
        return slot;
    }

    /** The rank of the merge (left, right), or -1 if there is none. */
    int rank(int left, int right) {
        long key = pairKey(left, right);
        int slot = slotOf(key);
        return table[2 * slot] == key ? (int) table[2 * slot + 1] : -1;
    }

    // ------------------------------------------------------------------ whole texts

    /** The ids of {@code text}: each chunk of {@code preTokenizer} merged on its own, in order. */
    int[] encode(String text, PreTokenizer preTokenizer) {
        Text.requireValid(text, "text");
        Workspace work = new Workspace(text.length() / 3 + 16);
        preTokenizer.forEachChunk(text, (start, end) -> encodeChunk(text, start, end, work));
        return Arrays.copyOf(work.out, work.outSize);
    }

    private void encodeChunk(String text, int start, int end, Workspace work) {
        int length = end - start;
        if (length > CACHED_CHUNK_LENGTH) {
            int n = mergeChunk(text, start, end, work);     // (may grow work.ids)
            work.append(work.ids, 0, n);
            return;
        }
        int hash = 0;
        for (int i = start; i < end; i++) hash = 31 * hash + text.charAt(i);
        int slot = (hash * 0x9E3779B9) >>> (32 - CACHE_BITS);
        Cached cached = cache[slot];
        if (cached != null && cached.hash == hash && sameChars(cached.chunk, text, start, end)) {
            work.append(cached.ids, 0, cached.ids.length);
            return;
        }
        int n = mergeChunk(text, start, end, work);
        char[] chunk = new char[length];
        text.getChars(start, end, chunk, 0);
        cache[slot] = new Cached(chunk, hash, Arrays.copyOf(work.ids, n));
        work.append(work.ids, 0, n);
    }

    private static boolean sameChars(char[] chunk, String text, int start, int end) {
        if (chunk.length != end - start) return false;
        for (int i = 0; i < chunk.length; i++) if (chunk[i] != text.charAt(start + i)) return false;
        return true;
    }

    /** The chars text[start, end) as UTF-8 bytes, each byte as its token id, merged; returns how many ids. */
    private int mergeChunk(String text, int start, int end, Workspace work) {
        int[] ids = work.idsFor(end - start);
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
        return mergeAll(ids, n, work, null);
    }

    // ------------------------------------------------------------------ one chunk

    /**
     * Merges {@code ids[0, n)} in place by rank and returns the new length. If {@code operations} is not null,
     * {@code operations[0]} grows by the number of heap pushes and pops (at most 4n: n-1 initial pairs, two
     * new pairs and one pop per merge, one pop per stale entry), which is what makes the time n log n.
     */
    int mergeAll(int[] ids, int n, long[] operations) {
        return mergeAll(ids, n, new Workspace(0), operations);
    }

    private int mergeAll(int[] ids, int n, Workspace work, long[] operations) {
        if (n < 2) return n;
        if (n <= SHORT_CHUNK && operations == null) return mergeShort(ids, n, work);
        work.reserve(n);
        // symbol i: node[4i] its id (-1 once merged into its left neighbour), node[4i+1] the next symbol,
        // node[4i+2] the previous one, node[4i+3] the rank of (i, next) or -1. One cache line holds all four.
        int[] node = work.nodes;
        long[] heap = work.heap;                      // (rank << 32 | position); at most n-1 + one per merge
        int size = 0;
        for (int i = 0; i < n; i++) {
            int rank = i + 1 < n ? rank(ids[i], ids[i + 1]) : -1;
            node[4 * i] = ids[i];
            node[4 * i + 1] = i + 1;
            node[4 * i + 2] = i - 1;
            node[4 * i + 3] = rank;
            if (rank >= 0) heap[size++] = (long) rank << 32 | i;
        }
        long pushesAndPops = size;
        for (int i = (size - 2) / 4; i >= 0; i--) siftDown(heap, size, i);
        while (size > 0) {
            long top = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, 0);
            pushesAndPops++;
            int pos = (int) top, rank = (int) (top >>> 32);
            if (node[4 * pos] < 0 || node[4 * pos + 3] != rank) continue;   // merged away, or its pair has changed
            int right = node[4 * pos + 1];
            int merged = mergedIdOfRank[rank];
            node[4 * pos] = merged;
            node[4 * right] = -1;
            int after = node[4 * right + 1];
            node[4 * pos + 1] = after;
            if (after < n) node[4 * after + 2] = pos;
            int before = node[4 * pos + 2];
            if (before >= 0) {
                int r = rank(node[4 * before], merged);
                node[4 * before + 3] = r;
                if (r >= 0) { size = push(heap, size, (long) r << 32 | before); pushesAndPops++; }
            }
            int r = after < n ? rank(merged, node[4 * after]) : -1;
            node[4 * pos + 3] = r;
            if (r >= 0) { size = push(heap, size, (long) r << 32 | pos); pushesAndPops++; }
        }
        if (operations != null) operations[0] += pushesAndPops;
        int length = 0;
        for (int i = 0; i < n; i = node[4 * i + 1]) ids[length++] = node[4 * i];
        return length;
    }

    /**
     * The same merges for a short chunk, the way tiktoken does them: keep each pair's rank in an array, find
     * the smallest by a scan (the leftmost among equals), merge it, re-rank its two neighbours. n² in the
     * worst case, but for a handful of bytes a scan is cheaper than a heap.
     */
    private int mergeShort(int[] ids, int n, Workspace work) {
        work.reserve(n);
        int[] rankAt = work.rankAt;
        for (int i = 0; i + 1 < n; i++) rankAt[i] = rank(ids[i], ids[i + 1]);
        while (n > 1) {
            int best = -1, bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                int r = rankAt[i];
                if (r >= 0 && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) break;
            ids[best] = mergedIdOfRank[bestRank];
            System.arraycopy(ids, best + 2, ids, best + 1, n - best - 2);
            System.arraycopy(rankAt, best + 2, rankAt, best + 1, n - best - 2);
            n--;
            if (best > 0) rankAt[best - 1] = rank(ids[best - 1], ids[best]);
            if (best + 1 < n) rankAt[best] = rank(ids[best], ids[best + 1]);
        }
        return n;
    }

    // A 4-ary min-heap: half the depth of a binary one, and a node's children share a cache line.
    private static int push(long[] heap, int size, long entry) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
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
            int first = 4 * i + 1;
            if (first >= size) break;
            int smallest = first;
            for (int c = first + 1, last = Math.min(first + 4, size); c < last; c++) if (heap[c] < heap[smallest]) smallest = c;
            if (heap[smallest] >= entry) break;
            heap[i] = heap[smallest];
            i = smallest;
        }
        heap[i] = entry;
    }

    /** Arrays reused from chunk to chunk of one text: the chunk's ids, the merge's lists and heap, the output. */
    private static final class Workspace {
        int[] ids = new int[0], nodes = new int[0], rankAt = new int[0];
        long[] heap = new long[0];
        int[] out;
        int outSize;

        Workspace(int outCapacity) {
            out = new int[outCapacity];
        }

        /** Room for the ids of a chunk of this many chars (at most 3 bytes per char, 4 per surrogate pair). */
        int[] idsFor(int chars) {
            if (ids.length < 3 * chars) ids = new int[3 * chars];
            return ids;
        }

        void reserve(int n) {
            if (rankAt.length < n) {
                nodes = new int[4 * n];
                rankAt = new int[n];
                heap = new long[2 * n];
            }
        }

        void append(int[] more, int from, int count) {
            if (outSize + count > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, outSize + count));
            System.arraycopy(more, from, out, outSize, count);
            outSize += count;
        }
    }
}
