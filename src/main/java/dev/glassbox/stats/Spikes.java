package dev.glassbox.stats;

import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Finding the one value of a noisy curve that stands out from its neighbours (a gradient norm during training):
 * each value is compared with the median of the values just before and just after it, so a slow trend does not
 * count as a spike, only a jump and a fall back.
 */
public final class Spikes {

    private Spikes() {
    }

    /**
     * A value, where it is, and how many times the median of its neighbours it is.
     *
     * @param index the position in the curve (0-based)
     * @param ratio {@code value} / the median of the {@code neighbours} values before it and the {@code neighbours} after it
     */
    public record Spike(int index, double value, double ratio) {
    }

    /**
     * The value with the largest ratio to the median of its {@code neighbours} values on each side (2 · neighbours
     * values, itself left out); only values with that many neighbours on both sides are candidates. The first of
     * equal ratios wins.
     */
    public static Spike sharpest(double[] values, int neighbours) {
        if (values == null) {
            throw new IllegalArgumentException("values are null");
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours " + neighbours + " must be at least 1 on each side");
        }
        if (values.length < 2 * neighbours + 1) {
            throw new IllegalArgumentException(values.length + " values are too few to compare one with " + neighbours
                    + " neighbours on each side; need at least " + (2 * neighbours + 1));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " at index " + i + " is not a finite number");
            }
        }
        Median median = new Median();
        double[] around = new double[2 * neighbours];
        Spike sharpest = null;
        for (int i = neighbours; i < values.length - neighbours; i++) {
            System.arraycopy(values, i - neighbours, around, 0, neighbours);
            System.arraycopy(values, i + 1, around, neighbours, neighbours);
            double ratio = values[i] / median.evaluate(around);
            if (sharpest == null || ratio > sharpest.ratio()) sharpest = new Spike(i, values[i], ratio);
        }
        return sharpest;
    }
}
