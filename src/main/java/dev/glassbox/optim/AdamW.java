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
 *
 * <p>Build one by naming its settings:
 * <pre>
 *   AdamW.builder(gpt.parameters()).learningRate(3e-3f).weightDecay(0.1f).build()
 *   AdamW.builder(gpt.parameters()).learningRate(1e-3f).betas(0.9f, 0.99f).weightDecay(0.01f).build()
 * </pre>
 * Unnamed settings keep their defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0.1.
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

    /** Starts an AdamW over {@code parameters}; name at least the learning rate, then {@code build()}. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /**
     * AdamW's settings by name: Adam's, plus the weight decay λ; each is checked when {@link #build()} makes
     * the optimizer. Adam's setters are restated only so that they return this builder.
     */
    public static final class Builder extends Adam.Builder {
        private float weightDecay = DEFAULT_WEIGHT_DECAY;

        private Builder(List<Parameter> parameters) {
            super("AdamW", parameters);
        }

        @Override
        public Builder learningRate(float learningRate) {
            super.learningRate(learningRate);
            return this;
        }

        @Override
        public Builder betas(float beta1, float beta2) {
            super.betas(beta1, beta2);
            return this;
        }

        @Override
        public Builder epsilon(float epsilon) {
            super.epsilon(epsilon);
            return this;
        }

        /** λ: the fraction η·λ of each decaying weight removed per step (default 0.1; 0 makes it Adam). */
        public Builder weightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        @Override
        public AdamW build() {
            return new AdamW(parameters(), learningRate(), beta1, beta2, epsilon, weightDecay);
        }
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
