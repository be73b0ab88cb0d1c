package dev.glassbox.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and tanh on SIMD registers, each with a scalar twin that performs the same float operations in
 * the same order — so a number gives the same bits whether it sat in a vector lane or in a loop's tail.
 *
 * <pre>
 *   exp(x) = 2ⁿ · e^r,   n = round(x / ln 2),  r = x − n·ln 2 ∈ [−ln2/2, ln2/2]   (Cody–Waite: ln 2 in two parts)
 *   e^r    ≈ Σ_{i≤7} rⁱ / i!                     (Horner; truncation error r⁸/8! &lt; 1e-8)
 *   tanh(u) = sign(u) · (1 − 2 / (e^(2|u|) + 1)),  |u| clamped to 10 (1 − 2/(e²⁰ + 1) rounds to 1 in float)
 * </pre>
 * Measured against {@code Math.exp}/{@code Math.tanh} in {@code VectorMathTest}: exp within 2e-7
 * relative, tanh within 2e-7 absolute.
 */
final class VectorMath {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;            // 1.5 · 2²³: adding it rounds to an integer
    private static final float MIN_X = -87.3f, MAX_X = 88.3f; // 2ⁿ stays a normal float
    private static final float TANH_CLAMP = 10f;
    private static final ThreadLocal<float[]> LANE_BUFFER = ThreadLocal.withInitial(() -> new float[LANES]);
    private static final float[] TAYLOR = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 1f / 2, 1f, 1f};

    private VectorMath() {}

    static FloatVector exp(FloatVector x) {
        x = x.max(MIN_X).min(MAX_X);
        FloatVector shifted = x.mul(LOG2E).add(ROUND);              // ROUND + n: n sits in the low mantissa bits
        FloatVector n = shifted.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(SPECIES, TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) p = p.fma(r, FloatVector.broadcast(SPECIES, TAYLOR[i]));
        // 2ⁿ = float with exponent bits n + 127; ROUND's own bits vanish in the shift
        FloatVector twoToN = shifted.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(twoToN);
    }

    static float exp(float x) {
        x = Math.min(Math.max(x, MIN_X), MAX_X);
        float shifted = x * LOG2E + ROUND;
        float n = shifted - ROUND;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = TAYLOR[0];
        for (int i = 1; i < TAYLOR.length; i++) p = Math.fma(p, r, TAYLOR[i]);
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) + 127) << 23);
    }

    static FloatVector tanh(FloatVector u) {
        FloatVector e = exp(u.abs().min(TANH_CLAMP).mul(2f));
        FloatVector t = FloatVector.broadcast(SPECIES, 1f).sub(FloatVector.broadcast(SPECIES, 2f).div(e.add(1f)));
        return t.blend(t.neg(), u.lt(0f));
    }

    static float tanh(float u) {
        float e = exp(Math.min(Math.abs(u), TANH_CLAMP) * 2f);
        float t = 1f - 2f / (e + 1f);
        return u < 0 ? -t : t;
    }

    /**
     * The lanes' sum, added first lane to last: written out rather than {@code reduceLanes(ADD)}, whose
     * order of additions may differ between the interpreter and compiled code. The lanes go through a
     * per-thread array ({@code toArray()} would allocate one per call, a measurable cost in softmax and layer norm).
     */
    static float sum(FloatVector v) {
        float[] lanes = LANE_BUFFER.get();
        v.intoArray(lanes, 0);
        float sum = 0f;
        for (int i = 0; i < LANES; i++) sum += lanes[i];
        return sum;
    }
}
