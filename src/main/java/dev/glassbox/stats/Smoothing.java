package dev.glassbox.stats;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Smoothing a noisy curve (one batch's loss per step) so that its trend can be read.
 *
 * <p>{@link #trailingMean} is the mean of the last {@code window} values at every step: it uses
 * only the past, like a running average during training, and it keeps every step. The first
 * {@code window − 1} steps average what there is so far.
 */
public final class Smoothing {

    private Smoothing() {
    }

    /** out[i] = mean of values[max(0, i − window + 1) .. i]; as long as {@code values}. */
    public static double[] trailingMean(double[] values, int window) {
        if (values == null) {
            throw new IllegalArgumentException("values are null");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window " + window + " must be at least 1 value");
        }
        DescriptiveStatistics last = new DescriptiveStatistics(window);   // keeps only the newest `window` values
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " at index " + i + " is not a finite number");
            }
            last.addValue(values[i]);
            out[i] = last.getMean();
        }
        return out;
    }

    /** The same for float values (a {@code TrainingLog}'s losses). */
    public static double[] trailingMean(float[] values, int window) {
        return trailingMean(Stats.toDoubles(values), window);
    }
}
