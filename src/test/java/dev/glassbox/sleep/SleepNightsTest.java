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
