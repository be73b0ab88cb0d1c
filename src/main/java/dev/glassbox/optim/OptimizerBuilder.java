package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;

import java.util.List;

/**
 * What every optimizer's builder shares: the parameters it will update and the learning rate η, which
 * must be named. Each optimizer's {@code Builder} adds its own settings (μ; β₁, β₂ and ε; λ), and
 * {@code build()} checks them all with the optimizer's own messages:
 * <pre>
 *   Sgd.builder(ps).learningRate(0.07f).build()
 *   Momentum.builder(ps).learningRate(0.02f).momentum(0.8f).build()
 *   Adam.builder(ps).learningRate(0.05f).build()
 *   AdamW.builder(ps).learningRate(3e-3f).weightDecay(0.1f).build()
 * </pre>
 *
 * @param <B> the concrete builder, so that every setter returns it
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    private final String owner;
    private final List<Parameter> parameters;
    private Float learningRate;

    OptimizerBuilder(String owner, List<Parameter> parameters) {
        this.owner = owner;
        this.parameters = parameters;
    }

    /** η: how far each step goes (required). */
    public B learningRate(float learningRate) {
        this.learningRate = learningRate;
        return self();
    }

    /** Makes the optimizer, checking every setting. */
    public abstract O build();

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    final List<Parameter> parameters() {
        return parameters;
    }

    /** η as named; fails with one sentence if it was not. */
    final float learningRate() {
        return required("a learning rate", ".learningRate(...)", learningRate);
    }

    /** Fails naming the optimizer and the missing setting. */
    final <V> V required(String what, String setter, V value) {
        if (value == null) {
            throw new IllegalStateException(owner + " needs " + what + "; add " + setter + " before build()");
        }
        return value;
    }
}
