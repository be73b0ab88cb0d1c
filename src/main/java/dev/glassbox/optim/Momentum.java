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
