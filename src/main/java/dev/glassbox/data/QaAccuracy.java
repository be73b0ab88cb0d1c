package dev.glassbox.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exact-match accuracy: ask each question, cut the generated text at the end marker, and compare
 * with the true answer character for character (no trimming: " 19" is wrong).
 */
public final class QaAccuracy {
    private QaAccuracy() {}

    /** Anything that continues a prompt, typically a trained model generating after {@code A:}. */
    @FunctionalInterface
    public interface Answerer {
        /**
         * @param prompt {@code "Q:" + question + "A:"}
         * @return the text generated after the prompt; anything from the first
         *         {@link QaSamples#END} on is ignored
         */
        String answer(String prompt);
    }

    /** A wrong answer, for showing what the model got wrong. */
    public record Mistake(QaSample sample, String got) {
        @Override
        public String toString() {
            return sample.prompt() + " expected \"" + sample.answer() + "\", got \"" + got + "\"";
        }
    }

    /** How many answers were right, and the wrong ones. */
    public record Result(int correct, int total, List<Mistake> mistakes) {
        public double accuracy() {
            return (double) correct / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d correct (%.1f %%)", correct, total, 100 * accuracy());
        }
    }

    /** Asks every sample's prompt and counts exact matches. */
    public static Result exactMatch(List<QaSample> samples, Answerer answerer) {
        if (samples.isEmpty()) throw new IllegalArgumentException("need at least one sample to measure accuracy");
        int correct = 0;
        List<Mistake> mistakes = new ArrayList<>();
        for (QaSample sample : samples) {
            String generated = answerer.answer(sample.prompt());
            if (generated == null) {
                throw new IllegalArgumentException("the answerer returned null for prompt \"" + sample.prompt() + "\"");
            }
            String answer = answerPart(generated);
            if (answer.equals(sample.answer())) correct++;
            else mistakes.add(new Mistake(sample, answer));
        }
        return new Result(correct, samples.size(), List.copyOf(mistakes));
    }

    /** The generated text up to (not including) the first end marker. */
    public static String answerPart(String generated) {
        int end = generated.indexOf(QaSamples.END);
        return end < 0 ? generated : generated.substring(0, end);
    }
}
