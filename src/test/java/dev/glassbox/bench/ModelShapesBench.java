package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GFLOP/s of {@link Matmul} on the products a GPT's training step really computes, with the calls
 * {@code Linear} makes (forward {@code multiply}; input gradient dy·Wᵀ by {@code multiplyTransposedB} reading W
 * in place; weight gradient xᵀ·dy by {@code multiplyTransposedA}, accumulating), beside one core's FMA peak
 * measured here with independent SIMD multiply-add chains. Asserts nothing.
 *
 * <p>Every shape is first run for {@link #WARM_UP_SECONDS} (all of them, before any timing), so the JIT has compiled
 * the kernel for every layout, as it has after a few training steps; a shape timed cold would measure the compiler.
 * Then each shape runs {@link #ROUNDS} rounds of at least {@link #ROUND_SECONDS}; it prints the median round and
 * the range. Run: {@code tools/bench.sh train} (which also runs tools/bench_matmul_peer.py on the same shapes).
 * Arguments: THREADS ROWS WIDTH [ROWS WIDTH …], ROWS = batch · context; default 1 2048 128 2048 384.
 */
public final class ModelShapesBench {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** -Dbench.cpuTime=true: divide by the calling thread's CPU time instead of wall time (one thread, busy machine). */
    private static final boolean CPU_TIME = Boolean.getBoolean("bench.cpuTime");
    private static final double WARM_UP_SECONDS = 0.5, ROUND_SECONDS = 0.05;
    private static final int ROUNDS = 15;

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int[] models = args.length > 2 ? new int[args.length - 1] : new int[]{2048, 128, 2048, 384};
        for (int i = 1; i < args.length; i++) models[i - 1] = Integer.parseInt(args[i]);
        Matmul.setThreads(threads);
        System.out.printf("FMA peak of one core (%d-lane SIMD multiply-add chains): %.1f GFLOP/s%n", SPECIES.length(), fmaPeak());
        List<Product> products = new ArrayList<>();
        for (int i = 0; i + 1 < models.length; i += 2) {
            for (Shape s : Shape.of(models[i], models[i + 1])) products.add(new Product(s));
        }
        for (Product p : products) p.rounds(1, WARM_UP_SECONDS);
        System.out.printf("Glassbox Matmul, %d thread(s), %s time; median of %d rounds (min-max)%n", threads,
                CPU_TIME ? "thread CPU" : "wall", ROUNDS);
        for (Product p : products) {
            double[] g = p.rounds(ROUNDS, ROUND_SECONDS);
            System.out.printf("%-34s %8.1f GFLOP/s  (%.1f-%.1f)%n", p.shape.label, g[ROUNDS / 2], g[0], g[ROUNDS - 1]);
        }
    }

    /** How the model stores a and b for one product, and so which call it makes. */
    enum Call { FORWARD, INPUT_GRADIENT, WEIGHT_GRADIENT }

    /** One product: out (m, n) = a (m, k) · b (k, n), each operand stored as {@code call} says. */
    record Shape(String label, int m, int k, int n, Call call) {
        static Shape[] of(int rows, int c) {
            String r = "(" + rows + "x";
            return new Shape[]{
                    new Shape(r + c + ")(" + c + "x" + 3 * c + ") qkv", rows, c, 3 * c, Call.FORWARD),
                    new Shape(r + c + ")(" + c + "x" + 4 * c + ") fc", rows, c, 4 * c, Call.FORWARD),
                    new Shape(r + 4 * c + ")(" + 4 * c + "x" + c + ") proj", rows, 4 * c, c, Call.FORWARD),
                    new Shape(r + 3 * c + ")(" + 3 * c + "x" + c + ") dx qkv", rows, 3 * c, c, Call.INPUT_GRADIENT),
                    new Shape("(" + c + "x" + rows + ")(" + rows + "x" + 3 * c + ") dW qkv", c, rows, 3 * c, Call.WEIGHT_GRADIENT),
                    new Shape("(" + 4 * c + "x" + rows + ")(" + rows + "x" + c + ") dW proj", 4 * c, rows, c, Call.WEIGHT_GRADIENT),
            };
        }
    }

    /** A shape with its seeded operands. */
    private static final class Product {
        final Shape shape;
        final float[] a, b, out;

        Product(Shape shape) {
            this.shape = shape;
            SplittableRandom random = new SplittableRandom(1);
            a = new float[shape.m * shape.k];
            b = new float[shape.k * shape.n];
            out = new float[shape.m * shape.n];
            for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        }

        void once() {
            Shape s = shape;
            switch (s.call) {
                case FORWARD -> Matmul.multiply(out, a, b, s.m, s.k, s.n, false);
                case INPUT_GRADIENT -> Matmul.multiplyTransposedB(out, a, b, s.m, s.k, s.n, false);   // b is W, stored (n, k)
                case WEIGHT_GRADIENT -> Matmul.multiplyTransposedA(out, a, b, s.m, s.k, s.n, true);  // a is x, stored (k, m)
            }
        }

        /** GFLOP/s of each of {@code count} rounds of at least {@code seconds}, sorted. */
        double[] rounds(int count, double seconds) {
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            double flops = 2.0 * shape.m * shape.k * shape.n;
            double[] gflops = new double[count];
            for (int round = 0; round < count; round++) {
                long start = System.nanoTime(), cpuStart = bean.getCurrentThreadCpuTime(), reps = 0;
                do {
                    once();
                    reps++;
                } while (System.nanoTime() - start < seconds * 1e9);
                long nanos = CPU_TIME ? bean.getCurrentThreadCpuTime() - cpuStart : System.nanoTime() - start;
                gflops[round] = flops * reps / nanos;
            }
            Arrays.sort(gflops);
            return gflops;
        }
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
