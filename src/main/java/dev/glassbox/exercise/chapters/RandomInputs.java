package dev.glassbox.exercise.chapters;

import java.util.random.RandomGenerator;

/** The random inputs the chapters' function exercises draw, from the generator each check seeds by the exercise's id. */
final class RandomInputs {
    private RandomInputs() {}

    /** {@code length} numbers drawn from a normal distribution with mean 0 and standard deviation {@code std}. */
    static float[] gaussianVector(RandomGenerator random, int length, double std) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = (float) (std * random.nextGaussian());
        return v;
    }

    /** A rows × columns matrix of such numbers, drawn row by row. */
    static float[][] gaussianMatrix(RandomGenerator random, int rows, int columns, double std) {
        float[][] m = new float[rows][];
        for (int r = 0; r < rows; r++) m[r] = gaussianVector(random, columns, std);
        return m;
    }

    /** {@code length} whole numbers, each uniform in 0 … bound - 1. */
    static int[] integers(RandomGenerator random, int length, int bound) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) values[i] = random.nextInt(bound);
        return values;
    }
}
