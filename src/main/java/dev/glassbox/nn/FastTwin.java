package dev.glassbox.nn;

import dev.glassbox.kernels.Simd;
import dev.glassbox.tensor.Tensor;

/**
 * A layer whose plain loops are the reference the course teaches and whose fast twin lives in
 * {@link dev.glassbox.kernels}; a test holds the two together. {@link #forward} and {@link #backward}
 * run the twin when it can ({@link #fastAvailable()}), the {@code …Reference} methods always the loops.
 */
public abstract class FastTwin {
    /** {@code fast}: the kernel twin (only ever asked for when {@link #fastAvailable()}); otherwise the plain loops. */
    protected abstract Tensor forward(Tensor x, boolean fast);

    /** Takes dL/dy of the last forward, accumulates the parameters' gradients, returns dL/dx. */
    protected abstract Tensor backward(Tensor dy, boolean fast);

    /** Whether the twin can run here: the Vector API is available (a layer may add conditions). */
    protected boolean fastAvailable() { return Simd.available(); }

    public final Tensor forward(Tensor x) { return forward(x, fastAvailable()); }

    public final Tensor backward(Tensor dy) { return backward(dy, fastAvailable()); }

    public final Tensor forwardReference(Tensor x) { return forward(x, false); }

    public final Tensor backwardReference(Tensor dy) { return backward(dy, false); }
}
