package dev.glassbox.tensor;

import java.util.Arrays;
import java.util.Locale;

/** Prints a tensor as nested brackets; large dimensions are shortened with "..." like NumPy. */
final class TensorFormat {
    private static final int EDGE = 3;      // items shown at each end of a long dimension
    private static final int LONG = 8;      // a dimension longer than this is shortened

    private TensorFormat() {}

    static String format(Tensor t) {
        int[] shape = t.shape();
        StringBuilder out = new StringBuilder("Tensor").append(Arrays.toString(shape)).append('\n');
        appendDim(out, t.data(), shape, 0, 0, 0);
        return out.toString();
    }

    private static void appendDim(StringBuilder out, float[] data, int[] shape, int dim, int base, int indent) {
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (n > LONG && i == EDGE) {
                out.append(dim == shape.length - 1 ? "...," : "...,\n" + " ".repeat(indent + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) {
                out.append(number(data[base + i]));
            } else {
                appendDim(out, data, shape, dim + 1, base + i * stride, indent + 1);
            }
            if (i < n - 1) out.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + 1));
        }
        out.append(']');
    }

    private static String number(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4) return String.format(Locale.ROOT, "%.4f", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
