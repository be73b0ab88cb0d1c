package dev.glassbox.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The library's one thread pool: a fixed number of threads (default: the machine's cores, or the
 * system property {@code glassbox.threads}) that {@link Matmul} and the attention loops share.
 *
 * <p>Work is a range [0, n) cut into one contiguous chunk per thread. Each chunk is run by whichever
 * thread takes it first, the calling thread included: it does not wait for a worker that wakes late but
 * runs that worker's chunk itself, so a split job is never much slower than on one thread. Bodies must write only to memory their own indices
 * own. Then the result does not depend on how many threads ran it, or which thread ran which chunk:
 * the same numbers are computed in the same order, only elsewhere.
 */
public final class Parallel {
    /**
     * Below this much work, counted in the matmul's multiply-adds (about 180 µs of them on one core; the callers
     * convert their own work to this unit), a job runs on the calling thread. HandOffBench: a split of 100 µs of
     * work breaks even at 2 threads, and in training steps regions of 120-140 µs ran 7-12 % slower split, 170 µs
     * even, 270 µs and more faster.
     */
    static final long THRESHOLD = 1L << 23;

    private static int threads = Math.max(1, Integer.getInteger("glassbox.threads",
            Runtime.getRuntime().availableProcessors()));
    private static ExecutorService pool = newPool(threads);

    /** Work on the indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Told of every region (its size, whether it was split, its wall time): for measuring the hand-off; null = off. */
    interface Probe {
        void region(int n, long work, boolean split, long nanos);
    }

    static volatile Probe probe;

    private Parallel() {}

    public static synchronized int threads() {
        return threads;
    }

    /** Sets the thread count (1 = everything on the calling thread); results do not depend on it. */
    public static synchronized void setThreads(int count) {
        if (count < 1) throw new IllegalArgumentException("thread count must be at least 1, got " + count);
        if (count == threads) return;
        pool.shutdown();
        threads = count;
        pool = newPool(count);
    }

    /** Calls {@code body.accept(i)} for every i in [0, n); {@code work} is the whole job's size, for the threshold. */
    public static void forEach(int n, long work, IntConsumer body) {
        ranges(n, work, (from, to) -> {
            for (int i = from; i < to; i++) body.accept(i);
        });
    }

    /** Runs {@code body} on contiguous pieces of [0, n), one per thread, or all at once when the job is small. */
    public static void ranges(int n, long work, Range body) {
        Probe told = probe;
        if (told == null) {
            run(n, work, body);
        } else {
            long start = System.nanoTime();
            boolean split = run(n, work, body);
            told.region(n, work, split, System.nanoTime() - start);
        }
    }

    /** {@link #ranges}; true if the work was split among threads. */
    private static boolean run(int n, long work, Range body) {
        ExecutorService executor;
        int workers;
        synchronized (Parallel.class) {
            executor = pool;
            workers = Math.min(threads, n);
        }
        if (workers <= 1 || work < THRESHOLD) {
            body.run(0, n);
            return false;
        }
        Region region = new Region(n, workers, body);
        for (int w = 1; w < region.pieces; w++) executor.execute(region::work);
        region.work();                                     // pieces no worker has taken yet
        region.awaitAll();
        return true;
    }

    /**
     * One call of {@link #ranges}: its pieces, each taken by exactly one thread, whichever asks first. The caller
     * takes pieces too, so a worker that wakes late costs nothing: the caller only ever waits for pieces a worker
     * is running, never for a worker to wake up.
     */
    private static final class Region {
        final int pieces;
        private final int n, chunk;
        private final Range body;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger(), finished = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Region(int n, int workers, Range body) {
            this.n = n;
            this.body = body;
            chunk = (n + workers - 1) / workers;
            pieces = (n + chunk - 1) / chunk;
        }

        /** Runs pieces until none is left; a failing piece is kept for the caller and the others still run. */
        void work() {
            for (int i; (i = next.getAndIncrement()) < pieces; ) {
                try {
                    body.run(i * chunk, Math.min(n, (i + 1) * chunk));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (finished.incrementAndGet() == pieces && Thread.currentThread() != caller) LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Sleeps until every piece has run (the worker that finishes the last one wakes the caller); rethrows the
         * first failure. No spinning: on a shared machine a spinning caller takes the core its worker needs. An
         * interrupt does not cut the wait short (the running pieces finish anyway); it is kept for the caller's caller.
         */
        void awaitAll() {
            boolean interrupted = false;
            while (finished.get() < pieces) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();       // else park would return at once, again and again
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable t = failure.get();
            if (t instanceof RuntimeException runtime) throw runtime;
            if (t instanceof Error error) throw error;
            if (t != null) throw new IllegalStateException("parallel work failed: " + t, t);
        }
    }

    private static ExecutorService newPool(int count) {
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "glassbox-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
