package dev.glassbox.train;

import dev.glassbox.data.Batches;
import dev.glassbox.data.Corpus;
import dev.glassbox.data.LabelledBatches;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.optim.AdamW;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.tokenize.CharTokenizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer driving the real models: determinism, and that training actually lowers the loss. */
class GptTrainingTest {

    /** A char-level GPT on the seed essay; sizes chosen so every matmul is big enough to be split among threads. */
    private static TrainingLog trainOnEssay(int steps, long seed) {
        Corpus essay = Corpus.seedEssay(0.1);
        CharTokenizer chars = CharTokenizer.fromCorpus(essay.text());
        Gpt gpt = new Gpt(GptConfig.of(chars.vocabSize(), 32, 48, 2, 4), seed);
        Batches train = essay.trainBatches(chars::encode, 8, 32, seed);
        Batches validation = essay.validationBatches(chars::encode, 8, 32, seed);
        AdamW adamW = new AdamW(gpt.parameters(), 3e-3f, 0.9f, 0.99f, 1e-8f, 0.01f);
        return Trainer.builder(Objectives.languageModel(gpt), adamW, train::next)
                .steps(steps)
                .schedule(LrSchedule.warmupCosine(3e-3f, steps / 10, steps, 3e-4f))
                .clipGradientNorm(1.0)
                .validation(validation.sequential(4), Math.max(1, steps / 4))
                .build().run();
    }

    private static int[] bits(TrainingLog log) {
        int[] bits = new int[2 * log.size()];
        for (int i = 0; i < log.size(); i++) {
            bits[2 * i] = Float.floatToRawIntBits(log.rows().get(i).trainLoss());
            bits[2 * i + 1] = Float.floatToRawIntBits(log.rows().get(i).validationLoss());
        }
        return bits;
    }

    @Test
    void sameSeedGivesABitIdenticalLossCurveOnOneOrTwoThreads() {
        int threads = Matmul.threads();
        try {
            Matmul.setThreads(1);
            int[] first = bits(trainOnEssay(12, 7));
            int[] second = bits(trainOnEssay(12, 7));
            Matmul.setThreads(2);
            int[] twoThreads = bits(trainOnEssay(12, 7));
            assertArrayEquals(first, second, "two runs with one thread");
            assertArrayEquals(first, twoThreads, "one thread vs two");
            assertTrue(!Arrays.equals(first, bits(trainOnEssay(12, 8))), "another seed gives another curve");
        } finally {
            Matmul.setThreads(threads);
        }
    }

    @Test
    void charLevelTrainingLossOnTheSeedEssayFallsBelowTarget() {
        TrainingLog log = trainOnEssay(ESSAY_STEPS, 1);
        double start = log.rows().get(0).trainLoss();
        double end = log.meanTrainLoss(10);
        System.out.printf("essay: loss %.3f -> %.3f (mean of last 10) in %d steps, val %.3f, %.1f s%n",
                start, end, ESSAY_STEPS, log.last().validationLoss(), log.last().elapsedSeconds());
        assertTrue(start > Math.log(300), "an untrained model is near ln(V): " + start);
        assertTrue(end < ESSAY_TARGET, "mean training loss of the last 10 steps " + end + " should be below " + ESSAY_TARGET);
    }

    static final int ESSAY_STEPS = 300;
    static final double ESSAY_TARGET = 2.0;

    @Test
    void classifierLearnsALabelThatDependsOnPosition() {
        // Label = 1 if the first token is 0 or 1, else 0; the other 7 tokens are noise. Every token
        // value occurs in both classes, so a bag of tokens cannot tell them apart: the model must
        // use the position embedding. (Order-dependent labels are the sleep notebook's subject.)
        int n = 512, length = 8, vocab = 4;
        SplittableRandom random = new SplittableRandom(3);
        int[][] sequences = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            sequences[i] = random.ints(length, 0, vocab).toArray();
            labels[i] = sequences[i][0] < 2 ? 1 : 0;
        }
        LabelledBatches train = new LabelledBatches(Arrays.copyOf(sequences, 384), Arrays.copyOf(labels, 384), 32, 1);
        LabelledBatches heldOut = new LabelledBatches(Arrays.copyOfRange(sequences, 384, n), Arrays.copyOfRange(labels, 384, n), 64, 1);
        SequenceClassifier classifier = new SequenceClassifier(ClassifierConfig.of(vocab, length, 32, 2, 4, 2, Pooling.MEAN), 5);
        TrainingLog log = Trainer.builder(Objectives.classifier(classifier), new AdamW(classifier.parameters(), 3e-3f, 0.01f), train::next)
                .steps(CLASSIFIER_STEPS)
                .validation(heldOut.sequential(2), CLASSIFIER_STEPS)
                .build().run();
        int correct = 0;
        for (LabelledBatches.Batch batch : heldOut.sequential(2)) {
            float[] logits = classifier.forward(batch.tokens()).data();                  // (B, 2)
            for (int b = 0; b < batch.batchSize(); b++) {
                int predicted = logits[2 * b + 1] > logits[2 * b] ? 1 : 0;
                if (predicted == batch.labels()[b]) correct++;
            }
        }
        double accuracy = correct / 128.0;
        System.out.printf("classifier: loss %.3f -> val %.4f, held-out accuracy %.3f in %d steps, %.1f s%n",
                log.rows().get(0).trainLoss(), log.last().validationLoss(), accuracy, CLASSIFIER_STEPS, log.last().elapsedSeconds());
        assertEquals(Math.log(2), log.rows().get(0).trainLoss(), 0.1, "untrained: about ln 2");
        assertTrue(log.last().validationLoss() < 0.1, "held-out loss " + log.last().validationLoss());
        assertTrue(accuracy >= CLASSIFIER_TARGET, "held-out accuracy " + accuracy);
    }

    static final int CLASSIFIER_STEPS = 100;
    static final double CLASSIFIER_TARGET = 0.95;
}
