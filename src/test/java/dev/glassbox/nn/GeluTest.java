package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeluTest {

    @Test
    void matchesTheTanhFormulaWrittenWithMathTanh() {
        // the reference computes tanh through exp; this test uses Math.tanh, including far tails and tiny inputs
        float[] x = {-40, -12, -3, -1, -1e-3f, -1e-8f, 0, 1e-8f, 1e-3f, 0.5f, 2, 7, 40};
        float[] y = new Gelu().forwardReference(Tensor.vector(x)).data();
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertEquals(expected, y[i], 1e-7 * Math.max(1, Math.abs(expected)), "gelu(" + v + ")");
        }
    }
}
