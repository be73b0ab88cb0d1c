package dev.glassbox.sleep;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeighbourPairsBaselineTest {
    private static final int W = 0, N2 = 2, N3 = 3, REM = 4;

    /** W W REM N2 has three neighbouring pairs, W→W, W→REM and REM→N2: a third each, at 5 a + b. */
    @Test
    void featuresAreTheSharesOfTheNeighbouringPairs() {
        double[] expected = new double[25];
        expected[5 * W + W] = 1.0 / 3;
        expected[5 * W + REM] = 1.0 / 3;
        expected[5 * REM + N2] = 1.0 / 3;
        assertArrayEquals(expected, NeighbourPairsBaseline.features(new int[] {W, W, REM, N2}), 1e-12);

        double[] repeated = NeighbourPairsBaseline.features(new int[] {N2, N3, N2, N3, N2});   // N2→N3 twice, N3→N2 twice
        assertEquals(0.5, repeated[5 * N2 + N3], 1e-12);
        assertEquals(0.5, repeated[5 * N3 + N2], 1e-12);
        assertEquals(1.0, java.util.Arrays.stream(repeated).sum(), 1e-12);
    }

    /**
     * Known by construction: nights of 12 random stages in which W never runs into REM, and in the disordered
     * half one W→REM pair written at a random step. Stage counts and the stage at each step say next to
     * nothing; the pair says everything. The fitted model gets fresh nights right and its largest weight is W→REM.
     */
    @Test
    void learnsAPairWhereverItSitsAndPointsAtIt() {
        var train = nightsWithAPair(400, new SplittableRandom(1));
        var test = nightsWithAPair(200, new SplittableRandom(2));
        var baseline = new NeighbourPairsBaseline().fit(train.stages(), train.labels(), 2000, 5.0);
        double accuracy = baseline.accuracy(test.stages(), test.labels());
        assertTrue(accuracy >= 0.97, "held-out accuracy " + accuracy);
        for (Stage a : Stage.values()) {
            for (Stage b : Stage.values()) {
                if (a != Stage.W || b != Stage.REM) {
                    assertTrue(baseline.weight(a, b) < baseline.weight(Stage.W, Stage.REM),
                            a + "→" + b + " " + baseline.weight(a, b) + " vs W→REM " + baseline.weight(Stage.W, Stage.REM));
                }
            }
        }
        String largest = baseline.largestWeights(1).get(0);
        assertEquals(String.format(java.util.Locale.ROOT, "W→REM %+.2f", baseline.weight(Stage.W, Stage.REM)), largest);
        assertEquals(25, baseline.largestWeights(30).size());
        double position = new PositionAwareBaseline(12).fit(train.stages(), train.labels(), 300, 1.0).accuracy(test.stages(), test.labels());
        System.out.printf("pair at a random step: neighbour pairs %.3f, position-aware %.3f held out%n", accuracy, position);
        assertTrue(position < 0.8, "the position-aware baseline should not see a pair at a random step: " + position);
    }

    @Test
    void refusesANightWithoutNeighboursAndUnknownStages() {
        var shortNight = assertThrows(IllegalArgumentException.class, () -> NeighbourPairsBaseline.features(new int[] {W}));
        assertEquals("a night needs at least 2 steps to have a pair of neighbours, got 1", shortNight.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> NeighbourPairsBaseline.features(new int[] {W, 9}));
        assertTrue(unknown.getMessage().contains("stage id 9 at step 1"), unknown.getMessage());
    }

    /** Half healthy (label 0, no W→REM anywhere), half disordered (label 1, exactly one W→REM at a random step). */
    private static SleepNights.Dataset nightsWithAPair(int count, SplittableRandom random) {
        int[][] nights = new int[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            int[] night = new int[12];
            do {
                for (int t = 0; t < night.length; t++) night[t] = random.nextInt(5);
            } while (wakeToRemPairs(night) > 0);
            if (labels[i] == 1) {
                do {
                    int t = random.nextInt(night.length - 1);
                    night[t] = W;
                    night[t + 1] = REM;
                } while (wakeToRemPairs(night) != 1);
            }
            nights[i] = night;
        }
        return new SleepNights.Dataset(nights, labels, new SleepNights.Disorder[count]);
    }

    private static int wakeToRemPairs(int[] night) {
        int pairs = 0;
        for (int t = 0; t + 1 < night.length; t++) if (night[t] == W && night[t + 1] == REM) pairs++;
        return pairs;
    }
}
