package dev.glassbox.cli;

import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.sleep.Stage;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyCommandTest {
    @TempDir
    static Path temp;
    static Path model;
    static String trainOutput;

    @BeforeAll
    static void trainTinyClassifier() {
        model = temp.resolve("sleep");
        trainOutput = CliRun.of("classify", "train", "--nights", "40", "--length", "24", "--steps", "5", "--layers", "1",
                "--channels", "8", "--heads", "2", "--batch", "8", "--quiet", "--out", model.toString()).assertSuccess().out();
    }

    @Test
    void trainReportsTheClassifierAndBothBaselinesAndSavesALoadableClassifier() throws Exception {
        assertTrue(trainOutput.contains("nights: 32 for training, 8 held out, 24 steps each, patterns at random steps"), trainOutput);
        assertTrue(trainOutput.contains("model: sequence classifier, 1 block, width 8, 2 heads, MEAN pooling, attention init std 0.7"), trainOutput);
        assertTrue(trainOutput.matches("(?s).*held-out accuracy on 8 nights \\(chance 50%\\):\n"
                + "  bag-of-stages baseline +\\d+\\.\\d%\n  position-aware baseline +\\d+\\.\\d%\n"
                + "  neighbour-pairs baseline +\\d+\\.\\d% +\\(handed the order: where the signal is\\)\n  sequence classifier +\\d+\\.\\d%\n.*"), trainOutput);
        SequenceClassifier classifier = SleepClassifierFiles.load(model);
        assertEquals(24, classifier.config().contextLength());
        String info = CliRun.of("info", model.toString()).assertSuccess().out();
        assertTrue(info.lines().anyMatch(l -> l.startsWith("total")
                && l.endsWith(String.format(Locale.ROOT, "%,d", classifier.parameterCount()))), info);
    }

    /**
     * The defaults are chapter 10's random-position nights and model: both baselines near chance, attention
     * far above it. 200 held-out nights: chance is 50% ± 3.5% (standard error); the baselines stay within 3 of them,
     * and attention is 6 above. Seed 42 is the default; seed 2 is another (seeds 1-5 gave 84.0, 91.5, 89.5, 64.5
     * and 88.5%, see README).
     */
    @ParameterizedTest
    @ValueSource(strings = {"42", "2"})
    void byDefaultOfTheLearnersOnlyAttentionBeatsChanceOnRandomPositionNights(String seed) {
        String out = CliRun.of("classify", "train", "--seed", seed, "--quiet", "--out", temp.resolve("random" + seed).toString())
                .assertSuccess().out();
        assertTrue(out.contains("800 for training, 200 held out, 24 steps each, patterns at random steps"), out);
        assertTrue(out.contains("held-out accuracy on 200 nights (chance 50%)"), out);
        double bag = percent(out, "bag-of-stages baseline"), position = percent(out, "position-aware baseline");
        double attention = percent(out, "sequence classifier");
        Matcher pairs = Pattern.compile("(?m)^  neighbour-pairs baseline +(\\d+\\.\\d)% ").matcher(out);
        assertTrue(pairs.find() && Double.parseDouble(pairs.group(1)) >= 95, "the baseline handed the pairs sees the signal:\n" + out);
        assertTrue(Math.abs(bag - 50) <= 10.6, out);
        assertTrue(Math.abs(position - 50) <= 10.6, out);
        assertTrue(attention >= 72, out);
    }

    @Test
    void layoutAnchoredStillPutsTheDisordersAtTheStart() {
        String out = CliRun.of("classify", "train", "--layout", "ANCHORED", "--nights", "20", "--length", "24", "--steps", "2",
                "--channels", "8", "--heads", "2", "--batch", "4", "--quiet", "--out", temp.resolve("anchored").toString()).assertSuccess().out();
        assertTrue(out.contains("nights: 16 for training, 4 held out, 24 steps each, disorders at the start"), out);
    }

    @Test
    void classifyTrainHasTheChaptersOptimizerDefaultsAndTrainKeepsItsOwn() {
        String classify = CliRun.of("classify", "train", "--help").assertSuccess().out();
        assertTrue(classify.contains("weight decay λ (default 0.01)") && classify.contains("β₂ (default 0.99)"), classify);
        String train = CliRun.of("train", "--help").assertSuccess().out();
        assertTrue(train.contains("weight decay λ (default 0.1)") && train.contains("β₂ (default 0.999)"), train);
    }

    private static double percent(String out, String row) {
        Matcher m = Pattern.compile("(?m)^  " + row + " +(\\d+\\.\\d)%$").matcher(out);
        assertTrue(m.find(), "no row '" + row + "' in\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void predictPrintsTheSoftmaxOfEachWindowAndTheirMean() throws Exception {
        List<String> lines = new ArrayList<>(List.of("epoch,stage"));
        String[] pattern = {"W", "W", "N1", "N2", "N2", "N3", "N3", "N2", "REM", "REM"};
        for (int e = 0; e < 55; e++) lines.add(e + "," + pattern[(e * 7 / 3) % pattern.length]);
        Path csv = temp.resolve("night.csv");
        Files.write(csv, lines);
        String out = CliRun.of("classify", "predict", "--csv", csv.toString(), "--model", model.toString()).assertSuccess().out();

        // by hand: windows of 24 epochs at 0 and 24 (the last 7 epochs do not fill a window), softmax of the two logits
        SequenceClassifier classifier = SleepClassifierFiles.load(model);
        double sum = 0;
        for (int w = 0; w < 2; w++) {
            int[] window = new int[24];
            for (int t = 0; t < 24; t++) window[t] = Stage.parse(pattern[((w * 24 + t) * 7 / 3) % pattern.length]).ordinal();
            Tensor logits = classifier.forward(new int[][] {window});
            double p = 1 / (1 + Math.exp(logits.get(0, 0) - logits.get(0, 1)));   // softmax over two classes
            sum += p;
            String expected = String.format(Locale.ROOT, "epochs %4d-%-4d  P(disordered) %.3f", w * 24 + 1, w * 24 + 24, p);
            assertTrue(out.contains(expected), "expected '" + expected + "' in\n" + out);
        }
        assertTrue(out.contains(String.format(Locale.ROOT, "overall (mean of windows)  P(disordered) %.3f", sum / 2)), out);
        assertTrue(out.contains("55 epochs, 2 windows of 24"), out);
    }

    /** Two short runs of the chapter's random-position classifier: a CSV under a comment naming the chapter's command, one row per run. */
    @Test
    void seedsWritesOneCsvRowPerRun() throws Exception {
        Path csv = temp.resolve("sweep/seeds.csv");
        String out = CliRun.of("classify", "seeds", "--seeds", "4..5", "--batch-seed", "same", "--steps", "3", "--out", csv.toString()).assertSuccess().out();
        assertTrue(out.contains("1/2  RANDOM_POSITION seed 4, batch seed 4, attention init std 0.7, 3 steps: held-out accuracy "), out);
        assertTrue(out.contains("wrote " + csv + " (2 rows)"), out);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("# chapter 10's seed sweep, written by: " + dev.glassbox.sleep.SeedSweep.COMMAND, lines.get(0));
        assertEquals("model,seed,batch_seed,attention_init_std,steps,held_out_accuracy,last_loss", lines.get(1));
        assertTrue(lines.get(2).matches("RANDOM_POSITION,4,4,0\\.7,3,0\\.\\d{3},0\\.\\d{4}"), lines.get(2));
        assertTrue(lines.get(3).startsWith("RANDOM_POSITION,5,5,0.7,3,"), lines.get(3));
        try (var files = Files.list(csv.getParent())) {
            assertEquals(List.of(csv), files.toList(), "no partial file is left behind");
        }
    }

    @Test
    void seedsRefusesBadOptionsInOneLine() {
        Path csv = temp.resolve("never.csv");
        CliRun.of("classify", "seeds", "--seeds", "3..1", "--out", csv.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "seeds 3..1 are empty; expected first <= last");
        CliRun.of("classify", "seeds", "--seeds", "one", "--out", csv.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "--seeds expects FIRST..LAST such as 1..7, or one seed, got 'one'");
        CliRun.of("classify", "seeds", "--attention-init-std", "0.7,-1", "--out", csv.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "attention init std must be a positive number, got -1.0");
        CliRun.of("classify", "seeds", "--batch-seed", "x", "--out", csv.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "--batch-seed expects a number or 'same', got 'x'");
        CliRun.of("classify", "seeds", "--steps", "1", "--out", csv.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "steps must be at least 2, got 1");
        CliRun.of("classify", "seeds", "--out", temp.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "is a directory; expected a CSV file");
        assertTrue(!Files.exists(csv));
    }

    @Test
    void predictErrorsAreOneLine() throws Exception {
        Path bad = temp.resolve("bad.csv");
        Files.write(bad, List.of("W", "N2", "deep", "N3"));
        CliRun.of("classify", "predict", "--csv", bad.toString(), "--model", model.toString())
                .assertOneLineError(Main.FAILED, "line 3: 'deep' is not a sleep stage");
        Path shortNight = temp.resolve("short.csv");
        Files.write(shortNight, List.of("W", "N1", "N2"));
        CliRun.of("classify", "predict", "--csv", shortNight.toString(), "--model", model.toString())
                .assertOneLineError(Main.FAILED, "shorter than one window of 24");
        CliRun.of("classify", "predict", "--csv", temp.resolve("none.csv").toString(), "--model", model.toString())
                .assertOneLineError(Main.FAILED, "no such file or directory");
        CliRun.of("classify", "predict", "--model", model.toString()).assertOneLineError(Main.BAD_ARGUMENTS, "--csv");
        CliRun.of("classify").assertOneLineError(Main.BAD_ARGUMENTS, "missing command: train, predict or seeds");
        CliRun.of("classify", "train", "--attention-init-std", "0", "--out", temp.resolve("never").toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "--attention-init-std must be a positive number, got 0.0");
        CliRun.of("classify", "train", "--nights", "3", "--out", temp.resolve("x").toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "fewer than 2 nights");
        CliRun.of("classify", "train", "--layout", "SHUFFLED", "--out", temp.resolve("x").toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, "--layout");
    }
}
