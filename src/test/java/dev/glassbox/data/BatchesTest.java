package dev.glassbox.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.glassbox.data.QaSamplesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {
    // the stream 100, 101, …, 149: a window's values tell where it started
    private final int[] stream = java.util.stream.IntStream.range(100, 150).toArray();

    @Test
    void targetsAreInputsShiftedByOne() {
        Batches batches = new Batches(stream, 4, 8, 1);
        for (int n = 0; n < 20; n++) {
            Batches.Batch batch = batches.next();
            assertEquals(4, batch.batchSize());
            assertEquals(8, batch.contextLength());
            assertEquals(32, batch.tokens());
            for (int b = 0; b < 4; b++) {
                int start = batch.inputs()[b][0] - 100;
                assertTrue(start >= 0 && start <= 50 - 8 - 1, "window start " + start);
                for (int t = 0; t < 8; t++) {
                    assertEquals(stream[start + t], batch.inputs()[b][t]);
                    assertEquals(stream[start + t + 1], batch.targets()[b][t]);
                }
            }
        }
    }

    @Test
    void everyStartIsReachedIncludingTheLast() {
        // 11 tokens, T = 8: starts 0, 1, 2 are possible (the last window's target is the last token)
        int[] small = Arrays.copyOf(stream, 11);
        boolean[] seen = new boolean[3];
        Batches batches = new Batches(small, 1, 8, 3);
        for (int n = 0; n < 200; n++) seen[batches.next().inputs()[0][0] - 100] = true;
        assertArrayEquals(new boolean[] {true, true, true}, seen);
    }

    @Test
    void sameSeedSameBatchesOtherSeedOthers() {
        Batches a = new Batches(stream, 3, 5, 42);
        Batches b = new Batches(stream, 3, 5, 42);
        Batches c = new Batches(stream, 3, 5, 43);
        boolean anyDifferent = false;
        for (int n = 0; n < 10; n++) {
            Batches.Batch x = a.next();
            Batches.Batch y = b.next();
            Batches.Batch z = c.next();
            assertTrue(Arrays.deepEquals(x.inputs(), y.inputs()) && Arrays.deepEquals(x.targets(), y.targets()));
            anyDifferent |= !Arrays.deepEquals(x.inputs(), z.inputs());
        }
        assertTrue(anyDifferent, "another seed should give other windows");
    }

    @Test
    void sequentialWindowsTileTheStream() {
        // 50 tokens, T = 8: windows start at 0, 8, …, 40 (6 of them; 40 + 8 = 48 ≤ 49 is the last target)
        List<Batches.Batch> batches = new Batches(stream, 4, 8, 0).sequential(100);
        assertEquals(2, batches.size());
        assertEquals(4, batches.get(0).batchSize());
        assertEquals(2, batches.get(1).batchSize());
        assertArrayEquals(new int[] {140, 141, 142, 143, 144, 145, 146, 147}, batches.get(1).inputs()[1]);
        assertArrayEquals(new int[] {141, 142, 143, 144, 145, 146, 147, 148}, batches.get(1).targets()[1]);
        assertEquals(1, new Batches(stream, 4, 8, 0).sequential(1).size());
        Batches random = new Batches(stream, 4, 8, 0);
        random.next();
        assertTrue(Arrays.deepEquals(batches.get(0).inputs(), random.sequential(1).get(0).inputs()),
                "sequential windows do not depend on the random state");
    }

    @Test
    void theStreamIsCopied() {
        int[] tokens = stream.clone();
        Batches batches = new Batches(tokens, 1, 49, 0);
        tokens[0] = 7;
        assertFalse(batches.next().inputs()[0][0] == 7);
    }

    @Test
    void badInput() {
        assertMessage(() -> new Batches(stream, 0, 8, 0), "batch size must be at least 1, got 0");
        assertMessage(() -> new Batches(stream, 2, 0, 0), "context length must be at least 1, got 0");
        assertMessage(() -> new Batches(new int[8], 2, 8, 0),
                "token stream has 8 tokens, too short for context length 8: one window needs 9 (T inputs and the token after them)");
        assertMessage(() -> new Batches(new int[] {1, 2, -1, 3}, 1, 2, 0),
                "token stream holds token id -1 at position 2; ids must be at least 0");
        assertMessage(() -> new Batches(stream, 1, 2, 0).sequential(0), "maximum number of batches must be at least 1, got 0");
    }

    /** Issue 11, item 12: the largest context length is refused at once, not with "bound must be positive" later. */
    @Test
    void theLargestContextLengthIsRefusedUpFront() {
        assertMessage(() -> new Batches(new int[8], 2, Integer.MAX_VALUE, 0),
                "token stream has 8 tokens, too short for context length 2147483647: one window needs 2147483648 (T inputs and the token after them)");
    }
}
