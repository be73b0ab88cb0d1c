package dev.glassbox.exercise.chapters;

/** Small tests the chapters' hints share: is a student's array broken (NaN), close to another one, what it sums to. */
final class HintMath {
    private HintMath() {}

    static boolean hasNaN(float[] v) {
        for (float x : v) if (Float.isNaN(x)) return true;
        return false;
    }

    /** Same length and every entry within 1e-4 + 1e-3·|b|: loose enough for float rounding, tight enough for a hint. */
    static boolean close(float[] a, float[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= 1e-4 + 1e-3 * Math.abs(b[i]))) return false;
        return true;
    }

    static double sum(float[] values) {
        double s = 0;
        for (float v : values) s += v;
        return s;
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }
}
