package dev.glassbox.optim;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The path an optimizer took over a {@link Landscape}: position and value after each step, step 0
 * being the start.
 *
 * @param diverged true if the walk was stopped because f blew up
 */
public record Trajectory(String landscape, String optimizer, double[] x, double[] y, double[] value,
                         double[] minimum, boolean diverged) {

    /** The number of steps actually taken. */
    public int steps() {
        return x.length - 1;
    }

    /** Euclidean distance from the point after {@code step} to the minimum. */
    public double distanceToMinimum(int step) {
        if (step < 0 || step > steps()) {
            throw new IndexOutOfBoundsException("step " + step + " is outside 0.." + steps());
        }
        return Math.hypot(x[step] - minimum[0], y[step] - minimum[1]);
    }

    /** Distance to the minimum where the walk ended. */
    public double finalDistance() {
        return distanceToMinimum(steps());
    }

    /** The first step whose point lies within {@code tolerance} of the minimum, or -1 if none. */
    public int stepsToReach(double tolerance) {
        for (int s = 0; s <= steps(); s++) {
            if (distanceToMinimum(s) <= tolerance) return s;
        }
        return -1;
    }

    /**
     * One line on where the walk ended, e.g. {@code after 60 steps at (-0.004, 0.000): distance to (0, 0) 0.0041,
     * first within 0.01 at step 23} ("-" if it never came that close; "diverged" if it was stopped).
     */
    public String summary(double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite distance of at least 0, got " + tolerance);
        }
        int reached = stepsToReach(tolerance);
        return String.format("after %d steps at (%.3f, %.3f): distance to (%s, %s) %.4f, first within %s at step %s%s",
                steps(), x[steps()], y[steps()], plain(minimum[0]), plain(minimum[1]), finalDistance(), plain(tolerance),
                reached < 0 ? "-" : String.valueOf(reached), diverged ? " (diverged)" : "");
    }

    /** 1.0 as "1", 0.01 as "0.01". */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Columns step, x, y, f and optimizer, ready for a line or scatter plot over contours. */
    public Table toTable() {
        int n = x.length;
        int[] steps = new int[n];
        for (int s = 0; s < n; s++) steps[s] = s;
        String[] names = new String[n];
        Arrays.fill(names, optimizer);
        return Table.create(optimizer + " on " + landscape,
                IntColumn.create("step", steps),
                DoubleColumn.create("x", x),
                DoubleColumn.create("y", y),
                DoubleColumn.create("f", value),
                StringColumn.create("optimizer", names));
    }
}
