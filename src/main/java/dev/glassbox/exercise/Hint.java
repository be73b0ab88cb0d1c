package dev.glassbox.exercise;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A sentence for a wrong answer that helps without giving the answer away ("your row sums to 1.31;
 * a softmax row sums to 1"). An exercise tries its hints in order and prints the first that applies;
 * when none does, the check names the first difference it found (type, shape, or one entry).
 *
 * <p>{@code input} is the input the student's function got (null for a value exercise). A hint whose
 * lambda expects other types than the answer has simply does not apply.
 */
@FunctionalInterface
public interface Hint {

    /** The sentence, or null when this hint does not apply to this wrong answer. */
    String explain(Object yours, Object expected, Object[] input);

    /** A hint computed from the student's answer and the expected one; return null when it does not apply. */
    @SuppressWarnings("unchecked")
    static <Y, E> Hint of(BiFunction<Y, E, String> sentence) {
        return (yours, expected, input) -> {
            try {
                return sentence.apply((Y) yours, (E) expected);
            } catch (ClassCastException wrongType) {
                return null;
            }
        };
    }

    /** A fixed sentence, shown when {@code applies} holds for (yours, expected). */
    @SuppressWarnings("unchecked")
    static <Y, E> Hint when(BiPredicate<Y, E> applies, String sentence) {
        return (yours, expected, input) -> {
            try {
                return applies.test((Y) yours, (E) expected) ? sentence : null;
            } catch (ClassCastException wrongType) {
                return null;
            }
        };
    }

    /** A hint for a function exercise that also looks at the input (the arguments of the call). */
    @SuppressWarnings("unchecked")
    static <Y, E> Hint ofCall(Fn3<Object[], Y, E, String> sentence) {
        return (yours, expected, input) -> {
            try {
                return sentence.apply(input, (Y) yours, (E) expected);
            } catch (ClassCastException wrongType) {
                return null;
            }
        };
    }
}
