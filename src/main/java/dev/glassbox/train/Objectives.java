package dev.glassbox.train;

import dev.glassbox.data.Batches;
import dev.glassbox.data.LabelledBatches;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.SequenceClassifier;

/** {@link Objective}s for the library's models. */
public final class Objectives {
    private Objectives() {}

    /**
     * Next-token prediction: the mean cross-entropy of a {@link Gpt} over every position of a
     * (B, T) batch from {@link Batches}.
     */
    public static Objective<Batches.Batch> languageModel(Gpt gpt) {
        return new Objective<>() {
            @Override public float forward(Batches.Batch batch) { return gpt.forward(batch.inputs(), batch.targets()); }
            @Override public void backward() { gpt.backward(); }
            @Override public int tokens(Batches.Batch batch) { return batch.tokens(); }
            @Override public void setTraining(boolean training) { gpt.setTraining(training); }
        };
    }

    /**
     * Sequence classification: the mean cross-entropy of a {@link SequenceClassifier} over the
     * labels of a batch from {@link LabelledBatches}. "Tokens" counts every input position.
     */
    public static Objective<LabelledBatches.Batch> classifier(SequenceClassifier classifier) {
        return new Objective<>() {
            @Override public float forward(LabelledBatches.Batch batch) { return classifier.forward(batch.tokens(), batch.labels()); }
            @Override public void backward() { classifier.backward(); }
            @Override public int tokens(LabelledBatches.Batch batch) { return batch.batchSize() * batch.tokens()[0].length; }
            @Override public void setTraining(boolean training) { classifier.setTraining(training); }
        };
    }
}
