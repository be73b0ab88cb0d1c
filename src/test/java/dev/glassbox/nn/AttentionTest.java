package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.glassbox.nn.GradientAssertions.random;
import static org.junit.jupiter.api.Assertions.*;

class AttentionTest {
    static final int B = 2, T = 5, C = 8, NH = 2, HS = 4;

    static CausalSelfAttention attention(boolean causal, AttentionScaling scaling) {
        var attn = CausalSelfAttention.named("attn").channels(C).heads(NH).causal(causal).scaling(scaling)
                .initialisedFrom(new SplittableRandom(3)).weightStd(0.5f).projectionStd(0.5f).build();
        GradientAssertions.perturb(attn.cAttn().bias(), 4, 0.3f);
        GradientAssertions.perturb(attn.cProj().bias(), 5, 0.3f);
        return attn;
    }

    @Test
    void builderNamesEverySetting() {
        var built = CausalSelfAttention.named("attn").channels(C).heads(NH).causal(false).scaling(AttentionScaling.COSINE)
                .initialisedFrom(new SplittableRandom(3)).weightStd(0.5f).projectionStd(0.25f).build();
        var random = new SplittableRandom(3);   // c_attn's weights are drawn first, then c_proj's, from the same generator
        Tensor cAttn = Tensor.randn(random, 0.5f, C, 3 * C), cProj = Tensor.randn(random, 0.25f, C, C);
        assertEquals(NH, built.heads());
        assertEquals(HS, built.headSize());
        assertEquals(AttentionScaling.COSINE, built.scaling());
        assertArrayEquals(cAttn.data(), built.cAttn().weight().value().data());
        assertArrayEquals(cProj.data(), built.cProj().weight().value().data());
        assertEquals("attn.c_proj.weight", built.cProj().weight().name());
        built.forward(random(4, 1f, 1, T, C));
        assertTrue(built.internals().attentionWeights().get(0, 0, 0, T - 1) > 0, "not causal: position 0 sees the last one");
        var defaults = CausalSelfAttention.named("h.0.attn").channels(C).build();
        assertEquals(1, defaults.heads());
        assertEquals(AttentionScaling.SQRT_DK, defaults.scaling());
        assertArrayEquals(Tensor.randn(new SplittableRandom(0), 0.02f, C, 3 * C).data(), defaults.cAttn().weight().value().data());
        defaults.forward(random(4, 1f, 1, T, C));
        assertEquals(0f, defaults.internals().attentionWeights().get(0, 0, 0, T - 1), "causal by default: position 0 sees only itself");
    }

    /** The textbook formula with commons-math matrices in double, one (b, head) at a time: an independent reference. */
    @ParameterizedTest
    @EnumSource(AttentionScaling.class)
    void matchesMatrixFormulaInDouble(AttentionScaling scaling) {
        for (boolean causal : new boolean[]{true, false}) {
            var attn = attention(causal, scaling);
            Tensor x = random(6, 1f, B, T, C);
            Tensor y = attn.forward(x);
            RealMatrix wProj = matrix(attn.cProj().weight().value());
            for (int b = 0; b < B; b++) {
                RealMatrix qkv = qkvInDouble(attn, x, b);
                RealMatrix concat = MatrixUtils.createRealMatrix(T, C);
                for (int h = 0; h < NH; h++) {
                    RealMatrix q = qkv.getSubMatrix(0, T - 1, h * HS, h * HS + HS - 1);
                    RealMatrix k = qkv.getSubMatrix(0, T - 1, C + h * HS, C + h * HS + HS - 1);
                    RealMatrix v = qkv.getSubMatrix(0, T - 1, 2 * C + h * HS, 2 * C + h * HS + HS - 1);
                    RealMatrix scores = q.multiply(k.transpose());
                    for (int i = 0; i < T; i++) {
                        for (int j = 0; j < T; j++) {
                            double s = scores.getEntry(i, j);
                            s = switch (scaling) {
                                case NONE -> s;
                                case SQRT_DK -> s / Math.sqrt(HS);
                                case COSINE -> s / (q.getRowVector(i).getNorm() * k.getRowVector(j).getNorm());
                            };
                            scores.setEntry(i, j, causal && j > i ? Double.NEGATIVE_INFINITY : s);
                        }
                        double max = Arrays.stream(scores.getRow(i)).max().orElseThrow(), sum = 0;
                        for (int j = 0; j < T; j++) sum += Math.exp(scores.getEntry(i, j) - max);
                        for (int j = 0; j < T; j++) {
                            double weight = Math.exp(scores.getEntry(i, j) - max) / sum;
                            scores.setEntry(i, j, weight);
                            assertEquals(weight, attn.internals().attentionWeights().get(b, h, i, j), 1e-5, "weight " + b + "," + h + "," + i + "," + j);
                        }
                    }
                    concat.setSubMatrix(scores.multiply(v).getData(), 0, h * HS);
                }
                RealMatrix expected = addRow(concat.multiply(wProj), attn.cProj().bias().value());
                for (int t = 0; t < T; t++) {
                    for (int c = 0; c < C; c++) assertEquals(expected.getEntry(t, c), y.get(b, t, c), 1e-4, scaling + " y");
                }
            }
        }
    }

    @Test
    void rowsSumToOneAndMaskedEntriesAreExactlyZero() {
        var attn = attention(true, AttentionScaling.SQRT_DK);
        attn.forward(random(7, 1f, B, T, C));
        Tensor w = attn.internals().attentionWeights();
        assertArrayEquals(new int[]{B, NH, T, T}, w.shape());
        for (int b = 0; b < B; b++) for (int h = 0; h < NH; h++) for (int t = 0; t < T; t++) {
            double sum = 0;
            for (int t2 = 0; t2 < T; t2++) {
                if (t2 > t) {
                    assertEquals(0f, w.get(b, h, t, t2), "future position " + t2 + " seen from " + t);
                    assertEquals(Float.NEGATIVE_INFINITY, attn.internals().attentionScores().get(b, h, t, t2));
                } else {
                    assertTrue(w.get(b, h, t, t2) > 0);
                }
                sum += w.get(b, h, t, t2);
            }
            assertEquals(1.0, sum, 1e-6);
        }
        // position 0 can only look at itself
        assertEquals(1f, w.get(0, 0, 0, 0), 1e-7f);
    }

    @Test
    void cosineScoresStayWithinMinusOneAndOne() {
        var attn = attention(false, AttentionScaling.COSINE);
        attn.forward(random(8, 10f, B, T, C));
        for (float s : attn.internals().attentionScores().data()) assertTrue(s >= -1.0001f && s <= 1.0001f, "score " + s);
        // hence no weight can exceed e² times another in the same row: the softmax stays nearly flat
        Tensor w = attn.internals().attentionWeights();
        for (int t = 0; t < T; t++) {
            float max = 0, min = 1;
            for (int t2 = 0; t2 < T; t2++) { max = Math.max(max, w.get(0, 0, t, t2)); min = Math.min(min, w.get(0, 0, t, t2)); }
            assertTrue(max / min <= Math.exp(2) * 1.0001, "ratio " + max / min);
        }
    }

    @Test
    void sameWeightsGiveDifferentAttentionForDifferentInputs() {
        // S12: the attention map is not a parameter; it is recomputed from q and k for each context
        Gpt gpt = new Gpt(GptConfig.of(11, 8, 8, 1, 2), 1);
        gpt.forward(new int[][]{{1, 2, 3, 4}});
        float[] first = gpt.blocks().get(0).attention().internals().attentionWeights().data().clone();
        gpt.forward(new int[][]{{7, 7, 3, 0}});
        float[] second = gpt.blocks().get(0).attention().internals().attentionWeights().data();
        assertFalse(Arrays.equals(first, second));
        assertTrue(gpt.parameters().stream().noneMatch(p -> p.name().contains("att") && p.value().rank() == 4),
                "no (B, NH, T, T) parameter exists");
    }

    @Test
    void queriesKeysValuesAreTheSlicesOfCAttn() {
        var attn = attention(true, AttentionScaling.SQRT_DK);
        Tensor x = random(9, 1f, B, T, C);
        attn.forward(x);
        Tensor qkv = attn.cAttn().forward(x);   // (B, T, 3C) recomputed
        Tensor q = attn.internals().query(), k = attn.internals().key(), v = attn.internals().value();
        assertArrayEquals(new int[]{B, NH, T, HS}, q.shape());
        for (int b = 0; b < B; b++) for (int h = 0; h < NH; h++) for (int t = 0; t < T; t++) for (int i = 0; i < HS; i++) {
            assertEquals(qkv.get(b, t, h * HS + i), q.get(b, h, t, i));
            assertEquals(qkv.get(b, t, C + h * HS + i), k.get(b, h, t, i));
            assertEquals(qkv.get(b, t, 2 * C + h * HS + i), v.get(b, h, t, i));
            assertEquals(q.get(b, h, t, i), attn.internals().queryOf(h).get(b, t, i));
            assertEquals(k.get(b, h, t, i), attn.internals().keyOf(h).get(b, t, i));
            assertEquals(v.get(b, h, t, i), attn.internals().valueOf(h).get(b, t, i));
        }
        for (int t = 0; t < T; t++) for (int t2 = 0; t2 < T; t2++) {
            assertEquals(attn.internals().attentionWeights().get(1, 1, t, t2), attn.internals().attentionWeightsOf(1).get(1, t, t2));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> attn.internals().queryOf(2));
    }

    /** rawScoreRmsOf and meanLargestWeightOf against q·k and softmax rows recomputed in double with commons-math. */
    @ParameterizedTest
    @EnumSource(AttentionScaling.class)
    void scoreSizeAndRowSharpnessMatchARecount(AttentionScaling scaling) {
        for (boolean causal : new boolean[]{true, false}) {
            var attn = attention(causal, scaling);
            Tensor x = random(10, 1f, B, T, C);
            attn.forward(x);
            for (int h = 0; h < NH; h++) {
                double squares = 0, largest = 0;
                int pairs = 0;
                for (int b = 0; b < B; b++) {
                    RealMatrix qkv = qkvInDouble(attn, x, b);
                    RealMatrix q = qkv.getSubMatrix(0, T - 1, h * HS, h * HS + HS - 1);
                    RealMatrix k = qkv.getSubMatrix(0, T - 1, C + h * HS, C + h * HS + HS - 1);
                    RealMatrix dots = q.multiply(k.transpose());
                    for (int i = 0; i < T; i++) {
                        for (int j = 0; j <= (causal ? i : T - 1); j++) { squares += dots.getEntry(i, j) * dots.getEntry(i, j); pairs++; }
                        double rowMax = 0;
                        for (int j = 0; j < T; j++) rowMax = Math.max(rowMax, attn.internals().attentionWeights().get(b, h, i, j));
                        largest += rowMax;
                    }
                }
                assertEquals(causal ? B * T * (T + 1) / 2 : B * T * T, pairs);
                double rms = Math.sqrt(squares / pairs);
                assertEquals(rms, attn.internals().rawScoreRmsOf(h), 1e-5 * rms, scaling + " causal " + causal + " head " + h);
                assertEquals(largest / (B * T), attn.internals().meanLargestWeightOf(h), 1e-6, scaling + " causal " + causal + " head " + h);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> attn.internals().rawScoreRmsOf(NH));
        }
    }

    @Test
    void redrawingQueryAndKeyReplacesOnlyTheirColumns() {
        var attn = attention(true, AttentionScaling.NONE);
        float[] before = attn.cAttn().weight().value().data().clone();
        QueryKeyRedraw.of(attn, 0.125, new SplittableRandom(42));
        float[] after = attn.cAttn().weight().value().data();
        var random = new SplittableRandom(42);
        for (int row = 0; row < C; row++) {
            for (int column = 0; column < 3 * C; column++) {
                float expected = column < 2 * C ? (float) (random.nextGaussian() * 0.125) : before[row * 3 * C + column];
                assertEquals(expected, after[row * 3 * C + column], "row " + row + ", column " + column);
            }
        }
        // W_q = W_k = 0 and zero biases: every score is 0, so causal row t spreads evenly over t + 1 keys
        var flat = CausalSelfAttention.named("attn").channels(C).heads(NH).build();
        QueryKeyRedraw.of(flat, 0, new SplittableRandom(1));
        flat.forward(random(11, 1f, B, T, C));
        assertEquals(0, flat.internals().rawScoreRmsOf(1));
        assertEquals((1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0) / T, flat.internals().meanLargestWeightOf(1), 1e-6);
        assertEquals("attn.c_attn.weight: the std to redraw W_q and W_k with must be a finite number of at least 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> QueryKeyRedraw.of(flat, -0.1, new SplittableRandom(1))).getMessage());
    }

    /** x[b] · W_attn + b_attn in double: sequence b's (T, 3C) queries, keys and values. */
    private static RealMatrix qkvInDouble(CausalSelfAttention attn, Tensor x, int b) {
        RealMatrix xb = MatrixUtils.createRealMatrix(T, C);
        for (int t = 0; t < T; t++) for (int c = 0; c < C; c++) xb.setEntry(t, c, x.get(b, t, c));
        return addRow(xb.multiply(matrix(attn.cAttn().weight().value())), attn.cAttn().bias().value());
    }

    private static RealMatrix matrix(Tensor t) {
        RealMatrix m = MatrixUtils.createRealMatrix(t.dim(0), t.dim(1));
        for (int i = 0; i < t.dim(0); i++) for (int j = 0; j < t.dim(1); j++) m.setEntry(i, j, t.get(i, j));
        return m;
    }

    private static RealMatrix addRow(RealMatrix m, Tensor bias) {
        for (int i = 0; i < m.getRowDimension(); i++) for (int j = 0; j < m.getColumnDimension(); j++) m.addToEntry(i, j, bias.get(j));
        return m;
    }
}
