package dev.glassbox.sleep;

import java.util.function.Function;

/**
 * What the three baselines share: logistic regression on one feature row per night, fitted by full-batch
 * gradient descent ({@link LogisticRegression}); each baseline only says what its features are.
 *
 * @param <B> the baseline itself, so that {@link #fit} returns it
 */
public abstract class LogisticBaseline<B extends LogisticBaseline<B>> {
    private final Function<int[], double[]> features;
    private final LogisticRegression regression;

    LogisticBaseline(int featureCount, Function<int[], double[]> features) {
        this.features = features;
        this.regression = new LogisticRegression(featureCount);
    }

    /** Fits on labelled nights (0 healthy, 1 disordered) with {@code steps} gradient steps. */
    @SuppressWarnings("unchecked")
    public B fit(int[][] nights, int[] labels, int steps, double learningRate) {
        double[][] rows = new double[nights.length][];
        for (int i = 0; i < nights.length; i++) rows[i] = features.apply(nights[i]);
        regression.fit(rows, labels, steps, learningRate);
        return (B) this;
    }

    /** Probability that the night is disordered. */
    public double probability(int[] night) {
        return regression.probability(features.apply(night));
    }

    /** Share of nights whose predicted class (p ≥ 0.5 means disordered) equals the label. */
    public double accuracy(int[][] nights, int[] labels) {
        if (nights.length != labels.length || nights.length == 0) {
            throw new IllegalArgumentException(nights.length + " nights but " + labels.length + " labels; need the same, at least 1");
        }
        int correct = 0;
        for (int i = 0; i < nights.length; i++) {
            int predicted = probability(nights[i]) >= 0.5 ? 1 : 0;
            if (predicted == labels[i]) correct++;
        }
        return (double) correct / nights.length;
    }

    /** The fitted weights, one per feature. */
    public double[] weights() {
        return regression.weights();
    }
}
