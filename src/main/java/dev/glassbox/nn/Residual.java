package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

/**
 * The residual connection's "+": {@code y = x + branch(x)}. Its backward passes dL/dy unchanged to
 * both the stream and the branch, so the gradient of a block is {@code dy + branchᵀ(dy)}.
 */
public final class Residual {
    private Residual() {}

    /** a + b, element by element; a new tensor. */
    public static Tensor add(Tensor a, Tensor b) {
        Shapes.expect("residual branch", b, a.shape());
        Tensor sum = Tensor.zeros(a.shape());
        float[] ad = a.data(), bd = b.data(), s = sum.data();
        for (int i = 0; i < s.length; i++) s[i] = ad[i] + bd[i];
        return sum;
    }
}
