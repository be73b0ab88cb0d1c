package dev.glassbox.bench;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.kernels.RegionTally;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.optim.AdamW;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What handing work to the {@link Parallel} pool costs, and what it buys in a training step; prints figures,
 * asserts nothing. Part 1: microseconds per region for a body of 0 to 400 µs of busy work, split 2 ways, back
 * to back and after the caller has worked alone for a while (the worker has gone to sleep), against 1 thread:
 * where a split starts to pay. Part 2: every region of
 * a training step (forward, backward, AdamW) of tiny (2/64/4/32/16) and small (4/128/4/64/32), run at 1 and
 * at 2 threads: per kind of region, how many per step, how many split, their microseconds at each thread
 * count; then the step's time inside and outside regions.
 * Run: {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:…
 * dev.glassbox.bench.HandOffBench [part1]} (two-thread figures need two free cores).
 */
public final class HandOffBench {
    private HandOffBench() {}

    public static void main(String[] args) {
        splitRegions();
        if (args.length > 0 && args[0].equals("part1")) return;
        steps("tiny", GptConfig.of(65, 32, 64, 2, 4), 16, 10);
        steps("small", GptConfig.of(65, 64, 128, 4, 4), 32, 3);
    }

    private static volatile long sink;

    /** Busy work for about {@code micros} microseconds on the calling thread. */
    private static void spin(long micros) {
        if (micros == 0) return;
        long end = System.nanoTime() + micros * 1000, x = 0;
        while (System.nanoTime() < end) x++;
        sink += x;
    }

    private static void splitRegions() {
        System.out.println("Part 1: one region split 2 ways (body: busy work of the given µs in all), µs per region, median of 5 rounds");
        System.out.println("  body µs | caller busy µs before each | 1 thread | 2 threads (min–max of the rounds)");
        for (long body : new long[] {0, 20, 50, 100, 200, 400}) {
            for (long gap : new long[] {0, 20, 200}) {
                System.out.printf("  %7d | %26d |", body, gap);
                for (int threads : new int[] {1, 2}) {
                    Parallel.setThreads(threads);
                    double[] rounds = region(body, gap);
                    System.out.printf(threads == 1 ? " %8.1f |" : " %8.1f (%.1f–%.1f)%n", rounds[2], rounds[0], rounds[4]);
                }
            }
        }
    }

    /** Five rounds' mean µs per region whose two halves each spin body/2 µs, sorted. */
    private static double[] region(long body, long gap) {
        Parallel.Range half = (from, to) -> spin(body * (to - from) / 2);
        double[] rounds = new double[5];
        for (int round = 0; round < rounds.length + 1; round++) {       // round 0 warms up
            int count = (int) Math.max(50, Math.min(20_000, 100_000 / (1 + body + gap)));
            long inside = 0;
            for (int i = 0; i < count; i++) {
                if (gap > 0) spin(gap);
                long start = System.nanoTime();
                Parallel.ranges(2, Long.MAX_VALUE, half);
                inside += System.nanoTime() - start;
            }
            if (round > 0) rounds[round - 1] = inside / 1e3 / count;
        }
        java.util.Arrays.sort(rounds);
        return rounds;
    }

    /**
     * Per-kind figures of one model's step at 1 and 2 threads: one model, trained in blocks of steps that
     * alternate between 1 and 2 threads (results do not depend on it), so both see the same machine; every
     * figure is the median over the timed steps of that region's (or the whole step's) wall time.
     */
    private static void steps(String name, GptConfig config, int batch, int steps) {
        int blocks = 6;
        System.out.printf("%nPart 2: %s, batch %d; %d blocks of %d steps at 1 thread, then at 2, alternating; medians per step; "
                + "threshold %d%n", name, batch, blocks, steps, RegionTally.threshold());
        Gpt gpt = new Gpt(config, 0);
        AdamW optimizer = new AdamW(gpt.parameters(), 1e-3f, 0.0f);
        SplittableRandom random = new SplittableRandom(0);
        int T = config.contextLength(), V = config.vocabSize();
        int[][] inputs = new int[batch][T], targets = new int[batch][T];
        long began = System.nanoTime();                                             // warm-up: 10 s, as TrainBench (the JIT)
        while (System.nanoTime() - began < TrainBench.WARMUP_SECONDS * 1_000_000_000L) TrainBench.step(gpt, optimizer, random, inputs, targets, V);
        Map<Integer, List<List<RegionTally.Region>>> byThreads = new TreeMap<>();   // per thread count: per step, its regions
        Map<Integer, List<Double>> stepMicros = new TreeMap<>();
        for (int block = 0; block < 2 * blocks; block++) {
            int threads = 1 + block % 2;
            Parallel.setThreads(threads);
            TrainBench.step(gpt, optimizer, random, inputs, targets, V);                        // starts the new pool's workers
            for (int step = 0; step < steps; step++) {
                long start = System.nanoTime();
                TrainBench.step(gpt, optimizer, random, inputs, targets, V);
                stepMicros.computeIfAbsent(threads, x -> new ArrayList<>()).add((System.nanoTime() - start) / 1e3);
            }
            for (int step = 0; step < steps; step++) {
                RegionTally tally = RegionTally.start();
                TrainBench.step(gpt, optimizer, random, inputs, targets, V);
                byThreads.computeIfAbsent(threads, x -> new ArrayList<>()).add(tally.stop());
            }
        }
        List<RegionTally.Region> shape = byThreads.get(1).get(0);
        Map<String, double[]> kinds = new LinkedHashMap<>();   // per step: regions, split, µs at 1, µs at 2
        for (int i = 0; i < shape.size(); i++) {
            RegionTally.Region region = shape.get(i);
            String kind = region.caller() + String.format(" [n %d, work %.1fM]", region.n(), region.work() / 1e6);
            double[] k = kinds.computeIfAbsent(kind, x -> new double[4]);
            k[0]++;
            if (region.work() >= RegionTally.threshold()) k[1]++;
            k[2] += median(byThreads.get(1), i);
            k[3] += median(byThreads.get(2), i);
        }
        System.out.println("  per step: regions | split at 2 threads | µs at 1 thread | µs at 2 threads | saved µs | kind [size]");
        double[] total = new double[4];
        for (Map.Entry<String, double[]> e : kinds.entrySet()) {
            double[] k = e.getValue();
            for (int j = 0; j < 4; j++) total[j] += k[j];
            System.out.printf("  %5.0f %5.0f %9.1f %9.1f %8.1f  %s%n", k[0], k[1], k[2], k[3], k[2] - k[3], e.getKey());
        }
        System.out.printf("  %5.0f %5.0f %9.1f %9.1f %8.1f  all regions%n", total[0], total[1], total[2], total[3], total[2] - total[3]);
        for (int threads : new int[] {1, 2}) {
            List<Double> times = stepMicros.get(threads);
            java.util.Collections.sort(times);
            double inRegions = total[threads + 1], step = times.get(times.size() / 2);
            System.out.printf("  %d thread(s): a step takes %.0f µs (median, %.0f–%.0f, timed without the tally); regions %.0f µs, "
                    + "outside them (embedding, loss, Adam, residual adds, ...) about %.0f µs%n",
                    threads, step, times.get(0), times.get(times.size() - 1), inRegions, step - inRegions);
        }
    }

    /** The median wall time, µs, of region i over the steps. */
    private static double median(List<List<RegionTally.Region>> steps, int i) {
        double[] micros = steps.stream().mapToDouble(regions -> regions.get(i).nanos() / 1e3).sorted().toArray();
        return micros[micros.length / 2];
    }
}
