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
 * classes, so a bag-of-stages model is at chance by construction. But these nights are
 * {@link Layout#ANCHORED}: every night starts awake and the disorders act at its start, so
 * <em>where</em> a stage sits gives the class away (REM at step 5, fewer W at steps 0–5), and a model
 * that knows each step's position, {@link PositionAwareBaseline}, tells them apart without any order.
 *
 * <p>{@link Layout#RANDOM_POSITIONS} removes that: a night is a window cut at a random point of a run of
 * sleep cycles, and every cycle of a disordered night is rearranged, so the telling patterns fall at
 * random steps; both classes then have the same mean stage counts and, at every step, the same chance
 * of each stage. Only which stage <em>follows</em> which tells them apart — the essay's "121, 323"
 * idea, made concrete.
 *
 * <p>Each token is one step of a night compressed to {@code length} steps (real hypnograms score one
 * stage per 30-second epoch, ~960 per night; see {@link Hypnogram} to load those).
 */
public final class SleepNights {
    public static final int HEALTHY = 0;
    public static final int DISORDERED = 1;

    /** What was done to a disordered night. */
    public enum Disorder { NONE, SLEEP_ONSET_REM, FRAGMENTED, BOTH }

    /** Where the telling patterns fall: at the start of every night, or anywhere. */
    public enum Layout { ANCHORED, RANDOM_POSITIONS }

    private static final int W = Stage.W.ordinal(), N1 = Stage.N1.ordinal(), N2 = Stage.N2.ordinal(),
            N3 = Stage.N3.ordinal(), REM = Stage.REM.ordinal();
    /** A random-position night starts at a uniformly random step in [0, RANDOM_START) of its run of cycles. */
    private static final int RANDOM_START = 60;

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
     * {@code count} {@link Layout#ANCHORED} nights of {@code length} steps, half healthy and half
     * disordered, shuffled. The same seed gives the same nights.
     */
    public static Dataset generate(int count, int length, long seed) {
        return generate(count, length, seed, Layout.ANCHORED);
    }

    /**
     * {@code count} nights of {@code length} steps in the given layout, half healthy and half disordered
     * (sleep-onset REM, fragmented or both, a third each on average), shuffled. The same seed gives the
     * same nights.
     */
    public static Dataset generate(int count, int length, long seed, Layout layout) {
        if (count < 2) throw new IllegalArgumentException("need at least 2 nights (one of each class), got " + count);
        if (length < 24) {
            throw new IllegalArgumentException("a night needs at least 24 steps to hold one sleep cycle, got " + length);
        }
        RandomGenerator random = new SplittableRandom(seed);
        int[][] stages = new int[count][];
        int[] labels = new int[count];
        Disorder[] disorders = new Disorder[count];
        if (layout == null) throw new IllegalArgumentException("a layout is needed: ANCHORED or RANDOM_POSITIONS");
        for (int i = 0; i < count && layout == Layout.RANDOM_POSITIONS; i++) {
            Disorder kind = i % 2 == 0 ? Disorder.NONE : Disorder.values()[1 + random.nextInt(3)];
            stages[i] = randomPositionNight(kind, length, random);
            labels[i] = kind == Disorder.NONE ? HEALTHY : DISORDERED;
            disorders[i] = kind;
        }
        for (int i = 0; i < count && layout == Layout.ANCHORED; i++) {
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

    /**
     * One {@link Layout#RANDOM_POSITIONS} night of {@code length} steps: a window cut at a random step of
     * a run of sleep cycles W^a N1^b N2^c N3^d N2^e REM^f, each cycle rearranged for {@code kind}
     * (sleep-onset REM: REM right after W; fragmented: one W moved inside the first N2 run). The random
     * draws do not depend on {@code kind}: two generators in the same state give the same cycles, cut at
     * the same step, healthy or disordered.
     */
    public static int[] randomPositionNight(Disorder kind, int length, RandomGenerator random) {
        if (kind == null || random == null) {
            throw new IllegalArgumentException("a night needs a kind of disorder (NONE for healthy) and a random generator; got "
                    + kind + " and " + (random == null ? "no generator" : "a generator"));
        }
        if (length < 24) {
            throw new IllegalArgumentException("a night needs at least 24 steps to hold one sleep cycle, got " + length);
        }
        int start = random.nextInt(RANDOM_START);
        List<Integer> run = new ArrayList<>();
        while (run.size() < start + length) appendCycle(run, kind, random);
        int[] night = new int[length];
        for (int t = 0; t < length; t++) night[t] = run.get(start + t);
        return night;
    }

    /**
     * Appends one cycle, W^a N1^b N2^c N3^d N2^e REM^f, rearranged for {@code kind}. Every length is
     * drawn (and the awakening's place inside N2) whatever the kind, so the kinds differ only in order.
     */
    private static void appendCycle(List<Integer> run, Disorder kind, RandomGenerator random) {
        int wake = 2 + random.nextInt(3), n1 = 1 + random.nextInt(2), firstN2 = 3 + random.nextInt(3);
        int n3 = 1 + random.nextInt(3), secondN2 = 1 + random.nextInt(2), rem = 2 + random.nextInt(3);
        int awakeningAfter = 1 + random.nextInt(firstN2 - 1);    // N2 steps before the single awakening
        boolean onsetRem = kind == Disorder.SLEEP_ONSET_REM || kind == Disorder.BOTH;
        boolean fragmented = kind == Disorder.FRAGMENTED || kind == Disorder.BOTH;

        repeat(run, W, fragmented ? wake - 1 : wake);
        if (onsetRem) repeat(run, REM, rem);
        repeat(run, N1, n1);
        if (fragmented) {
            repeat(run, N2, awakeningAfter);
            repeat(run, W, 1);
            repeat(run, N2, firstN2 - awakeningAfter);
        } else {
            repeat(run, N2, firstN2);
        }
        repeat(run, N3, n3);
        repeat(run, N2, secondN2);
        if (!onsetRem) repeat(run, REM, rem);
    }

    /**
     * The steps where a night shows a disorder: t where W is followed by REM (t is the REM), and t
     * where a single W sits between two N2 (t is the W). Empty for every healthy night.
     */
    public static List<Integer> tellingSteps(int[] night) {
        List<Integer> steps = new ArrayList<>();
        for (int t = 1; t < night.length; t++) {
            boolean wakeToRem = night[t - 1] == W && night[t] == REM;
            boolean awakeningInN2 = t + 1 < night.length && night[t - 1] == N2 && night[t] == W && night[t + 1] == N2;
            if (wakeToRem || awakeningInN2) steps.add(t);
        }
        return steps;
    }

    /** Stage counts (a histogram over W, N1, N2, N3, REM). */
    public static int[] counts(int[] night) {
        int[] counts = new int[Stage.values().length];
        for (int t = 0; t < night.length; t++) {
            int s = night[t];
            if (s < 0 || s >= counts.length) {
                throw new IllegalArgumentException("stage id " + s + " at step " + t + " is outside 0.."
                        + (counts.length - 1) + " (W, N1, N2, N3, REM)");
            }
            counts[s]++;
        }
        return counts;
    }

    /** The night as text, e.g. "W W N1 N2 ...". */
    public static String format(int[] night) {
        StringBuilder s = new StringBuilder();
        for (int stage : night) s.append(s.length() == 0 ? "" : " ").append(Stage.values()[stage]);
        return s.toString();
    }

    private static void repeat(List<Integer> night, Stage stage, int times) {
        repeat(night, stage.ordinal(), times);
    }

    private static void repeat(List<Integer> night, int stage, int times) {
        for (int i = 0; i < times; i++) night.add(stage);
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
