package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The essay's S2/S3: the embedding is a dictionary lookup, and a batch is indexed [sentence, position, dimension]. */
class EmbeddingTest {
    static final int CAT = 3;

    @Test
    void catRowRoundTrips() {
        Embedding wte = Embedding.named("wte").vocabSize(10).channels(5).initialisedFrom(new SplittableRandom(1)).weightStd(0.02f).build();
        wte.setRow(CAT, 3, 2, 57, 1, 62);
        assertArrayEquals(new float[]{3, 2, 57, 1, 62}, wte.row(CAT));
        // the essay's [cat, 3] = 57 counts from 1; here dimension index 2
        assertEquals(57f, wte.weight().value().get(CAT, 2));
    }

    @Test
    void batchIsIndexedSentencePositionDimension() {
        Embedding wte = Embedding.named("wte").vocabSize(10).channels(5).initialisedFrom(new SplittableRandom(1)).weightStd(0.02f).build();
        wte.setRow(CAT, 3, 2, 57, 1, 62);
        // essay: word 3 of sentence 1 is cat → [1, 3, 0:4] = 3,2,57,1,62; 0-based that is [0, 2, 0..4]
        Tensor x = wte.forward(new int[][]{{7, 1, CAT, 4}, {CAT, 0, 0, 9}});
        assertArrayEquals(new int[]{2, 4, 5}, x.shape());
        assertArrayEquals(new float[]{3, 2, 57, 1, 62}, x.vectorAt(0, 2));
        // context is ignored: the same word gives the same vector in another sentence and position
        assertArrayEquals(x.vectorAt(0, 2), x.vectorAt(1, 0));
    }

    @Test
    void lookupEqualsOneHotTimesMatrix() {
        Embedding wte = Embedding.named("wte").vocabSize(6).channels(4).initialisedFrom(new SplittableRandom(2)).weightStd(1f).build();
        Tensor x = wte.forward(new int[][]{{5, 0, 2}});
        float[] e = wte.weight().value().data();
        int[] ids = {5, 0, 2};
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 4; c++) {
                double sum = 0;   // Σ_v onehot[v] · E[v, c]
                for (int v = 0; v < 6; v++) sum += (v == ids[t] ? 1 : 0) * e[v * 4 + c];
                assertEquals(sum, x.get(0, t, c));
            }
        }
    }

    @Test
    void rowsAreCheckedForIdAndWidth() {
        Embedding wte = Embedding.named("wte").vocabSize(10).channels(5).initialisedFrom(new SplittableRandom(1)).weightStd(0.02f).build();
        var e = assertThrows(IllegalArgumentException.class, () -> wte.setRow(10, 1, 2, 3, 4, 5));
        assertTrue(e.getMessage().startsWith("token id 10 is outside vocabulary of 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> wte.setRow(3, 1, 2, 3));
        assertTrue(e.getMessage().contains("needs 5 numbers, got 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> wte.row(-1));
    }

    @Test
    void sinusoidalPositionsFollowTheFormula() {
        SinusoidalPositions pe = new SinusoidalPositions(10, 6);
        Tensor table = pe.forward(4);
        assertArrayEquals(new int[]{4, 6}, table.shape());
        // position 0: sin 0 = 0, cos 0 = 1 in alternating channels
        assertArrayEquals(new float[]{0, 1, 0, 1, 0, 1}, table.vectorAt(0), 1e-7f);
        // PE[3, 2i] = sin(3 / 10000^(2i/6)), PE[3, 2i+1] = cos(same), i = 0, 1, 2
        for (int i = 0; i < 3; i++) {
            double angle = 3 / Math.pow(10000, 2.0 * i / 6);
            assertEquals(Math.sin(angle), table.get(3, 2 * i), 1e-6);
            assertEquals(Math.cos(angle), table.get(3, 2 * i + 1), 1e-6);
        }
        assertTrue(pe.parameters().isEmpty());
    }

    @Test
    void layerNormAndGeluOfHandValues() {
        LayerNorm ln = new LayerNorm("ln", 4);
        // x = (1, 2, 3, 4): mean 2.5, variance 1.25; n = (x − 2.5) / √(1.25 + 1e-5)
        float[] y = ln.forward(Tensor.of(new float[]{1, 2, 3, 4}, 1, 4)).data();
        double s = Math.sqrt(1.25 + 1e-5);
        assertArrayEquals(new float[]{(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)}, y, 1e-6f);

        // GELU(1) = ½ (1 + tanh(√(2/π) · 1.044715)) = 0.841192, GELU(−1) = −0.158808, GELU(0) = 0
        float[] g = new Gelu().forward(Tensor.vector(1, -1, 0)).data();
        assertArrayEquals(new float[]{0.841192f, -0.158808f, 0f}, g, 1e-6f);
    }

    @Test
    void vectorAtIsTheMatchingRowOfTheFullTableForBothEncodings() {
        PositionEncoding[] encodings = {
                new PositionEmbedding("wpe", 10, 6, new SplittableRandom(4), 0.5f),
                new SinusoidalPositions(10, 6)};
        for (PositionEncoding encoding : encodings) {
            Tensor table = encoding.forward(10);
            for (int t = 0; t < 10; t++) {
                assertArrayEquals(table.vectorAt(t), encoding.vectorAt(t),
                        encoding.getClass().getSimpleName() + " position " + t);
            }
            var e = assertThrows(IllegalArgumentException.class, () -> encoding.vectorAt(10));
            assertTrue(e.getMessage().contains("context length 10"), e.getMessage());
        }
    }
}
