package dev.glassbox.sleep;

/**
 * The baseline that looks at each epoch alone: logistic regression on how often each stage occurs.
 *
 * <p>This is the essay's "one time point, without what comes before and after" summed over the night.
 * It sees the stage counts and nothing about where or in which order they occur, so on
 * {@link SleepNights} data — where both classes have the same counts on average — it can do no
 * better than chance.
 *
 * <pre>  p(disordered) = σ(w · f + b),   f = stage frequencies (counts / length), 5 numbers</pre>
 * trained by full-batch gradient descent on the mean cross-entropy ({@link LogisticRegression}).
 */
public final class BagOfStagesBaseline extends LogisticBaseline<BagOfStagesBaseline> {
    public BagOfStagesBaseline() {
        super(Stage.values().length, BagOfStagesBaseline::features);
    }

    /** The features: the share of the night's steps in W, N1, N2, N3 and REM (they sum to 1). */
    public static double[] features(int[] night) {
        if (night == null || night.length == 0) throw new IllegalArgumentException("a night needs at least one step");
        int[] counts = SleepNights.counts(night);
        double[] f = new double[counts.length];
        for (int s = 0; s < counts.length; s++) f[s] = (double) counts[s] / night.length;
        return f;
    }
}
