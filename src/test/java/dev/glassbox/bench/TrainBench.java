package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.optim.AdamW;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Training speed of the whole model: forward, backward and an AdamW step on random tokens, the same
 * shape and operations as tools/bench_train_peer.py runs in PyTorch. Prints tokens per second of process CPU
 * time, then the tokens/s line (wall time); asserts nothing.
 * Run: {@code tools/bench.sh train} (both, same thread count, one after the other). Timing starts after a
 * warm-up of at least 5 steps and {@value #WARMUP_SECONDS} seconds, the same rule as the peer's: the JIT needs
 * that long to compile the Vector API kernels (before it, a step takes several times longer), and PyTorch
 * gets the same time to settle its caches and allocator.
 * Arguments: THREADS [LAYERS WIDTH HEADS CONTEXT BATCH VOCAB STEPS], defaults 1 4 128 4 64 32 65 30.
 */
public final class TrainBench {
    /** Warm-up before timing, also in tools/bench_train_peer.py; at least 5 steps either way. */
    static final int WARMUP_SECONDS = 10;

    /** CPU time of the whole JVM (every thread: workers, GC, JIT), as the peer's time.process_time(). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int[] a = {1, 4, 128, 4, 64, 32, 65, 30};
        for (int i = 0; i < args.length; i++) a[i] = Integer.parseInt(args[i]);
        int threads = a[0], layers = a[1], width = a[2], heads = a[3], context = a[4], batch = a[5], vocab = a[6], steps = a[7];
        Matmul.setThreads(threads);
        Gpt gpt = new Gpt(GptConfig.of(vocab, context, width, layers, heads), 0);
        AdamW optimizer = new AdamW(gpt.parameters(), 1e-3f, 0.0f);
        SplittableRandom random = new SplittableRandom(0);
        int[][] inputs = new int[batch][context], targets = new int[batch][context];

        // warm-up: at least 5 steps and WARMUP_SECONDS, so the JIT has compiled the SIMD kernels before timing starts
        long start = 0, startCpu = 0, began = System.nanoTime();
        int warmup = 5;
        for (int step = 0; step < warmup + steps; step++) {
            if (step == warmup && System.nanoTime() - began < WARMUP_SECONDS * 1_000_000_000L) warmup++;
            if (step == warmup) {
                start = System.nanoTime();
                startCpu = processCpuNanos();
            }
            step(gpt, optimizer, random, inputs, targets, vocab);
        }
        double seconds = (System.nanoTime() - start) / 1e9, cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
        // on a shared machine wall time also counts the time other programs had the cores; CPU time much less so
        System.out.printf("process CPU time: %.0f tokens per CPU-second%n", (double) steps * batch * context / cpuSeconds);
        System.out.printf("Glassbox (%s): %d parameters, %d layers, width %d, context %d, batch %d, %d thread(s): %.0f tokens/s%n",
                Matmul.vectorized() ? "Vector API" : "plain Java", gpt.parameterCount(), layers, width, context, batch,
                threads, (double) steps * batch * context / seconds);
    }

    /** One training step on fresh random tokens (inputs and targets drawn position by position). */
    static void step(Gpt gpt, AdamW optimizer, SplittableRandom random, int[][] inputs, int[][] targets, int vocab) {
        for (int b = 0; b < inputs.length; b++) {
            for (int t = 0; t < inputs[b].length; t++) {
                inputs[b][t] = random.nextInt(vocab);
                targets[b][t] = random.nextInt(vocab);
            }
        }
        optimizer.zeroGrad();
        gpt.forward(inputs, targets);
        gpt.backward();
        optimizer.step();
    }
}
