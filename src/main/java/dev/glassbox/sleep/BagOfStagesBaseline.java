package dev.glassbox.sleep;

/**
 * The baseline that looks at each epoch alone: logistic regression on how often each stage occurs.
 *
 * <p>This is the essay's "one time point, without what comes before and after" summed over the night.
 * It sees the stage counts and nothing about their order, so on {@link SleepNights} data — where both
 * classes have the same counts — it can do no better than chance.
 *
 * <pre>  p(disordered) = σ(w · f + b),   f = stage frequencies (counts / length)</pre>
 * trained by full-batch gradient descent on the mean cross-entropy.
 */
public final class BagOfStagesBaseline {
    private final double[] weights = new double[Stage.values().length];
    private double bias;

    /** Fits on labelled nights (0 healthy, 1 disordered) with {@code steps} gradient steps. */
    public BagOfStagesBaseline fit(int[][] nights, int[] labels, int steps, double learningRate) {
        if (nights.length != labels.length || nights.length == 0) {
            throw new IllegalArgumentException(nights.length + " nights but " + labels.length + " labels; need the same, at least 1");
        }
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        int n = nights.length;
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) features[i] = frequencies(nights[i]);
        for (int step = 0; step < steps; step++) {
            double[] gradW = new double[weights.length];
            double gradB = 0;
            for (int i = 0; i < n; i++) {
                double error = probability(features[i]) - labels[i];   // dLoss/dLogit for cross-entropy + sigmoid
                for (int s = 0; s < weights.length; s++) gradW[s] += error * features[i][s] / n;
                gradB += error / n;
            }
            for (int s = 0; s < weights.length; s++) weights[s] -= learningRate * gradW[s];
            bias -= learningRate * gradB;
        }
        return this;
    }

    /** Probability that the night is disordered. */
    public double probability(int[] night) {
        return probability(frequencies(night));
    }

    /** Share of nights whose predicted class (p ≥ 0.5) equals the label. */
    public double accuracy(int[][] nights, int[] labels) {
        int correct = 0;
        for (int i = 0; i < nights.length; i++) {
            int predicted = probability(nights[i]) >= 0.5 ? 1 : 0;
            if (predicted == labels[i]) correct++;
        }
        return (double) correct / nights.length;
    }

    public double[] weights() {
        return weights.clone();
    }

    private double probability(double[] f) {
        double logit = bias;
        for (int s = 0; s < weights.length; s++) logit += weights[s] * f[s];
        return 1 / (1 + Math.exp(-logit));
    }

    private static double[] frequencies(int[] night) {
        int[] counts = SleepNights.counts(night);
        double[] f = new double[counts.length];
        for (int s = 0; s < counts.length; s++) f[s] = (double) counts[s] / night.length;
        return f;
    }
}
