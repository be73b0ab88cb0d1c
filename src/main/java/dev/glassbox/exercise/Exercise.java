package dev.glassbox.exercise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One exercise: an id such as {@code "03.1"}, what its answer is compared with, and its hints.
 *
 * <ul>
 *   <li>{@link #value(String, Supplier)}: the expected value is computed by the library when the check
 *       runs, so it never appears in the notebook;</li>
 *   <li>{@link #hashed(String, String)}: an exact answer (text, a whole number) that the library cannot
 *       compute, stored only as {@link #hash(String, Object)};</li>
 *   <li>{@code function(id, reference)}: the student's method is run against the library's own
 *       implementation on the edge cases and on seeded random inputs; the first input where they differ
 *       is reported.</li>
 * </ul>
 *
 * Chapter classes build exercises with these factories and the chained setters; see {@code docs/exercises.md}.
 */
public final class Exercise {
    private final String id;
    private final Supplier<Object> expected;          // value exercises
    private final String expectedHash;                // hashed exercises
    private final Function<Object[], Object> reference; // function exercises
    private final int arity;
    private final List<Hint> hints = new ArrayList<>();
    private final List<Case> edgeCases = new ArrayList<>();
    private Function<RandomGenerator, Object[]> randomInput;
    private int randomCases = 5;
    private double absoluteTolerance = 1e-5;
    private double relativeTolerance = 1e-4;

    /** An edge case of a function exercise: what it is, in words, and its arguments. */
    private record Case(String name, Object[] arguments) {}

    private Exercise(String id, Supplier<Object> expected, String expectedHash,
                     Function<Object[], Object> reference, int arity) {
        if (id == null || !id.matches("\\d\\d\\.\\d+")) {
            throw new IllegalArgumentException("exercise id '" + id + "' is not of the form NN.n, e.g. 03.1");
        }
        this.id = id;
        this.expected = expected;
        this.expectedHash = expectedHash;
        this.reference = reference;
        this.arity = arity;
    }

    // ------------------------------------------------------------------ factories

    /** A value exercise; {@code expected} computes the answer with the library at check time. */
    @SuppressWarnings("unchecked")
    public static Exercise value(String id, Supplier<?> expected) {
        return new Exercise(id, (Supplier<Object>) Objects.requireNonNull(expected), null, null, 0);
    }

    /** A value exercise with an exact answer stored only as its hash ({@link #hash(String, Object)}). */
    public static Exercise hashed(String id, String expectedHash) {
        if (expectedHash == null || !expectedHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("exercise " + id + ": '" + expectedHash
                    + "' is not a SHA-256 hash of 64 hex digits; compute it with Exercise.hash(id, answer)");
        }
        return new Exercise(id, null, expectedHash, null, 0);
    }

    /** A function exercise of one argument, checked against {@code reference}. */
    @SuppressWarnings("unchecked")
    public static <A, R> Exercise function(String id, Function<A, R> reference) {
        return new Exercise(id, null, null, args -> reference.apply((A) args[0]), 1);
    }

    /** A function exercise of two arguments, checked against {@code reference}. */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Exercise function(String id, BiFunction<A, B, R> reference) {
        return new Exercise(id, null, null, args -> reference.apply((A) args[0], (B) args[1]), 2);
    }

    /** A function exercise of three arguments, checked against {@code reference}. */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Exercise function(String id, Fn3<A, B, C, R> reference) {
        return new Exercise(id, null, null, args -> reference.apply((A) args[0], (B) args[1], (C) args[2]), 3);
    }

    // ------------------------------------------------------------------ settings

    /** Adds a hint; hints are tried in the order added, the first that applies is printed. */
    public Exercise hint(Hint hint) {
        hints.add(Objects.requireNonNull(hint));
        return this;
    }

    /** Floats match when |yours − expected| ≤ absolute + relative·|expected| (default 1e-5 and 1e-4). */
    public Exercise tolerance(double absolute, double relative) {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be ≥ 0, got " + absolute + " and " + relative);
        }
        absoluteTolerance = absolute;
        relativeTolerance = relative;
        return this;
    }

    /** An edge case of a function exercise, named in words ("a single element", "large scores"). */
    public Exercise edge(String name, Object... arguments) {
        requireFunction("edge cases");
        if (arguments.length != arity) {
            throw new IllegalArgumentException("exercise " + id + " takes " + arity + " argument(s); edge case '"
                    + name + "' has " + arguments.length);
        }
        edgeCases.add(new Case(name, arguments));
        return this;
    }

    /**
     * Random inputs of a function exercise: {@code generator} draws one call's arguments. The generator
     * is seeded from the exercise id, so every run tries the same inputs.
     */
    public Exercise randomInputs(int count, Function<RandomGenerator, Object[]> generator) {
        requireFunction("random inputs");
        if (count < 0) throw new IllegalArgumentException("count of random inputs must be ≥ 0, got " + count);
        randomCases = count;
        randomInput = Objects.requireNonNull(generator);
        return this;
    }

    private void requireFunction(String what) {
        if (reference == null) throw new IllegalStateException("exercise " + id + " is not a function exercise; "
                + what + " belong to function exercises");
    }

    public String id() {
        return id;
    }

    /** Whether the student's answer is a function (rather than a value). */
    public boolean isFunction() {
        return reference != null;
    }

    /** The number of arguments of a function exercise, 0 for a value exercise. */
    public int arity() {
        return arity;
    }

    // ------------------------------------------------------------------ checking

    /** Checks a value answer; {@code answer} is called here, so a {@link NotAttempted} from it is caught. */
    Result checkValue(Supplier<?> answer) {
        if (isFunction()) {
            throw new IllegalArgumentException("exercise " + id + " checks a function of " + arity
                    + " argument(s), not a value: pass a lambda such as (float[] x) -> yourMethod(x)");
        }
        Object yours;
        try {
            yours = answer.get();
        } catch (NotAttempted n) {
            return Result.notAttempted(id);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Result.failed(id, "your code threw " + describe(e));
        }
        if (expectedHash != null) {
            if (hash(id, yours).equals(expectedHash)) return Result.passed(id);
            String hint = firstHint(yours, null, null);
            return Result.failed(id, hint != null ? hint : "your answer " + Compare.show(yours) + " is not right");
        }
        Object want = expected.get();
        String difference = Compare.difference(yours, want, absoluteTolerance, relativeTolerance);
        if (difference == null) return Result.passed(id);
        String hint = firstHint(yours, want, null);
        return Result.failed(id, hint != null ? hint : difference);
    }

    /** Checks the student's function against the reference: edge cases first, then the random inputs. */
    Result checkFunction(Function<Object[], Object> yourFunction, int yourArity) {
        if (!isFunction()) {
            throw new IllegalArgumentException("exercise " + id + " checks a value, not a function: "
                    + "pass () -> yourMethod()");
        }
        if (yourArity != arity) {
            throw new IllegalArgumentException("exercise " + id + " checks a function of " + arity
                    + " argument(s); the lambda given takes " + yourArity);
        }
        List<Case> cases = new ArrayList<>(edgeCases);
        if (randomInput != null) {
            RandomGenerator random = new Random(id.hashCode() * 0x9E3779B97F4A7C15L);
            for (int i = 0; i < randomCases; i++) cases.add(new Case("random input " + (i + 1), randomInput.apply(random)));
        }
        if (cases.isEmpty()) throw new IllegalStateException("function exercise " + id + " has no inputs to try");
        for (Case c : cases) {
            Object want = reference.apply(copyAll(c.arguments));
            Object yours;
            try {
                yours = yourFunction.apply(copyAll(c.arguments));
            } catch (NotAttempted n) {
                return Result.notAttempted(id);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return Result.failed(id, "on " + c.name + " " + showArguments(c.arguments) + " your method threw "
                        + describe(e));
            }
            String difference = Compare.difference(yours, want, absoluteTolerance, relativeTolerance);
            if (difference != null) {
                String hint = firstHint(yours, want, copyAll(c.arguments));
                return Result.failed(id, "on " + c.name + " " + showArguments(c.arguments) + ": "
                        + (hint != null ? hint : difference + " (yours: " + Compare.show(yours) + ")"));
            }
        }
        return Result.passed(id);
    }

    private String firstHint(Object yours, Object want, Object[] input) {
        for (Hint hint : hints) {
            String sentence;
            try {
                sentence = hint.explain(yours, want, input);
            } catch (RuntimeException e) { // a hint that cannot judge this answer (null, an odd shape) does not apply
                sentence = null;
            }
            if (sentence != null) return sentence;
        }
        return null;
    }

    private static Object[] copyAll(Object[] arguments) {
        Object[] copy = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) copy[i] = Compare.copy(arguments[i]);
        return copy;
    }

    private static String showArguments(Object[] arguments) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) out.append(", ");
            out.append(Compare.show(arguments[i]));
        }
        return out.append(')').toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The hash an exact answer is stored as: SHA-256 of the exercise id and the answer's canonical text
     * (a string stripped of surrounding spaces, a whole number in decimal, true/false), in hex. Salted
     * with the id, so the same answer to two exercises has two different hashes.
     */
    public static String hash(String id, Object answer) {
        String canonical;
        if (answer instanceof Float || answer instanceof Double) {
            throw new IllegalArgumentException("exercise " + id + ": a float answer cannot be hashed exactly; "
                    + "compute it with Exercise.value instead");
        } else if (answer instanceof CharSequence || answer instanceof Character) {
            canonical = answer.toString().strip();
        } else {
            canonical = String.valueOf(answer);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("glassbox-exercise " + id + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
