package dev.glassbox.tensor;

import dev.glassbox.kernels.Elementwise;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A block of {@code float}s with a shape: the one data structure of the library.
 *
 * <p>The numbers live in one flat array in row-major order, as in llm.c: for a (B, T, C) tensor
 * the element {@code [b, t, c]} sits at {@code (b * T + t) * C + c}. Layers read and write
 * {@link #data()} directly with such index arithmetic; everyone else uses {@link #get(int...)}.
 *
 * <p>Indices start at 0. The seed essay counts from 1, so its {@code [1,3,0:4]} (sentence 1,
 * word 3) is {@code [0, 2, 0..4]} here.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /** A tensor of zeros. Every size must be at least 1. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], shape.clone());
    }

    /** Wraps {@code data} (not copied) with the given shape; the sizes must multiply to its length. */
    public static Tensor of(float[] data, int... shape) {
        int size = Shapes.size(shape);
        if (data.length != size) {
            throw new IllegalArgumentException("data has " + data.length + " numbers but shape "
                    + Arrays.toString(shape) + " needs " + size);
        }
        return new Tensor(data, shape.clone());
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return of(values.clone(), values.length);
    }

    /** A 2-D tensor holding a copy of {@code rows}, which must all have the same length. */
    public static Tensor matrix(float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("a matrix needs at least one row");
        int cols = rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length
                        + " numbers, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return of(data, rows.length, cols);
    }

    /** Numbers drawn from a normal distribution with mean 0 and the given standard deviation. */
    public static Tensor randn(RandomGenerator random, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (random.nextGaussian() * std);
        return t;
    }

    /** The flat row-major array itself (not a copy): writes go into the tensor. */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}; negative axes count from the end (-1 is the last). */
    public int dim(int axis) {
        int a = axis < 0 ? shape.length + axis : axis;
        if (a < 0 || a >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " does not exist in a tensor of rank " + shape.length);
        }
        return shape[a];
    }

    /** How many numbers the tensor holds. */
    public int size() {
        return data.length;
    }

    /** The flat position of element {@code index}; every index is checked against the shape. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                    + shape.length + " indices, got " + index.length + " " + Arrays.toString(index));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is outside dimension " + d
                        + " of size " + shape[d] + " (indices start at 0) in shape " + Arrays.toString(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    public float get(int... index) {
        return data[offset(index)];
    }

    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /**
     * The vector along the last dimension at the given leading indices, as a copy:
     * {@code x.vectorAt(0, 2)} of a (B, T, C) tensor is {@code x[0, 2, 0:C]}.
     */
    public float[] vectorAt(int... leading) {
        if (leading.length != shape.length - 1) {
            throw new IllegalArgumentException("vectorAt needs " + (shape.length - 1) + " leading indices for shape "
                    + Arrays.toString(shape) + ", got " + leading.length);
        }
        int[] full = Arrays.copyOf(leading, shape.length);
        int start = offset(full);
        return Arrays.copyOfRange(data, start, start + shape[shape.length - 1]);
    }

    /** The same numbers seen with another shape of equal size (shares the array). */
    public Tensor reshape(int... newShape) {
        return of(data, newShape);
    }

    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    public void fill(float value) {
        Arrays.fill(data, value);
    }

    public void zero() {
        Arrays.fill(data, 0f);
    }

    /** True if the shapes are equal. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Index of the first NaN or infinite number, or -1 if all are finite (checked on SIMD registers when it can). */
    public int firstNonFinite() {
        return Elementwise.firstNonFinite(data);
    }

    /** The numbers nested by dimension, like NumPy prints them, with the shape on top. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
