package dev.glassbox.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Built-in question–answer data in the essay's {@code Q:…A:…} format, generated, nothing to
 * download.
 *
 * <p><b>Arithmetic</b> ({@link #arithmetic}): every pair of operands 0…n for the chosen operations,
 * written without spaces: {@code Q:12+7=?A:19}, {@code Q:12-7=?A:5}, {@code Q:3*4=?A:12}.
 * Subtraction only where the first operand is at least the second, so answers are never negative.
 * Because the rule is the same for all pairs, a model can answer questions it never saw: that is
 * what the held-out split measures.
 *
 * <p><b>Facts</b> ({@link #facts}): a small table of capitals, colours and animal sounds,
 * {@code Q:capital of France?A:Paris}. A fact can only be memorised, not inferred: a held-out fact
 * question asks for knowledge the model was never shown, so expect it to fail there (knowledge
 * lives in the parameters, essay S12). Train on all facts and ask them back to see memorisation.
 *
 * <p><b>End marker</b>: every line ends with a newline {@link #END}. Generation stops there, so
 * the model itself says where the answer ends ({@code 19} vs {@code 190}).
 */
public final class QaSamples {
    /** Ends every sample line; a generator stops when it produces this character. */
    public static final char END = '\n';

    /** The largest operand {@link #arithmetic} accepts, to keep the data set small. */
    public static final int MAX_OPERAND = 999;

    private QaSamples() {}

    /** An arithmetic operation, with the symbol used in the question. */
    public enum Operation {
        ADD('+'), SUBTRACT('-'), MULTIPLY('*');

        public final char symbol;

        Operation(char symbol) {
            this.symbol = symbol;
        }

        /** The result, or -1 where the pair is not used (subtraction with a &lt; b). */
        int apply(int a, int b) {
            return switch (this) {
                case ADD -> a + b;
                case SUBTRACT -> a >= b ? a - b : -1;
                case MULTIPLY -> a * b;
            };
        }
    }

    /**
     * Every question {@code a op b} with 0 ≤ a, b ≤ {@code maxOperand}, in a fixed order (by
     * operation, then a, then b). {@code arithmetic(9, ADD)} gives the 100 one-digit sums.
     */
    public static List<QaSample> arithmetic(int maxOperand, Operation... operations) {
        if (maxOperand < 1 || maxOperand > MAX_OPERAND) {
            throw new IllegalArgumentException("largest operand must lie in 1.." + MAX_OPERAND + ", got " + maxOperand);
        }
        if (operations.length == 0) throw new IllegalArgumentException("choose at least one operation");
        Set<Operation> distinct = new LinkedHashSet<>(List.of(operations));
        List<QaSample> samples = new ArrayList<>();
        for (Operation op : distinct) {
            for (int a = 0; a <= maxOperand; a++) {
                for (int b = 0; b <= maxOperand; b++) {
                    int result = op.apply(a, b);
                    if (result >= 0) samples.add(new QaSample(a + "" + op.symbol + b + "=?", Integer.toString(result)));
                }
            }
        }
        return List.copyOf(samples);
    }

    // (subject, answer) pairs: small, true, and with answers of a few letters
    private static final String[][] CAPITALS = {
            {"France", "Paris"}, {"Germany", "Berlin"}, {"Italy", "Rome"}, {"Spain", "Madrid"},
            {"Japan", "Tokyo"}, {"China", "Beijing"}, {"Egypt", "Cairo"}, {"Peru", "Lima"},
            {"Kenya", "Nairobi"}, {"Norway", "Oslo"}, {"Greece", "Athens"}, {"Russia", "Moscow"},
            {"Canada", "Ottawa"}, {"Cuba", "Havana"}, {"Chile", "Santiago"}, {"Ireland", "Dublin"},
            {"Austria", "Vienna"}, {"Poland", "Warsaw"}, {"Portugal", "Lisbon"}, {"Thailand", "Bangkok"},
    };
    private static final String[][] COLOURS = {
            {"grass", "green"}, {"snow", "white"}, {"coal", "black"}, {"blood", "red"},
            {"the sky", "blue"}, {"a banana", "yellow"}, {"an orange", "orange"}, {"a lemon", "yellow"},
            {"milk", "white"}, {"a tomato", "red"}, {"soot", "black"}, {"a leaf", "green"},
    };
    private static final String[][] SOUNDS = {
            {"cow", "moo"}, {"dog", "woof"}, {"cat", "meow"}, {"duck", "quack"},
            {"sheep", "baa"}, {"owl", "hoot"}, {"bee", "buzz"}, {"snake", "hiss"},
            {"lion", "roar"}, {"mouse", "squeak"},
    };

    /**
     * The built-in facts, 42 in all: {@code capital of X?}, {@code colour of X?},
     * {@code sound of a X?}.
     */
    public static List<QaSample> facts() {
        List<QaSample> samples = new ArrayList<>();
        for (String[] f : CAPITALS) samples.add(new QaSample("capital of " + f[0] + "?", f[1]));
        for (String[] f : COLOURS) samples.add(new QaSample("colour of " + f[0] + "?", f[1]));
        for (String[] f : SOUNDS) samples.add(new QaSample("sound of a " + f[0] + "?", f[1]));
        return List.copyOf(samples);
    }

    /** Training and held-out samples; no question appears in both. */
    public record Split(List<QaSample> train, List<QaSample> heldOut) {}

    /**
     * Shuffles the samples with {@code seed} and holds out {@code round(fraction · n)} of them.
     * Both parts keep the shuffled order. Fails if a question appears twice (with the same or
     * another answer), because then "held out" would not mean "never seen".
     */
    public static Split split(List<QaSample> samples, double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must lie strictly between 0 and 1, got " + heldOutFraction);
        }
        Map<String, QaSample> byQuestion = new HashMap<>();
        for (QaSample s : samples) {
            QaSample earlier = byQuestion.put(s.question(), s);
            if (earlier != null) {
                throw new IllegalArgumentException("question \"" + s.question() + "\" appears twice (answers \""
                        + earlier.answer() + "\" and \"" + s.answer() + "\")");
            }
        }
        int heldOut = (int) Math.round(heldOutFraction * samples.size());
        if (heldOut < 1 || heldOut > samples.size() - 1) {
            throw new IllegalArgumentException("holding out " + heldOutFraction + " of " + samples.size()
                    + " samples leaves " + heldOut + " held out and " + (samples.size() - heldOut)
                    + " for training; each part needs at least one");
        }
        List<QaSample> shuffled = shuffled(samples, new SplittableRandom(seed));
        return new Split(List.copyOf(shuffled.subList(heldOut, shuffled.size())),
                List.copyOf(shuffled.subList(0, heldOut)));
    }

    /** The samples' lines joined, in the given order. */
    public static String text(List<QaSample> samples) {
        StringBuilder text = new StringBuilder();
        for (QaSample s : samples) text.append(s.text());
        return text.toString();
    }

    /**
     * The training text: {@code epochs} copies of the samples, each copy in a fresh order drawn
     * from {@code seed}. With one fixed order a model could lower its loss by memorising which
     * question follows which; reshuffled, the only thing left to learn is the answers.
     */
    public static String shuffledText(List<QaSample> samples, int epochs, long seed) {
        if (samples.isEmpty()) throw new IllegalArgumentException("need at least one sample");
        if (epochs < 1) throw new IllegalArgumentException("number of epochs must be at least 1, got " + epochs);
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        for (int e = 0; e < epochs; e++) text.append(text(shuffled(samples, random)));
        return text.toString();
    }

    private static List<QaSample> shuffled(List<QaSample> samples, SplittableRandom random) {
        List<QaSample> shuffled = new ArrayList<>(samples);
        for (int i = shuffled.size() - 1; i > 0; i--) {       // Fisher–Yates
            int j = random.nextInt(i + 1);
            QaSample tmp = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, tmp);
        }
        return shuffled;
    }
}
