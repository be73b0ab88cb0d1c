package dev.glassbox.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.glassbox.data.QaSamplesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.*;

/** Batches and LabelledBatches built by name: the same batches as the positional constructors, and named mistakes. */
class BatchBuildersTest {
    private final int[] stream = IntStream.range(100, 150).toArray();

    @Test
    void builtBatchesDrawTheSameWindowsAsConstructedOnes() {
        Batches built = Batches.over(stream).batchSize(4).contextLength(8).seed(7).build();
        Batches made = new Batches(stream, 4, 8, 7);
        assertEquals(4, built.batchSize());
        assertEquals(8, built.contextLength());
        assertEquals("token stream", built.source());
        for (int n = 0; n < 5; n++) {
            Batches.Batch a = built.next(), b = made.next();
            assertArrayEquals(b.inputs(), a.inputs());
            assertArrayEquals(b.targets(), a.targets());
        }
    }

    @Test
    void theSeedDefaultsTo0AndTheSourceNamesTheTokens() {
        Batches built = Batches.over(stream).source("held-out lines").batchSize(3).contextLength(5).build();
        Batches made = new Batches("held-out lines", stream, 3, 5, 0);
        assertEquals("held-out lines", built.source());
        assertArrayEquals(made.next().inputs(), built.next().inputs());
        assertMessage(() -> Batches.over(new int[4]).source("held-out lines").batchSize(1).contextLength(4).build(),
                "held-out lines has 4 tokens, too short for context length 4: one window needs 5 (T inputs and the token after them)");
    }

    @Test
    void batchesNameWhatIsMissingOrWrong() {
        IllegalStateException noT = assertThrows(IllegalStateException.class,
                () -> Batches.over(stream).batchSize(4).build());
        assertEquals("Batches needs contextLength; add .contextLength(...) before build()", noT.getMessage());
        IllegalStateException noB = assertThrows(IllegalStateException.class,
                () -> Batches.over(stream).contextLength(8).build());
        assertEquals("Batches needs batchSize; add .batchSize(...) before build()", noB.getMessage());
        assertMessage(() -> Batches.over(stream).batchSize(0).contextLength(8).build(), "batch size must be at least 1, got 0");
    }

    @Test
    void builtLabelledBatchesShuffleLikeConstructedOnes() {
        int[][] sequences = new int[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            sequences[i] = new int[] {i, i};
            labels[i] = i % 2;
        }
        LabelledBatches built = LabelledBatches.over(sequences, labels).batchSize(3).seed(5).build();
        LabelledBatches made = new LabelledBatches(sequences, labels, 3, 5);
        LabelledBatches seed0 = LabelledBatches.over(sequences, labels).batchSize(3).build();
        LabelledBatches made0 = new LabelledBatches(sequences, labels, 3, 0);
        assertEquals(3, built.batchSize());
        for (int n = 0; n < 7; n++) {
            assertEquals(Arrays.deepToString(made.next().tokens()), Arrays.deepToString(built.next().tokens()));
            assertEquals(Arrays.deepToString(made0.next().tokens()), Arrays.deepToString(seed0.next().tokens()));
        }
        IllegalStateException noB = assertThrows(IllegalStateException.class,
                () -> LabelledBatches.over(sequences, labels).seed(3).build());
        assertEquals("LabelledBatches needs batchSize; add .batchSize(...) before build()", noB.getMessage());
        assertMessage(() -> LabelledBatches.over(sequences, new int[3]).batchSize(2).build(), "10 sequences but 3 labels");
    }
}
