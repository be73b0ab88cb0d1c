package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: while training, each number is zeroed with probability p and the survivors are
 * multiplied by 1 / (1 − p), so the expected value is unchanged and nothing needs rescaling at
 * inference. When not training (the default) or p = 0 it is the identity and returns its input.
 *
 * <p>The mask comes from the {@link RandomGenerator} given at construction: same generator state,
 * same mask. backward multiplies by the mask of the last forward.
 */
public final class Dropout {
    private final float p;
    private final RandomGenerator random;
    private boolean training;
    private float[] mask;   // 0 or 1/(1−p) per number; null when the last forward was the identity

    public Dropout(float p, RandomGenerator random) {
        GptConfig.checkDropout(p);
        this.p = p;
        this.random = Objects.requireNonNull(random, "random");
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean isTraining() {
        return training;
    }

    public float probability() {
        return p;
    }

    public Tensor forward(Tensor x) {
        if (!training || p == 0f) {
            mask = null;
            return x;
        }
        Tensor y = Tensor.zeros(x.shape());
        float[] xd = x.data(), yd = y.data();
        mask = new float[xd.length];
        float keep = 1f / (1f - p);
        for (int i = 0; i < xd.length; i++) {
            mask[i] = random.nextFloat() < p ? 0f : keep;
            yd[i] = xd[i] * mask[i];
        }
        return y;
    }

    public Tensor backward(Tensor dy) {
        if (mask == null) return dy;
        if (dy.size() != mask.length) {
            throw new IllegalArgumentException("dropout output gradient has " + dy.size() + " numbers, the forward had " + mask.length);
        }
        Tensor dx = Tensor.zeros(dy.shape());
        float[] dyd = dy.data(), dxd = dx.data();
        for (int i = 0; i < dyd.length; i++) dxd[i] = dyd[i] * mask[i];
        return dx;
    }
}
