package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.Arrays;

/**
 * One named intermediate result of a forward pass, e.g. "h.0.after_attn" (B, T, C).
 * {@link Gpt#trace()} and {@link SequenceClassifier#trace()} list them in data-flow order.
 */
public record Activation(String name, Tensor value) {
    public int[] shape() {
        return value.shape();
    }

    /** The name and shape only; print {@link #value()} for the numbers. */
    @Override
    public String toString() {
        return name + " " + Arrays.toString(value.shape());
    }
}
