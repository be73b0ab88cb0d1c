package dev.glassbox.sleep;

/**
 * Binary logistic regression, fitted by full-batch gradient descent on the mean cross-entropy:
 * <pre>  p(disordered | f) = σ(w · f + b),   dLoss/dw = mean over nights of (p − y) f</pre>
 * written out (twenty lines) because the fit is part of what the sleepgpt chapter shows: the
 * baselines it compares with attention are this one formula on different features.
 */
final class LogisticRegression {
    private final double[] weights;
    private double bias;

    LogisticRegression(int features) {
        weights = new double[features];
    }

    /** {@code steps} full-batch gradient steps on rows {@code x} (n, features) with labels 0/1. */
    LogisticRegression fit(double[][] x, int[] labels, int steps, double learningRate) {
        if (x.length != labels.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " nights but " + labels.length + " labels; need the same, at least 1");
        }
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        int n = x.length;
        for (int step = 0; step < steps; step++) {
            double[] gradW = new double[weights.length];
            double gradB = 0;
            for (int i = 0; i < n; i++) {
                double error = probability(x[i]) - labels[i];   // dLoss/dLogit for sigmoid + cross-entropy
                for (int j = 0; j < weights.length; j++) gradW[j] += error * x[i][j] / n;
                gradB += error / n;
            }
            for (int j = 0; j < weights.length; j++) weights[j] -= learningRate * gradW[j];
            bias -= learningRate * gradB;
        }
        return this;
    }

    double probability(double[] f) {
        if (f.length != weights.length) {
            throw new IllegalArgumentException("feature vector has " + f.length + " entries, the model expects " + weights.length);
        }
        double logit = bias;
        for (int j = 0; j < weights.length; j++) logit += weights[j] * f[j];
        return 1 / (1 + Math.exp(-logit));
    }

    double[] weights() {
        return weights.clone();
    }
}
