package dev.glassbox.nn;

import dev.glassbox.check.GradCheck;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared helpers for the finite-difference tests.
 *
 * <p>How good can a float32 finite difference be? We use GradCheck's central differences with
 * ε = 1e-2. The numeric gradient carries (a) truncation error ε²/6 · f‴ ≈ 2e-5 · f‴, small for these
 * smooth layers at O(1) inputs, and (b) rounding error: every forward pass runs in float32 (unit
 * roundoff u ≈ 6e-8), so L itself is off by about u · Σ|terms| ≈ 1e-6 here, and dividing by 2ε turns
 * that into ≈ 1e-4 absolute error in the numeric gradient (measured: up to 5e-4 on entries whose true
 * gradient is 0, such as the key bias, to which the softmax is blind).
 *
 * <p>So an entry passes when |analytic − numeric| ≤ {@link #TOLERANCE} · max(|analytic| + |numeric|,
 * {@link #FLOOR}): 1 % relative error for gradients above 0.05, and 1e-3 absolute below that, twice
 * the worst rounding noise seen. (GradCheck's own report uses floor 1e-3, which turns that noise on
 * zero gradients into "10 % relative error"; it is attached to failure messages for reading.)
 * A wrong backward (a missing factor, a dropped branch, a sign) is off by 10 … 100 % of gradients
 * of size 0.1 … 1, far outside this band. The tests pick weights and inputs of order 0.3 … 1 so
 * that most gradients are in that range, and each check fails if no entry is larger than 0.01.
 *
 * <p>To keep the loss smooth and well scaled the layer tests use L = Σ w · out with a fixed random w
 * (so dL/dout = w exactly), summed in double.
 */
final class GradientAssertions {
    static final double TOLERANCE = 1e-2;
    static final double FLOOR = 0.1;
    static final double EPSILON = GradCheck.DEFAULT_EPSILON;

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
        checkArray(what + " input", x.data(), dx.data(), loss, "");
        checkParameters(what, parameters, loss);
    }

    /** Every parameter's grad (already filled by one backward) against finite differences of {@code loss}. */
    static void checkParameters(String what, List<Parameter> parameters, DoubleSupplier loss) {
        GradCheck.Report report = GradCheck.check(parameters, loss, EPSILON, Integer.MAX_VALUE, 0);
        for (Parameter p : parameters) {
            checkArray(what + " " + p.name(), p.value().data(), p.grad().data(), loss, report.toString());
        }
    }

    /** Entry by entry, with the tolerance explained above. */
    static void checkArray(String what, float[] values, float[] analytic, DoubleSupplier loss, String context) {
        int sizeable = 0;
        for (int i = 0; i < values.length; i++) {
            float original = values[i];
            values[i] = (float) (original + EPSILON);
            double plus = loss.getAsDouble();
            values[i] = (float) (original - EPSILON);
            double minus = loss.getAsDouble();
            values[i] = original;
            double numeric = (plus - minus) / (2 * EPSILON);
            double error = Math.abs(analytic[i] - numeric);
            double allowed = TOLERANCE * Math.max(Math.abs(analytic[i]) + Math.abs(numeric), FLOOR);
            if (!(error <= allowed)) {
                fail(String.format(Locale.ROOT, "%s[%d]: analytic %.6g, numeric %.6g, error %.3g > allowed %.3g%n%s",
                        what, i, analytic[i], numeric, error, allowed, context));
            }
            if (Math.abs(numeric) > 0.01) sizeable++;
        }
        if (values.length > 1 && sizeable == 0) {
            fail(what + ": every gradient entry is below 0.01, so the check proves little; make the test's numbers larger");
        }
    }
}
