package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The named builders of GptConfig, ClassifierConfig, Embedding, Linear and CausalSelfAttention: what they name, their defaults, their messages. */
class ConfigBuildersTest {

    static GptConfig.Builder course() {
        return GptConfig.builder().vocabSize(65).contextLength(64).channels(128).layers(4).heads(4);
    }

    @Test
    void gptConfigBuiltEqualsThePositionalOneWithGpt2sChoices() {
        GptConfig built = course().build();
        assertEquals(GptConfig.of(65, 64, 128, 4, 4), built);
        assertEquals(0f, built.dropout());
        assertEquals(AttentionScaling.SQRT_DK, built.scaling());
        assertEquals(BlockOrder.PRE_LN, built.order());
        assertEquals(PositionKind.LEARNED, built.positions());
    }

    @Test
    void gptConfigsChoicesReachTheConfig() {
        GptConfig built = course().dropout(0.1f).scaling(AttentionScaling.COSINE).order(BlockOrder.POST_LN)
                .positions(PositionKind.SINUSOIDAL).build();
        assertEquals(new GptConfig(65, 64, 128, 4, 4, 0.1f, AttentionScaling.COSINE, BlockOrder.POST_LN,
                PositionKind.SINUSOIDAL), built);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vocabSize", "contextLength", "channels", "layers", "heads"})
    void aMissingSizeIsNamed(String missing) {
        GptConfig.Builder b = GptConfig.builder();
        if (!missing.equals("vocabSize")) b.vocabSize(65);
        if (!missing.equals("contextLength")) b.contextLength(64);
        if (!missing.equals("channels")) b.channels(128);
        if (!missing.equals("layers")) b.layers(4);
        if (!missing.equals("heads")) b.heads(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("GptConfig needs " + missing + "; add ." + missing + "(...) before build()", e.getMessage());
    }

    @Test
    void wrongValuesGetTheConfigsMessages() {
        assertMessage("layers must be at least 1, got 0", () -> course().layers(0).build());
        assertMessage("contextLength must be at least 1, got -3", () -> course().contextLength(-3).build());
        assertMessage("5 channels are not divisible by 2 heads", () -> course().channels(5).heads(2).build());
        assertMessage("dropout must be in [0, 1), got 1.0", () -> course().dropout(1f).build());
        assertMessage("scaling", () -> course().scaling(null).build());
    }

    static ClassifierConfig.Builder sleep() {
        return ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).heads(4)
                .numClasses(2).pooling(Pooling.CLASS_TOKEN);
    }

    @Test
    void classifierConfigBuiltEqualsThePositionalOne() {
        assertEquals(ClassifierConfig.of(5, 48, 32, 2, 4, 2, Pooling.CLASS_TOKEN), sleep().build());
        assertEquals(ClassifierConfig.of(5, 48, 32, 2, 4, 2, Pooling.MEAN).withOrder(BlockOrder.POST_LN).withDropout(0.2f),
                sleep().pooling(Pooling.MEAN).order(BlockOrder.POST_LN).dropout(0.2f).build());
    }

    @Test
    void classifierConfigNamesWhatIsMissingOrWrong() {
        assertMessage("attentionInitStd must be a positive finite number, got 0.0", () -> sleep().attentionInitStd(0f).build());
        assertMessage("attentionInitStd must be a positive finite number, got NaN", () -> sleep().attentionInitStd(Float.NaN).build());
        assertMessage("ClassifierConfig needs numClasses; add .numClasses(...) before build()",
                () -> ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).heads(4)
                        .pooling(Pooling.MEAN).build());
        assertMessage("ClassifierConfig needs pooling; add .pooling(...) before build()",
                () -> ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).heads(4)
                        .numClasses(2).build());
        assertMessage("ClassifierConfig needs heads; add .heads(...) before build()",
                () -> ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).build());
        assertMessage("numClasses must be at least 1, got 0", () -> sleep().numClasses(0).build());
    }

    @Test
    void embeddingIsDrawnWithTheNamedGeneratorAndStd() {
        Embedding built = Embedding.named("wte").vocabSize(8).channels(5).initialisedFrom(new SplittableRandom(1)).weightStd(1f).build();
        assertEquals("wte.weight", built.weight().name());
        assertArrayEquals(new int[] {8, 5}, built.weight().value().shape());
        assertArrayEquals(Tensor.randn(new SplittableRandom(1), 1f, 8, 5).data(), built.weight().value().data(), 0f);
    }

    @Test
    void embeddingDefaultsToGpt2sInitialisationWithSeed0() {
        Embedding built = Embedding.named("wte").vocabSize(50).channels(40).build();
        assertArrayEquals(Tensor.randn(new SplittableRandom(0), 0.02f, 50, 40).data(), built.weight().value().data(), 0f);
        double squares = 0;
        for (float w : built.weight().value().data()) squares += w * w;
        assertEquals(0.02, Math.sqrt(squares / 2000), 0.002);   // 2,000 draws: the std within 10 %
    }

    @Test
    void embeddingNamesWhatIsMissingOrWrong() {
        assertMessage("Embedding wte needs channels; add .channels(...) before build()",
                () -> Embedding.named("wte").vocabSize(8).build());
        assertMessage("Embedding wte needs vocabSize; add .vocabSize(...) before build()",
                () -> Embedding.named("wte").channels(5).build());
        assertMessage("wte vocabulary size must be at least 1, got 0", () -> Embedding.named("wte").vocabSize(0).channels(5).build());
    }

    @Test
    void linearIsDrawnWithTheNamedGeneratorAndStd() {
        Linear built = Linear.named("lin").in(3).out(2).initialisedFrom(new SplittableRandom(5)).weightStd(0.5f).build();
        assertEquals("lin.weight", built.weight().name());
        assertEquals("lin.bias", built.bias().name());
        assertArrayEquals(new int[] {3, 2}, built.weight().value().shape());
        // bit for bit the six draws of N(0, 0.5²) from seed 5, stored (in, out) row by row; the bias starts at zero
        assertArrayEquals(Tensor.randn(new SplittableRandom(5), 0.5f, 3, 2).data(), built.weight().value().data(), 0f);
        assertArrayEquals(new float[2], built.bias().value().data(), 0f);
        Linear defaults = Linear.named("lin").in(40).out(50).build();
        assertArrayEquals(Tensor.randn(new SplittableRandom(0), 0.02f, 40, 50).data(), defaults.weight().value().data(), 0f);
    }

    @Test
    void attentionDrawsCAttnThenCProjFromTheOneGenerator() {
        var built = CausalSelfAttention.named("attn").channels(4).heads(2)
                .initialisedFrom(new SplittableRandom(9)).weightStd(0.5f).projectionStd(0.125f).build();
        var random = new SplittableRandom(9);
        assertArrayEquals(Tensor.randn(random, 0.5f, 4, 12).data(), built.cAttn().weight().value().data(), 0f);
        assertArrayEquals(Tensor.randn(random, 0.125f, 4, 4).data(), built.cProj().weight().value().data(), 0f);
        // the order of the setters does not matter: only build() draws
        var reordered = CausalSelfAttention.named("attn").projectionStd(0.125f).weightStd(0.5f)
                .initialisedFrom(new SplittableRandom(9)).heads(2).channels(4).build();
        assertArrayEquals(built.cProj().weight().value().data(), reordered.cProj().weight().value().data(), 0f);
    }

    @Test
    void mlpAndBlockDrawTheSameNumbersAsTheirLayersBuiltOneByOne() {
        Mlp mlp = new Mlp("mlp", 4, new SplittableRandom(2), 0.3f, 0.1f);
        var random = new SplittableRandom(2);
        assertArrayEquals(Tensor.randn(random, 0.3f, 4, 16).data(), mlp.cFc().weight().value().data(), 0f);
        assertArrayEquals(Tensor.randn(random, 0.1f, 16, 4).data(), mlp.cProj().weight().value().data(), 0f);
    }

    @Test
    void layerBuildersNameWhatIsMissingOrWrong() {
        assertMessage("Linear lin needs in; add .in(...) before build()", () -> Linear.named("lin").out(2).build());
        assertMessage("Linear lin needs out; add .out(...) before build()", () -> Linear.named("lin").in(3).build());
        assertMessage("CausalSelfAttention attn needs channels; add .channels(...) before build()",
                () -> CausalSelfAttention.named("attn").heads(2).build());
        assertMessage("lin weight std must be a finite number ≥ 0, got NaN", () -> Linear.named("lin").weightStd(Float.NaN));
        assertMessage("attn.c_proj weight std must be a finite number ≥ 0, got -0.02",
                () -> CausalSelfAttention.named("attn").projectionStd(-0.02f));
        assertMessage("wte weight std must be a finite number ≥ 0, got Infinity",
                () -> Embedding.named("wte").weightStd(Float.POSITIVE_INFINITY));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }
}
