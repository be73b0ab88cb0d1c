package dev.glassbox.exercise;

import dev.glassbox.tensor.Tensor;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares an answer with the expected value, shapes before values, and describes the first
 * difference in words that name the student's own value but never the expected one.
 *
 * <p>Understood: numbers (any boxed type; floats within a tolerance, NaN equals NaN, ∞ equals ∞),
 * booleans, characters and strings, {@link Tensor}s, arrays of any rank (primitive or not) and
 * {@link List}s. Anything else is compared with {@code equals}.
 */
final class Compare {
    private Compare() {}

    private enum Kind { NUMBER, TEXT, BOOLEAN, NULL, OTHER }

    /** A value flattened: what its leaves are, its shape ([] for a single value), the leaves in order. */
    private record Flat(Kind kind, int[] shape, List<Object> leaves) {}

    /** Null when {@code yours} matches {@code expected}; otherwise a sentence naming the first difference. */
    static String difference(Object yours, Object expected, double absoluteTolerance, double relativeTolerance) {
        String container = containerDifference(yours, expected);
        if (container != null) return container;
        Flat y = flatten(yours), e = flatten(expected);
        if (!Arrays.equals(y.shape, e.shape)) {
            return "your answer has shape " + Arrays.toString(y.shape) + "; expected shape "
                    + Arrays.toString(e.shape);
        }
        if (y.kind != e.kind && !y.leaves.isEmpty()) {
            return "your answer holds " + kindName(y.kind) + "; expected " + kindName(e.kind);
        }
        int wrong = 0, first = -1;
        for (int i = 0; i < e.leaves.size(); i++) {
            if (!same(y.leaves.get(i), e.leaves.get(i), absoluteTolerance, relativeTolerance)) {
                if (first < 0) first = i;
                wrong++;
            }
        }
        if (wrong == 0) return null;
        if (e.shape.length == 0) return "your value " + show(yours) + " is not right";
        return "entry " + Arrays.toString(unflatten(first, e.shape)) + " is " + show(y.leaves.get(first))
                + ", which is not right (" + wrong + " of " + e.leaves.size() + " entries are wrong)";
    }

    /** A Tensor where an array is expected (or the other way round), a list for an array, and so on. */
    private static String containerDifference(Object yours, Object expected) {
        String y = containerName(yours), e = containerName(expected);
        if (y.equals(e)) return null;
        return "your answer is " + y + "; expected " + e;
    }

    private static String containerName(Object value) {
        if (value == null) return "nothing (null)";
        if (value instanceof Tensor) return "a Tensor";
        if (value.getClass().isArray()) return "an array";
        if (value instanceof List) return "a List";
        if (value instanceof Number) return "a number";
        if (value instanceof Boolean) return "true or false";
        if (value instanceof CharSequence || value instanceof Character) return "text";
        return "an object";
    }

    private static String kindName(Kind kind) {
        return switch (kind) {
            case NUMBER -> "numbers";
            case TEXT -> "text";
            case BOOLEAN -> "true/false values";
            case NULL -> "nulls";
            case OTHER -> "objects";
        };
    }

    private static boolean same(Object y, Object e, double atol, double rtol) {
        if (y instanceof Number yn && e instanceof Number en) {
            if (isIntegral(yn) && isIntegral(en)) return yn.longValue() == en.longValue();
            double a = yn.doubleValue(), b = en.doubleValue();
            if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
            if (Double.isInfinite(a) || Double.isInfinite(b)) return a == b;
            return Math.abs(a - b) <= atol + rtol * Math.abs(b);
        }
        if (y instanceof Character || y instanceof CharSequence) return y.toString().equals(String.valueOf(e));
        return y == null ? e == null : y.equals(e);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static Flat flatten(Object value) {
        if (value == null) return new Flat(Kind.NULL, new int[0], listOf((Object) null));
        if (value instanceof Tensor t) {
            List<Object> leaves = new ArrayList<>(t.size());
            for (float f : t.data()) leaves.add(f);
            return new Flat(Kind.NUMBER, t.shape(), leaves);
        }
        if (value instanceof Number) return new Flat(Kind.NUMBER, new int[0], listOf(value));
        if (value instanceof Boolean) return new Flat(Kind.BOOLEAN, new int[0], listOf(value));
        if (value instanceof CharSequence || value instanceof Character) {
            return new Flat(Kind.TEXT, new int[0], listOf(value.toString()));
        }
        List<?> items = asList(value);
        if (items == null) return new Flat(Kind.OTHER, new int[0], listOf(value));
        List<Object> leaves = new ArrayList<>();
        int[] inner = null;
        Kind kind = Kind.NUMBER;
        for (Object item : items) {
            Flat f = flatten(item);
            if (inner == null) {
                inner = f.shape;
                kind = f.kind;
            } else if (!Arrays.equals(inner, f.shape)) {
                inner = null; // ragged: compare as a list of objects
                return new Flat(Kind.OTHER, new int[] {items.size()}, new ArrayList<>(items));
            }
            leaves.addAll(f.leaves);
        }
        int[] shape = new int[1 + (inner == null ? 0 : inner.length)];
        shape[0] = items.size();
        if (inner != null) System.arraycopy(inner, 0, shape, 1, inner.length);
        return new Flat(kind, shape, leaves);
    }

    private static List<Object> listOf(Object single) {
        List<Object> list = new ArrayList<>(1);
        list.add(single);
        return list;
    }

    /** The elements of an array or list, or null for anything else. */
    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) return list;
        if (!value.getClass().isArray()) return null;
        int n = Array.getLength(value);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(Array.get(value, i));
        return items;
    }

    private static int[] unflatten(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** A short, readable rendering: numbers to 4 significant digits, at most 8 items per dimension. */
    static String show(Object value) {
        if (value == null) return "null";
        if (value instanceof Tensor t) return "Tensor" + Arrays.toString(t.shape()) + " " + show(nest(t));
        if (value instanceof Float || value instanceof Double) return number(((Number) value).doubleValue());
        if (value instanceof CharSequence s) return '"' + s.toString() + '"';
        if (value instanceof Character c) return "'" + c + "'";
        List<?> items = asList(value);
        if (items == null) return String.valueOf(value);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(", ");
            if (i == 8 && items.size() > 9) {
                out.append("… ").append(items.size() - 9).append(" more, ").append(show(items.get(items.size() - 1)));
                break;
            }
            out.append(show(items.get(i)));
        }
        return out.append(']').toString();
    }

    /** A tensor's data as nested lists, so it prints like an array of its shape. */
    private static Object nest(Tensor t) {
        return nest(t.data(), 0, t.shape(), 0);
    }

    private static Object nest(float[] data, int offset, int[] shape, int dim) {
        if (dim == shape.length - 1) return Arrays.copyOfRange(data, offset, offset + shape[dim]);
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < shape[dim]; i++) rows.add(nest(data, offset + i * stride, shape, dim + 1));
        return rows;
    }

    static String number(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "−∞";
        if (x == Math.rint(x) && Math.abs(x) < 1e9) return Long.toString((long) x);
        String s = String.format(Locale.ROOT, "%.4g", x);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A deep copy of arrays and tensors, so a function that changes its input cannot spoil the next call. */
    static Object copy(Object value) {
        if (value instanceof Tensor t) return t.copy();
        if (value == null || !value.getClass().isArray()) return value;
        int n = Array.getLength(value);
        Object copy = Array.newInstance(value.getClass().getComponentType(), n);
        for (int i = 0; i < n; i++) Array.set(copy, i, copy(Array.get(value, i)));
        return copy;
    }
}
