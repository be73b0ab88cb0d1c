package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

/**
 * A learned tensor and the gradient of the loss with respect to it.
 *
 * <p>{@code name} follows GPT-2's checkpoint names where there is one ("wte.weight",
 * "h.0.attn.c_attn.weight"), so pretrained weights map one-to-one. {@code decays} says whether
 * AdamW's weight decay applies: true for matrices, false for biases and LayerNorm gains, as in
 * GPT-2 training.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean decays;

    public Parameter(String name, Tensor value, boolean decays) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
        this.decays = decays;
    }

    public String name() { return name; }

    public Tensor value() { return value; }

    /** dLoss/dValue, accumulated by backward passes with {@code +=} until {@link #zeroGrad()}. */
    public Tensor grad() { return grad; }

    public boolean decays() { return decays; }

    public int size() { return value.size(); }

    public void zeroGrad() { grad.zero(); }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
