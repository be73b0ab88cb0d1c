package dev.glassbox.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.exercise.chapters.Course;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Chapters 01-03's exercises: answers worked out by hand pass, the usual mistakes fail with the hint that
 * names them, and no hint contains the answer.
 */
class Chapters01To03Test {

    private static Result value(String id, Supplier<?> answer) {
        return Course.exercise(id).checkValue(answer);
    }

    private static Result function(String id, int arity, Function<Object[], Object> answer) {
        return Course.exercise(id).checkFunction(answer, arity);
    }

    private static void assertFailsWith(Result result, String hintPart) {
        assertEquals(Status.FAILED, result.status(), result.line());
        assertTrue(result.hint().contains(hintPart), result.line());
    }

    // ------------------------------------------------------------------ 01

    @Test
    void chapter01Values() {
        // Q : 1 2 + 7 = ? A : 1 9 ⏎ = 13 characters
        assertEquals(Status.PASSED, value("01.1", () -> 13).status());
        assertFailsWith(value("01.1", () -> 12), "end-of-line");
        assertFailsWith(value("01.1", () -> 11), "two tokens");
        // 模 = E6 A8 A1 in UTF-8; all three are printable Latin-1 bytes (161-172, 174-255), which ByteLevel
        // writes as themselves: 'æ', '¨', '¡'
        assertEquals(Status.PASSED, value("01.2", () -> "æ¨¡").status());
        assertFailsWith(value("01.2", () -> "模"), "the character itself");
        // aaabdaaabac: a+a seen 4 times; then aa+a and a+b tie at 2, lower left id 97 wins
        assertEquals(Status.PASSED, value("01.3", () -> List.of("aa", "ab")).status());
        assertFailsWith(value("01.3", () -> List.of("aa", "aaa")), "tie");
        assertFailsWith(value("01.3", () -> List.of("ab", "aa")), "overlapping");
        assertEquals(Status.PASSED, value("01.4", () -> 2).status());
        assertFailsWith(value("01.4", () -> 3), "does occur");
    }

    /** A merge step written from the description: count pairs, lowest (left, right) wins ties, replace left to right. */
    private static int[] mergeStep(int[] ids, int newId, boolean lowestWinsTies) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i + 1 < ids.length; i++) counts.merge(((long) ids[i] << 32) | ids[i + 1], 1, Integer::sum);
        long best = -1;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount || (!lowestWinsTies && e.getValue() == bestCount)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        int left = (int) (best >>> 32), right = (int) best;
        List<Integer> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < ids.length) {
            boolean atPair = i + 1 < ids.length && ids[i] == left && ids[i + 1] == right;
            out.add(atPair ? newId : ids[i]);
            i += atPair ? 2 : 1;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void chapter01MergeStep() {
        assertEquals(Status.PASSED,
            function("01.5", 2, a -> mergeStep((int[]) a[0], (Integer) a[1], true)).status());
        assertFailsWith(function("01.5", 2, a -> mergeStep((int[]) a[0], (Integer) a[1], false)), "tie goes to");
        assertFailsWith(function("01.5", 2, a -> a[0]), "nothing was merged");
        // the classic example by hand: aaabdaaabac → Z a b d Z a b a c with Z = 256
        assertEquals(Status.PASSED, function("01.5", 2, a -> {
            int[] ids = (int[]) a[0];
            return Arrays.equals(ids, new int[] {97, 97, 97, 98, 100, 97, 97, 97, 98, 97, 99})
                ? new int[] {256, 97, 98, 100, 256, 97, 98, 97, 99} : mergeStep(ids, (Integer) a[1], true);
        }).status());
        assertEquals(Status.NOT_ATTEMPTED, function("01.5", 2, a -> Exercises.todo()).status());
    }

    // ------------------------------------------------------------------ 02

    @Test
    void chapter02Values() {
        assertEquals(Status.PASSED, value("02.1", () -> 62f).status());
        assertFailsWith(value("02.1", () -> 1f), "4th dimension");
        assertEquals(Status.PASSED, value("02.2", () -> 57f).status());
        // 50257 × 768 = 38,597,376 multiplications; a lookup copies 768 numbers
        assertEquals(Status.PASSED, value("02.3", () -> new long[] {38_597_376L, 768}).status());
        assertFailsWith(value("02.3", () -> new long[] {50_257 + 768, 768}), "product, not a sum");
        assertFailsWith(value("02.3", () -> new long[] {38_597_376L, 50_257}), "one row");
        // PE[1, 0] = sin(1 / 10000^0) = sin 1, PE[1, 1] = cos 1
        assertEquals(Status.PASSED, value("02.4", () -> new double[] {Math.sin(1), Math.cos(1)}).status());
        assertFailsWith(value("02.4", () -> new double[] {Math.cos(1), Math.sin(1)}), "swapped");
    }

    private static float[] oneHotTimes(float[][] table, int id, float one) {
        float[] oneHot = new float[table.length];
        oneHot[id] = one;
        float[] out = new float[table[0].length];
        for (int v = 0; v < table.length; v++) {
            for (int c = 0; c < out.length; c++) out[c] += oneHot[v] * table[v][c];
        }
        return out;
    }

    @Test
    void chapter02Lookup() {
        assertEquals(Status.PASSED,
            function("02.5", 2, a -> oneHotTimes((float[][]) a[0], (Integer) a[1], 1f)).status());
        assertFailsWith(function("02.5", 2, a -> oneHotTimes((float[][]) a[0], (Integer) a[1], 2f)), "single 1");
        assertFailsWith(function("02.5", 2, a -> {
            float[][] table = (float[][]) a[0];
            return table[((Integer) a[1] + 1) % table.length];
        }), "another row");
    }

    // ------------------------------------------------------------------ 03

    @Test
    void chapter03Values() {
        // q_cat = (0, 0, 1, 2), k_the = (1, 0, 1, 0): 1; scaled by 1/√4: 0.5
        assertEquals(Status.PASSED, value("03.1", () -> new float[] {1f, 0.5f}).status());
        assertFailsWith(value("03.1", () -> new float[] {1f, 0.25f}), "not by d_k");
        // row sat without scaling: scores (0, 4, 0) → e⁴ / (2 + e⁴) = 0.96466
        double e4 = Math.exp(4) / (2 + Math.exp(4));
        assertEquals(Status.PASSED, value("03.2", () -> e4).status());
        assertFailsWith(value("03.2", () -> Math.exp(2) / (2 + Math.exp(2))), "twice as large");
        // x_sat = (0, 0, 0, 4): q_sat = (0, 4, 0, 0), scores (0, 8, 0) / 2 → the same e⁴ / (2 + e⁴)
        assertEquals(Status.PASSED, value("03.3", () -> e4).status());
        assertFailsWith(value("03.3", () -> Math.exp(2) / (2 + Math.exp(2))), "before the change");
        assertEquals(Status.PASSED, value("03.4", () -> new int[] {1, 2, 3, 6}).status());
        assertFailsWith(value("03.4", () -> new int[] {1, 2, 3, 4, 6}), "read what it says");
        assertFailsWith(value("03.4", () -> new int[] {2, 3}), "split the width evenly too");
    }

    /** Row t of causal attention weights by hand; options: subtract the max, divide by √d, mask. */
    private static float[] row(float[][] q, float[][] k, int t, boolean stable, boolean scale, boolean mask) {
        int visible = mask ? t + 1 : k.length;
        double[] scores = new double[visible];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < visible; j++) {
            double dot = 0;
            for (int c = 0; c < q[t].length; c++) dot += q[t][c] * k[j][c];
            scores[j] = scale ? dot / Math.sqrt(q[t].length) : dot;
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < visible; j++) sum += Math.exp(scores[j] - (stable ? max : 0));
        float[] out = new float[k.length];
        for (int j = 0; j < visible; j++) out[j] = (float) (Math.exp(scores[j] - (stable ? max : 0)) / sum);
        return out;
    }

    private static Function<Object[], Object> row(boolean stable, boolean scale, boolean mask) {
        return a -> row((float[][]) a[0], (float[][]) a[1], (Integer) a[2], stable, scale, mask);
    }

    @Test
    void chapter03AttentionRow() {
        assertEquals(Status.PASSED, function("03.5", 3, row(true, true, true)).status());
        assertFailsWith(function("03.5", 3, row(false, true, true)), "subtract the row's largest score");
        assertFailsWith(function("03.5", 3, row(true, true, false)), "may not look ahead");
        assertFailsWith(function("03.5", 3, row(true, false, true)), "divide the scores by √d_k");
    }

    @Test
    void noHintGivesTheAnswerAway() {
        String[] lines = {
            value("01.1", () -> 12).line(), value("02.1", () -> 1f).line(), value("02.2", () -> 3f).line(),
            value("03.2", () -> 0.5).line(), value("03.3", () -> 0.5).line(),
        };
        for (String line : lines) {
            for (String answer : new String[] {"13", "62", "57", "0.96", "0.965"}) {
                assertFalse(line.contains(answer), "the hint gives the answer away: " + line);
            }
        }
    }
}
