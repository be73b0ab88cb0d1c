package dev.glassbox.sleep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;

/**
 * Synthetic hypnograms for "sleepgpt" (seed claim S11): healthy and disordered nights that contain
 * the <em>same</em> stages in the same amounts and differ only in their order.
 *
 * <p>A healthy night starts awake, falls asleep through N1 into N2 and deep N3, and runs through
 * cycles that end in REM, deep sleep shrinking and REM growing towards morning. It never goes straight
 * from wake to REM, and never wakes for a single epoch in the middle of N2.
 *
 * <p>A disordered night is a healthy night with its epochs <em>rearranged</em> (a permutation, so the
 * stage counts are exactly those of the healthy night it came from) into one or both patterns:
 * <ul>
 *   <li>{@link Disorder#SLEEP_ONSET_REM}: the first REM period moved to right after falling asleep,
 *       so wake is followed directly by REM (as in narcolepsy);</li>
 *   <li>{@link Disorder#FRAGMENTED}: epochs of the opening wake period scattered as single awakenings
 *       inside N2 (N2 W N2 — as in sleep apnoea).</li>
 * </ul>
 * Any one epoch, looked at alone, says nothing: stage frequencies have the same distribution in both
 * classes, so a bag-of-stages model is at chance by construction. Only the <em>sequence</em>
 * (which stage follows which) tells the classes apart — the essay's "121, 323" idea, made concrete.
 *
 * <p>Each token is one step of a night compressed to {@code length} steps (real hypnograms score one
 * stage per 30-second epoch, ~960 per night; see {@link Hypnogram} to load those).
 */
public final class SleepNights {
    public static final int HEALTHY = 0;
    public static final int DISORDERED = 1;

    /** What was done to a disordered night. */
    public enum Disorder { NONE, SLEEP_ONSET_REM, FRAGMENTED, BOTH }

    /** A labelled set of nights: {@code stages[i]} has label {@code labels[i]} (0 healthy, 1 disordered). */
    public record Dataset(int[][] stages, int[] labels, Disorder[] disorders) {
        public int size() {
            return labels.length;
        }

        /** Nights {@code from} (inclusive) to {@code to} (exclusive) as a new dataset. */
        public Dataset slice(int from, int to) {
            return new Dataset(Arrays.copyOfRange(stages, from, to), Arrays.copyOfRange(labels, from, to),
                    Arrays.copyOfRange(disorders, from, to));
        }
    }

    private SleepNights() {}

    /**
     * {@code count} nights of {@code length} steps, half healthy and half disordered, shuffled.
     * The same seed gives the same nights.
     */
    public static Dataset generate(int count, int length, long seed) {
        if (count < 2) throw new IllegalArgumentException("need at least 2 nights (one of each class), got " + count);
        if (length < 24) {
            throw new IllegalArgumentException("a night needs at least 24 steps to hold one sleep cycle, got " + length);
        }
        RandomGenerator random = new SplittableRandom(seed);
        int[][] stages = new int[count][];
        int[] labels = new int[count];
        Disorder[] disorders = new Disorder[count];
        for (int i = 0; i < count; i++) {
            int[] healthy = healthyNight(length, random);
            if (i % 2 == 0) {
                stages[i] = healthy;
                labels[i] = HEALTHY;
                disorders[i] = Disorder.NONE;
            } else {
                Disorder kind = Disorder.values()[1 + random.nextInt(3)];
                stages[i] = disorder(healthy, kind, random);
                labels[i] = DISORDERED;
                disorders[i] = kind;
            }
        }
        shuffle(stages, labels, disorders, random);
        return new Dataset(stages, labels, disorders);
    }

    /** One healthy night of exactly {@code length} steps. */
    public static int[] healthyNight(int length, RandomGenerator random) {
        List<Integer> night = new ArrayList<>();
        repeat(night, Stage.W, 3 + random.nextInt(4));            // lying awake before sleep
        for (int cycle = 0; night.size() < length; cycle++) {
            repeat(night, Stage.N1, 1 + random.nextInt(2));
            repeat(night, Stage.N2, 3 + random.nextInt(3));
            repeat(night, Stage.N3, Math.max(0, 4 - cycle) + random.nextInt(2)); // deep sleep early in the night
            repeat(night, Stage.N2, 1 + random.nextInt(2));
            repeat(night, Stage.REM, 2 + cycle + random.nextInt(2));             // REM grows towards morning
        }
        int[] out = new int[length];
        for (int t = 0; t < length; t++) out[t] = night.get(t);
        return out;
    }

    /**
     * Rearranges a healthy night into a disordered one with the same stage counts ({@code kind}
     * {@link Disorder#NONE} returns a copy). {@code healthy} is not changed.
     */
    public static int[] disorder(int[] healthy, Disorder kind, RandomGenerator random) {
        if (healthy == null || kind == null || random == null) {
            throw new IllegalArgumentException("disorder needs a night, a kind and a random generator; got "
                    + (healthy == null ? "no night" : "a night") + ", " + kind + ", " + (random == null ? "no generator" : "a generator"));
        }
        for (int t = 0; t < healthy.length; t++) {
            if (healthy[t] < 0 || healthy[t] >= Stage.values().length) {
                throw new IllegalArgumentException("stage id " + healthy[t] + " at step " + t + " is outside 0.."
                        + (Stage.values().length - 1) + " (W, N1, N2, N3, REM)");
            }
        }
        int[] night = healthy.clone();
        if (kind == Disorder.SLEEP_ONSET_REM || kind == Disorder.BOTH) night = sleepOnsetRem(night);
        if (kind == Disorder.FRAGMENTED || kind == Disorder.BOTH) night = fragment(night, random);
        return night;
    }

    /** Moves the first REM run to directly after the opening wake period. */
    private static int[] sleepOnsetRem(int[] night) {
        int wakeEnd = runEnd(night, 0);
        int remStart = indexOf(night, Stage.REM.ordinal(), wakeEnd);
        if (remStart < 0) return night;
        int remEnd = runEnd(night, remStart);
        int[] out = new int[night.length];
        int k = 0;
        for (int t = 0; t < wakeEnd; t++) out[k++] = night[t];
        for (int t = remStart; t < remEnd; t++) out[k++] = night[t];
        for (int t = wakeEnd; t < remStart; t++) out[k++] = night[t];
        for (int t = remEnd; t < night.length; t++) out[k++] = night[t];
        return out;
    }

    /**
     * Takes up to three epochs of the opening wake period (keeping at least one) and puts each back
     * as a single awakening inside a run of N2 — so N2 W N2 appears.
     */
    private static int[] fragment(int[] night, RandomGenerator random) {
        int wakeEnd = runEnd(night, 0);
        int moved = Math.min(3, wakeEnd - 1);
        List<Integer> rest = new ArrayList<>();
        for (int t = moved; t < night.length; t++) rest.add(night[t]);
        int n2 = Stage.N2.ordinal(), w = Stage.W.ordinal();
        for (int m = 0; m < moved; m++) {
            List<Integer> insideN2 = new ArrayList<>();   // positions between two N2 epochs
            for (int i = 1; i < rest.size(); i++) {
                if (rest.get(i - 1) == n2 && rest.get(i) == n2) insideN2.add(i);
            }
            if (insideN2.isEmpty()) {
                rest.add(0, w);                          // nowhere to go: give it back to the start
                continue;
            }
            rest.add(insideN2.get(random.nextInt(insideN2.size())), w);
        }
        int[] out = new int[night.length];
        for (int t = 0; t < out.length; t++) out[t] = rest.get(t);
        return out;
    }

    /** Stage counts (a histogram over W, N1, N2, N3, REM). */
    public static int[] counts(int[] night) {
        int[] counts = new int[Stage.values().length];
        for (int s : night) counts[s]++;
        return counts;
    }

    /** The night as text, e.g. "W W N1 N2 ...". */
    public static String format(int[] night) {
        StringBuilder s = new StringBuilder();
        for (int stage : night) s.append(s.length() == 0 ? "" : " ").append(Stage.values()[stage]);
        return s.toString();
    }

    private static void repeat(List<Integer> night, Stage stage, int times) {
        for (int i = 0; i < times; i++) night.add(stage.ordinal());
    }

    private static int runEnd(int[] night, int start) {
        int t = start;
        while (t < night.length && night[t] == night[start]) t++;
        return t;
    }

    private static int indexOf(int[] night, int stage, int from) {
        for (int t = from; t < night.length; t++) if (night[t] == stage) return t;
        return -1;
    }

    private static void shuffle(int[][] stages, int[] labels, Disorder[] disorders, RandomGenerator random) {
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] s = stages[i]; stages[i] = stages[j]; stages[j] = s;
            int l = labels[i]; labels[i] = labels[j]; labels[j] = l;
            Disorder d = disorders[i]; disorders[i] = disorders[j]; disorders[j] = d;
        }
    }
}
