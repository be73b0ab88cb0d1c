package dev.glassbox.nn;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What a Gpt must do beyond correct gradients: tying, causality, shapes, init, determinism, a sane first loss. */
class GptTest {
    static final GptConfig SMALL = GptConfig.of(11, 8, 8, 2, 2);

    @AfterEach
    void restoreThreads() {
        Matmul.setThreads(2);
    }

    @Test
    void lmHeadIsTheTokenEmbeddingItself() {
        Gpt gpt = new Gpt(SMALL, 1);
        int[][] tokens = {{3, 1, 4, 1, 5}};
        gpt.forward(tokens);
        float[] embedding = gpt.tokenEmbedding().weight().value().data();
        assertSame(embedding, gpt.parameters().get(0).value().data());
        assertEquals("wte.weight", gpt.parameters().get(0).name());
        assertEquals(0, gpt.parameters().stream().filter(p -> p.name().contains("lm_head")).count(), "no separate head matrix");

        // logits[t, v] = ln_f(x)[t] · E[v] (S8), recomputed by hand from the trace and the embedding
        Tensor x = find(gpt.trace(), "ln_f");
        Tensor logits = gpt.logits();
        for (int t = 0; t < 5; t++) {
            for (int v = 0; v < 11; v++) {
                double dot = 0;
                for (int c = 0; c < 8; c++) dot += x.get(0, t, c) * embedding[v * 8 + c];
                assertEquals(dot, logits.get(0, t, v), 1e-5);
            }
        }

        // writing into the embedding changes the head: make token 7's row a large copy of x[0, 4]
        float[] row = new float[8];
        for (int c = 0; c < 8; c++) row[c] = 10 * x.get(0, 4, c);
        gpt.tokenEmbedding().setRow(7, row);
        gpt.forward(new int[][]{{3, 1, 4, 1, 6}});
        // no copy was taken: the head's logit for token 7 is now ln_f(x)[t] · (the new row)
        Tensor after = gpt.logits();
        Tensor xAfter = find(gpt.trace(), "ln_f");
        for (int t = 0; t < 5; t++) {
            double dot = 0;
            for (int c = 0; c < 8; c++) dot += xAfter.get(0, t, c) * row[c];
            assertEquals(dot, after.get(0, t, 7), 1e-4);
        }
    }

    @Test
    void parameterNamesAndShapesFollowGpt2() {
        Gpt gpt = new Gpt(GptConfig.of(11, 8, 8, 2, 2), 1);
        List<String> expected = new ArrayList<>(List.of("wte.weight [11, 8]", "wpe.weight [8, 8]"));
        for (int i = 0; i < 2; i++) {
            String h = "h." + i + ".";
            expected.addAll(List.of(h + "ln_1.weight [8]", h + "ln_1.bias [8]",
                    h + "attn.c_attn.weight [8, 24]", h + "attn.c_attn.bias [24]",
                    h + "attn.c_proj.weight [8, 8]", h + "attn.c_proj.bias [8]",
                    h + "ln_2.weight [8]", h + "ln_2.bias [8]",
                    h + "mlp.c_fc.weight [8, 32]", h + "mlp.c_fc.bias [32]",
                    h + "mlp.c_proj.weight [32, 8]", h + "mlp.c_proj.bias [8]"));
        }
        expected.addAll(List.of("ln_f.weight [8]", "ln_f.bias [8]"));
        List<String> actual = gpt.parameters().stream()
                .map(p -> p.name() + " " + Arrays.toString(p.value().shape())).toList();
        assertEquals(expected, actual);
        // 88 + 64 + 2 · (16 + 216 + 72 + 16 + 288 + 264) + 16
        assertEquals(88 + 64 + 2 * 872 + 16, gpt.parameterCount());
        assertTrue(gpt.parameters().stream().filter(p -> !p.decays())
                .allMatch(p -> p.name().endsWith(".bias") || p.name().contains("ln_")), "only matrices decay");
    }

    @Test
    void sinusoidalModelHasNoPositionParameters() {
        Gpt gpt = new Gpt(SMALL.withPositions(PositionKind.SINUSOIDAL), 1);
        assertTrue(gpt.parameters().stream().noneMatch(p -> p.name().startsWith("wpe")));
        assertTrue(gpt.positionEncoding() instanceof SinusoidalPositions);
    }

    @Test
    void initialisationFollowsGpt2() {
        int layers = 4;
        Gpt gpt = new Gpt(GptConfig.of(64, 32, 64, layers, 4), 7);
        for (Parameter p : gpt.parameters()) {
            float[] v = p.value().data();
            String n = p.name();
            if (n.endsWith(".bias")) {
                for (float f : v) assertEquals(0f, f, n);
            } else if (n.contains("ln_")) {
                for (float f : v) assertEquals(1f, f, n);
            } else {
                double expectedStd = n.endsWith("c_proj.weight") ? 0.02 / Math.sqrt(2 * layers) : 0.02;
                double mean = 0, sq = 0;
                for (float f : v) { mean += f; sq += f * f; }
                mean /= v.length;
                double std = Math.sqrt(sq / v.length - mean * mean);
                // ≥ 2048 samples: the sample std is within ~1.6 % (1 sd) of the true one; allow 10 %
                assertEquals(expectedStd, std, 0.1 * expectedStd, n);
                assertEquals(0, mean, 4 * expectedStd / Math.sqrt(v.length), n);
            }
        }
    }

    @Test
    void freshModelLossIsNearLogV() {
        // with tiny init every token is about equally likely: loss ≈ −log(1/V) = ln V
        Gpt gpt = new Gpt(GptConfig.of(65, 16, 32, 2, 4), 3);
        int[][] tokens = {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 10, 11, 12, 13, 14, 15, 16}};
        int[][] targets = {{2, 3, 4, 5, 6, 7, 8, 9}, {10, 11, 12, 13, 14, 15, 16, 17}};
        assertEquals(Math.log(65), gpt.forward(tokens, targets), 0.05);
    }

    @Test
    void laterTokensDoNotChangeEarlierLogits() {
        Gpt gpt = new Gpt(SMALL, 5);
        float[] before = gpt.forward(new int[][]{{1, 2, 3, 4, 5, 6}}).data().clone();
        float[] after = gpt.forward(new int[][]{{1, 2, 3, 9, 0, 10}}).data();
        int changedFrom = 3 * 11;   // positions 0..2 hold 3 · V logits
        assertArrayEquals(Arrays.copyOf(before, changedFrom), Arrays.copyOf(after, changedFrom), "positions 0..2 are exactly equal");
        assertFalse(Arrays.equals(Arrays.copyOfRange(before, changedFrom, before.length),
                Arrays.copyOfRange(after, changedFrom, after.length)), "positions 3..5 saw different tokens");
    }

    @Test
    void sameSeedSameModelDifferentSeedDifferentModel() {
        int[][] tokens = {{1, 2, 3, 4}, {4, 3, 2, 1}};
        Gpt a = new Gpt(SMALL, 11), b = new Gpt(SMALL, 11), c = new Gpt(SMALL, 12);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().data(), b.parameters().get(i).value().data());
        }
        assertArrayEquals(a.forward(tokens).data(), b.forward(tokens).data());
        assertFalse(Arrays.equals(a.forward(tokens).data(), c.forward(tokens).data()));
    }

    @Test
    void oneOrTwoThreadsGiveBitIdenticalResults() {
        // large enough that every Linear and the head pass Matmul's threshold for going parallel
        GptConfig config = GptConfig.of(64, 16, 32, 2, 4);
        int[][] tokens = new int[4][16];
        int[][] targets = new int[4][16];
        for (int b = 0; b < 4; b++) for (int t = 0; t < 16; t++) { tokens[b][t] = (7 * b + 3 * t) % 64; targets[b][t] = (tokens[b][t] + 1) % 64; }
        Matmul.setThreads(1);
        Gpt one = new Gpt(config, 9);
        float lossOne = one.forward(tokens, targets);
        one.backward();
        Matmul.setThreads(2);
        Gpt two = new Gpt(config, 9);
        float lossTwo = two.forward(tokens, targets);
        two.backward();
        assertEquals(lossOne, lossTwo);
        assertArrayEquals(one.logits().data(), two.logits().data());
        for (int i = 0; i < one.parameters().size(); i++) {
            assertArrayEquals(one.parameters().get(i).grad().data(), two.parameters().get(i).grad().data(),
                    one.parameters().get(i).name());
        }
    }

    @Test
    void sequenceKeepsItsLengthThroughEveryBlock() {
        // S7: each sub-layer adds a change to the residual stream, so T never changes
        Gpt gpt = new Gpt(GptConfig.of(11, 8, 8, 3, 2), 1);
        for (int length = 1; length <= 8; length++) {
            gpt.forward(new int[2][length]);
            List<Activation> trace = gpt.trace();
            assertEquals(1 + 2 * 3 + 2, trace.size());
            for (Activation a : trace) {
                int last = a.name().equals("logits") ? 11 : 8;
                assertArrayEquals(new int[]{2, length, last}, a.shape(), a.name());
            }
        }
    }

    @Test
    void traceListsTheResidualStreamInDataFlowOrder() {
        Gpt gpt = new Gpt(SMALL, 1);
        gpt.forward(new int[][]{{1, 2, 3}});
        assertEquals(List.of("embeddings", "h.0.after_attn", "h.0.after_mlp", "h.1.after_attn", "h.1.after_mlp", "ln_f", "logits"),
                gpt.trace().stream().map(Activation::name).toList());
        assertSame(gpt.blocks().get(1).residualAfterMlp(), find(gpt.trace(), "h.1.after_mlp"));
        // embeddings = wte[token] + wpe[position]
        float[] wte = gpt.tokenEmbedding().row(2);
        for (int c = 0; c < 8; c++) {
            assertEquals(wte[c] + gpt.parameters().get(1).value().get(1, c), find(gpt.trace(), "embeddings").get(0, 1, c), 1e-7);
        }
    }

    @Test
    void dropoutActsOnlyWhileTraining() {
        Gpt gpt = new Gpt(SMALL.withDropout(0.5f), 1);
        int[][] tokens = {{1, 2, 3, 4}};
        float[] eval1 = gpt.forward(tokens).data().clone();
        assertArrayEquals(eval1, gpt.forward(tokens).data());
        gpt.setTraining(true);
        assertTrue(gpt.isTraining());
        float[] train1 = gpt.forward(tokens).data().clone();
        float[] train2 = gpt.forward(tokens).data().clone();
        assertFalse(Arrays.equals(eval1, train1));
        assertFalse(Arrays.equals(train1, train2), "a new mask each pass");
        gpt.setTraining(false);
        assertArrayEquals(eval1, gpt.forward(tokens).data());
    }

    static Tensor find(List<Activation> trace, String name) {
        return trace.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().value();
    }
}
