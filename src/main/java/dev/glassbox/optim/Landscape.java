package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.function.Function;

/**
 * A loss surface over two numbers (x, y): small enough to draw as contours and watch an optimizer
 * walk across it. The same optimizers that train a GPT run here on a single 2-vector
 * {@link Parameter}.
 *
 * <pre>
 *   Landscape bowl = Landscape.illConditionedBowl(100);
 *   Trajectory sgd  = bowl.descend(ps -&gt; Sgd.builder(ps).learningRate(0.019f).build()).from(-1, 1).steps(100);
 *   Trajectory adam = bowl.descend(ps -&gt; Adam.builder(ps).learningRate(0.1f).build()).from(-1, 1).steps(100);
 * </pre>
 */
public interface Landscape {

    /** A short name for plots, e.g. "bowl κ=100". */
    String name();

    /** f(x, y). */
    double value(double x, double y);

    /** (∂f/∂x, ∂f/∂y). */
    double[] gradient(double x, double y);

    /** Where f is smallest. */
    double[] minimum();

    /**
     * The ill-conditioned quadratic bowl f = ½(x² + κ·y²), minimum at (0, 0). Its curvature is 1
     * along x and κ along y: plain gradient descent must keep η &lt; 2/κ to stay stable along y, and
     * then moves along x by only a fraction η of the distance per step.
     */
    static Landscape illConditionedBowl(double curvature) {
        if (!(curvature >= 1) || !Double.isFinite(curvature)) {
            throw new IllegalArgumentException("curvature ratio κ must be a finite number at least 1, got " + curvature);
        }
        return new Landscape() {
            @Override public String name() { return "bowl κ=" + curvature; }
            @Override public double value(double x, double y) { return 0.5 * (x * x + curvature * y * y); }
            @Override public double[] gradient(double x, double y) { return new double[] {x, curvature * y}; }
            @Override public double[] minimum() { return new double[] {0, 0}; }
        };
    }

    /**
     * Rosenbrock's banana valley f = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1). Finding the
     * valley is easy; following its curved, nearly flat floor to the minimum is the hard part.
     * <pre>  ∂f/∂x = −2(1 − x) − 400·x·(y − x²),   ∂f/∂y = 200·(y − x²)  </pre>
     */
    static Landscape rosenbrock() {
        return new Landscape() {
            @Override public String name() { return "Rosenbrock"; }
            @Override public double value(double x, double y) {
                return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            }
            @Override public double[] gradient(double x, double y) {
                return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
            }
            @Override public double[] minimum() { return new double[] {1, 1}; }
        };
    }

    /** A 2-vector parameter holding (x, y), for an optimizer to move. It does not decay. */
    static Parameter point(String name, double x, double y) {
        return new Parameter(name, Tensor.vector((float) x, (float) y), false);
    }

    /** Writes ∇f at the point's current (x, y) into its gradient. */
    default void computeGradient(Parameter point) {
        if (point.size() != 2) {
            throw new IllegalArgumentException("parameter " + point.name() + " has " + point.size()
                    + " numbers; a landscape point needs exactly 2 (x, y)");
        }
        float[] xy = point.value().data();
        double[] g = gradient(xy[0], xy[1]);
        point.grad().data()[0] = (float) g[0];
        point.grad().data()[1] = (float) g[1];
    }

    /**
     * A walk over this surface with the optimizer that {@code makeOptimizer} builds over the one point
     * parameter; say where it starts and how many steps it takes:
     * {@code descend(ps -> Momentum.builder(ps).learningRate(0.02f).momentum(0.9f).build()).from(-1, 0.2).steps(60)}.
     */
    default Descent descend(Function<List<Parameter>, ? extends Optimizer> makeOptimizer) {
        return new Descent(this, makeOptimizer);
    }

    /**
     * f on a grid, {@code values[j][i] = f(xs[i], ys[j])} (rows are y), the layout a contour plot
     * expects.
     */
    default double[][] valuesOnGrid(double[] xs, double[] ys) {
        if (xs.length == 0 || ys.length == 0) {
            throw new IllegalArgumentException("grid needs at least one x and one y, got " + xs.length + " and " + ys.length);
        }
        double[][] values = new double[ys.length][xs.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) values[j][i] = value(xs[i], ys[j]);
        }
        return values;
    }
}
