package dev.glassbox.exercise;

import dev.glassbox.exercise.chapters.Course;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What notebook cells call: {@code import static dev.glassbox.exercise.Exercises.*;} in the setup cell,
 * then {@code return todo();} in an answer stub and {@code check("03.1", ...)} in a check cell.
 *
 * <p>A check prints one line: {@code ✓ 03.1 correct}, {@code ✗ 03.1 <hint>} or
 * {@code ○ 03.1 not attempted yet}. In a student's notebook it never throws for a wrong or missing
 * answer, so "Run All" always reaches the end. In grading mode (environment variable
 * {@code GLASSBOX_GRADING=1} or system property {@code glassbox.grading=true}, set by
 * {@code ./glassbox grade}) a wrong or missing answer also throws {@link ExerciseFailed}: nbgrader gives
 * a test cell its points exactly when it raises no error.
 *
 * <p>Check cells pass the answer as a lambda, so the student's method is called inside the check
 * (where a {@link NotAttempted} is caught) and not in the cell itself:
 * <pre>{@code
 * check("00.2", () -> uniformLoss());                                  // a value
 * check("04.2", (float[] scores) -> softmaxRow(scores));               // a function of one argument
 * check("00.3", (Integer n, Boolean causal) -> attentionMask(n, causal)); // two arguments (boxed types)
 * }</pre>
 * Lambda parameters need their types (boxed for primitives); JShell's top-level methods have no
 * {@code this::method} reference.
 */
public final class Exercises {
    private Exercises() {}

    /** The stub of every answer: {@code return todo();}. Throws {@link NotAttempted}, which the check catches. */
    public static <T> T todo() {
        throw new NotAttempted();
    }

    /** Checks a value that is already computed (a cell that computes it from a stub would raise). */
    public static void check(String id, Object value) {
        report(exercise(id).checkValue(() -> value));
    }

    /** Checks a value answer: {@code check("00.2", () -> uniformLoss())}. */
    public static void check(String id, Supplier<?> answer) {
        report(exercise(id).checkValue(answer));
    }

    /** Checks a function of one argument: {@code check("04.2", (float[] s) -> softmaxRow(s))}. */
    @SuppressWarnings("unchecked")
    public static <A, R> void check(String id, Function<A, R> yours) {
        report(exercise(id).checkFunction(args -> yours.apply((A) args[0]), 1));
    }

    /** Checks a function of two arguments: {@code check("00.3", (Integer n, Boolean c) -> attentionMask(n, c))}. */
    @SuppressWarnings("unchecked")
    public static <A, B, R> void check(String id, BiFunction<A, B, R> yours) {
        report(exercise(id).checkFunction(args -> yours.apply((A) args[0], (B) args[1]), 2));
    }

    /** Checks a function of three arguments. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> void check(String id, Fn3<A, B, C, R> yours) {
        report(exercise(id).checkFunction(args -> yours.apply((A) args[0], (B) args[1], (C) args[2]), 3));
    }

    /** Whether checks throw on a wrong or missing answer (set by {@code ./glassbox grade}). */
    public static boolean gradingMode() {
        return "1".equals(System.getenv("GLASSBOX_GRADING")) || Boolean.getBoolean("glassbox.grading");
    }

    private static Exercise exercise(String id) {
        return Course.exercise(id);
    }

    private static void report(Result result) {
        System.out.println(result.line());
        if (gradingMode() && result.status() != Status.PASSED) throw new ExerciseFailed(result.line());
    }
}
