package dev.glassbox.exercise;

import dev.glassbox.exercise.chapters.Course;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** The exercise API: todo(), value and function checks, hints, hashing, grading mode. */
class ExercisesTest {

    @AfterEach
    void leaveGradingMode() {
        System.clearProperty("glassbox.grading");
    }

    // ------------------------------------------------------------------ todo()

    private static int intStub() {
        return Exercises.todo();
    }

    private static float[] arrayStub(float[] x) {
        return Exercises.todo();
    }

    @Test
    void todoThrowsNotAttemptedWhateverTheReturnType() {
        assertThrows(NotAttempted.class, ExercisesTest::intStub);
        assertThrows(NotAttempted.class, () -> arrayStub(new float[1]));
    }

    // ------------------------------------------------------------------ value checks

    @Test
    void aRightValuePassesWithinTheFloatTolerance() {
        Exercise loss = Course.exercise("00.2");
        double ln50257 = 10.824905;  // ln 50257 by hand: ln 5.0257 + 4 ln 10 = 1.614579 + 9.210340
        assertEquals(Status.PASSED, loss.checkValue(() -> ln50257).status());
        assertEquals(Status.PASSED, loss.checkValue(() -> (float) ln50257).status(), "a float answer is fine");
        assertEquals(Status.FAILED, loss.checkValue(() -> ln50257 + 0.01).status());
        assertEquals("✓ 00.2 correct", loss.checkValue(() -> ln50257).line());
    }

    @Test
    void anUntouchedStubIsNotAttempted() {
        Result result = Course.exercise("00.2").checkValue(() -> Exercises.todo());
        assertEquals(Status.NOT_ATTEMPTED, result.status());
        assertEquals("○ 00.2 not attempted yet", result.line());
    }

    @Test
    void shapesAreComparedBeforeValues() {
        Result result = Course.exercise("00.1").checkValue(() -> Tensor.zeros(3, 2));
        assertEquals(Status.FAILED, result.status());
        assertEquals("✗ 00.1 your answer has shape [3, 2]; expected shape [2, 3]", result.line());
    }

    @Test
    void aWrongEntryIsNamedByItsIndexWithTheStudentsValueOnly() {
        Tensor almost = Tensor.matrix(new float[][] {{0, 1, 2}, {10, 11, 99}});
        Result result = Course.exercise("00.1").checkValue(() -> almost);
        assertEquals("✗ 00.1 entry [1, 2] is 99, which is not right (1 of 6 entries are wrong)", result.line());
    }

    @Test
    void aTensorWhereAnArrayIsExpectedIsSaidInWords() {
        Result result = Course.exercise("00.1").checkValue(() -> new float[][] {{0, 1, 2}, {10, 11, 12}});
        assertEquals("✗ 00.1 your answer is an array; expected a Tensor", result.line());
    }

    @Test
    void hintsExplainCommonMistakesWithoutTheAnswer() {
        Exercise loss = Course.exercise("00.2");
        assertEquals("✗ 00.2 that is a logarithm to base 10; the loss uses the natural logarithm, Math.log",
                loss.checkValue(() -> Math.log10(50257)).line());
        assertTrue(loss.checkValue(() -> Math.log(1.0 / 50257)).hint().contains("check the sign"));
        assertTrue(loss.checkValue(() -> Math.log(65)).hint().contains("65 characters"));
        for (double wrong : new double[] {3.0, -2.0, Math.log10(50257), 1.0 / 50257}) {
            String hint = loss.checkValue(() -> wrong).hint();
            assertFalse(hint.contains("10.82"), "the hint gives the answer away: " + hint);
        }
        Exercise fill = Course.exercise("00.1");
        assertTrue(fill.checkValue(() -> Tensor.zeros(2, 3)).hint().contains("all zeros"));
        Tensor swapped = Tensor.matrix(new float[][] {{0, 10, 20}, {1, 11, 21}});
        assertTrue(fill.checkValue(() -> swapped).hint().contains("swapped"));
    }

    @Test
    void anExceptionFromTheAnswerIsAFailureThatNamesIt() {
        Result result = Course.exercise("00.1").checkValue(() -> Tensor.zeros(2, 3).get(2, 0));
        assertEquals(Status.FAILED, result.status());
        assertTrue(result.hint().startsWith("your code threw IndexOutOfBoundsException: index 2 is outside"),
                result.hint());
    }

    // ------------------------------------------------------------------ hashed values

    @Test
    void hashedAnswersMatchExactlyAndAreSaltedWithTheId() {
        Exercise error = Course.exercise("00.4");
        assertEquals(Status.PASSED, error.checkValue(() -> 0).status());
        assertEquals(Status.PASSED, error.checkValue(() -> 0L).status(), "any whole-number type");
        assertEquals("✗ 00.4 your answer 3 is not right", error.checkValue(() -> 3).line());
        assertTrue(error.checkValue(() -> 2).hint().contains("the index you wrote"));
        assertNotEquals(Exercise.hash("00.4", 0), Exercise.hash("00.5", 0));
        assertEquals(Exercise.hash("01.1", "abc"), Exercise.hash("01.1", "  abc\n"), "text is stripped");
        assertEquals(64, Exercise.hash("01.1", "abc").length());
        var e = assertThrows(IllegalArgumentException.class, () -> Exercise.hash("01.1", 0.5));
        assertTrue(e.getMessage().contains("cannot be hashed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exercise.hashed("01.1", "12ab"));
    }

    // ------------------------------------------------------------------ function checks

    /** The causal mask written independently of Chapter00, from its definition. */
    private static double[][] handMask(int n, boolean causal) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = (causal && j > i) ? 0 : 1;
        return m;
    }

    private static Result checkMask(BiFunction<Integer, Boolean, double[][]> yours) {
        return Course.exercise("00.3").checkFunction(args -> yours.apply((Integer) args[0], (Boolean) args[1]), 2);
    }

    @Test
    void aRightFunctionPassesOnEveryInput() {
        assertEquals(Status.PASSED, checkMask(ExercisesTest::handMask).status());
    }

    @Test
    void theFirstDifferingInputIsReportedWithItsHint() {
        Result noDiagonal = checkMask((n, causal) -> {
            double[][] m = handMask(n, causal);
            if (causal) for (int i = 0; i < n; i++) m[i][i] = 0;
            return m;
        });
        assertEquals("✗ 00.3 on a single token, causal (1, true): a token may always look at itself: "
                + "the diagonal holds 1", noDiagonal.line());

        Result transposed = checkMask((n, causal) -> {
            double[][] m = handMask(n, causal), t = new double[n][n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) t[j][i] = m[i][j];
            return t;
        });
        assertTrue(transposed.hint().startsWith("on the cat sat, causal (3, true): your mask is the transpose"),
                transposed.hint());

        Result ignoresFlag = checkMask((n, causal) -> handMask(n, true));
        assertTrue(ignoresFlag.hint().contains("that is the mask for causal = true"), ignoresFlag.hint());
    }

    @Test
    void withoutAMatchingHintTheFirstWrongEntryAndTheStudentsOutputAreShown() {
        Result result = checkMask((n, causal) -> {
            double[][] m = handMask(n, causal);
            if (n == 3) m[2][0] = 7;
            return m;
        });
        assertEquals("✗ 00.3 on the cat sat, causal (3, true): entry [2, 0] is 7, which is not right "
                + "(1 of 9 entries are wrong) (yours: [[1, 0, 0], [1, 1, 0], [7, 1, 1]])", result.line());
    }

    @Test
    void randomInputsAreSeededSoEveryRunTriesTheSameOnes() {
        StringBuilder first = new StringBuilder(), second = new StringBuilder();
        checkMask((n, causal) -> { first.append(n).append(causal); return handMask(n, causal); });
        checkMask((n, causal) -> { second.append(n).append(causal); return handMask(n, causal); });
        assertEquals(first.toString(), second.toString());
        assertTrue(first.length() > "1true1false3true".length(), "random inputs follow the edge cases");
    }

    @Test
    void aStubFunctionIsNotAttemptedAndAThrowingOneFails() {
        assertEquals(Status.NOT_ATTEMPTED, checkMask((n, c) -> Exercises.todo()).status());
        Result threw = checkMask((n, c) -> { throw new ArithmeticException("oops"); });
        assertEquals("✗ 00.3 on a single token, causal (1, true) your method threw ArithmeticException: oops",
                threw.line());
    }

    @Test
    void aFunctionThatChangesItsInputCannotSpoilTheReference() {
        Exercise sum = Exercise.function("99.1", (float[] x) -> x[0] + x[1]).edge("two", (Object) new float[] {1, 2});
        Function<Object[], Object> mutating = args -> {
            float[] x = (float[]) args[0];
            float s = x[0] + x[1];
            x[0] = 100;
            return s;
        };
        assertEquals(Status.PASSED, sum.checkFunction(mutating, 1).status());
    }

    @Test
    void aLambdaOfTheWrongArityIsAnAuthorErrorInOneSentence() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Course.exercise("00.3").checkFunction(args -> null, 1));
        assertEquals("exercise 00.3 checks a function of 2 argument(s); the lambda given takes 1", e.getMessage());
    }

    // ------------------------------------------------------------------ Exercises.check and grading mode

    private static String printed(Runnable check) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            check.run();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkPrintsOneLineAndNeverThrowsInAStudentsRun() {
        assertEquals("○ 00.2 not attempted yet\n", printed(() -> Exercises.check("00.2", () -> Exercises.todo())));
        assertEquals("✓ 00.4 correct\n", printed(() -> Exercises.check("00.4", () -> 0)));
        assertEquals("✗ 00.4 your answer 3 is not right\n", printed(() -> Exercises.check("00.4", 3)));
        Supplier<double[][]> stub = () -> Exercises.todo();
        assertEquals("○ 00.3 not attempted yet\n", printed(() -> Exercises.check("00.3",
                (Integer n, Boolean causal) -> stub.get())));
    }

    @Test
    void inGradingModeAWrongOrMissingAnswerThrows() {
        System.setProperty("glassbox.grading", "true");
        assertTrue(Exercises.gradingMode());
        var failed = assertThrows(ExerciseFailed.class, () -> Exercises.check("00.4", 3));
        assertEquals("✗ 00.4 your answer 3 is not right", failed.getMessage());
        var missing = assertThrows(ExerciseFailed.class, () -> Exercises.check("00.4", () -> Exercises.todo()));
        assertEquals("○ 00.4 not attempted yet", missing.getMessage());
        assertEquals("✓ 00.4 correct\n", printed(() -> Exercises.check("00.4", 0)));
    }

    @Test
    void anUnknownIdNamesTheChaptersExercises() {
        var e = assertThrows(IllegalArgumentException.class, () -> Exercises.check("00.9", 1));
        assertEquals("there is no exercise '00.9'; chapter 00 has 00.1, 00.2, 00.3, 00.4", e.getMessage());
    }

    @Test
    void everyRegisteredExerciseHasAWellFormedUniqueId() {
        var ids = Course.exercises().stream().map(Exercise::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(ids.size() >= 4);
        for (String id : ids) assertTrue(id.matches("\\d\\d\\.\\d+"), id);
    }
}
