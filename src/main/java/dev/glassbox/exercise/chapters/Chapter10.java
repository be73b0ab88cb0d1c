package dev.glassbox.exercise.chapters;

import static dev.glassbox.exercise.chapters.HintMath.sum;

import dev.glassbox.exercise.Chapter;
import dev.glassbox.exercise.Exercise;
import dev.glassbox.exercise.Hint;
import dev.glassbox.sleep.BagOfStagesBaseline;
import dev.glassbox.sleep.PositionAwareBaseline;
import dev.glassbox.sleep.SleepNights;

import java.util.List;
import java.util.random.RandomGenerator;

/** Chapter 10, sleepgpt: the two baselines' features, written by hand, and a hand-written rule. */
public final class Chapter10 implements Chapter {

    @Override
    public List<Exercise> exercises() {
        return List.of(
                // 10.1 (write it yourself): the bag-of-stages features
                Exercise.function("10.1", (int[] night) -> BagOfStagesBaseline.features(night))
                        .edge("W W N2 REM", (Object) new int[] {0, 0, 2, 4})
                        .edge("a single step of N3", (Object) new int[] {3})
                        .randomInputs(5, random -> new Object[] {randomNight(random)})
                        .hint(Hint.ofCall((Object[] input, double[] yours, double[] expected) ->
                                yours.length != 5 ? "one share per stage: W, N1, N2, N3, REM, 5 numbers" : null))
                        .hint(Hint.ofCall((Object[] input, double[] yours, double[] expected) ->
                                Math.abs(sum(yours) - ((int[]) input[0]).length) < 1e-9 && ((int[]) input[0]).length > 1
                                ? "those are counts; the baseline uses shares: divide by the night's length" : null))
                        .hint(Hint.ofCall((Object[] input, double[] yours, double[] expected) ->
                                Math.abs(sum(yours) - 1) > 1e-9 ? "shares of a night sum to 1; yours sum to "
                                        + String.format("%.3f", sum(yours)) : null)),

                // 10.2: the hand-written rule's held-out accuracy
                Exercise.value("10.2", Chapter10::ruleAccuracy)
                        .hint(Hint.when((Number yours, Number e) -> yours.doubleValue() > 1,
                                "an accuracy is a share of the 200 nights, between 0 and 1")),

                // 10.3 (write it yourself): the position-aware features
                Exercise.function("10.3", (int[] night) -> new PositionAwareBaseline(night.length).features(night))
                        .edge("W N1", (Object) new int[] {0, 1})
                        .edge("REM REM N2", (Object) new int[] {4, 4, 2})
                        .randomInputs(5, random -> new Object[] {randomNight(random)})
                        .hint(Hint.ofCall((Object[] input, double[] yours, double[] expected) ->
                                yours.length != expected.length ? "5 entries per step: a night of " + ((int[]) input[0]).length
                                        + " steps has " + expected.length + " features" : null))
                        .hint(Hint.ofCall((Object[] input, double[] yours, double[] expected) ->
                                transposedMatches((int[]) input[0], yours) ? "your entries are grouped by stage; the "
                                        + "baseline groups them by step: entry 5·t + s is step t, stage s" : null))
        );
    }

    /** "Disordered when a telling pattern occurs", on the chapter's 200 held-out nights. */
    static double ruleAccuracy() {
        var test = SleepNights.generate(1300, 48, 42).slice(1100, 1300);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int predicted = SleepNights.tellingSteps(test.stages()[i]).isEmpty() ? SleepNights.HEALTHY : SleepNights.DISORDERED;
            if (predicted == test.labels()[i]) correct++;
        }
        return (double) correct / test.size();
    }

    private static int[] randomNight(RandomGenerator random) {
        return RandomInputs.integers(random, 2 + random.nextInt(30), 5);   // 2 … 31 steps, stages 0 … 4
    }

    private static boolean transposedMatches(int[] night, double[] yours) {
        if (yours.length != 5 * night.length) return false;
        for (int t = 0; t < night.length; t++) {
            for (int s = 0; s < 5; s++) {
                if (yours[s * night.length + t] != (night[t] == s ? 1 : 0)) return false;
            }
        }
        return true;
    }
}
