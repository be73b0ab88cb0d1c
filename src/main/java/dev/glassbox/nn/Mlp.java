package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The essay's feed-forward network, applied to each position on its own:
 *
 * <pre>
 *   y = gelu(x · W_fc + b_fc) · W_proj + b_proj      (B, T, C) → (B, T, 4C) → (B, T, C)
 * </pre>
 * Attention mixes positions; this mixes channels. The 4× width is GPT-2's.
 */
public final class Mlp implements Module {
    private final Linear cFc, cProj;
    private final Gelu gelu = new Gelu();
    private Tensor hidden;   // gelu output (B, T, 4C), kept for a look inside

    public Mlp(String name, int channels, RandomGenerator random, float std, float projectionStd) {
        this.cFc = Linear.named(name + ".c_fc").in(channels).out(4 * channels).initialisedFrom(random).weightStd(std).build();
        this.cProj = Linear.named(name + ".c_proj").in(4 * channels).out(channels).initialisedFrom(random).weightStd(projectionStd).build();
    }

    public Linear cFc() { return cFc; }

    public Linear cProj() { return cProj; }

    /** The activations after GELU (B, T, 4C) from the last forward. */
    public Tensor hidden() {
        if (hidden == null) throw new IllegalStateException("mlp: no forward pass yet");
        return hidden;
    }

    public Tensor forward(Tensor x) {
        hidden = gelu.forward(cFc.forward(x));                                     // (B, T, 4C)
        return cProj.forward(hidden);                                              // (B, T, C)
    }

    public Tensor backward(Tensor dy) {
        return cFc.backward(gelu.backward(cProj.backward(dy)));                    // (B, T, C)
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(cFc.parameters());
        all.addAll(cProj.parameters());
        return List.copyOf(all);
    }
}
