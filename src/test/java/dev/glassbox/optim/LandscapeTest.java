package dev.glassbox.optim;

import dev.glassbox.check.GradCheck;
import dev.glassbox.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optimizer reaches the minimum of the two classic hard landscapes within a stated number
 * of steps, and momentum and Adam beat SGD where theory says they must.
 *
 * <p>The figures (tolerance 1e-3 in distance to the minimum):
 * <pre>
 *                              bowl ½(x² + 100y²) from (−1, 1)    Rosenbrock from (−1.2, 1)
 *   SGD                        η = 2/101:          500 steps      η = 1e-3:          25 000 steps
 *   heavy ball                 η = 4/121, μ = 81/121: 100 steps   η = 1e-3, μ = 0.9:  3 000 steps
 *   Nesterov                   η = 0.01, μ = 0.9:  200 steps      η = 1e-3, μ = 0.9:  3 000 steps
 *   Adam                       η = 0.1:            200 steps      η = 0.01:           8 000 steps
 * </pre>
 */
class LandscapeTest {
    private static final double TOLERANCE = 1e-3;
    private static final double KAPPA = 100;
    private final Landscape bowl = Landscape.illConditionedBowl(KAPPA);
    private final Landscape rosenbrock = Landscape.rosenbrock();

    // Gradient descent on the bowl is stable only for η < 2/κ; the best rate is 2/(1 + κ), which
    // shrinks the error by (κ − 1)/(κ + 1) = 0.980 per step in both directions.
    private static final float SGD_BEST = (float) (2 / (1 + KAPPA));
    // Polyak's optimal heavy ball for curvatures 1 and κ: η = 4/(1 + √κ)², μ = ((√κ − 1)/(√κ + 1))²,
    // rate (√κ − 1)/(√κ + 1) = 9/11 = 0.818 per step.
    private static final float HEAVY_BALL_LR = (float) (4 / Math.pow(1 + Math.sqrt(KAPPA), 2));
    private static final float HEAVY_BALL_MU = (float) Math.pow((Math.sqrt(KAPPA) - 1) / (Math.sqrt(KAPPA) + 1), 2);

    @Test
    void gradientsMatchFiniteDifferences() {
        for (Landscape f : List.of(bowl, rosenbrock)) {
            for (double[] at : new double[][] {{-1.2, 1}, {0.3, -0.7}, {2, 3}}) {
                double[] g = f.gradient(at[0], at[1]);
                double h = 1e-6;
                double dx = (f.value(at[0] + h, at[1]) - f.value(at[0] - h, at[1])) / (2 * h);
                double dy = (f.value(at[0], at[1] + h) - f.value(at[0], at[1] - h)) / (2 * h);
                assertEquals(dx, g[0], 1e-5 * Math.max(1, Math.abs(dx)), f.name() + " ∂f/∂x at " + at[0] + "," + at[1]);
                assertEquals(dy, g[1], 1e-5 * Math.max(1, Math.abs(dy)), f.name() + " ∂f/∂y at " + at[0] + "," + at[1]);
            }
            double[] m = f.minimum();
            assertEquals(0, f.value(m[0], m[1]), 0, f.name() + " minimum value");
            assertArrayEquals(new double[] {0, 0}, f.gradient(m[0], m[1]), 0, f.name() + " gradient at the minimum");
        }
        // and through a Parameter, the way an optimizer sees it, with the library's GradCheck
        Parameter point = Landscape.point("xy", 0.5, 0.5);
        rosenbrock.computeGradient(point);
        float[] xy = point.value().data();
        GradCheck.Report report = GradCheck.check(List.of(point), () -> rosenbrock.value(xy[0], xy[1]), 1e-3, 2, 0);
        assertTrue(report.maxRelativeError() < 1e-2, report.toString());
    }

    @Test
    void sgdFollowsTheClosedFormOnTheBowl() {
        // Along each axis SGD multiplies the coordinate by (1 − η·curvature) per step.
        int n = 50;
        Trajectory t = bowl.descend(ps -> new Sgd(ps, SGD_BEST)).from(-1, 1).steps(n);
        for (int s = 0; s <= n; s++) {
            assertEquals(-Math.pow(1 - SGD_BEST, s), t.x()[s], 1e-5, "x after " + s + " steps");
            assertEquals(Math.pow(1 - SGD_BEST * KAPPA, s), t.y()[s], 1e-5, "y after " + s + " steps");
        }
    }

    @Test
    void sgdDivergesAboveTwoOverKappa() {
        Trajectory t = bowl.descend(ps -> new Sgd(ps, (float) (2.1 / KAPPA))).from(-1, 1).steps(2000);
        assertTrue(t.diverged(), "η = 2.1/κ must blow up along y");
        assertTrue(t.steps() < 2000);
        assertFalse(bowl.descend(ps -> new Sgd(ps, (float) (1.9 / KAPPA))).from(-1, 1).steps(2000).diverged());
    }

    @Test
    void everyOptimizerReachesTheBowlsMinimum() {
        assertReaches(bowl.descend(ps -> new Sgd(ps, SGD_BEST)).from(-1, 1).steps(500));
        assertReaches(bowl.descend(ps -> new Momentum(ps, HEAVY_BALL_LR, HEAVY_BALL_MU)).from(-1, 1).steps(100));
        assertReaches(bowl.descend(ps -> new Momentum(ps, 0.01f, 0.9f, true)).from(-1, 1).steps(200));
        assertReaches(bowl.descend(ps -> new Adam(ps, 0.1f)).from(-1, 1).steps(200));
        assertReaches(bowl.descend(ps -> new AdamW(ps, 0.1f, 0.1f)).from(-1, 1).steps(200));
    }

    @Test
    void momentumAndAdamBeatSgdOnTheBowlWithTheSameBudget() {
        // 100 steps. SGD at its best stable rate is still 0.98¹⁰⁰·√2 ≈ 0.19 away; the others are
        // not limited by the steep direction the same way.
        int budget = 100;
        double sgd = bowl.descend(ps -> new Sgd(ps, SGD_BEST)).from(-1, 1).steps(budget).finalDistance();
        double heavyBall = bowl.descend(ps -> new Momentum(ps, HEAVY_BALL_LR, HEAVY_BALL_MU)).from(-1, 1).steps(budget).finalDistance();
        double nesterov = bowl.descend(ps -> new Momentum(ps, 0.01f, 0.9f, true)).from(-1, 1).steps(budget).finalDistance();
        double adam = bowl.descend(ps -> new Adam(ps, 0.1f)).from(-1, 1).steps(budget).finalDistance();
        assertEquals(Math.sqrt(2) * Math.pow(1 - SGD_BEST, budget), sgd, 1e-4, "SGD matches its theoretical rate");
        assertTrue(sgd > 0.1, "SGD " + sgd);
        assertTrue(heavyBall < 1e-4, "heavy ball " + heavyBall);
        assertTrue(nesterov < 1e-2, "Nesterov " + nesterov);
        assertTrue(adam < 1e-2, "Adam " + adam);
    }

    @Test
    void everyOptimizerReachesRosenbrocksMinimum() {
        assertReaches(rosenbrock.descend(ps -> new Sgd(ps, 1e-3f)).from(-1.2, 1).steps(25_000));
        assertReaches(rosenbrock.descend(ps -> new Momentum(ps, 1e-3f, 0.9f)).from(-1.2, 1).steps(3_000));
        assertReaches(rosenbrock.descend(ps -> new Momentum(ps, 1e-3f, 0.9f, true)).from(-1.2, 1).steps(3_000));
        assertReaches(rosenbrock.descend(ps -> new Adam(ps, 0.01f)).from(-1.2, 1).steps(8_000));
    }

    @Test
    void momentumAndAdamBeatSgdAlongRosenbrocksValley() {
        int budget = 3_000;
        double sgd = rosenbrock.descend(ps -> new Sgd(ps, 1e-3f)).from(-1.2, 1).steps(budget).finalDistance();
        double momentum = rosenbrock.descend(ps -> new Momentum(ps, 1e-3f, 0.9f)).from(-1.2, 1).steps(budget).finalDistance();
        double adam = rosenbrock.descend(ps -> new Adam(ps, 0.02f)).from(-1.2, 1).steps(budget).finalDistance();
        assertTrue(sgd > 0.1, "SGD " + sgd);
        assertTrue(momentum < TOLERANCE, "momentum " + momentum);
        assertTrue(adam < 0.1 * sgd, "Adam " + adam + " vs SGD " + sgd);
    }

    @Test
    void trajectoryTableHasOneRowPerPosition() {
        Trajectory t = bowl.descend(ps -> new Sgd(ps, 0.01f)).from(1, 1).steps(3);
        var table = t.toTable();
        assertEquals(4, table.rowCount());
        assertEquals(List.of("step", "x", "y", "f", "optimizer"), table.columnNames());
        assertEquals(0.99, table.doubleColumn("x").get(1), 1e-6);    // 1 − 0.01·1
        assertEquals(0.0, table.doubleColumn("y").get(1), 1e-6);     // 1 − 0.01·100·1
        assertEquals(0.5 * 0.99 * 0.99, table.doubleColumn("f").get(1), 1e-6);
    }

    @Test
    void aDescentStartsWhereItIsToldAndTakesTheStepsAsked() {
        // κ = 1, η = 0.5: each SGD step halves both coordinates, so (0.8, -0.4) → (0.4, -0.2) → (0.2, -0.1) → (0.1, -0.05)
        Trajectory t = Landscape.illConditionedBowl(1).descend(ps -> Sgd.builder(ps).learningRate(0.5f).build()).from(0.8, -0.4).steps(3);
        assertEquals(3, t.steps());
        assertArrayEquals(new double[] {0.8, 0.4, 0.2, 0.1}, t.x(), 1e-7);
        assertArrayEquals(new double[] {-0.4, -0.2, -0.1, -0.05}, t.y(), 1e-7);
        assertEquals(1, bowl.descend(ps -> new Sgd(ps, 0.01f)).from(2, 3).steps(0).x().length, "steps(0) keeps only the start");
        // distance after 3 steps √(0.1² + 0.05²) = 0.1118; within 0.25 first at step 2 (distance 0.2236)
        assertEquals("after 3 steps at (0.100, -0.050): distance to (0, 0) 0.1118, first within 0.25 at step 2", t.summary(0.25));
        assertEquals("after 3 steps at (0.100, -0.050): distance to (0, 0) 0.1118, first within 0.01 at step -", t.summary(0.01));
        Trajectory banana = rosenbrock.descend(ps -> new Sgd(ps, 1e-3f)).from(-1.2, 1).steps(1);
        assertTrue(banana.summary(0.01).contains("distance to (1, 1)"), banana.summary(0.01));
    }

    @Test
    void badDescentInputGetsOneLineNamingTheValue() {
        var descent = bowl.descend(ps -> new Sgd(ps, 0.01f));
        assertEquals("a descent starts from a point with finite x and y, got (NaN, 0.2)",
                assertThrows(IllegalArgumentException.class, () -> descent.from(Double.NaN, 0.2)).getMessage());
        assertEquals("a descent starts from a point with finite x and y, got (-1.0, Infinity)",
                assertThrows(IllegalArgumentException.class, () -> descent.from(-1, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("number of steps must be at least 0, got -5",
                assertThrows(IllegalArgumentException.class, () -> descent.from(-1, 0.2).steps(-5)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> bowl.descend(null)).getMessage().endsWith("got null"));
        Parameter other = Landscape.point("other", 0, 0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> bowl.descend(ps -> new Sgd(List.of(other), 0.01f)).from(0, 0).steps(1)).getMessage()
                .startsWith("the optimizer must update exactly the point parameter it was given"));
        Trajectory t = bowl.descend(ps -> new Sgd(ps, 0.01f)).from(1, 1).steps(1);
        assertEquals("tolerance must be a finite distance of at least 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> t.summary(-0.1)).getMessage());
    }

    private static void assertReaches(Trajectory t) {
        assertFalse(t.diverged(), t.optimizer() + " diverged on " + t.landscape());
        assertTrue(t.finalDistance() < TOLERANCE, t.optimizer() + " on " + t.landscape() + " ended "
                + t.finalDistance() + " from the minimum after " + t.steps() + " steps");
    }
}
