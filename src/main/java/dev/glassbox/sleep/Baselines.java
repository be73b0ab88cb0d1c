package dev.glassbox.sleep;

import java.util.function.ToDoubleFunction;

/** What the baselines share: accuracy of a p(disordered) function on labelled nights. */
final class Baselines {
    private Baselines() {}

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
