package dev.glassbox.exercise;

import dev.glassbox.exercise.chapters.Course;
import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapters 04-07's exercises: answers computed here independently (by hand or in double precision)
 * pass, and each hint fires on the mistake it describes.
 */
class Chapters04To07Test {

    private static Result value(String id, Object answer) {
        return Course.exercise(id).checkValue(() -> answer);
    }

    private static <A, B> Result function(String id, BiFunction<A, B, Object> yours) {
        @SuppressWarnings("unchecked")
        Result r = Course.exercise(id).checkFunction(args -> yours.apply((A) args[0], (B) args[1]), 2);
        return r;
    }

    private static void failsWith(Result result, String hintPart) {
        assertEquals(Status.FAILED, result.status(), result.line());
        assertTrue(result.line().contains(hintPart), result.line());
    }

    // ---------------------------------------------------------------- 04

    /** softmax(q·k / √d_k) in double precision, subtracting the largest score. */
    static float[] scaledSoftmax(float[] q, float[][] keys, double divisor, boolean stable) {
        double[] s = new double[keys.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys.length; j++) {
            for (int c = 0; c < q.length; c++) s[j] += (double) q[c] * keys[j][c];
            s[j] /= divisor;
            max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < s.length; j++) sum += s[j] = Math.exp(s[j] - (stable ? max : 0));
        float[] w = new float[s.length];
        for (int j = 0; j < s.length; j++) w[j] = (float) (s[j] / sum);
        return w;
    }

    @Test
    void chapter04() {
        assertEquals(Status.PASSED, value("04.1", 10.0).status());
        failsWith(value("04.1", 100.0), "variance");
        assertEquals(Status.PASSED, value("04.2", 0.7112).status());       // e²/(e² + 3) = 7.389/10.389 by hand
        failsWith(value("04.2", Math.E / (Math.E + 3)), "−1");
        assertEquals(Status.PASSED, value("04.3", 0.59588).status());      // 0.9·0.105361 + 0.1·(ln 150 = 5.010635) = 0.094825 + 0.501064
        failsWith(value("04.3", -0.59588), "sign");

        assertEquals(Status.PASSED, function("04.4", (float[] q, float[][] k) -> scaledSoftmax(q, k, Math.sqrt(q.length), true)).status());
        failsWith(function("04.4", (float[] q, float[][] k) -> scaledSoftmax(q, k, 1, true)), "without the division");
        failsWith(function("04.4", (float[] q, float[][] k) -> scaledSoftmax(q, k, q.length, true)), "divided by d_k");
        failsWith(function("04.4", (float[] q, float[][] k) -> scaledSoftmax(q, k, Math.sqrt(q.length), false)), "subtract the row's largest");
    }

    // ---------------------------------------------------------------- 05

    static float[] layerNorm(float[] x, float[] w, float[] b, int divisorOffset, double eps) {
        int n = x.length;
        double mean = 0, squares = 0;
        for (float v : x) mean += v;
        mean /= n;
        for (float v : x) squares += (v - mean) * (v - mean);
        double sd = Math.sqrt(squares / (n - divisorOffset) + eps);
        float[] y = new float[n];
        for (int c = 0; c < n; c++) y[c] = (float) ((x[c] - mean) / sd * w[c] + b[c]);
        return y;
    }

    @Test
    void chapter05() {
        // apple 15, 2, 63: mean 26.667, deviations −11.667, −24.667, 36.333, σ = √(2 018.89/3·…) → the chapter's numbers
        assertEquals(Status.PASSED, value("05.1", dev.glassbox.tensor.Tensor.of(new float[] {-0.4447f, -0.9403f, 1.3850f}, 1, 3)).status());
        failsWith(value("05.1", dev.glassbox.tensor.Tensor.of(new float[] {15f, 2f, 63f}, 1, 3)), "apple vector itself");
        double gelu1 = 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1 + 0.044715)));
        assertEquals(Status.PASSED, value("05.2", gelu1).status());
        failsWith(value("05.2", 0.8413447), "exact GELU");
        long n = 65L * 256 + 128L * 256 + 6L * (12L * 256 * 256 + 13L * 256) + 2L * 256;   // 4,788,480 in the chapter's text
        assertEquals(4_788_480L, n);
        assertEquals(Status.PASSED, value("05.3", n).status());
        failsWith(value("05.3", n - 512), "ln_f");

        var five = Course.exercise("05.4");
        assertEquals(Status.PASSED, five.checkFunction(a -> layerNorm((float[]) a[0], (float[]) a[1], (float[]) a[2], 0, 1e-5), 3).status());
        failsWith(five.checkFunction(a -> layerNorm((float[]) a[0], (float[]) a[1], (float[]) a[2], 1, 1e-5), 3), "n − 1");
        failsWith(five.checkFunction(a -> layerNorm((float[]) a[0], (float[]) a[1], (float[]) a[2], 0, 0), 3), "inside the square root");
        failsWith(five.checkFunction(a -> {
            float[] x = (float[]) a[0];
            return layerNorm(x, filled(x.length, 1), new float[x.length], 0, 1e-5);
        }, 3), "not scaled and shifted");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    // ---------------------------------------------------------------- 06

    static float[] pMinusOnehot(float[] s, int target, int sign, boolean stable) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : s) max = Math.max(max, v);
        double[] e = new double[s.length];
        for (int i = 0; i < s.length; i++) sum += e[i] = Math.exp(s[i] - (stable ? max : 0));
        float[] g = new float[s.length];
        for (int i = 0; i < s.length; i++) g[i] = (float) (sign * (e[i] / sum - (i == target ? 1 : 0)));
        return g;
    }

    @Test
    void chapter06() {
        assertEquals(Status.PASSED, value("06.1", -9.0).status());      // ∂L/∂a = f·b = 3·(−3)
        failsWith(value("06.1", 6.0), "f = 3");
        assertEquals(Status.PASSED, value("06.2", dev.glassbox.tensor.Tensor.of(new float[] {-0.8808f, 0.8808f}, 1, 2)).status());
        failsWith(value("06.2", dev.glassbox.tensor.Tensor.of(new float[] {0.8808f, -0.8808f}, 1, 2)), "wrong sign");
        double central = (Math.tanh(0.5 + 1e-4) - Math.tanh(0.5 - 1e-4)) / 2e-4;
        assertEquals(Status.PASSED, value("06.3", central).status());
        failsWith(value("06.3", (Math.tanh(0.5 + 1e-4) - Math.tanh(0.5)) / 1e-4), "both ways");
        assertEquals(Status.PASSED, value("06.5", 709_646_336L).status());   // the chapter's 2N for GPT-2 medium
        failsWith(value("06.5", 354_823_168L), "nudged twice");

        assertEquals(Status.PASSED, function("06.4", (float[] s, Integer t) -> pMinusOnehot(s, t, 1, true)).status());
        failsWith(function("06.4", (float[] s, Integer t) -> pMinusOnehot(s, t, -1, true)), "wrong sign");
        failsWith(function("06.4", (float[] s, Integer t) -> pMinusOnehot(s, t, 1, false)), "overflows");
        failsWith(function("06.4", (float[] s, Integer t) -> {
            float[] g = pMinusOnehot(s, t, 1, true);
            g[t] += 1;
            return g;
        }), "probabilities");
    }

    // ---------------------------------------------------------------- 07

    /** Adam in double precision (η 0.1, β 0.9 / 0.999, ε 1e-8), with or without bias correction. */
    static float[] adam(float[] start, float[][] gradients, boolean corrected) {
        double[] w = new double[start.length], m = new double[start.length], v = new double[start.length];
        for (int i = 0; i < w.length; i++) w[i] = start[i];
        for (int t = 1; t <= gradients.length; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = gradients[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = corrected ? m[i] / (1 - Math.pow(0.9, t)) : m[i];
                double vHat = corrected ? v[i] / (1 - Math.pow(0.999, t)) : v[i];
                w[i] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) out[i] = (float) w[i];
        return out;
    }

    @Test
    void chapter07() {
        // after 60 steps y has been multiplied by (1 − 25·0.085)^60 = (−1.125)^60 ≈ 1170: 0.2 · 1170 ≈ 234
        double y = 0.2 * Math.pow(1.125, 60), x = -Math.pow(1 - 0.085, 60);
        assertEquals(Status.PASSED, value("07.1", Math.hypot(x, y)).status());
        failsWith(value("07.1", 0.5), "above 2/25");
        double sgd07 = Math.hypot(Math.pow(0.93, 60), 0.2 * Math.pow(0.75, 60));   // x: (1 − 0.07)^60, y: |1 − 1.75|^60
        assertEquals(Status.PASSED, value("07.2", sgd07).status());
        assertEquals(Status.PASSED, value("07.3", new double[] {1.5e-3, 3e-3, 1.65e-3, 3e-4}).status());
        failsWith(value("07.3", new double[] {3e-3 * 9 / 20, 3e-3, 1.65e-3, 3e-4}), "steps count from 0");
        failsWith(value("07.3", new double[] {1.5e-3, 3e-3, 1.5e-3, 3e-4}), "half-way between the peak and the floor");

        assertEquals(Status.PASSED, function("07.4", (float[] w, float[][] g) -> adam(w, g, true)).status());
        failsWith(function("07.4", (float[] w, float[][] g) -> adam(w, g, false)), "1 − β₁ᵗ");
    }
}
