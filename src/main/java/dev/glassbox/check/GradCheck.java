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
 *
 * <p>Options by name: {@code GradCheck.check(params, loss, GradCheck.options().epsilon(5e-3).samples(100).seed(0))};
 * the defaults check every number with ε = {@value #DEFAULT_EPSILON}.
 */
public final class GradCheck {
    public static final double DEFAULT_EPSILON = 1e-2;
    public static final double DEFAULT_FLOOR = 1e-3;

    private GradCheck() {}

    /** How to nudge: ε, the relative error's floor, how many numbers per tensor (chosen with seed). */
    public record Options(double epsilon, double floor, int samples, long seed) {
        public Options {
            if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
            if (!(floor > 0)) throw new IllegalArgumentException("floor must be > 0, got " + floor);
            if (samples < 1) throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }

        /** The nudge ε in L(w ± ε). */
        public Options epsilon(double epsilon) { return new Options(epsilon, floor, samples, seed); }

        /** The smallest denominator of the relative error. */
        public Options floor(double floor) { return new Options(epsilon, floor, samples, seed); }

        /** Check only this many numbers of each tensor, picked at random with {@link #seed}. */
        public Options samples(int samples) { return new Options(epsilon, floor, samples, seed); }

        public Options seed(long seed) { return new Options(epsilon, floor, samples, seed); }
    }

    /** Every number, ε = {@value #DEFAULT_EPSILON}, floor {@value #DEFAULT_FLOOR}; change any with the named methods. */
    public static Options options() {
        return new Options(DEFAULT_EPSILON, DEFAULT_FLOOR, Integer.MAX_VALUE, 0);
    }

    /**
     * How well one tensor's analytic gradient matched the numeric one; the worst entry (by relative error)
     * with both its values, and the largest |numeric| seen (a check where every gradient is tiny proves little).
     */
    public record Result(String name, int size, int checked, double maxRelativeError, double maxAbsoluteError,
                         int worstIndex, double worstAnalytic, double worstNumeric, double largestNumeric) {
        /** "name[i]: analytic a, numeric n, relative error e": the worst entry in words. */
        public String worst() {
            return String.format(Locale.ROOT, "%s[%d]: analytic %.6g, numeric %.6g, relative error %.3g",
                    name, worstIndex, worstAnalytic, worstNumeric, maxRelativeError);
        }

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
        return check(parameters, loss, options());
    }

    /** The same as {@code check(parameters, loss, options().epsilon(epsilon).samples(samplesPerTensor).seed(seed))}. */
    public static Report check(List<Parameter> parameters, DoubleSupplier loss, double epsilon,
                               int samplesPerTensor, long seed) {
        return check(parameters, loss, options().epsilon(epsilon).samples(samplesPerTensor).seed(seed));
    }

    /** Checks every parameter as {@code options} says. The gradients must already hold dL/dw from one backward pass. */
    public static Report check(List<Parameter> parameters, DoubleSupplier loss, Options options) {
        List<Result> results = new ArrayList<>();
        long passes = 0;
        for (Parameter p : parameters) {
            Result r = checkArray(p.name(), p.value().data(), p.grad().data(), loss, options);
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
        return checkArray(name, values, analytic, loss, options().epsilon(epsilon).samples(samples).seed(seed));
    }

    /** The same with named options: {@code checkArray("x", x, dx, loss, options().epsilon(1e-2))}. */
    public static Result checkArray(String name, float[] values, float[] analytic, DoubleSupplier loss, Options options) {
        if (values.length != analytic.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values but " + analytic.length + " gradients");
        }
        double epsilon = options.epsilon();
        int[] indices = pick(values.length, options.samples(), new SplittableRandom(options.seed()));
        double maxRel = 0, maxAbs = 0, worstAnalytic = 0, worstNumeric = 0, largest = 0;
        int worst = -1;
        for (int i : indices) {
            float original = values[i];
            values[i] = (float) (original + epsilon);
            double plus = loss.getAsDouble();
            values[i] = (float) (original - epsilon);
            double minus = loss.getAsDouble();
            values[i] = original;
            double numeric = (plus - minus) / (2 * epsilon);
            double abs = Math.abs(analytic[i] - numeric);
            double rel = abs / Math.max(Math.abs(analytic[i]) + Math.abs(numeric), options.floor());
            if (!Double.isFinite(numeric)) rel = abs = Double.POSITIVE_INFINITY;
            if (worst < 0 || rel > maxRel) {
                worst = i;
                worstAnalytic = analytic[i];
                worstNumeric = numeric;
            }
            maxRel = Math.max(maxRel, rel);
            maxAbs = Math.max(maxAbs, abs);
            largest = Math.max(largest, Math.abs(numeric));
        }
        return new Result(name, values.length, indices.length, maxRel, maxAbs, worst, worstAnalytic, worstNumeric, largest);
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
