package dev.glassbox.sleep;

import dev.glassbox.data.LabelledBatches;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.optim.AdamW;
import dev.glassbox.optim.LrSchedule;
import dev.glassbox.train.Objectives;
import dev.glassbox.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S11 end to end: on nights whose stage counts carry no information, the bag-of-stages baseline
 * stays near chance while a small Transformer classifier (no causal mask) learns the order.
 * Seeded; short nights (24 steps) and a small model keep it to a few seconds.
 */
class SleepClassifierTest {

    @Test
    void transformerLearnsTheOrderThatCountsCannotSee() {
        int length = 24;
        var nights = SleepNights.generate(800, length, 21);
        var train = nights.slice(0, 600);
        var test = nights.slice(600, 800);

        double baseline = new BagOfStagesBaseline().fit(train.stages(), train.labels(), 2000, 5.0)
                .accuracy(test.stages(), test.labels());

        var classifier = new SequenceClassifier(ClassifierConfig.of(Stage.values().length, length, 32, 2, 4, 2, Pooling.CLASS_TOKEN), 7);
        var batches = new LabelledBatches(train.stages(), train.labels(), 32, 3);
        int steps = 150;
        float peak = 3e-3f;
        Trainer.builder(Objectives.classifier(classifier), new AdamW(classifier.parameters(), peak, 0.9f, 0.99f, 1e-8f, 0.01f), batches::next)
                .steps(steps)
                .schedule(LrSchedule.warmupCosine(peak, 15, steps, peak / 10))
                .clipGradientNorm(1.0)
                .build().run();
        classifier.setTraining(false);
        float[] logits = classifier.forward(test.stages()).data();                 // (200, 2)
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
            if (predicted == test.labels()[i]) correct++;
        }
        double accuracy = (double) correct / test.size();
        System.out.printf("sleep nights of %d steps: classifier %.3f, bag of stages %.3f held out%n", length, accuracy, baseline);
        // 200 held-out nights: chance is 0.5 ± 0.035 (standard error); the baseline must stay within 3 of them
        assertTrue(Math.abs(baseline - 0.5) <= 0.106, "bag-of-stages accuracy " + baseline);
        assertTrue(accuracy >= 0.9, "classifier held-out accuracy " + accuracy);
    }

    /**
     * Random-position nights (chapter 10): the telling patterns fall at random steps, so both baselines,
     * counts and (stage, step) cues, stay near chance, while one attention block with mean pooling and
     * 16 small heads, trained as in the chapter (300 steps, learning rate 3e-2), learns the order. The
     * same nights, seeds and model as the chapter's.
     */
    @Test
    void attentionLearnsTheOrderWherePositionTellsNothing() {
        int length = 24;
        var nights = SleepNights.generate(1300, length, 42, SleepNights.Layout.RANDOM_POSITIONS);
        var train = nights.slice(0, 1000);
        var test = nights.slice(1100, 1300);

        double bag = new BagOfStagesBaseline().fit(train.stages(), train.labels(), 2000, 5.0)
                .accuracy(test.stages(), test.labels());
        double position = new PositionAwareBaseline(length).fit(train.stages(), train.labels(), 300, 1.0)
                .accuracy(test.stages(), test.labels());

        var classifier = new SequenceClassifier(ClassifierConfig.of(Stage.values().length, length, 32, 1, 16, 2, Pooling.MEAN), 7);
        var batches = new LabelledBatches(train.stages(), train.labels(), 32, 3);
        int steps = 300;
        float peak = 3e-2f;
        Trainer.builder(Objectives.classifier(classifier), new AdamW(classifier.parameters(), peak, 0.9f, 0.99f, 1e-8f, 0.01f), batches::next)
                .steps(steps)
                .schedule(LrSchedule.warmupCosine(peak, 20, steps, peak / 10))
                .clipGradientNorm(1.0)
                .build().run();
        classifier.setTraining(false);
        float[] logits = classifier.forward(test.stages()).data();                 // (200, 2)
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
            if (predicted == test.labels()[i]) correct++;
        }
        double accuracy = (double) correct / test.size();
        System.out.printf("random-position nights: attention %.3f, bag of stages %.3f, position-aware %.3f held out%n",
                accuracy, bag, position);
        // 200 held-out nights: chance is 0.5 ± 0.035 (standard error); the baselines stay within 3 of them,
        // the classifier must be more than 6 above
        assertTrue(Math.abs(bag - 0.5) <= 0.106, "bag-of-stages accuracy " + bag);
        assertTrue(Math.abs(position - 0.5) <= 0.106, "position-aware accuracy " + position);
        assertTrue(accuracy >= 0.72, "classifier held-out accuracy " + accuracy);
    }
}
