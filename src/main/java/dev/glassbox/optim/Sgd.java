package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;

import java.util.List;

/**
 * Plain stochastic gradient descent: step straight downhill.
 *
 * <pre>  w ← w − η · g  </pre>
 *
 * It has no memory, so its step size is limited by the steepest direction: on
 * f = ½(x² + κy²) it diverges once η > 2/κ, and then crawls along the flat direction x at a rate
 * (1 − η) per step. {@link Momentum} and {@link Adam} exist to fix exactly that.
 *
 * <p>Build one by naming its learning rate: {@code Sgd.builder(model.parameters()).learningRate(0.07f).build()}.
 */
public final class Sgd extends BaseOptimizer {

    public Sgd(List<Parameter> parameters, float learningRate) {
        super(parameters, learningRate);
    }

    /** Starts an Sgd over {@code parameters}; name the learning rate, then {@code build()}. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    /** Sgd's one setting, the learning rate η, by name. */
    public static final class Builder extends OptimizerBuilder<Builder, Sgd> {
        private Builder(List<Parameter> parameters) {
            super("Sgd", parameters);
        }

        @Override
        public Sgd build() {
            return new Sgd(parameters(), learningRate());
        }
    }

    @Override
    void update(Parameter p, float[] w, float[] g) {
        float lr = learningRate();
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }

    @Override
    List<String> stateNames() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate() + ")";
    }
}
