package dev.glassbox.exercise;

/**
 * Thrown by a check cell in grading mode when the answer is wrong or not attempted: nbgrader gives a
 * test cell its points exactly when the cell raises no error. Its message is the check's one line.
 */
public final class ExerciseFailed extends AssertionError {
    public ExerciseFailed(String line) {
        super(line);
    }
}
