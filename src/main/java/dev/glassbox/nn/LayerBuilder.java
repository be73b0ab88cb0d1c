package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the builders of {@link Linear}, {@link Embedding} and {@link CausalSelfAttention} share: the layer's
 * name and how its weights are initialised, read as a sentence: {@code .initialisedFrom(random).weightStd(0.02f)}.
 * The defaults are GPT-2's: N(0, 0.02²) from a new generator with seed 0. Nothing is drawn before
 * {@code build()}, so the order of the setters does not matter. A missing size is named like a config's
 * ("Linear lin needs in; add .in(...) before build()", see {@link ConfigBuilder}).
 *
 * @param <B> the concrete builder, so that every setter returns it
 */
public abstract class LayerBuilder<B extends LayerBuilder<B>> {
    final String name;
    private final String owner, weights;
    RandomGenerator random = new SplittableRandom(0);
    float std = Gpt.INIT_STD;

    /**
     * @param kind    the layer's class, for the missing-size message ("Linear")
     * @param weights the weights {@link #weightStd} sets, for its message (the name, or e.g. name + ".c_attn")
     */
    LayerBuilder(String kind, String name, String weights) {
        this.name = Objects.requireNonNull(name, "name");
        this.owner = kind + " " + name;
        this.weights = weights;
    }

    /** The generator the weights are drawn from (default: a new one with seed 0). */
    public B initialisedFrom(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return self();
    }

    /** The weights are drawn from N(0, std²) (default 0.02, GPT-2's); in attention, c_attn's (W_q, W_k, W_v side by side). */
    public B weightStd(float std) {
        this.std = checkStd(weights, std);
        return self();
    }

    @SuppressWarnings("unchecked")
    B self() { return (B) this; }

    /** Fails naming the size and the layer if it was not given. */
    <V> V required(String setting, V value) {
        return Shapes.required(owner, setting, value);
    }

    /** Fails unless a standard deviation is a finite number ≥ 0, naming the weights. */
    static float checkStd(String weights, float std) {
        if (!(std >= 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException(weights + " weight std must be a finite number ≥ 0, got " + std);
        }
        return std;
    }
}
