package dev.glassbox.exercise;

import dev.glassbox.exercise.chapters.Course;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** Chapters 08-11: a right answer passes, and each hint fires on the mistake it describes. */
class Chapters08To11Test {

    private static Result value(String id, Supplier<?> answer) {
        return Course.exercise(id).checkValue(answer);
    }

    private static Result function(String id, int arity, Function<Object[], Object> answer) {
        return Course.exercise(id).checkFunction(answer, arity);
    }

    private static void failsWith(Result result, String hint) {
        assertEquals(Status.FAILED, result.status(), result.line());
        assertTrue(result.line().contains(hint), result.line());
    }

    @Test
    void chapter08() {
        // sums a + b ≥ 10 with one-digit a, b: for a = 1..9 there are a of them, 1 + 2 + … + 9 = 45
        assertEquals(Status.PASSED, value("08.1", () -> 45).status());
        failsWith(value("08.1", () -> 55), "one-digit answers");

        Function<Object[], Object> shifted = in -> Arrays.copyOfRange((int[]) in[0], 1, ((int[]) in[0]).length);
        assertEquals(Status.PASSED, function("08.2", 1, shifted).status(), function("08.2", 1, shifted).line());
        failsWith(function("08.2", 1, in -> Arrays.copyOf((int[]) in[0], ((int[]) in[0]).length - 1)), "those are the inputs");
        failsWith(function("08.2", 1, in -> ((int[]) in[0]).clone()), "the last character has no next one");

        assertEquals(Status.PASSED, value("08.3", () -> new int[] {1, 3}).status());
        failsWith(value("08.3", () -> new int[] {2, 4}), "positions of the operands");
    }

    @Test
    void chapter09() {
        assertEquals(Status.PASSED, value("09.1", () -> 0.8807970779778823).status());   // 1 / (1 + e^-2)
        failsWith(value("09.1", () -> 0.6), "division by the sum");
        assertEquals(Status.PASSED, value("09.2", () -> 4.9326).status());              // 2 / ln 1.5 = 2 / 0.405465
        failsWith(value("09.2", () -> 0.2027), "flatter");

        assertEquals(Status.PASSED, function("09.3", 2, in -> topP((float[]) in[0], (Double) in[1], false)).status());
        failsWith(function("09.3", 2, in -> topP((float[]) in[0], (Double) in[1], true)), "too few");

        assertEquals(Status.PASSED, value("09.4", () -> 5050L).status());                // 1 + 2 + … + 100
        failsWith(value("09.4", () -> 100L), "one position per token");
    }

    @Test
    void chapter10() {
        Function<Object[], Object> shares = in -> {
            int[] night = (int[]) in[0];
            double[] f = new double[5];
            for (int s : night) f[s] += 1.0 / night.length;
            return f;
        };
        assertEquals(Status.PASSED, function("10.1", 1, shares).status());
        failsWith(function("10.1", 1, in -> {
            double[] f = new double[5];
            for (int s : (int[]) in[0]) f[s]++;
            return f;
        }), "divide by the night's length");

        assertEquals(Status.PASSED, value("10.2", () -> 1.0).status(), "every disordered night shows a pattern, no healthy one does");
        assertEquals(Status.FAILED, value("10.2", () -> 0.5).status());

        Function<Object[], Object> oneHot = in -> {
            int[] night = (int[]) in[0];
            double[] f = new double[5 * night.length];
            for (int t = 0; t < night.length; t++) f[5 * t + night[t]] = 1;
            return f;
        };
        assertEquals(Status.PASSED, function("10.3", 1, oneHot).status());
        failsWith(function("10.3", 1, in -> {
            int[] night = (int[]) in[0];
            double[] f = new double[5 * night.length];
            for (int t = 0; t < night.length; t++) f[night[t] * night.length + t] = 1;
            return f;
        }), "grouped by stage");
    }

    @Test
    void chapter11() {
        assertEquals(Status.PASSED, value("11.1", () -> 150_994_944L).status());          // 144 · 1,048,576
        failsWith(value("11.1", () -> 12L * 12 * 1024), "T² weights");

        Function<Object[], Object> argmax = in -> {
            Tensor w = (Tensor) in[0];
            int q = (Integer) in[1], best = 0;
            for (int k = 1; k < w.dim(2); k++) if (w.get(0, q, k) > w.get(0, q, best)) best = k;
            return best;
        };
        assertEquals(Status.PASSED, function("11.2", 2, argmax).status());
        failsWith(function("11.2", 2, in -> in[1]), "read row");

        assertEquals(Status.PASSED, value("11.3", () -> 3).status());                    // "Q:c" vs "Q:c": 'o' vs 'a' at 3
        failsWith(value("11.3", () -> 4), "count from 0");
    }

    /** An independent top-p: sort, accumulate until the sum reaches p (or, wrongly, stop just before it). */
    private static float[] topP(float[] p, double threshold, boolean stopBefore) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        float[] kept = new float[p.length];
        double sum = 0;
        for (int i = 0; i < order.length; i++) {
            int token = order[i];
            if (stopBefore && i > 0 && sum + p[token] >= threshold) break;
            kept[token] = p[token];
            sum += p[token];
            if (sum >= threshold - 1e-6) break;
        }
        for (int i = 0; i < kept.length; i++) kept[i] /= (float) sum;
        return kept;
    }
}
