package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), the optimizer GPT-2-style
 * training uses.
 *
 * <pre>
 *   w ← w − η · λ · w        only where parameter.decays(): weight matrices and embeddings,
 *                            not biases or LayerNorm gains
 *   then the {@link Adam} step
 * </pre>
 *
 * "Decoupled" means the pull towards zero is applied to the weights directly, not added to the
 * gradient: added to g, Adam's division by √v̂ would shrink the decay for weights with large
 * gradients and the regularisation would depend on the gradient's history. Biases and LayerNorm
 * gains are left alone because shrinking a gain towards 0 (instead of its natural value 1) only
 * hurts. The order (decay first, then Adam) matches PyTorch's {@code AdamW}.
 */
public final class AdamW extends Adam {
    /** nanoGPT's choice for GPT-2-sized models. */
    public static final float DEFAULT_WEIGHT_DECAY = 0.1f;

    private final float weightDecay;

    /** AdamW with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 and weight decay λ. */
    public AdamW(List<Parameter> parameters, float learningRate, float weightDecay) {
        this(parameters, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, weightDecay);
    }

    public AdamW(List<Parameter> parameters, float learningRate, float beta1, float beta2, float epsilon,
                 float weightDecay) {
        super(parameters, learningRate, beta1, beta2, epsilon);
        this.weightDecay = checkNonNegative("weight decay λ", weightDecay);
    }

    @Override
    void update(Parameter p, float[] w, float[] g) {
        if (p.decays()) {
            float shrink = learningRate() * weightDecay;
            for (int i = 0; i < w.length; i++) {
                w[i] -= shrink * w[i];
            }
        }
        super.update(p, w, g);
    }

    public float weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + learningRate() + ", β₁=" + beta1() + ", β₂=" + beta2() + ", ε=" + epsilon()
                + ", λ=" + weightDecay + ")";
    }
}
