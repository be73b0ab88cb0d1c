package dev.glassbox.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Level sets (contours) of a function of two numbers, drawn as grey {@link LineFigure#guide guide}
 * lines under optimizer paths: the curves where f(x, y) has one value, like height lines on a map.
 *
 * <p>Each level set is given as a curve: for a level c and an angle θ from 0 to 2π, a point with
 * f = c. For the bowl f = ½(x² + κy²) that is the ellipse x = √(2c)·cos θ, y = √(2c/κ)·sin θ.
 * Points outside the window are left out, so one level can come out as several pieces.
 *
 * <pre>
 *   Contours.of((c, th) -&gt; new double[] {Math.sqrt(2 * c) * Math.cos(th), Math.sqrt(2 * c / 25) * Math.sin(th)})
 *           .levels(0.02, 0.2, 1.0)
 *           .within(-1.2, 0.6, -0.25, 0.25)
 *           .drawOn(figure);
 * </pre>
 */
public final class Contours {

    /** One point of the curve f = level, at angle theta in [0, 2π]. */
    @FunctionalInterface
    public interface LevelSet {
        double[] at(double level, double theta);
    }

    /** Points per level set, enough for a smooth ellipse at notebook sizes. */
    public static final int DEFAULT_POINTS = 400;

    private final LevelSet curve;
    private double[] levels;
    private double xMin = Double.NEGATIVE_INFINITY, xMax = Double.POSITIVE_INFINITY;
    private double yMin = Double.NEGATIVE_INFINITY, yMax = Double.POSITIVE_INFINITY;
    private int points = DEFAULT_POINTS;

    private Contours(LevelSet curve) {
        this.curve = curve;
    }

    /** Contours of the level sets that {@code curve} traces. */
    public static Contours of(LevelSet curve) {
        if (curve == null) {
            throw new IllegalArgumentException("the level-set curve is null; pass (level, theta) -> new double[] {x, y}");
        }
        return new Contours(curve);
    }

    /** The values c of the level sets f = c to draw. */
    public Contours levels(double... levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("no levels given; pass at least one value c for the curve f = c");
        }
        this.levels = Figure.finite("levels", levels);
        return this;
    }

    /** Keeps only the points with xMin ≤ x ≤ xMax and yMin ≤ y ≤ yMax. */
    public Contours within(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("window x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax
                + " is empty; each minimum must be below its maximum");
        }
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        return this;
    }

    /** How many points trace each level set (default {@value #DEFAULT_POINTS}). */
    public Contours points(int points) {
        if (points < 8) {
            throw new IllegalArgumentException("points " + points + " is too few to trace a curve; use at least 8");
        }
        this.points = points;
        return this;
    }

    /**
     * The unbroken pieces of the level set f = level inside the window, each as {xs, ys}. A piece
     * needs at least two points; single points between two exits are dropped.
     */
    public List<double[][]> pieces(double level) {
        List<double[][]> pieces = new ArrayList<>();
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i <= points; i++) {
            double[] p = curve.at(level, 2 * Math.PI * i / points);
            if (p == null || p.length != 2) {
                throw new IllegalArgumentException("the level-set curve returned " + Arrays.toString(p)
                    + " at level " + level + "; expected a point {x, y}");
            }
            boolean inside = Double.isFinite(p[0]) && Double.isFinite(p[1])
                && p[0] >= xMin && p[0] <= xMax && p[1] >= yMin && p[1] <= yMax;
            if (inside) {
                run.add(p);
            }
            if ((!inside || i == points) && run.size() > 1) {
                pieces.add(new double[][] {
                    run.stream().mapToDouble(q -> q[0]).toArray(),
                    run.stream().mapToDouble(q -> q[1]).toArray()});
            }
            if (!inside) {
                run = new ArrayList<>();
            }
        }
        return pieces;
    }

    /** Adds every piece of every level to {@code figure} as a guide line named "f = c". */
    public LineFigure drawOn(LineFigure figure) {
        if (levels == null) {
            throw new IllegalStateException("no levels to draw; call levels(...) first");
        }
        for (double level : levels) {
            for (double[][] piece : pieces(level)) {
                figure.guide("f = " + level, piece[0], piece[1]);
            }
        }
        return figure;
    }
}
