package dev.glassbox.sleep;

import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SleepPlotsTest {

    @Test
    void columnLabelsPutTheClassTokenFirstAndOneCharacterPerStage() {
        assertArrayEquals(new String[] {"C", "W", "1", "2", "3", "R"}, SleepPlots.columnLabels(new int[] {0, 1, 2, 3, 4}));
    }

    @Test
    void classTokenAttentionRowsAreSoftmaxRowsOverTheClassTokenAndEveryStep() {
        var classifier = new SequenceClassifier(ClassifierConfig.of(5, 6, 8, 1, 2, 2, Pooling.CLASS_TOKEN), 1);
        double[][] rows = SleepPlots.classTokenAttention(classifier, new int[] {0, 1, 2, 2, 4, 0}, 0);
        assertEquals(2, rows.length, "one row per head");
        for (double[] row : rows) {
            assertEquals(7, row.length, "the class token and 6 steps");
            double sum = 0;
            for (double w : row) sum += w;
            assertEquals(1, sum, 1e-5);
        }
        var mean = new SequenceClassifier(ClassifierConfig.of(5, 6, 8, 1, 2, 2, Pooling.MEAN), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> SleepPlots.classTokenAttention(mean, new int[6], 0));
        assertTrue(e.getMessage().contains("no class token"), e.getMessage());
    }

    /**
     * The accuracy over a data set (batched forward passes, larger score wins) agrees with calling each night
     * one at a time through P(disordered) ≥ 0.5, on 300 nights: more than one slice of 256.
     */
    @Test
    void accuracyCountsTheNightsWhoseLargerScoreIsTheirLabel() {
        var classifier = new SequenceClassifier(ClassifierConfig.of(5, 24, 8, 1, 2, 2, Pooling.MEAN), 3);
        var nights = SleepNights.generate(300, 24, 5, SleepNights.Layout.RANDOM_POSITIONS);
        int correct = 0;
        for (int i = 0; i < nights.size(); i++) {
            int predicted = SleepPlots.probabilityDisordered(classifier, nights.stages()[i]) >= 0.5 ? 1 : 0;
            if (predicted == nights.labels()[i]) correct++;
        }
        assertEquals(correct / 300.0, SleepPlots.accuracy(classifier, nights), 1e-12);
        int[] healthy = new int[300], disordered = new int[300];
        java.util.Arrays.fill(disordered, 1);
        assertEquals(1.0, SleepPlots.accuracy(classifier, new SleepNights.Dataset(nights.stages(), healthy, nights.disorders()))
                + SleepPlots.accuracy(classifier, new SleepNights.Dataset(nights.stages(), disordered, nights.disorders())), 1e-12,
                "every night is called one or the other");
    }

    @Test
    void topStepsNamesTheLargestWeightsWithTheirNeighbours() {
        // head 0 looks mostly at step 2 (column 3), then step 0 (column 1)
        double[][] attention = {{0.1, 0.2, 0.05, 0.6, 0.05}};
        List<String> lines = SleepPlots.topSteps(attention, new int[] {0, 2, 0, 2}, 2);
        assertEquals("head 0:   step  2 (N2 [W] N2) 0.60   step  0 (- [W] N2) 0.20", lines.get(0));
    }

    @Test
    void attentionFromAStepOfAMeanPooledClassifierIsItsSoftmaxRowOverTheSteps() {
        var classifier = new SequenceClassifier(ClassifierConfig.of(5, 6, 8, 1, 2, 2, Pooling.MEAN), 1);
        int[] night = {0, 4, 2, 2, 0, 2};
        double[][] rows = SleepPlots.attentionFrom(classifier, night, 0, 1);
        var weights = classifier.blocks().get(0).attention().internals().attentionWeights();   // (1, 2, 6, 6) of the same pass
        assertEquals(2, rows.length, "one row per head");
        for (int h = 0; h < 2; h++) {
            assertEquals(6, rows[h].length, "6 steps, no class token");
            double sum = 0;
            for (int k = 0; k < 6; k++) {
                assertEquals(weights.get(0, h, 1, k), rows[h][k], 0.0);
                sum += rows[h][k];
            }
            assertEquals(1, sum, 1e-5);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SleepPlots.attentionFrom(classifier, night, 0, 6));
        assertTrue(e.getMessage().contains("position 6 is outside 0..5"), e.getMessage());
        assertArrayEquals(new String[] {"W", "R", "2", "2", "W", "2"}, SleepPlots.stepLabels(night));
    }

    @Test
    void topStepsReadsRowsWithoutAClassToken() {
        double[][] attention = {{0.1, 0.6, 0.2, 0.1}};   // one column per step: step 1 first, then step 2
        List<String> lines = SleepPlots.topSteps(attention, new int[] {0, 4, 2, 2}, 2);
        assertEquals("head 0:   step  1 (W [REM] N2) 0.60   step  2 (REM [N2] N2) 0.20", lines.get(0));
        var e = assertThrows(IllegalArgumentException.class, () -> SleepPlots.topSteps(attention, new int[] {0, 4}, 1));
        assertTrue(e.getMessage().contains("does not fit a night of 2 steps"), e.getMessage());
    }

    @Test
    void aHypnogramDrawsWakeOnTopThenRemThenDeeperSleepAndNamesTheStagesOnTheYAxis() {
        // stage ids W 0, N1 1, N2 2, N3 3, REM 4; heights W 4, REM 3, N1 2, N2 1, N3 0
        var figure = SleepPlots.hypnogram("night", new int[] {0, 4, 1, 2, 3});
        var plotly = figure.plotly();
        assertEquals("[4.0,4.0,3.0,3.0,2.0,2.0,1.0,1.0,0.0,0.0]", plotly.at("/data/0/y").toString());
        assertEquals("[0.0,1.0,1.0,2.0,2.0,3.0,3.0,4.0,4.0,5.0]", plotly.at("/data/0/x").toString());
        assertEquals("[\"N3\",\"N2\",\"N1\",\"REM\",\"W\"]", plotly.at("/layout/yaxis/ticktext").toString());
        assertFalse(plotly.at("/layout/showlegend").asBoolean(true), "one series: no legend");
    }

    @Test
    void aHypnogramRefusesStageIdsOutsideTheFiveStages() {
        var e = assertThrows(IllegalArgumentException.class, () -> SleepPlots.hypnogram("bad", new int[] {0, 9}));
        assertTrue(e.getMessage().contains("stage id 9 at step 1"), e.getMessage());
    }
}
