package dev.glassbox.sleep;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** What the baselines share: their feature rows, and the accuracy of a p(disordered) function on labelled nights. */
final class Baselines {
    private Baselines() {}

    /** One feature row per night: the matrix (nights, features) a {@link LogisticRegression} is fitted on. */
    static double[][] featureRows(int[][] nights, Function<int[], double[]> features) {
        double[][] x = new double[nights.length][];
        for (int i = 0; i < nights.length; i++) x[i] = features.apply(nights[i]);
        return x;
    }

    /** Share of nights whose predicted class (p ≥ 0.5 means disordered) equals the label. */
    static double accuracy(ToDoubleFunction<int[]> probability, int[][] nights, int[] labels) {
        if (nights.length != labels.length || nights.length == 0) {
            throw new IllegalArgumentException(nights.length + " nights but " + labels.length + " labels; need the same, at least 1");
        }
        int correct = 0;
        for (int i = 0; i < nights.length; i++) {
            int predicted = probability.applyAsDouble(nights[i]) >= 0.5 ? 1 : 0;
            if (predicted == labels[i]) correct++;
        }
        return (double) correct / nights.length;
    }
}
