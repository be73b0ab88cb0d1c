package dev.glassbox.sleep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The baseline that is handed the order: logistic regression on how often each stage is followed by
 * each stage, the 25 (stage, next stage) pairs W→W, W→N1, …, REM→REM.
 *
 * <pre>  p(disordered) = σ(w · f + b),   f[5 a + b] = (number of steps t with stage a at t and b at t + 1) / (length − 1)</pre>
 *
 * <p>Unlike the other two baselines it knows what sits next to what, because we wrote that into its
 * features: the pairs W→REM (sleep-onset REM) and N2→W, W→N2 (an awakening inside N2) are among them.
 * So it shows <em>where</em> the signal of {@link SleepNights.Layout#RANDOM_POSITIONS} nights is; a
 * Transformer has to find the same thing from the raw sequence, without being told that neighbours
 * matter. Trained by full-batch gradient descent ({@link LogisticRegression}).
 */
public final class NeighbourPairsBaseline extends LogisticBaseline<NeighbourPairsBaseline> {
    private static final int STAGES = Stage.values().length;

    public NeighbourPairsBaseline() {
        super(STAGES * STAGES, NeighbourPairsBaseline::features);
    }

    /** The weight of the pair "{@code stage} followed by {@code next}" (positive: a sign of a disorder). */
    public double weight(Stage stage, Stage next) {
        return weights()[stage.ordinal() * STAGES + next.ordinal()];
    }

    /** The {@code count} pairs with the largest weights, largest first, e.g. {@code "N2→W +35.72"}. */
    public List<String> largestWeights(int count) {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, got " + count);
        List<Stage[]> pairs = new ArrayList<>();
        for (Stage a : Stage.values()) for (Stage b : Stage.values()) pairs.add(new Stage[] {a, b});
        pairs.sort(Comparator.comparingDouble((Stage[] p) -> weight(p[0], p[1])).reversed());
        return pairs.subList(0, Math.min(count, pairs.size())).stream()
                .map(p -> String.format(Locale.ROOT, "%s→%s %+.2f", p[0], p[1], weight(p[0], p[1]))).toList();
    }

    /**
     * The features: entry {@code 5 a + b} is the share of the night's {@code length − 1} neighbouring
     * pairs in which stage a (W 0, N1 1, N2 2, N3 3, REM 4) is followed by stage b. They sum to 1.
     */
    public static double[] features(int[] night) {
        if (night == null || night.length < 2) {
            throw new IllegalArgumentException("a night needs at least 2 steps to have a pair of neighbours, got "
                    + (night == null ? "none" : night.length));
        }
        SleepNights.counts(night);   // checks every stage id
        double[] f = new double[STAGES * STAGES];
        for (int t = 0; t + 1 < night.length; t++) f[night[t] * STAGES + night[t + 1]] += 1.0 / (night.length - 1);
        return f;
    }
}
