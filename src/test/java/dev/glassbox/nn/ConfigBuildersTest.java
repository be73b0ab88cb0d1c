package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The named builders of GptConfig, ClassifierConfig and Embedding: what they name, their defaults, their messages. */
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
        Embedding built = Embedding.named("wte").vocabSize(8).channels(5).initialisedFrom(new SplittableRandom(1), 1f).build();
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

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }
}
