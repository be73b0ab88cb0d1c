package dev.glassbox.nn;

import dev.glassbox.check.GradCheck;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared helpers for the finite-difference tests, and why their tolerance is right for float32.
 *
 * <p>The numeric gradient (L(w + ε) − L(w − ε)) / 2ε carries two errors:
 * <ol>
 *   <li>truncation, ≈ ε²/6 · L‴: measured 0.15 % of a gradient of 2 at ε = 1e-2 in a whole Gpt,
 *       and 2 % of a gradient of 1.4 in a class-token classifier (it shrinks 4× when ε halves);</li>
 *   <li>rounding: every forward pass runs in float32 (unit roundoff u ≈ 6e-8), so L is off by
 *       roughly u · Σ|terms| and the quotient by that over 2ε — measured up to ≈ 7e-4 absolute.</li>
 * </ol>
 * Hence two ε: {@link #EPSILON} = 1e-2 for the layer tests' L = Σ w · out (many O(1) terms, so
 * rounding dominates and a larger ε helps), {@link #CROSS_ENTROPY_EPSILON} = 5e-3 for the models'
 * cross-entropy (|L| ≈ 2, so rounding is small and a smaller ε cuts truncation 4×).
 *
 * <p>An entry passes when |analytic − numeric| ≤ {@link #TOLERANCE} · max(|analytic| + |numeric|,
 * {@link #FLOOR}): 2 % relative above a gradient of 0.05, and 2e-3 absolute below it. The worst entry
 * over all tests uses about a third of its allowance (rounding in the Gpt Σ w · logits test), the
 * cross-entropy tests a fifth; float rounding differs a little between CPUs (SIMD width), hence the
 * margin. A wrong backward is off by far more: dropping the tied head's share of the embedding
 * gradient, a residual branch of the post-LN block, or a norm term of cosine attention each made
 * these tests fail when tried.
 * The nudging is the library's {@link GradCheck} (with floor 0.1); this class only states the rule.
 *
 * <p>The tests move weights away from GPT-2's tiny init (std 0.4 noise) so that most gradients are
 * 0.01 … 1, not buried in the floor, and each check fails if no entry is larger than 0.01.
 * The layer tests use L = Σ w · out with a fixed random w (so dL/dout = w exactly), summed in double.
 */
final class GradientAssertions {
    static final double TOLERANCE = 2e-2;
    static final double FLOOR = 0.1;
    /** For L = Σ w · out: large |L|, so a larger ε keeps the rounding part small. */
    static final double EPSILON = 1e-2;
    /** For a cross-entropy loss: |L| ≈ 2, rounding is small, and a smaller ε keeps the truncation part small. */
    static final double CROSS_ENTROPY_EPSILON = 5e-3;

    private GradientAssertions() {}

    static Tensor random(long seed, float std, int... shape) {
        return Tensor.randn(new SplittableRandom(seed), std, shape);
    }

    /** Σ w · out, in double so summing adds no float32 rounding of its own. */
    static double dot(Tensor w, Tensor out) {
        double s = 0;
        for (int i = 0; i < w.size(); i++) s += (double) w.data()[i] * out.data()[i];
        return s;
    }

    /** Adds N(0, std²) noise to a parameter, so tests do not sit at the special point of the init (LN gain 1, bias 0). */
    static void perturb(Parameter p, long seed, float std) {
        Tensor r = random(seed, std, p.value().shape());
        float[] v = p.value().data();
        for (int i = 0; i < v.length; i++) v[i] += r.data()[i];
    }

    /**
     * Checks a layer's input gradient and parameter gradients against finite differences, with the
     * loss Σ w · layer(x) for a fixed random w.
     */
    static void checkLayer(String what, Tensor x, Function<Tensor, Tensor> forward, Function<Tensor, Tensor> backward,
                           List<Parameter> parameters) {
        Tensor out = forward.apply(x);
        Tensor w = random(99, 1f, out.shape());
        for (Parameter p : parameters) p.zeroGrad();
        Tensor dx = backward.apply(w);
        DoubleSupplier loss = () -> dot(w, forward.apply(x));
        checkArray(what + " input", x.data(), dx.data(), loss, EPSILON);
        checkParameters(what, parameters, loss);
    }

    /** Every parameter's grad (already filled by one backward) against finite differences of {@code loss}. */
    static void checkParameters(String what, List<Parameter> parameters, DoubleSupplier loss) {
        for (Parameter p : parameters) checkArray(what + " " + p.name(), p.value().data(), p.grad().data(), loss, EPSILON);
    }

    /** Every entry with {@link GradCheck}: relative error (floor {@link #FLOOR}) at most {@link #TOLERANCE}. */
    static void checkArray(String what, float[] values, float[] analytic, DoubleSupplier loss, double epsilon) {
        GradCheck.Result result = GradCheck.checkArray(what, values, analytic, loss, GradCheck.options().epsilon(epsilon).floor(FLOOR));
        if (!(result.maxRelativeError() <= TOLERANCE)) fail(result.worst() + " > allowed " + TOLERANCE);
        if (values.length > 1 && result.largestNumeric() <= 0.01) {
            fail(what + ": every gradient entry is below 0.01, so the check proves little; make the test's numbers larger");
        }
    }
}
