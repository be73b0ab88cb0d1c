package dev.glassbox.exercise.chapters;

import dev.glassbox.data.Batches;
import dev.glassbox.data.QaSample;
import dev.glassbox.data.QaSamples;
import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.tokenize.CharTokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 08, Training on Q:A: the loss floor, the next-token targets of a line, the unpredictable positions. */
public final class Chapter08 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 08.1: how many of the 100 one-digit sums have a two-digit answer
                Exercise.value("08.1", Chapter08::twoDigitAnswers)
                        .hint(Hint.when((Integer yours, Integer expected) -> yours == 100 - expected,
                                "that is the number of one-digit answers; count the answers of length 2"))
                        .hint(Hint.when((Integer yours, Integer expected) -> yours > 100 || yours < 0,
                                "there are only 100 sums")),

                // 08.2 (write it yourself): the targets of a line are its ids shifted by one
                Exercise.function("08.2", (int[] ids) -> targetsByBatches(ids))
                        .edge("the line Q:3+5=?A:8⏎", (Object) LINES.encode("Q:3+5=?A:8\n"))
                        .edge("a two-character line", (Object) LINES.encode("Q:"))
                        .randomInputs(5, random -> new Object[] {LINES.encode(randomLine(random))})
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                yours.length == expected.length + 1
                                ? "you returned one target per id; the last character has no next one" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                yours.length == expected.length
                                        && Arrays.equals(yours, Arrays.copyOf((int[]) input[0], expected.length))
                                ? "those are the inputs (the characters seen); a target is the character after each one" : null))
                        .hint(Hint.ofCall((Object[] input, int[] yours, int[] expected) ->
                                yours.length != expected.length
                                ? "a line of " + ((int[]) input[0]).length + " ids has " + (((int[]) input[0]).length - 1)
                                  + " targets; you returned " + yours.length : null)),

                // 08.3: the positions whose next character is an operand
                Exercise.value("08.3", () -> new int[] {1, 3})
                        .hint(Hint.when((int[] yours, int[] expected) -> Arrays.equals(yours, new int[] {2, 4}),
                                "those are the positions of the operands themselves; the question asks where the "
                                + "next character is an operand"))
                        .hint(Hint.when((int[] yours, int[] expected) -> Arrays.stream(yours).anyMatch(p -> p == 8),
                                "position 8 predicts the answer, which follows from the operands: a model that adds can know it"))
        );
    }

    private static final CharTokenizer LINES = CharTokenizer.fromCorpus(QaSamples.text(QaSamples.arithmetic(9, QaSamples.Operation.ADD)));

    static int twoDigitAnswers() {
        int count = 0;
        for (QaSample s : QaSamples.arithmetic(9, QaSamples.Operation.ADD)) if (s.answer().length() == 2) count++;
        return count;
    }

    /** The library's own cut: one window over the whole line; its targets are the line shifted by one. */
    static int[] targetsByBatches(int[] ids) {
        return Batches.over(ids).source("one line").batchSize(1).contextLength(ids.length - 1).build().sequential(1).get(0).targets()[0];
    }

    private static String randomLine(RandomGenerator random) {
        return new QaSample(random.nextInt(10) + "+" + random.nextInt(10) + "=?", String.valueOf(random.nextInt(19))).text();
    }
}
