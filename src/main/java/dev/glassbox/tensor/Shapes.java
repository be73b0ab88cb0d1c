package dev.glassbox.tensor;

import java.util.Arrays;

/** Argument checks shared by every class, so each failure names the value and what was expected. */
public final class Shapes {
    private Shapes() {}

    /** The number of elements of {@code shape}; every size must be at least 1. */
    public static int size(int... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("a tensor needs at least one dimension");
        long size = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 1) {
                throw new IllegalArgumentException("size " + shape[d] + " of dimension " + d + " in shape "
                        + Arrays.toString(shape) + " must be at least 1");
            }
            size *= shape[d];
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
            }
        }
        return (int) size;
    }

    /** Fails unless {@code value >= 1}. */
    public static int positive(String what, int value) {
        if (value < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        return value;
    }

    /** For builders: fails unless the setting {@code name} was given, e.g. "GptConfig needs heads; add .heads(...) before build()". */
    public static <V> V required(String owner, String name, V value) {
        if (value == null) throw new IllegalStateException(owner + " needs " + name + "; add ." + name + "(...) before build()");
        return value;
    }

    /** Fails unless the tensor has exactly this shape. */
    public static void expect(String what, Tensor t, int... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
    }

    /** Fails unless the last dimension of {@code x} is {@code width}; any leading dimensions are fine. */
    public static void expectLastDim(String what, Tensor x, int width) {
        if (x.dim(-1) != width) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(x.shape()) + ", expected last dimension " + width);
        }
    }

    /** Fails with the layer's name if a forward pass produced NaN or infinity; returns {@code t} otherwise. */
    public static Tensor checkFinite(String layer, Tensor t) {
        int i = t.firstNonFinite();
        if (i >= 0) {
            throw new ArithmeticException(layer + " produced " + t.data()[i] + " at flat position " + i
                    + " of its output of shape " + Arrays.toString(t.shape())
                    + " (look for a too-large learning rate, or inputs that overflow)");
        }
        return t;
    }
}
