package dev.glassbox.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The library's one thread pool: a fixed number of threads (default: the machine's cores, or the
 * system property {@code glassbox.threads}) that {@link Matmul} and the attention loops share.
 *
 * <p>Work is a range [0, n) cut into one contiguous chunk per thread; the calling thread takes the
 * first. Bodies must write only to memory their own indices own, and must not call back into this
 * pool (a body that waited for the pool could wait for itself). Then the result does not depend on
 * how many threads ran it: the same numbers are computed in the same order, only elsewhere.
 */
public final class Parallel {
    /** Below this many (rough) multiply-adds, handing work to the pool costs more than it saves. */
    static final long THRESHOLD = 1L << 22;

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
        int chunk = (n + workers - 1) / workers;
        List<Future<?>> parts = new ArrayList<>();
        for (int start = chunk; start < n; start += chunk) {
            int from = start, to = Math.min(n, start + chunk);
            parts.add(executor.submit(() -> body.run(from, to)));
        }
        body.run(0, Math.min(n, chunk));
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("parallel work interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) throw runtime;
                if (e.getCause() instanceof Error error) throw error;
                throw new IllegalStateException("parallel work failed: " + e.getCause(), e.getCause());
            }
        }
        return true;
    }

    private static ExecutorService newPool(int count) {
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "glassbox-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
