package dev.glassbox.sleep;

/**
 * The baseline that knows <em>where</em> each stage is but not what is next to it: logistic
 * regression on one-hot "stage s at step t" features.
 *
 * <pre>  p(disordered) = σ(Σ_t w[t, stage_t] + b),   f = one-hot (length × 5), e.g. 48 × 5 = 240 numbers</pre>
 *
 * <p>It can learn any cue of the form "N1 at step 6" or "W at step 18", which is more than the bag of
 * stages sees. It cannot learn "W followed by REM" wherever that happens: that needs two steps at
 * once. On {@link SleepNights} data, where the patterns fall at random positions and every step has
 * the same chance of each stage in both classes, it is at chance too. Trained by full-batch gradient
 * descent ({@link LogisticRegression}).
 */
public final class PositionAwareBaseline extends LogisticBaseline<PositionAwareBaseline> {
    private final int length;

    /** A baseline for nights of exactly {@code length} steps. */
    public PositionAwareBaseline(int length) {
        super(checkedLength(length) * Stage.values().length, night -> oneHot(night, length));
        this.length = length;
    }

    private static int checkedLength(int length) {
        if (length < 1) throw new IllegalArgumentException("night length must be at least 1, got " + length);
        return length;
    }

    /** The weight of "stage {@code stage} at step {@code step}". */
    public double weight(int step, int stage) {
        return weights()[step * Stage.values().length + stage];
    }

    /** One-hot features: entry {@code 5 t + s} is 1 when step t is stage s (W 0, N1 1, N2 2, N3 3, REM 4). */
    public double[] features(int[] night) {
        return oneHot(night, length);
    }

    private static double[] oneHot(int[] night, int length) {
        if (night == null || night.length != length) {
            throw new IllegalArgumentException("this baseline reads nights of " + length + " steps, got "
                    + (night == null ? "none" : night.length + " steps"));
        }
        SleepNights.counts(night);   // checks every stage id
        int stages = Stage.values().length;
        double[] f = new double[length * stages];
        for (int t = 0; t < length; t++) f[t * stages + night[t]] = 1;
        return f;
    }
}
