package dev.glassbox.nn;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws an attention's W_q and W_k again, wider than GPT-2's 0.02, to make larger scores q·k: the regime
 * where a missing √d_k hurts (chapter 04). An experiment on a built layer, so it lives beside attention
 * rather than in it.
 */
public final class QueryKeyRedraw {
    private QueryKeyRedraw() {}

    /**
     * Replaces W_q and W_k, the first 2C of c_attn's 3C output columns, with draws from N(0, std²), row by
     * row, each row's columns in order; W_v and the biases keep their values.
     */
    public static void of(CausalSelfAttention attention, double std, SplittableRandom random) {
        Objects.requireNonNull(attention, "attention");
        Parameter weight = attention.cAttn().weight();
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException(weight.name() + ": the std to redraw W_q and W_k with must be a finite number of at least 0, got " + std);
        }
        Objects.requireNonNull(random, "random");
        int channels = weight.value().shape()[0];
        float[] w = weight.value().data();                            // (C, 3C): [W_q | W_k | W_v]
        for (int row = 0; row < channels; row++) {
            for (int column = 0; column < 2 * channels; column++) w[row * 3 * channels + column] = (float) (random.nextGaussian() * std);
        }
    }
}
