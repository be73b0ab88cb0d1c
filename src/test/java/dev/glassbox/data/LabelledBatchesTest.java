package dev.glassbox.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.glassbox.data.QaSamplesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LabelledBatchesTest {
    // sequence i is (i, i, i) with label i % 2, so a row tells which sequence it is
    private final int[][] sequences = new int[10][];
    private final int[] labels = new int[10];

    LabelledBatchesTest() {
        for (int i = 0; i < 10; i++) {
            sequences[i] = new int[] {i, i, i};
            labels[i] = i % 2;
        }
    }

    @Test
    void everySequenceOncePerEpochWithItsLabel() {
        LabelledBatches batches = new LabelledBatches(sequences, labels, 5, 11);
        List<Integer> epoch1 = new ArrayList<>();
        List<Integer> epoch2 = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            LabelledBatches.Batch batch = batches.next();
            for (int b = 0; b < 5; b++) {
                int i = batch.tokens()[b][0];
                assertArrayEquals(new int[] {i, i, i}, batch.tokens()[b]);
                assertEquals(i % 2, batch.labels()[b]);
                (n < 2 ? epoch1 : epoch2).add(i);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch1.stream().sorted().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch2.stream().sorted().toList());
        assertNotEquals(epoch1, epoch2, "each epoch is shuffled afresh");
    }

    @Test
    void seededAndSequential() {
        LabelledBatches a = new LabelledBatches(sequences, labels, 3, 5);
        LabelledBatches b = new LabelledBatches(sequences, labels, 3, 5);
        for (int n = 0; n < 7; n++) assertEquals(Arrays.deepToString(a.next().tokens()), Arrays.deepToString(b.next().tokens()));
        List<LabelledBatches.Batch> in = a.sequential(10);
        assertEquals(4, in.size());
        assertEquals(1, in.get(3).batchSize());
        assertArrayEquals(new int[] {9, 9, 9}, in.get(3).tokens()[0]);
        assertArrayEquals(new int[] {1, 0, 1}, in.get(1).labels());
    }

    @Test
    void badInput() {
        assertMessage(() -> new LabelledBatches(sequences, labels, 0, 1), "batch size must be at least 1, got 0");
        assertMessage(() -> new LabelledBatches(sequences, new int[3], 2, 1), "10 sequences but 3 labels");
        assertMessage(() -> new LabelledBatches(new int[][] {{1, 2}, {3}}, new int[2], 2, 1),
                "sequence 1 has length 1, sequence 0 has 2; a batch needs equal lengths");
        assertMessage(() -> new LabelledBatches(new int[][] {{1, -2}}, new int[1], 2, 1),
                "sequence 0 holds token id -2 at position 1; ids must be at least 0");
        assertMessage(() -> new LabelledBatches(new int[][] {{1}}, new int[] {-1}, 2, 1), "label -1 of sequence 0 is negative");
        assertMessage(() -> new LabelledBatches(new int[0][], new int[0], 2, 1), "need at least one labelled sequence");
    }
}
