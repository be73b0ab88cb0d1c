package dev.glassbox.train;

import dev.glassbox.data.Batches;
import dev.glassbox.data.QaAccuracy;
import dev.glassbox.data.QaSample;
import dev.glassbox.data.QaSamples;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.optim.AdamW;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.GptLanguageModel;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;
import dev.glassbox.tokenize.CharTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The essay's claim S1, as a test: a tiny GPT trained only on {@code Q:a+b=?A:c} lines answers
 * sums it has never seen.
 *
 * <p>Data: all 100 one-digit sums {@code Q:a+b=?A:c} (0 ≤ a, b ≤ 9); 20 held out (seed 1), the
 * other 80 repeated in 30 freshly shuffled epochs as one character stream. Model: char-level,
 * 19 tokens, context 16, width 32, 2 layers, 4 heads (about 27 k parameters). Training: AdamW
 * (β₂ 0.99, weight decay 0.1), warm-up then cosine from 1e-2 to 1e-3, clipping at 1, batch 32,
 * on one thread. Answers are generated greedily up to the end marker.
 */
class QaLearningTest {
    static final int STEPS = 1000;
    static final double HELD_OUT_TARGET = 0.6;
    static final double TRAIN_TARGET = 0.9;

    record Outcome(QaAccuracy.Result heldOut, QaAccuracy.Result train, TrainingLog log) {}

    /** Trains and asks; {@code seed} picks the held-out questions, the shuffles, the batches and the weights. */
    static Outcome trainAndAsk(long seed, int steps) {
        List<QaSample> sums = QaSamples.arithmetic(9, QaSamples.Operation.ADD);
        QaSamples.Split split = QaSamples.split(sums, 0.2, seed);
        String text = QaSamples.shuffledText(split.train(), 30, seed);
        CharTokenizer chars = CharTokenizer.fromCorpus(QaSamples.text(sums));
        Gpt gpt = new Gpt(GptConfig.of(chars.vocabSize(), 16, 32, 2, 4), seed);
        Batches batches = new Batches("Q:A training text", chars.encode(text), 32, 16, seed);
        float lr = 1e-2f;
        int threads = Matmul.threads();
        TrainingLog log;
        try {
            Matmul.setThreads(1);
            log = Trainer.builder(Objectives.languageModel(gpt),
                            new AdamW(gpt.parameters(), lr, 0.9f, 0.99f, 1e-8f, 0.1f), batches::next)
                    .steps(steps)
                    .schedule(LrSchedule.warmupCosine(lr, steps / 20, steps, lr / 10))
                    .clipGradientNorm(1.0)
                    .build().run();
        } finally {
            Matmul.setThreads(threads);
        }
        // greedy answers, cut at the end-of-line marker, through the library's generator
        Generator generator = new Generator(new GptLanguageModel(gpt), chars::decode);
        Sampler argmax = new Sampler(SamplingOptions.greedy(), 0);
        QaAccuracy.Answerer greedy = prompt ->
                generator.generate(chars.encode(prompt), 4, argmax, String.valueOf(QaSamples.END)).text();
        return new Outcome(QaAccuracy.exactMatch(split.heldOut(), greedy), QaAccuracy.exactMatch(split.train(), greedy), log);
    }

    @Test
    void tinyGptAnswersHeldOutSums() {
        long cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Outcome outcome = trainAndAsk(1, STEPS);
        double cpuSeconds = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        QaAccuracy.Result heldOut = outcome.heldOut();
        QaAccuracy.Result train = outcome.train();
        TrainingLog log = outcome.log();
        System.out.printf("Q:A sums: held-out %s, training %s, loss %.3f, %d steps in %.1f s wall, %.1f s CPU of this thread%n",
                heldOut, train, log.meanTrainLoss(20), STEPS, log.last().elapsedSeconds(), cpuSeconds);
        assertTrue(train.accuracy() >= TRAIN_TARGET, "training questions: " + train + " " + train.mistakes());
        assertTrue(heldOut.accuracy() >= HELD_OUT_TARGET, "held-out questions: " + heldOut + " " + heldOut.mistakes());
    }
}
