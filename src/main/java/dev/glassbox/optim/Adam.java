package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015): momentum on the gradient, divided by a running estimate of the
 * gradient's size, so every number gets its own step size.
 *
 * <pre>
 *   m ← β₁ · m + (1 − β₁) · g            first moment: running mean of g
 *   v ← β₂ · v + (1 − β₂) · g²           second moment: running mean of g²
 *   m̂ = m / (1 − β₁ᵗ)                    bias correction: m and v start at 0,
 *   v̂ = v / (1 − β₂ᵗ)                    so early averages are too small by exactly that factor
 *   w ← w − η · m̂ / (√v̂ + ε)
 * </pre>
 *
 * On step t = 1 the corrections give m̂ = g and v̂ = g², so every weight moves by about η·sign(g),
 * whatever the gradient's scale. That scale-free step is why Adam does not care that one direction
 * of a valley is 100 times steeper than another.
 *
 * <p>Build one by naming its settings:
 * <pre>
 *   Adam.builder(model.parameters()).learningRate(0.05f).build()
 *   Adam.builder(model.parameters()).learningRate(1e-3f).betas(0.9f, 0.99f).epsilon(1e-6f).build()
 * </pre>
 * Unnamed settings keep the paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public class Adam extends BaseOptimizer {
    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPSILON = 1e-8f;

    private static final String FIRST_MOMENT = "firstMoment";
    private static final String SECOND_MOMENT = "secondMoment";
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    /** Adam with the paper's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(List<Parameter> parameters, float learningRate) {
        this(parameters, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public Adam(List<Parameter> parameters, float learningRate, float beta1, float beta2, float epsilon) {
        super(parameters, learningRate);
        this.beta1 = checkRate("beta1 (β₁)", beta1);
        this.beta2 = checkRate("beta2 (β₂)", beta2);
        this.epsilon = checkPositive("epsilon (ε)", epsilon);
    }

    /** Starts an Adam over {@code parameters}; name at least the learning rate, then {@code build()}. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder("Adam", parameters);
    }

    /**
     * Adam's settings by name; each is checked when {@link #build()} makes the optimizer.
     * {@link AdamW.Builder} extends it with the weight decay.
     */
    public static class Builder extends OptimizerBuilder<Builder, Adam> {
        float beta1 = DEFAULT_BETA1;
        float beta2 = DEFAULT_BETA2;
        float epsilon = DEFAULT_EPSILON;

        Builder(String owner, List<Parameter> parameters) {
            super(owner, parameters);
        }

        /** β₁ and β₂: how slowly the running mean of g and of g² forget (default 0.9 and 0.999). */
        public Builder betas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** ε: added to √v̂ so the division never blows up (default 1e-8). */
        public Builder epsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(parameters(), learningRate(), beta1, beta2, epsilon);
        }
    }

    @Override
    void update(Parameter p, float[] w, float[] g) {
        float lr = learningRate();
        float[] m = stateOf(p, FIRST_MOMENT);
        float[] v = stateOf(p, SECOND_MOMENT);
        float correction1 = (float) (1 - Math.pow(beta1, steps()));  // 1 − β₁ᵗ
        float correction2 = (float) (1 - Math.pow(beta2, steps()));  // 1 − β₂ᵗ
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }

    /** A copy of m for {@code p} (not bias-corrected): zeros before the first step. */
    public Tensor firstMoment(Parameter p) {
        return stateCopy(p, FIRST_MOMENT);
    }

    /** A copy of v for {@code p} (not bias-corrected): zeros before the first step. */
    public Tensor secondMoment(Parameter p) {
        return stateCopy(p, SECOND_MOMENT);
    }

    public float beta1() {
        return beta1;
    }

    public float beta2() {
        return beta2;
    }

    public float epsilon() {
        return epsilon;
    }

    @Override
    final List<String> stateNames() {
        return List.of(FIRST_MOMENT, SECOND_MOMENT);
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate() + ", β₁=" + beta1 + ", β₂=" + beta2 + ", ε=" + epsilon + ")";
    }
}
