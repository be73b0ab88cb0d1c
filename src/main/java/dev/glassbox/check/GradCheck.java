package dev.glassbox.check;

import dev.glassbox.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The essay's "nudge a value a little" method: central finite differences.
 *
 * <pre>  dL/dw ≈ (L(w + ε) − L(w − ε)) / 2ε  </pre>
 *
 * Two forward passes per number checked, against one backward pass for all of them: that cost is
 * why nobody trains with it, and why it is perfect for checking a hand-written backward.
 *
 * <p>Usage: run forward and backward once so the analytic gradients are filled, then call
 * {@link #check} with a {@code loss} that runs a fresh forward pass and returns the loss.
 *
 * <p>Relative error is {@code |analytic − numeric| / max(|analytic| + |numeric|, floor)}. The floor
 * (default {@value #DEFAULT_FLOOR}) keeps entries whose true gradient is about zero from reporting
 * float32 rounding noise as a 100 % error.
 */
public final class GradCheck {
    public static final double DEFAULT_EPSILON = 1e-2;
    public static final double DEFAULT_FLOOR = 1e-3;

    private GradCheck() {}

    /** How well one tensor's analytic gradient matched the numeric one. */
    public record Result(String name, int size, int checked, double maxRelativeError, double maxAbsoluteError) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-28s %8d numbers, %5d checked, max rel err %.2e, max abs err %.2e",
                    name, size, checked, maxRelativeError, maxAbsoluteError);
        }
    }

    /** All results and what they cost. */
    public record Report(List<Result> results, long forwardPasses) {
        public double maxRelativeError() {
            return results.stream().mapToDouble(Result::maxRelativeError).max().orElse(0);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (Result r : results) s.append(r).append('\n');
            return s.append(String.format(Locale.ROOT, "worst relative error %.2e after %d forward passes%n",
                    maxRelativeError(), forwardPasses)).toString();
        }
    }

    /** Checks every number of every parameter (fine for small models) with the default ε. */
    public static Report check(List<Parameter> parameters, DoubleSupplier loss) {
        return check(parameters, loss, DEFAULT_EPSILON, Integer.MAX_VALUE, 0);
    }

    /**
     * Checks up to {@code samplesPerTensor} numbers of each parameter, chosen with {@code seed}.
     * The parameters' gradients must already hold dL/dw from one backward pass.
     */
    public static Report check(List<Parameter> parameters, DoubleSupplier loss, double epsilon,
                               int samplesPerTensor, long seed) {
        List<Result> results = new ArrayList<>();
        long passes = 0;
        for (Parameter p : parameters) {
            Result r = checkArray(p.name(), p.value().data(), p.grad().data(), loss, epsilon, samplesPerTensor, seed);
            results.add(r);
            passes += 2L * r.checked();
        }
        return new Report(results, passes);
    }

    /**
     * Checks any array against its analytic gradient, for example a layer's input against the
     * dL/dx its backward returned. {@code values} is nudged in place and restored.
     */
    public static Result checkArray(String name, float[] values, float[] analytic, DoubleSupplier loss,
                                    double epsilon, int samples, long seed) {
        if (values.length != analytic.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values but " + analytic.length + " gradients");
        }
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        int[] indices = pick(values.length, samples, new SplittableRandom(seed));
        double maxRel = 0, maxAbs = 0;
        for (int i : indices) {
            float original = values[i];
            values[i] = (float) (original + epsilon);
            double plus = loss.getAsDouble();
            values[i] = (float) (original - epsilon);
            double minus = loss.getAsDouble();
            values[i] = original;
            double numeric = (plus - minus) / (2 * epsilon);
            double abs = Math.abs(analytic[i] - numeric);
            double rel = abs / Math.max(Math.abs(analytic[i]) + Math.abs(numeric), DEFAULT_FLOOR);
            if (!Double.isFinite(numeric)) rel = abs = Double.POSITIVE_INFINITY;
            maxRel = Math.max(maxRel, rel);
            maxAbs = Math.max(maxAbs, abs);
        }
        return new Result(name, values.length, indices.length, maxRel, maxAbs);
    }

    private static int[] pick(int size, int samples, SplittableRandom random) {
        if (samples >= size) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        return random.ints(0, size).distinct().limit(samples).sorted().toArray();
    }
}
