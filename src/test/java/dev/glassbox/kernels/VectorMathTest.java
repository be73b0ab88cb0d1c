package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static dev.glassbox.kernels.VectorMath.LANES;
import static dev.glassbox.kernels.VectorMath.SPECIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMD exp and tanh against Math.exp / Math.tanh in double, and each against its scalar twin, bit for bit. */
class VectorMathTest {
    private static final int N = 200_000;

    private static float[] grid(float from, float to) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) x[i] = from + (to - from) * i / (N - 1);
        return x;
    }

    private static float[] vectorExp(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i + LANES <= x.length; i += LANES) VectorMath.exp(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        return y;
    }

    private static float[] vectorTanh(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i + LANES <= x.length; i += LANES) VectorMath.tanh(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        return y;
    }

    @Test
    void expIsWithinThreeTenthsOfAMillionthRelative() {
        float[] x = grid(-87f, 88f);
        float[] y = vectorExp(x);
        double worst = 0;
        for (int i = 0; i + LANES <= N; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
        }
        assertTrue(worst < 3e-7, "max relative error of exp " + worst);
    }

    @Test
    void tanhIsWithinTwoTenthsOfAMillionthAbsolute() {
        float[] x = grid(-20f, 20f);
        float[] y = vectorTanh(x);
        double worst = 0;
        for (int i = 0; i + LANES <= N; i++) worst = Math.max(worst, Math.abs(y[i] - Math.tanh(x[i])));
        assertTrue(worst < 2e-7, "max absolute error of tanh vs Math.tanh " + worst);
        assertEquals(1f, VectorMath.tanh(1e4f));
        assertEquals(-1f, VectorMath.tanh(-1e4f));
        assertEquals(0f, VectorMath.tanh(0f));
    }

    @Test
    void scalarTwinsGiveTheSameBitsAsTheVectorLanes() {
        float[] x = grid(-30f, 30f);
        float[] e = vectorExp(x), t = vectorTanh(x);
        for (int i = 0; i + LANES <= N; i++) {
            assertEquals(e[i], VectorMath.exp(x[i]), 0f, "exp(" + x[i] + ")");
            assertEquals(t[i], VectorMath.tanh(x[i]), 0f, "tanh(" + x[i] + ")");
        }
    }
}
