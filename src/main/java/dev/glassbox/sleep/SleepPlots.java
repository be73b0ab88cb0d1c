package dev.glassbox.sleep;

import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.nn.Softmax;
import dev.glassbox.plot.LineFigure;
import dev.glassbox.plot.Plot;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What chapter 10 draws and reads off a sleep-stage classifier: hypnograms and the class token's attention. */
public final class SleepPlots {
    private SleepPlots() {}

    /**
     * Height of each stage on a hypnogram, as sleep labs draw it: wake at the top, REM just below it,
     * then N1, N2 and N3 deeper and deeper (indexed by stage id: W, N1, N2, N3, REM).
     */
    private static final int[] HEIGHT = {4, 2, 1, 0, 3};
    /** The stage names from the bottom of a hypnogram to its top: heights 0 to 4. */
    private static final String[] BOTTOM_TO_TOP = {"N3", "N2", "N1", "REM", "W"};
    /** One character per stage: W, 1 (N1), 2 (N2), 3 (N3), R (REM). */
    private static final String[] SHORT = {"W", "1", "2", "3", "R"};

    /** A hypnogram: each step of the night a flat segment at its stage's height, the y axis labelled with the stages. */
    public static LineFigure hypnogram(String title, int[] night) {
        SleepNights.counts(night);   // checks every stage id
        double[] x = new double[2 * night.length], y = new double[2 * night.length];
        for (int t = 0; t < night.length; t++) {       // a flat segment from t to t + 1
            x[2 * t] = t;
            x[2 * t + 1] = t + 1;
            y[2 * t] = y[2 * t + 1] = HEIGHT[night[t]];
        }
        return Plot.line(title, "step of the night (from 0)", "stage")
                .series("stage", x, y)
                .yCategories(BOTTOM_TO_TOP)
                .hideLegend();
    }

    /** Column labels for a class-token attention map: "C" (the class token), then W, 1, 2, 3, R for each step. */
    public static String[] columnLabels(int[] night) {
        String[] steps = stepLabels(night);
        String[] labels = new String[steps.length + 1];
        labels[0] = "C";
        System.arraycopy(steps, 0, labels, 1, steps.length);
        return labels;
    }

    /** One character per step of the night: W, 1 (N1), 2 (N2), 3 (N3), R (REM). */
    public static String[] stepLabels(int[] night) {
        SleepNights.counts(night);   // checks every stage id
        String[] labels = new String[night.length];
        for (int t = 0; t < night.length; t++) labels[t] = SHORT[night[t]];
        return labels;
    }

    /**
     * The class token's attention (position 0) over every position in block {@code layer}, one row
     * per head: row h, column k is how much head h of the class token takes from position k (k = 0 is
     * the class token itself, k = t + 1 is step t). Runs a forward pass on {@code night} alone.
     */
    public static double[][] classTokenAttention(SequenceClassifier classifier, int[] night, int layer) {
        if (classifier.classToken().isEmpty()) {
            throw new IllegalArgumentException("this classifier pools by " + classifier.config().pooling()
                    + "; it has no class token to read the attention of");
        }
        return attentionFrom(classifier, night, layer, 0);
    }

    /**
     * Where one position looks in block {@code layer}, one row per head: row h, column k is how much
     * head h at {@code position} takes from position k. Positions are the block's: with a class token
     * position 0 is the class token and step t is position t + 1; with MEAN pooling step t is position t.
     * Runs a forward pass on {@code night} alone.
     */
    public static double[][] attentionFrom(SequenceClassifier classifier, int[] night, int layer, int position) {
        int positions = classifier.config().pooling() == Pooling.CLASS_TOKEN ? night.length + 1 : night.length;
        if (position < 0 || position >= positions) {
            throw new IllegalArgumentException("position " + position + " is outside 0.." + (positions - 1)
                    + " (the " + positions + " positions this classifier sees for a night of " + night.length + " steps)");
        }
        if (layer < 0 || layer >= classifier.blocks().size()) {
            throw new IllegalArgumentException("layer " + layer + " is outside 0.." + (classifier.blocks().size() - 1));
        }
        classifier.forward(new int[][] {night});
        Tensor weights = classifier.blocks().get(layer).attention().internals().attentionWeights();   // (1, NH, L, L)
        int heads = weights.dim(1);
        double[][] rows = new double[heads][positions];
        for (int h = 0; h < heads; h++) for (int k = 0; k < positions; k++) rows[h][k] = weights.get(0, h, position, k);
        return rows;
    }

    /**
     * For each head, the {@code count} steps it attends to most, each with its neighbours, e.g.
     * {@code head 0:   step 18 (N2 [W] N2) 0.47   ...}. The rows are those of {@link #attentionFrom}:
     * one column per step, or the class token first and then one per step.
     */
    public static List<String> topSteps(double[][] attention, int[] night, int count) {
        String[] names = Stage.names();
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < attention.length; h++) {
            double[] row = attention[h];
            int first = row.length - night.length;   // 1 with a class token in column 0, else 0
            if (first != 0 && first != 1) {
                throw new IllegalArgumentException("an attention row of " + row.length + " columns does not fit a night of "
                        + night.length + " steps (expected " + night.length + ", or " + (night.length + 1) + " with a class token)");
            }
            Integer[] order = new Integer[night.length];
            for (int t = 0; t < night.length; t++) order[t] = t;
            Arrays.sort(order, (a, b) -> Double.compare(row[b + first], row[a + first]));   // column t + first is step t
            StringBuilder s = new StringBuilder("head " + h + ":");
            for (int i = 0; i < Math.min(count, night.length); i++) {
                int t = order[i];
                String before = t > 0 ? names[night[t - 1]] : "-", after = t + 1 < night.length ? names[night[t + 1]] : "-";
                s.append(String.format(Locale.ROOT, "   step %2d (%s [%s] %s) %.2f", t, before, names[night[t]], after, row[t + first]));
            }
            lines.add(s.toString());
        }
        return lines;
    }

    /**
     * The share of {@code nights} the classifier gets right: a night is called disordered when its disordered
     * score is larger than its healthy one. Runs the forward passes in slices of 256 nights.
     */
    public static double accuracy(SequenceClassifier classifier, SleepNights.Dataset nights) {
        if (nights.size() == 0) throw new IllegalArgumentException("no nights to measure the accuracy on");
        int correct = 0;
        for (int from = 0; from < nights.size(); from += 256) {
            int to = Math.min(nights.size(), from + 256);
            float[] logits = classifier.forward(Arrays.copyOfRange(nights.stages(), from, to)).data();   // (B, 2), flat
            for (int i = from; i < to; i++) {
                int b = i - from;
                int predicted = logits[2 * b + SleepNights.DISORDERED] > logits[2 * b + SleepNights.HEALTHY]
                        ? SleepNights.DISORDERED : SleepNights.HEALTHY;
                if (predicted == nights.labels()[i]) correct++;
            }
        }
        return (double) correct / nights.size();
    }

    /** P(disordered) for one night: the softmax of the classifier's two scores. */
    public static double probabilityDisordered(SequenceClassifier classifier, int[] night) {
        float[] p = Softmax.of(classifier.forward(new int[][] {night}).data());   // (2): healthy, disordered
        return p[SleepNights.DISORDERED];
    }
}
