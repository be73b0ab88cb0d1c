package dev.glassbox.bench;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.AttentionScaling;
import dev.glassbox.nn.BlockOrder;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.KvCache;
import dev.glassbox.nn.Parameter;
import dev.glassbox.optim.AdamW;

import java.util.SplittableRandom;

/**
 * Prints the exact bits of seeded training runs, for checking that a speed change moved no bit: every step's
 * loss as {@code Float.floatToIntBits} and, after training, a hash of every parameter's bits and of
 * twelve tokens' logits decoded through the KV cache. Run it before and after a change and diff the outputs
 * (asserts nothing; the thread-count identity is MatmulTest's and GptTest's):
 * {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:… dev.glassbox.bench.TrainingFingerprint > before.txt}
 */
public final class TrainingFingerprint {
    private TrainingFingerprint() {}

    public static void main(String[] args) {
        GptConfig tiny = GptConfig.of(65, 32, 64, 2, 4), small = GptConfig.of(65, 64, 128, 4, 4);
        // odd sizes (no dimension a whole vector), post-LN, cosine scaling and dropout: the other branches
        GptConfig odd = GptConfig.of(17, 20, 48, 2, 3).withOrder(BlockOrder.POST_LN).withScaling(AttentionScaling.COSINE)
                .withDropout(0.1f);
        GptConfig baby = GptConfig.of(65, 256, 384, 2, 6);
        for (int threads : new int[] {1, 2}) {
            run("tiny", tiny, 16, 20, threads);
            run("small", small, 32, 20, threads);
            run("odd", odd, 7, 20, threads);
            run("baby2", baby, 4, 3, threads);
        }
    }

    private static void run(String name, GptConfig config, int batch, int steps, int threads) {
        Matmul.setThreads(threads);
        Gpt gpt = new Gpt(config, 0);
        AdamW optimizer = new AdamW(gpt.parameters(), 1e-3f, 0.01f);
        SplittableRandom random = new SplittableRandom(1);
        int T = config.contextLength(), V = config.vocabSize();
        int[][] inputs = new int[batch][T], targets = new int[batch][T];
        StringBuilder losses = new StringBuilder();
        for (int step = 0; step < steps; step++) {
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < T; t++) {
                    inputs[b][t] = random.nextInt(V);
                    targets[b][t] = (inputs[b][t] * 7 + t) % V;   // learnable, so the loss moves
                }
            }
            optimizer.zeroGrad();
            float loss = gpt.forward(inputs, targets);
            gpt.backward();
            optimizer.step();
            losses.append(' ').append(Integer.toHexString(Float.floatToIntBits(loss)));
        }
        long hash = 17;
        for (Parameter p : gpt.parameters()) {
            for (float v : p.value().data()) hash = hash * 31 + Float.floatToIntBits(v);
            for (float g : p.grad().data()) hash = hash * 31 + Float.floatToIntBits(g);
        }
        gpt.setTraining(false);
        KvCache cache = new KvCache(config);
        long decoded = 17;
        for (int t = 0; t < Math.min(12, T); t++) {
            for (float v : gpt.forwardStep(inputs[0][t], cache)) decoded = decoded * 31 + Float.floatToIntBits(v);
        }
        System.out.printf("%s threads=%d losses%s%n%s threads=%d parameters+grads %016x decoded %016x%n",
                name, threads, losses, name, threads, hash, decoded);
    }
}
