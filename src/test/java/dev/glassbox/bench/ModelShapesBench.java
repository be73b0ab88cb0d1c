package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.SplittableRandom;

/**
 * GFLOP/s of {@link Matmul} on the products a GPT's training step really computes, beside one core's
 * FMA peak measured here with independent SIMD multiply-add chains. Asserts nothing.
 * Run: {@code tools/bench.sh train} (which also runs tools/bench_matmul_peer.py on the same shapes).
 * Arguments: THREADS ROWS WIDTH [ROWS WIDTH …], ROWS = batch · context; default 1 2048 128 2048 384.
 */
public final class ModelShapesBench {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** -Dbench.cpuTime=true: divide by the calling thread's CPU time instead of wall time (one thread, busy machine). */
    private static final boolean CPU_TIME = Boolean.getBoolean("bench.cpuTime");

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int[] models = args.length > 2 ? new int[args.length - 1] : new int[]{2048, 128, 2048, 384};
        for (int i = 1; i < args.length; i++) models[i - 1] = Integer.parseInt(args[i]);
        Matmul.setThreads(threads);
        System.out.printf("FMA peak of one core (%d-lane SIMD multiply-add chains): %.1f GFLOP/s%n", SPECIES.length(), fmaPeak());
        System.out.printf("Glassbox Matmul, %d thread(s)%n", threads);
        for (int i = 0; i + 1 < models.length; i += 2) {
            int rows = models[i], c = models[i + 1];
            for (Shape s : Shape.of(rows, c)) System.out.printf("%-34s %8.1f GFLOP/s%n", s.label, gflops(s));
        }
    }

    /** One product: out (m, n) = a · b with a (m, k) — or aᵀ · b with a stored (k, m) when transposedA. */
    record Shape(String label, int m, int k, int n, boolean transposedA) {
        static Shape[] of(int rows, int c) {
            String r = "(" + rows + "x";
            return new Shape[]{
                    new Shape(r + c + ")(" + c + "x" + 3 * c + ") qkv", rows, c, 3 * c, false),
                    new Shape(r + c + ")(" + c + "x" + 4 * c + ") fc", rows, c, 4 * c, false),
                    new Shape(r + 4 * c + ")(" + 4 * c + "x" + c + ") proj", rows, 4 * c, c, false),
                    new Shape(r + 3 * c + ")(" + 3 * c + "x" + c + ") dx qkv", rows, 3 * c, c, false),
                    new Shape("(" + c + "x" + rows + ")(" + rows + "x" + 3 * c + ") dW qkv", c, rows, 3 * c, true),
                    new Shape("(" + 4 * c + "x" + rows + ")(" + rows + "x" + c + ") dW proj", 4 * c, rows, c, true),
            };
        }
    }

    private static double gflops(Shape s) {
        SplittableRandom random = new SplittableRandom(1);
        float[] a = new float[s.m * s.k], b = new float[s.k * s.n], out = new float[s.m * s.n];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        double flops = 2.0 * s.m * s.k * s.n, best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        int reps = (int) Math.max(3, 2e8 / flops);
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime(), cpuStart = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                if (s.transposedA) Matmul.multiplyTransposedA(out, a, b, s.m, s.k, s.n, false);
                else Matmul.multiply(out, a, b, s.m, s.k, s.n, false);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9 / reps);
            bestCpu = Math.min(bestCpu, (bean.getCurrentThreadCpuTime() - cpuStart) / 1e9 / reps);
        }
        if (CPU_TIME) return flops / bestCpu / 1e9;
        return flops / best / 1e9;
    }

    /** 12 independent chains of vector fma: as many flops per cycle as the core can retire. */
    private static double fmaPeak() {
        double best = 0;
        for (int round = 0; round < 40; round++) {
            int steps = 1_000_000;
            long start = System.nanoTime();
            float sink = chains(steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sink == 42f) System.out.print("");
            best = Math.max(best, 12.0 * steps * SPECIES.length() * 2 / seconds / 1e9);
        }
        return best;
    }

    private static float chains(int steps) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999999f), y = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y, c8 = y, c9 = y, c10 = y, c11 = y;
        for (int i = 0; i < steps; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }
}
