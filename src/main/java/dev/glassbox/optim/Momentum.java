package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;

import java.util.List;

/**
 * SGD with momentum (the "heavy ball"): the step follows a running sum of past gradients, so
 * steady directions build up speed and directions that flip sign cancel out.
 *
 * <pre>
 *   v ← μ · v + g
 *   w ← w − η · v                  (classic)
 *   w ← w − η · (g + μ · v)        (Nesterov: look one step ahead along the velocity)
 * </pre>
 *
 * This is PyTorch's form (velocity in gradient units, η applied at the step), so a schedule that
 * changes η takes effect at once. With μ = 0.9 a constant gradient ends up moving w by
 * η·g/(1 − μ) = 10·η·g per step. On f = ½(x² + κy²) the best heavy ball converges at
 * (√κ − 1)/(√κ + 1) per step instead of SGD's (κ − 1)/(κ + 1).
 *
 * <p>Build one by naming its settings:
 * <pre>
 *   Momentum.builder(model.parameters()).learningRate(0.02f).momentum(0.8f).build()
 *   Momentum.builder(model.parameters()).learningRate(0.01f).momentum(0.9f).nesterov(true).build()
 * </pre>
 */
public final class Momentum extends BaseOptimizer {
    private static final String VELOCITY = "velocity";
    private final float momentum;
    private final boolean nesterov;

    /** Classic momentum with μ = {@code momentum}. */
    public Momentum(List<Parameter> parameters, float learningRate, float momentum) {
        this(parameters, learningRate, momentum, false);
    }

    public Momentum(List<Parameter> parameters, float learningRate, float momentum, boolean nesterov) {
        super(parameters, learningRate);
        this.momentum = checkRate("momentum μ", momentum);
        this.nesterov = nesterov;
    }

    /** Starts a Momentum over {@code parameters}; name the learning rate and μ, then {@code build()}. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** Momentum's settings by name; each is checked when {@link #build()} makes the optimizer. */
    public static final class Builder extends OptimizerBuilder<Builder, Momentum> {
        private Float momentum;
        private boolean nesterov;

        private Builder(List<Parameter> parameters) {
            super("Momentum", parameters);
        }

        /** μ: the fraction of the velocity kept from one step to the next (required; 0 makes it SGD). */
        public Builder momentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Whether to step from where the velocity is about to carry w (default false: classic momentum). */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public Momentum build() {
            return new Momentum(parameters(), learningRate(), required("a momentum μ", ".momentum(...)", momentum),
                    nesterov);
        }
    }

    @Override
    void update(Parameter p, float[] w, float[] g) {
        float lr = learningRate();
        float[] v = stateOf(p, VELOCITY);
        for (int i = 0; i < w.length; i++) {
            v[i] = momentum * v[i] + g[i];
            float direction = nesterov ? g[i] + momentum * v[i] : v[i];
            w[i] -= lr * direction;
        }
    }

    /** A copy of v for {@code p}: zeros before the first step. */
    public Tensor velocity(Parameter p) {
        return stateCopy(p, VELOCITY);
    }

    public float momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    List<String> stateNames() {
        return List.of(VELOCITY);
    }

    @Override
    public String toString() {
        return (nesterov ? "Nesterov" : "Momentum") + "(lr=" + learningRate() + ", μ=" + momentum + ")";
    }
}
