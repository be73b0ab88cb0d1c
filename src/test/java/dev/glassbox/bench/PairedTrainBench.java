package dev.glassbox.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two builds of Glassbox trained side by side in one JVM, for an A/B comparison that a busy machine does not
 * swamp: each build is loaded by its own class loader (its own thread pool too), both train the same model
 * on the same random tokens, and timing alternates between them in rounds of a few steps (A B, then B A, ...),
 * so both see the same load. Prints each round's tokens/s ratio A/B, their median and range; asserts nothing.
 * Arguments: CLASSPATH_A CLASSPATH_B THREADS LAYERS WIDTH HEADS CONTEXT BATCH VOCAB ROUNDS STEPS_PER_ROUND, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp target/test-classes dev.glassbox.bench.PairedTrainBench
 * new/classes:DEPS old/classes:DEPS 2 2 64 4 32 16 65 30 20} (DEPS: the test classpath's jars).
 */
public final class PairedTrainBench {
    private PairedTrainBench() {}

    /** One build's model and optimizer, driven through method handles. */
    private static final class Side {
        final MethodHandle forward, backward, zeroGrad, step;

        Side(String classpath, int threads, int[] shape) throws Throwable {
            URL[] urls = Arrays.stream(classpath.split(":")).filter(s -> !s.isEmpty())
                    .map(s -> { try { return Path.of(s).toUri().toURL(); } catch (Exception e) { throw new IllegalArgumentException(s, e); } })
                    .toArray(URL[]::new);
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> matmul = loader.loadClass("dev.glassbox.kernels.Matmul"), configClass = loader.loadClass("dev.glassbox.nn.GptConfig");
            Class<?> gptClass = loader.loadClass("dev.glassbox.nn.Gpt"), adamW = loader.loadClass("dev.glassbox.optim.AdamW");
            lookup.findStatic(matmul, "setThreads", MethodType.methodType(void.class, int.class)).invoke(threads);
            Object config = lookup.findStatic(configClass, "of", MethodType.methodType(configClass, int.class, int.class, int.class,
                    int.class, int.class)).invoke(shape[5], shape[3], shape[1], shape[0], shape[2]);
            Object gpt = lookup.findConstructor(gptClass, MethodType.methodType(void.class, configClass, long.class)).invoke(config, 0L);
            Object parameters = lookup.findVirtual(gptClass, "parameters", MethodType.methodType(List.class)).invoke(gpt);
            Object optimizer = lookup.findConstructor(adamW, MethodType.methodType(void.class, List.class, float.class, float.class))
                    .invoke(parameters, 1e-3f, 0f);
            forward = lookup.findVirtual(gptClass, "forward", MethodType.methodType(float.class, int[][].class, int[][].class)).bindTo(gpt);
            backward = lookup.findVirtual(gptClass, "backward", MethodType.methodType(void.class)).bindTo(gpt);
            zeroGrad = lookup.findVirtual(adamW, "zeroGrad", MethodType.methodType(void.class)).bindTo(optimizer);
            step = lookup.findVirtual(adamW, "step", MethodType.methodType(void.class)).bindTo(optimizer);
        }

        /** Seconds for {@code steps} training steps on fresh random tokens. */
        double train(int steps, SplittableRandom random, int[][] inputs, int[][] targets, int vocab) throws Throwable {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                for (int b = 0; b < inputs.length; b++) {
                    for (int t = 0; t < inputs[b].length; t++) {
                        inputs[b][t] = random.nextInt(vocab);
                        targets[b][t] = random.nextInt(vocab);
                    }
                }
                zeroGrad.invoke();
                float loss = (float) forward.invoke(inputs, targets);
                backward.invoke();
                step.invoke();
                if (!Float.isFinite(loss)) throw new IllegalStateException("loss " + loss);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 11) {
            System.err.println("usage: PairedTrainBench CLASSPATH_A CLASSPATH_B THREADS LAYERS WIDTH HEADS CONTEXT BATCH VOCAB ROUNDS STEPS_PER_ROUND");
            System.exit(2);
        }
        int[] n = Arrays.stream(args, 2, 11).mapToInt(Integer::parseInt).toArray();
        int threads = n[0], context = n[4], batch = n[5], vocab = n[6], rounds = n[7], steps = n[8];
        int[] shape = Arrays.copyOfRange(n, 1, 7);      // layers width heads context batch vocab
        Side a = new Side(args[0], threads, shape), b = new Side(args[1], threads, shape);
        SplittableRandom random = new SplittableRandom(0);
        int[][] inputs = new int[batch][context], targets = new int[batch][context];
        long began = System.nanoTime();                  // warm-up: TrainBench's rule, for both
        while (System.nanoTime() - began < 2 * TrainBench.WARMUP_SECONDS * 1_000_000_000L) {
            a.train(steps, random, inputs, targets, vocab);
            b.train(steps, random, inputs, targets, vocab);
        }
        List<Double> ratios = new ArrayList<>(), aRates = new ArrayList<>(), bRates = new ArrayList<>();
        double tokens = (double) steps * batch * context;
        for (int r = 0; r < rounds; r++) {
            double ta, tb;
            if (r % 2 == 0) {
                ta = a.train(steps, random, inputs, targets, vocab);
                tb = b.train(steps, random, inputs, targets, vocab);
            } else {
                tb = b.train(steps, random, inputs, targets, vocab);
                ta = a.train(steps, random, inputs, targets, vocab);
            }
            aRates.add(tokens / ta);
            bRates.add(tokens / tb);
            ratios.add(tb / ta);
        }
        System.out.printf("%d thread(s), model %s, %d rounds of %d steps: A %.0f tokens/s, B %.0f tokens/s (medians); "
                        + "A/B per round: median %.3f, min %.3f, max %.3f%n", threads, Arrays.toString(shape), rounds, steps,
                median(aRates), median(bRates), median(ratios), ratios.stream().mapToDouble(x -> x).min().orElse(0),
                ratios.stream().mapToDouble(x -> x).max().orElse(0));
        System.exit(0);                                    // the two pools' threads are daemons, but say so plainly
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(x -> x).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
