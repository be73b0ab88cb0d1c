package dev.glassbox.exercise.chapters;

import java.util.random.RandomGenerator;

/** The random inputs the chapters' function exercises draw, from the generator each check seeds by the exercise's id. */
final class RandomInputs {
    private RandomInputs() {}

    /** A rows × columns matrix of standard normal entries, drawn row by row. */
    static float[][] gaussian(RandomGenerator random, int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (float[] row : m) for (int c = 0; c < columns; c++) row[c] = (float) random.nextGaussian();
        return m;
    }

    /** {@code length} whole numbers, each uniform in 0 … bound - 1. */
    static int[] integers(RandomGenerator random, int length, int bound) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) values[i] = random.nextInt(bound);
        return values;
    }
}
