package dev.glassbox.sample;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final double TOL = 1e-6;

    /** Logits ln(w): softmax gives w / sum(w), so expected values are plain fractions. */
    private static float[] logOf(double... weights) {
        float[] l = new float[weights.length];
        for (int i = 0; i < weights.length; i++) l[i] = (float) Math.log(weights[i]);
        return l;
    }

    private static float[] dist(SamplingOptions o, float... logits) {
        return new Sampler(o, 1).distribution(logits);
    }

    private static void assertDist(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, "token " + i + " in " + Arrays.toString(actual));
        }
    }

    @Test
    void essayAppleBananaSoftmaxIsNotDivisionBySum() {
        // S9: scores apple 4, banana 6; softmax = e^4/(e^4+e^6) = 1/(1+e^2), not 4/10
        float[] p = dist(SamplingOptions.sampling(), 4f, 6f);
        double apple = 1 / (1 + Math.exp(2));
        assertDist(new double[] {apple, 1 - apple}, p);
        assertEquals(0.119203, p[0], 1e-6);
        assertNotEquals(0.4, p[0], 0.1);
    }

    @Test
    void temperatureDividesLogits() {
        // T = 2: softmax(2, 3) = 1/(1+e), e/(1+e)
        double a = 1 / (1 + Math.E);
        assertDist(new double[] {a, 1 - a}, dist(SamplingOptions.sampling().temperature(2), 4f, 6f));
        // T = 0.5 on ln(w) squares the weights: (1, 4, 3, 2) -> (1, 16, 9, 4) / 30
        assertDist(new double[] {1 / 30.0, 16 / 30.0, 9 / 30.0, 4 / 30.0},
                dist(SamplingOptions.sampling().temperature(0.5), logOf(1, 4, 3, 2)));
    }

    @Test
    void topKKeepsTheKLargestAndRenormalises() {
        // p = (0.1, 0.4, 0.3, 0.2); top-2 keeps 0.4 and 0.3 -> 4/7, 3/7
        assertDist(new double[] {0, 4 / 7.0, 3 / 7.0, 0}, dist(SamplingOptions.sampling().topK(2), logOf(1, 4, 3, 2)));
        assertDist(new double[] {0, 1, 0, 0}, dist(SamplingOptions.sampling().topK(1), logOf(1, 4, 3, 2)));
        // k >= V filters nothing
        assertDist(new double[] {0.1, 0.4, 0.3, 0.2}, dist(SamplingOptions.sampling().topK(9), logOf(1, 4, 3, 2)));
    }

    @Test
    void topKKeepsTiesWithTheKth() {
        assertDist(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, dist(SamplingOptions.sampling().topK(1), 1f, 1f, 1f, 0f));
    }

    @Test
    void topPKeepsTheSmallestNucleusReachingP() {
        float[] logits = logOf(1, 4, 3, 2); // p = (0.1, 0.4, 0.3, 0.2)
        // 0.4 alone reaches 0.4
        assertDist(new double[] {0, 1, 0, 0}, dist(SamplingOptions.sampling().topP(0.4), logits));
        // 0.4 + 0.3 = 0.7 reaches 0.6
        assertDist(new double[] {0, 4 / 7.0, 3 / 7.0, 0}, dist(SamplingOptions.sampling().topP(0.6), logits));
        // 0.7 < 0.75, so 0.2 joins: 0.9
        assertDist(new double[] {0, 4 / 9.0, 3 / 9.0, 2 / 9.0}, dist(SamplingOptions.sampling().topP(0.75), logits));
        assertDist(new double[] {0.1, 0.4, 0.3, 0.2}, dist(SamplingOptions.sampling().topP(1), logits));
    }

    @Test
    void temperatureTopKAndTopPCombineInThatOrder() {
        // T = 0.5: (1, 16, 9, 4)/30; top-3 drops token 0: (16, 9, 4)/29;
        // top-p 0.8: 16/29 = 0.55 < 0.8, 25/29 = 0.86 >= 0.8 -> (16, 9)/25
        SamplingOptions o = SamplingOptions.sampling().temperature(0.5).topK(3).topP(0.8);
        assertDist(new double[] {0, 16 / 25.0, 9 / 25.0, 0}, dist(o, logOf(1, 4, 3, 2)));
    }

    @Test
    void greedyIsOneHotAtTheLargestLogitLowestIdOnTies() {
        assertDist(new double[] {0, 1, 0}, dist(SamplingOptions.greedy(), 0.5f, 2f, 2f));
        Sampler s = new Sampler(SamplingOptions.greedy(), 3);
        assertEquals(1, s.next(new float[] {0.5f, 2f, 2f}));
        assertEquals(3, s.next(new float[] {-5f, -4f, -3f, -1f}));
    }

    @Test
    void minusInfinityMasksAToken() {
        assertDist(new double[] {0.5, 0, 0.5}, dist(SamplingOptions.sampling(), 0f, Float.NEGATIVE_INFINITY, 0f));
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        assertDist(new double[] {0.5, 0.5}, dist(SamplingOptions.sampling(), 1e30f, 1e30f));
        assertDist(new double[] {0, 1}, dist(SamplingOptions.sampling().temperature(0.01), -3e38f, 3e38f));
    }

    @Test
    void drawsFollowTheFilteredDistribution() {
        float[] logits = logOf(1, 4, 3, 2);
        Sampler s = new Sampler(SamplingOptions.sampling().topK(3), 42);
        int n = 100_000;
        int[] counts = new int[4];
        for (int i = 0; i < n; i++) counts[s.next(logits)]++;
        assertEquals(0, counts[0], "token 0 is outside the top 3 and must never be drawn");
        // expected (0, 4/9, 3/9, 2/9); the standard error is about 0.0016
        assertEquals(4 / 9.0, counts[1] / (double) n, 0.01);
        assertEquals(3 / 9.0, counts[2] / (double) n, 0.01);
        assertEquals(2 / 9.0, counts[3] / (double) n, 0.01);
    }

    @Test
    void sameSeedSameTokensOtherSeedOtherTokens() {
        float[] logits = logOf(1, 1, 1, 1, 1, 1, 1, 1);
        int[] a = draw(new Sampler(SamplingOptions.sampling(), 7), logits);
        int[] b = draw(new Sampler(SamplingOptions.sampling(), 7), logits);
        int[] c = draw(new Sampler(SamplingOptions.sampling(), 8), logits);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    private static int[] draw(Sampler s, float[] logits) {
        int[] out = new int[64];
        for (int i = 0; i < out.length; i++) out[i] = s.next(logits);
        return out;
    }

    @Test
    void invalidOptionsAreRefusedWithTheValue() {
        var base = SamplingOptions.sampling();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.temperature(0)).getMessage().contains("greedy()"));
        for (double t : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> base.temperature(t));
            assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains(String.valueOf(t)), e.getMessage());
        }
        for (int k : new int[] {0, -3}) {
            var e = assertThrows(IllegalArgumentException.class, () -> base.topK(k));
            assertTrue(e.getMessage().contains("top-k") && e.getMessage().contains(String.valueOf(k)), e.getMessage());
        }
        for (double p : new double[] {0, -0.1, 1.0001, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> base.topP(p));
            assertTrue(e.getMessage().contains("top-p") && e.getMessage().contains(String.valueOf(p)), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> SamplingOptions.greedy().temperature(0.8));
        assertThrows(IllegalStateException.class, () -> SamplingOptions.greedy().topK(3));
    }

    @Test
    void badLogitsAreRefusedNamingTheToken() {
        Sampler s = new Sampler(SamplingOptions.sampling(), 1);
        var nan = assertThrows(IllegalArgumentException.class, () -> s.next(new float[] {0, 1, Float.NaN}));
        assertTrue(nan.getMessage().contains("token 2") && nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.distribution(new float[] {Float.POSITIVE_INFINITY, 0}));
        assertThrows(IllegalArgumentException.class, () -> s.distribution(new float[0]));
        var masked = assertThrows(IllegalArgumentException.class,
                () -> s.distribution(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        assertTrue(masked.getMessage().contains("-Infinity"), masked.getMessage());
        Sampler greedy = new Sampler(SamplingOptions.greedy(), 1);
        assertThrows(IllegalArgumentException.class, () -> greedy.next(new float[] {Float.NaN, 1}));
    }

    @Test
    void optionsAreValuesAndDescribeThemselves() {
        var o = SamplingOptions.sampling().temperature(0.8).topK(40).topP(0.9);
        assertEquals(o, SamplingOptions.sampling().topP(0.9).topK(40).temperature(0.8));
        assertEquals(0.8, o.temperature());
        assertEquals(40, o.topK());
        assertEquals(0.9, o.topP());
        assertEquals("sampling(temperature=0.8, topK=40, topP=0.9)", o.toString());
        assertEquals("greedy", SamplingOptions.greedy().toString());
    }
}
