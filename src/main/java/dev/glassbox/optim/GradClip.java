package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;

import java.util.List;

/**
 * Gradient clipping by global norm, as GPT-2-style training does with a limit of 1.0.
 *
 * <pre>
 *   ‖g‖ = √(Σ over every number of every parameter of g²)
 *   if ‖g‖ &gt; maxNorm:  g ← g · maxNorm / ‖g‖
 * </pre>
 *
 * Scaling all gradients by one factor keeps the direction of the step and caps only its length,
 * so one unlucky batch with a huge gradient cannot throw the weights far away.
 */
public final class GradClip {
    private GradClip() {}

    /** ‖g‖ over all parameters, summed in double so millions of squares do not lose precision. */
    public static double globalNorm(List<Parameter> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("need at least one parameter to compute a gradient norm");
        }
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            float[] g = p.grad().data();
            for (float x : g) sumOfSquares += (double) x * x;
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales every gradient so the global norm is at most {@code maxNorm}; returns the norm before
     * clipping (the number worth logging). A NaN or infinite gradient is an error that names the
     * parameter, because scaling it would spread the NaN to every other gradient.
     */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("maximum gradient norm must be a finite number above 0, got " + maxNorm);
        }
        double norm = globalNorm(parameters);
        if (!Double.isFinite(norm)) {
            for (Parameter p : parameters) {
                int i = p.grad().firstNonFinite();
                if (i >= 0) {
                    throw new ArithmeticException("gradient of " + p.name() + " holds " + p.grad().data()[i]
                            + " at flat position " + i + "; cannot clip a non-finite gradient");
                }
            }
            throw new ArithmeticException("global gradient norm overflowed to " + norm
                    + " although every gradient is finite");
        }
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) g[i] *= scale;
            }
        }
        return norm;
    }
}
