package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * GFLOP/s of {@link Matmul#multiply} on square n × n matrices, 1 and 2 threads.
 * Run: {@code tools/bench.sh matmul}. Prints a table; asserts nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatmulBench {
    @Param({"64", "128", "256", "512"})
    public int n;
    @Param({"1", "2"})
    public int threads;

    float[] a, b, out;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(42);
        a = new float[n * n];
        b = new float[n * n];
        out = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
            b[i] = (float) r.nextDouble(-1, 1);
        }
        Matmul.setThreads(threads);
    }

    @Benchmark
    public float[] multiply() {
        Matmul.multiply(out, a, b, n, n, n, false);
        return out;
    }

    public static void main(String[] args) throws Exception {
        var options = new OptionsBuilder()
                .include(MatmulBench.class.getSimpleName())
                .forks(1)
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector")
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("Glassbox Matmul.multiply, n x n x n, " + (Matmul.vectorized() ? "Vector API" : "plain Java"));
        System.out.println("   n  threads   GFLOP/s");
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            String threads = r.getParams().getParam("threads");
            double micros = r.getPrimaryResult().getScore();
            double gflops = 2.0 * n * n * n / (micros * 1e-6) / 1e9;
            System.out.printf("%4d  %7s  %8.1f%n", n, threads, gflops);
        }
    }
}
