package dev.glassbox.sample;

import dev.glassbox.nn.Gpt;
import dev.glassbox.tensor.Tensor;
import java.util.Objects;

/**
 * A {@link Gpt} seen as a {@link LanguageModel}: the next token's logits are the last row of a
 * forward pass over the context, {@code logits[0, T-1, :]}. Each call runs the whole context
 * again (see {@link CachedGptLanguageModel} for the KV-cached way, same logits), and replaces the model's cached forward pass.
 */
public final class GptLanguageModel implements LanguageModel {
    private final Gpt model;

    public GptLanguageModel(Gpt model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public int vocabSize() {
        return model.config().vocabSize();
    }

    @Override
    public int contextLength() {
        return model.config().contextLength();
    }

    /** @throws IllegalStateException if the model is in training mode: dropout would make generation noisy */
    @Override
    public float[] nextLogits(int[] context) {
        Objects.requireNonNull(context, "context");
        if (model.isTraining()) {
            throw new IllegalStateException("the model is in training mode (dropout on); call setTraining(false) before generating");
        }
        Tensor logits = model.forward(new int[][] {context}); // (1, T, V)
        return logits.vectorAt(0, context.length - 1);       // (V)
    }
}
