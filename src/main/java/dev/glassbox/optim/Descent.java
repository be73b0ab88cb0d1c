package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An optimizer's walk over a {@link Landscape}, written the way one says it: descend the bowl with Adam,
 * from (−1, 0.2), for 60 steps.
 *
 * <pre>
 *   Trajectory path = bowl.descend(ps -&gt; Adam.builder(ps).learningRate(0.05f).build()).from(-1, 0.2).steps(60);
 * </pre>
 *
 * {@link Landscape#descend} gives the descent, {@link #from} its start, and {@link Started#steps} walks and
 * returns the path; a walk cannot be started without a start point.
 */
public final class Descent {
    private final Landscape landscape;
    private final Function<List<Parameter>, ? extends Optimizer> makeOptimizer;

    Descent(Landscape landscape, Function<List<Parameter>, ? extends Optimizer> makeOptimizer) {
        if (makeOptimizer == null) {
            throw new IllegalArgumentException("descend needs the optimizer to walk with, e.g. "
                    + "ps -> Sgd.builder(ps).learningRate(0.07f).build(); got null");
        }
        this.landscape = landscape;
        this.makeOptimizer = makeOptimizer;
    }

    /** The point (x, y) the walk starts from; both must be finite numbers. */
    public Started from(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a descent starts from a point with finite x and y, got (" + x + ", " + y + ")");
        }
        return new Started(x, y);
    }

    /** A descent with its start point: {@link #steps} walks it. */
    public final class Started {
        private final double x0, y0;

        private Started(double x0, double y0) {
            this.x0 = x0;
            this.y0 = y0;
        }

        /**
         * Takes {@code steps} optimizer steps, recording every position (step 0 is the start). Stops early,
         * marking the trajectory {@code diverged}, if the gradient or f becomes non-finite or f larger than
         * 1e30; that is how too large a learning rate shows up.
         */
        public Trajectory steps(int steps) {
            if (steps < 0) throw new IllegalArgumentException("number of steps must be at least 0, got " + steps);
            Parameter point = Landscape.point("xy", x0, y0);
            Optimizer optimizer = makeOptimizer.apply(List.of(point));
            if (optimizer == null || optimizer.parameters().size() != 1 || optimizer.parameters().get(0) != point) {
                throw new IllegalArgumentException("the optimizer must update exactly the point parameter it was given, got " + optimizer);
            }
            double[] xs = new double[steps + 1];
            double[] ys = new double[steps + 1];
            double[] fs = new double[steps + 1];
            float[] xy = point.value().data();
            int taken = 0;
            xs[0] = xy[0];
            ys[0] = xy[1];
            fs[0] = landscape.value(xy[0], xy[1]);
            boolean diverged = false;
            while (taken < steps) {
                optimizer.zeroGrad();
                landscape.computeGradient(point);
                if (point.grad().firstNonFinite() >= 0) {
                    diverged = true;
                    break;
                }
                optimizer.step();
                taken++;
                xs[taken] = xy[0];
                ys[taken] = xy[1];
                fs[taken] = landscape.value(xy[0], xy[1]);
                if (!(Math.abs(fs[taken]) <= 1e30)) {
                    diverged = true;
                    break;
                }
            }
            return new Trajectory(landscape.name(), optimizer.toString(), Arrays.copyOf(xs, taken + 1),
                    Arrays.copyOf(ys, taken + 1), Arrays.copyOf(fs, taken + 1), landscape.minimum(), diverged);
        }
    }
}
