package dev.glassbox.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.glassbox.nn.GradientAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class SequenceClassifierTest {
    static final int[][] TOKENS = {{1, 5, 10, 3}, {7, 0, 5, 2}, {4, 4, 9, 1}};
    static final int[] LABELS = {0, 2, 1};

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(Pooling.MEAN, BlockOrder.PRE_LN, AttentionScaling.SQRT_DK),
                Arguments.of(Pooling.CLASS_TOKEN, BlockOrder.PRE_LN, AttentionScaling.SQRT_DK),
                Arguments.of(Pooling.MEAN, BlockOrder.POST_LN, AttentionScaling.COSINE),
                Arguments.of(Pooling.CLASS_TOKEN, BlockOrder.POST_LN, AttentionScaling.NONE));
    }

    static SequenceClassifier model(Pooling pooling, BlockOrder order, AttentionScaling scaling) {
        var config = ClassifierConfig.of(11, 4, 8, 2, 2, 3, pooling).withOrder(order).withScaling(scaling);
        var model = new SequenceClassifier(config, 42);
        int i = 0;
        for (Parameter p : model.parameters()) perturb(p, 2000 + i++, 0.4f);
        return model;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configs")
    void gradientOfEveryParameterMatchesFiniteDifferences(Pooling pooling, BlockOrder order, AttentionScaling scaling) {
        var model = model(pooling, order, scaling);
        model.forward(TOKENS, LABELS);
        model.zeroGrad();
        model.backward();
        // B = 3 sequences: compare 3 · grad with finite differences of 3 · loss (the sum), see GptGradientTest
        for (Parameter p : model.parameters()) {
            float[] scaled = p.grad().data().clone();
            for (int i = 0; i < scaled.length; i++) scaled[i] *= 3;
            checkArray(pooling + " " + order + " " + scaling + " " + p.name(), p.value().data(), scaled,
                    () -> 3.0 * model.forward(TOKENS, LABELS), CROSS_ENTROPY_EPSILON);
        }
    }

    @Test
    void attentionIsNotMaskedSoEarlyPositionsSeeLaterOnes() {
        var model = new SequenceClassifier(ClassifierConfig.of(11, 4, 8, 1, 2, 3, Pooling.MEAN), 1);
        model.forward(new int[][]{{1, 2, 3, 4}});
        var weights = model.blocks().get(0).attention().internals().attentionWeights();
        assertTrue(weights.get(0, 0, 0, 3) > 0, "position 0 attends to position 3");
        // so changing the last token changes the first position's vector, unlike in a Gpt
        float[] before = model.trace().get(1).value().vectorAt(0, 0);
        model.forward(new int[][]{{1, 2, 3, 9}});
        assertFalse(Arrays.equals(before, model.trace().get(1).value().vectorAt(0, 0)));
    }

    @Test
    void classTokenIsPrependedAndPooled() {
        var model = new SequenceClassifier(ClassifierConfig.of(11, 4, 8, 2, 2, 3, Pooling.CLASS_TOKEN), 1);
        assertTrue(model.classToken().isPresent());
        assertEquals(List.of(5, 8), List.of(model.parameters().get(1).value().shape()[0], model.parameters().get(1).value().shape()[1]),
                "wpe has contextLength + 1 rows");
        model.forward(TOKENS);
        var trace = model.trace();
        assertArrayEquals(new int[]{3, 5, 8}, trace.get(0).shape(), "T + 1 positions");
        // position 0 of the embeddings is cls_token + wpe[0] for every sequence
        float[] cls = model.classToken().get().value().data(), wpe0 = model.positionEncoding().forward(1).data();
        for (int b = 0; b < 3; b++) for (int c = 0; c < 8; c++) assertEquals(cls[c] + wpe0[c], trace.get(0).value().get(b, 0, c), 1e-7);
        // pooled = ln_f output at position 0
        var lnF = trace.get(trace.size() - 3).value();
        for (int b = 0; b < 3; b++) assertArrayEquals(lnF.vectorAt(b, 0), model.pooled().vectorAt(b));
    }

    @Test
    void meanPoolingAveragesThePositions() {
        var model = new SequenceClassifier(ClassifierConfig.of(11, 4, 8, 1, 2, 3, Pooling.MEAN), 1);
        assertTrue(model.classToken().isEmpty());
        model.forward(TOKENS);
        var trace = model.trace();
        assertEquals(List.of("embeddings", "h.0.after_attn", "h.0.after_mlp", "ln_f", "pooled", "logits"),
                trace.stream().map(Activation::name).toList());
        var lnF = trace.get(3).value();
        for (int b = 0; b < 3; b++) {
            for (int c = 0; c < 8; c++) {
                double mean = 0;
                for (int t = 0; t < 4; t++) mean += lnF.get(b, t, c) / 4.0;
                assertEquals(mean, model.pooled().get(b, c), 1e-6);
            }
        }
        assertArrayEquals(new int[]{3, 3}, model.logits().shape());
    }

    @Test
    void labelsAreChecked() {
        var model = new SequenceClassifier(ClassifierConfig.of(11, 4, 8, 1, 2, 3, Pooling.MEAN), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(TOKENS, new int[]{0, 3, 1}));
        assertTrue(e.getMessage().contains("target 3") && e.getMessage().contains("3 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(TOKENS, new int[]{0, 1}));
        assertTrue(e.getMessage().contains("2 labels for 3 sequences"), e.getMessage());
        model.forward(TOKENS);
        assertThrows(IllegalStateException.class, model::backward);
    }
    /**
     * attentionInitStd changes the draw of c_attn (q, k, v) and nothing else: the same seed gives the same
     * Gaussian numbers, so c_attn is exactly std / 0.02 times the default one, every other parameter is equal,
     * and c_attn's sample std (3,072 weights: standard error 1.3 %) is the one asked for.
     */
    @Test
    void attentionInitStdScalesOnlyTheAttentionProjections() {
        var config = ClassifierConfig.builder().vocabSize(5).contextLength(24).channels(32).layers(1).heads(16)
                .numClasses(2).pooling(Pooling.MEAN);
        var standard = new SequenceClassifier(config.build(), 7);
        var wide = new SequenceClassifier(config.attentionInitStd(0.5f).build(), 7);
        assertEquals(0.02f, standard.config().attentionInitStd());
        for (int p = 0; p < standard.parameters().size(); p++) {
            Parameter a = standard.parameters().get(p), b = wide.parameters().get(p);
            assertEquals(a.name(), b.name());
            float[] x = a.value().data(), y = b.value().data();
            boolean cAttnWeight = a.name().equals("h.0.attn.c_attn.weight");
            for (int i = 0; i < x.length; i++) {
                if (cAttnWeight) assertEquals(25 * x[i], y[i], 1e-6 + 1e-5 * Math.abs(y[i]), a.name() + "[" + i + "]");
                else assertEquals(x[i], y[i], a.name() + "[" + i + "]");
            }
            if (cAttnWeight) {
                assertEquals(0.02, sampleStd(x), 0.02 * 0.05, "default c_attn std");
                assertEquals(0.5, sampleStd(y), 0.5 * 0.05, "c_attn std with attentionInitStd(0.5f)");
            }
        }
        assertTrue(standard.parameters().stream().anyMatch(p -> p.name().equals("h.0.attn.c_attn.weight")));
    }

    private static double sampleStd(float[] values) {
        double mean = 0, square = 0;
        for (float v : values) mean += v / (double) values.length;
        for (float v : values) square += (v - mean) * (v - mean) / (values.length - 1);
        return Math.sqrt(square);
    }
}
