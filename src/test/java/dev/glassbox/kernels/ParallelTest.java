package dev.glassbox.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's hand-off: every index of [0, n) run exactly once, in contiguous pieces, on any thread count and
 * for n below, at and above it; thousands of jobs in a row (a lost wake-up would hang or skip a piece); a
 * failure in a worker's piece reaching the caller; a body calling back into the pool, and two callers at
 * once, both finishing with every index done; a caller finishing alone while no worker is free. A lost
 * wake-up shows as the time-out.
 */
@Timeout(60)
class ParallelTest {
    /** Above any threshold: the pool is used whenever it has more than one thread. */
    private static final long BIG = Long.MAX_VALUE;
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    private static int[] counts(int n, int jobs) {
        int[] count = new int[n];
        for (int j = 0; j < jobs; j++) Parallel.ranges(n, BIG, (from, to) -> {
            for (int i = from; i < to; i++) count[i]++;
        });
        return count;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyIndexRunsOnceOnAnyThreadCount(int threads) {
        Parallel.setThreads(threads);
        for (int n : new int[] {0, 1, 2, 3, 5, 17, 1000}) {
            int[] expected = new int[n];
            java.util.Arrays.fill(expected, 1);
            assertArrayEquals(expected, counts(n, 1), "n = " + n + ", threads = " + threads);
        }
    }

    @Test
    void manyJobsInARowLoseNoPiece() {
        Parallel.setThreads(2);
        int jobs = 20_000;
        int[] expected = new int[64];
        java.util.Arrays.fill(expected, jobs);
        assertArrayEquals(expected, counts(64, jobs));
    }

    @Test
    void aWorkersFailureReachesTheCaller() {
        Parallel.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.ranges(10, BIG, (from, to) -> {
            if (from > 0) throw new IllegalStateException("piece " + from);
        }));
        assertEquals("piece 5", e.getMessage());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, counts(10, 1), "the pool still works after a failure");
    }

    @Test
    void aBodyCallingBackIntoThePoolFinishes() {
        Parallel.setThreads(2);
        int[] count = new int[8 * 8];
        Parallel.ranges(8, BIG, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.ranges(8, BIG, (f, t) -> {
                    for (int j = f; j < t; j++) count[row * 8 + j]++;
                });
            }
        });
        for (int c : count) assertEquals(1, c);
    }

    /**
     * The caller runs a chunk itself when no worker is free to take it: with both of the pool's workers held inside
     * other callers' chunks, a third caller's job still finishes (a pool whose caller waited for a worker to run
     * its second chunk would wait here until the time-out).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // fails even if the caller never returns
    void theCallerRunsAChunkNoWorkerHasTaken() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger held = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Parallel.Range holdWorkers = (from, to) -> {
            if (!Thread.currentThread().getName().equals("glassbox-worker")) return;
            held.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread[] holders = new Thread[2];
        for (int h = 0; h < holders.length; h++) {
            holders[h] = new Thread(() -> {
                while (held.get() < 2) Parallel.ranges(2, BIG, holdWorkers);
            });
            holders[h].start();
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (held.get() < 2 && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(2, held.get(), "both workers are held");
        int[] expected = new int[1000];
        java.util.Arrays.fill(expected, 5);
        assertArrayEquals(expected, counts(1000, 5), "the caller ran every chunk itself");
        release.countDown();
        for (Thread t : holders) t.join();
    }

    @Test
    void twoCallersAtOnceBothFinish() throws InterruptedException {
        Parallel.setThreads(2);
        int[][] results = new int[2][];
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        Thread[] callers = new Thread[2];
        for (int c = 0; c < 2; c++) {
            int me = c;
            callers[c] = new Thread(() -> {
                try {
                    start.await();
                    results[me] = counts(100, 2_000);
                } catch (Throwable t) {
                    failures.incrementAndGet();
                }
            });
            callers[c].start();
        }
        start.countDown();
        for (Thread t : callers) t.join();
        assertEquals(0, failures.get());
        for (int[] r : results) {
            assertTrue(r != null, "a caller did not finish");
            for (int v : r) assertEquals(2_000, v);
        }
    }
}
