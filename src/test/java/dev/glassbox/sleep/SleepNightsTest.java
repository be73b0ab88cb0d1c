package dev.glassbox.sleep;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SleepNightsTest {
    private static final int W = 0, N1 = 1, N2 = 2, REM = 4;

    @Test
    void sameSeedSameNights() {
        var a = SleepNights.generate(50, 48, 7);
        var b = SleepNights.generate(50, 48, 7);
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < 50; i++) assertArrayEquals(a.stages()[i], b.stages()[i]);
    }

    @Test
    void halfOfEachClassAndEveryNightHasTheRequestedLength() {
        var d = SleepNights.generate(101, 40, 1);
        assertEquals(50, Arrays.stream(d.labels()).sum());
        for (int[] night : d.stages()) assertEquals(40, night.length);
    }

    @Test
    void healthyNightsFollowTheRules() {
        var random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            int[] night = SleepNights.healthyNight(64, random);
            assertEquals(W, night[0], "a night starts awake");
            for (int t = 1; t < night.length; t++) {
                assertFalse(night[t - 1] == W && night[t] == REM, "no wake -> REM in a healthy night at " + t);
                if (t + 1 < night.length) {
                    assertFalse(night[t - 1] == N2 && night[t] == W && night[t + 1] == N2, "no N2 W N2 at " + t);
                }
            }
        }
    }

    @Test
    void disorderIsARearrangementWithTheTellingPattern() {
        var random = new SplittableRandom(5);
        for (var kind : List.of(SleepNights.Disorder.SLEEP_ONSET_REM, SleepNights.Disorder.FRAGMENTED, SleepNights.Disorder.BOTH)) {
            for (int i = 0; i < 100; i++) {
                int[] healthy = SleepNights.healthyNight(48, random);
                int[] disordered = SleepNights.disorder(healthy, kind, random);
                assertArrayEquals(SleepNights.counts(healthy), SleepNights.counts(disordered), "same stage counts");
                String text = " " + SleepNights.format(disordered) + " ";
                boolean soremp = text.contains(" W REM ");
                boolean fragmented = text.contains(" N2 W N2 ");
                if (kind != SleepNights.Disorder.FRAGMENTED) assertTrue(soremp, kind + ": " + text);
                if (kind != SleepNights.Disorder.SLEEP_ONSET_REM) assertTrue(fragmented, kind + ": " + text);
            }
        }
    }

    @Test
    void disorderRefusesStageIdsOutsideTheFiveStages() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> SleepNights.disorder(new int[] {0, 2, 7, 2}, SleepNights.Disorder.FRAGMENTED, new SplittableRandom(1)));
        assertTrue(error.getMessage().contains("stage id 7 at step 2"), error.getMessage());
    }

    /** S11: looking at stages without their order cannot beat chance. */
    @Test
    void bagOfStagesBaselineStaysNearChance() {
        var train = SleepNights.generate(600, 48, 11);
        var test = SleepNights.generate(400, 48, 12);
        var baseline = new BagOfStagesBaseline().fit(train.stages(), train.labels(), 2000, 5.0);
        double accuracy = baseline.accuracy(test.stages(), test.labels());
        // 400 held-out nights: chance is 0.5 with standard error 0.025; allow 3 standard errors
        assertEquals(0.5, accuracy, 0.075, "bag-of-stages accuracy " + accuracy);
    }

    @Test
    void randomPositionHealthyNightsNeverShowATellingPattern() {
        var random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            int[] night = SleepNights.randomPositionNight(SleepNights.Disorder.NONE, 64, random);
            assertEquals(List.of(), SleepNights.tellingSteps(night), SleepNights.format(night));
            String text = " " + SleepNights.format(night) + " ";
            assertFalse(text.contains(" W REM ") || text.contains(" N2 W N2 "), text);
        }
    }

    @Test
    void everyRandomPositionDisorderedNightShowsItsPattern() {
        var nights = SleepNights.generate(600, 48, 5, SleepNights.Layout.RANDOM_POSITIONS);
        for (int i = 0; i < nights.size(); i++) {
            String text = " " + SleepNights.format(nights.stages()[i]) + " ";
            var kind = nights.disorders()[i];
            if (kind == SleepNights.Disorder.SLEEP_ONSET_REM || kind == SleepNights.Disorder.BOTH) assertTrue(text.contains(" W REM "), kind + ": " + text);
            if (kind == SleepNights.Disorder.FRAGMENTED || kind == SleepNights.Disorder.BOTH) assertTrue(text.contains(" N2 W N2 "), kind + ": " + text);
            assertEquals(kind != SleepNights.Disorder.NONE, !SleepNights.tellingSteps(nights.stages()[i]).isEmpty(), kind + ": " + text);
        }
    }

    @Test
    void theSameGeneratorStateGivesTheSameNightHealthyOrDisordered() {
        int[] healthy = SleepNights.randomPositionNight(SleepNights.Disorder.NONE, 48, new SplittableRandom(7));
        int[] fragmented = SleepNights.randomPositionNight(SleepNights.Disorder.FRAGMENTED, 48, new SplittableRandom(7));
        // the cycles are the same, so over the whole night the two differ in few steps' stages
        int[] a = SleepNights.counts(healthy), b = SleepNights.counts(fragmented);
        int moved = 0;
        for (int s = 0; s < a.length; s++) moved += Math.abs(a[s] - b[s]);
        assertTrue(moved <= 8, Arrays.toString(a) + " vs " + Arrays.toString(b));
    }

    /** Both classes: the same mean stage counts, and at every step the same chance of each stage. */
    @Test
    void atRandomPositionsNeitherCountsNorTheStageAtAStepTellTheClassesApart() {
        int length = 48, n = 8000;
        var nights = SleepNights.generate(n, length, 9, SleepNights.Layout.RANDOM_POSITIONS);
        double[][] meanCounts = new double[2][5];
        double[][][] share = new double[2][length][5];   // [class][step][stage]
        for (int i = 0; i < n; i++) {
            int label = nights.labels()[i];
            int[] night = nights.stages()[i];
            int[] counts = SleepNights.counts(night);
            for (int s = 0; s < 5; s++) meanCounts[label][s] += counts[s] / (n / 2.0);
            for (int t = 0; t < length; t++) share[label][t][night[t]] += 1 / (n / 2.0);
        }
        for (int s = 0; s < 5; s++) {
            // a stage's count varies by about 3 steps from night to night: the standard error of a
            // difference of two means over 4,000 nights is about 0.07; allow 5 of them
            assertEquals(meanCounts[0][s], meanCounts[1][s], 0.35, "mean count of stage " + s);
        }
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < 5; s++) {
                // a share near 0.2 over 4,000 nights has a standard error of 0.0063, a difference 0.009;
                // 240 cells, so allow about 5 of them
                assertEquals(share[0][t][s], share[1][t][s], 0.045, "share of stage " + s + " at step " + t);
            }
        }
    }

    @Test
    void countsRefuseStageIdsOutsideTheFiveStages() {
        var error = assertThrows(IllegalArgumentException.class, () -> SleepNights.counts(new int[] {0, 2, 7, 2}));
        assertTrue(error.getMessage().contains("stage id 7 at step 2"), error.getMessage());
    }

    /** At random positions, knowing which stage is at which step, without its neighbours, does not beat chance either. */
    @Test
    void atRandomPositionsBothBaselinesStayNearChance() {
        var train = SleepNights.generate(1000, 48, 11, SleepNights.Layout.RANDOM_POSITIONS);
        var test = SleepNights.generate(400, 48, 12, SleepNights.Layout.RANDOM_POSITIONS);
        double bag = new BagOfStagesBaseline().fit(train.stages(), train.labels(), 2000, 5.0).accuracy(test.stages(), test.labels());
        assertEquals(0.5, bag, 0.075, "bag-of-stages accuracy " + bag);
        var baseline = new PositionAwareBaseline(48).fit(train.stages(), train.labels(), 300, 1.0);
        double accuracy = baseline.accuracy(test.stages(), test.labels());
        assertEquals(0.5, accuracy, 0.075, "position-aware accuracy " + accuracy);
    }

    /** The position-aware baseline itself works: when the stage at one step decides the class it learns it. */
    @Test
    void positionAwareBaselineLearnsACueAtOneStep() {
        var random = new SplittableRandom(4);
        int[][] nights = new int[200][];
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            labels[i] = i % 2;
            nights[i] = new int[10];
            for (int t = 0; t < 10; t++) nights[i][t] = random.nextInt(5);
            nights[i][6] = labels[i] == 1 ? N1 : N2;     // "N1 at step 6" means disordered
        }
        var baseline = new PositionAwareBaseline(10).fit(nights, labels, 500, 1.0);
        assertTrue(baseline.accuracy(nights, labels) > 0.95);
        assertTrue(baseline.weight(6, N1) > 0 && baseline.weight(6, N2) < 0, "the weights point at step 6");
        var e = assertThrows(IllegalArgumentException.class, () -> baseline.probability(new int[9]));
        assertTrue(e.getMessage().contains("10 steps, got 9 steps"), e.getMessage());
    }

    @Test
    void bagOfStagesFeaturesAreTheStageShares() {
        assertArrayEquals(new double[] {0.5, 0, 0.25, 0, 0.25}, BagOfStagesBaseline.features(new int[] {W, W, N2, REM}), 1e-12);
    }

    /** On anchored nights (the default) position alone gives the class away: the patterns sit at the start. */
    @Test
    void onAnchoredNightsThePositionAwareBaselineTellsTheClassesApart() {
        var train = SleepNights.generate(1000, 48, 11);
        var test = SleepNights.generate(400, 48, 12);
        double accuracy = new PositionAwareBaseline(48).fit(train.stages(), train.labels(), 300, 1.0).accuracy(test.stages(), test.labels());
        assertTrue(accuracy > 0.9, "position-aware accuracy on anchored nights " + accuracy);
    }

    /** The baseline itself works: on data where counts DO differ it learns them. */
    @Test
    void baselineLearnsWhenCountsDiffer() {
        int[][] nights = new int[200][];
        int[] labels = new int[200];
        var random = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            labels[i] = i % 2;
            nights[i] = new int[20];
            for (int t = 0; t < 20; t++) nights[i][t] = random.nextInt(10) < (labels[i] == 1 ? 6 : 2) ? W : N2;
        }
        var baseline = new BagOfStagesBaseline().fit(nights, labels, 3000, 5.0);
        assertTrue(baseline.accuracy(nights, labels) > 0.9);
    }

    @Test
    void hypnogramCsvWithHeaderCommentsAndEpochNumbers() {
        int[] stages = Hypnogram.parse(List.of("epoch,stage", "# scored by hand", "1,W", "2, n1", "3,N2", "4,S4", "5,R", "", "6,5"), "night.csv");
        assertArrayEquals(new int[]{W, N1, N2, 3, REM, REM}, stages);
    }

    @Test
    void hypnogramErrorNamesFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Hypnogram.parse(List.of("W", "N2", "N5"), "night.csv"));
        assertTrue(e.getMessage().startsWith("night.csv line 3:"), e.getMessage());
        assertTrue(e.getMessage().contains("N5"), e.getMessage());
    }

    @Test
    void windowsCoverTheNight() {
        int[][] w = Hypnogram.windows(new int[]{0, 1, 2, 3, 4, 0, 1}, 3, 2);
        assertEquals(3, w.length);
        assertArrayEquals(new int[]{2, 3, 4}, w[1]);
        assertThrows(IllegalArgumentException.class, () -> Hypnogram.windows(new int[]{0, 1}, 3, 1));
    }

    @Test
    void tooShortNightsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> SleepNights.generate(10, 5, 1));
        assertTrue(e.getMessage().contains("got 5"));
    }
}
