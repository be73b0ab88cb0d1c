package dev.glassbox.exercise.chapters;

/** Small tests the chapters' hints share: is a student's array broken (NaN), or close to another one. */
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
}
