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

    @Test
    void topStepsNamesTheLargestWeightsWithTheirNeighbours() {
        // head 0 looks mostly at step 2 (column 3), then step 0 (column 1)
        double[][] attention = {{0.1, 0.2, 0.05, 0.6, 0.05}};
        List<String> lines = SleepPlots.topSteps(attention, new int[] {0, 2, 0, 2}, 2);
        assertEquals("head 0:   step  2 (N2 [W] N2) 0.60   step  0 (- [W] N2) 0.20", lines.get(0));
    }

    @Test
    void aHypnogramRefusesStageIdsOutsideTheFiveStages() {
        var e = assertThrows(IllegalArgumentException.class, () -> SleepPlots.hypnogram("bad", new int[] {0, 9}));
        assertTrue(e.getMessage().contains("stage id 9 at step 1"), e.getMessage());
    }
}
