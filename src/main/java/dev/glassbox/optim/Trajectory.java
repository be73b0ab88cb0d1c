package dev.glassbox.optim;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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
