package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static dev.glassbox.nn.GradientAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every layer's hand-written backward (input and parameter gradients) against finite differences. */
class LayerGradientTest {
    static final int B = 2, T = 4, C = 8;

    @Test
    void linear() {
        Linear layer = Linear.named("fc").in(C).out(5).initialisedFrom(new SplittableRandom(1)).weightStd(0.5f).build();
        perturb(layer.bias(), 2, 0.5f);
        checkLayer("linear", random(3, 1f, B, T, C), layer::forward, layer::backward, layer.parameters());
    }

    @Test
    void layerNorm() {
        LayerNorm layer = new LayerNorm("ln", C);
        perturb(layer.weight(), 4, 0.5f);
        perturb(layer.bias(), 5, 0.5f);
        checkLayer("layernorm", random(6, 1f, B, T, C), layer::forward, layer::backward, layer.parameters());
    }

    @Test
    void gelu() {
        Gelu gelu = new Gelu();
        checkLayer("gelu", random(7, 1.5f, B, T, C), gelu::forward, gelu::backward, List.of());
    }

    @Test
    void mlp() {
        Mlp mlp = new Mlp("mlp", C, new SplittableRandom(8), 0.3f, 0.3f);
        checkLayer("mlp", random(9, 1f, B, T, C), mlp::forward, mlp::backward, mlp.parameters());
    }

    @ParameterizedTest
    @EnumSource(AttentionScaling.class)
    void causalAttention(AttentionScaling scaling) {
        attention(scaling, true);
    }

    @ParameterizedTest
    @EnumSource(AttentionScaling.class)
    void unmaskedAttention(AttentionScaling scaling) {
        attention(scaling, false);
    }

    private void attention(AttentionScaling scaling, boolean causal) {
        // std 0.5 makes the scores O(1): the softmax is neither flat nor saturated, so every path carries gradient
        var attn = CausalSelfAttention.named("attn").channels(C).heads(2).causal(causal).scaling(scaling)
                .initialisedFrom(new SplittableRandom(10)).weightStd(0.5f).projectionStd(0.5f).build();
        perturb(attn.cAttn().bias(), 11, 0.5f);
        checkLayer("attention " + scaling + (causal ? " causal" : " unmasked"), random(12, 1f, B, T, C),
                attn::forward, attn::backward, attn.parameters());
    }

    @ParameterizedTest
    @EnumSource(BlockOrder.class)
    void block(BlockOrder order) {
        Block block = new Block("h.0", C, 2, true, AttentionScaling.SQRT_DK, order, 0f,
                new SplittableRandom(13), new SplittableRandom(14), 0.3f, 0.3f, 0.3f);
        for (Parameter p : block.parameters()) if (p.name().contains("ln_")) perturb(p, p.name().hashCode(), 0.5f);
        checkLayer("block " + order, random(15, 1f, B, T, C), block::forward, block::backward, block.parameters());
    }

    @Test
    void tokenEmbeddingGradientSumsOverRepeatedTokens() {
        Embedding wte = Embedding.named("wte").vocabSize(11).channels(C).initialisedFrom(new SplittableRandom(16)).weightStd(1f).build();
        int[][] tokens = {{1, 3, 1, 10}, {0, 1, 5, 3}};   // token 1 three times, token 3 twice
        Tensor w = random(17, 1f, B, T, C);
        wte.forward(tokens);
        wte.zeroGrad();
        wte.backward(w);
        
        checkParameters("embedding", wte.parameters(), () -> dot(w, wte.forward(tokens)));
        // rows never looked up get no gradient at all
        for (int c = 0; c < C; c++) assertEquals(0f, wte.weight().grad().get(2, c));
    }

    @Test
    void learnedPositionsGetTheGradientOfTheirRows() {
        PositionEmbedding wpe = new PositionEmbedding("wpe", 6, C, new SplittableRandom(18), 1f);
        Tensor w = random(19, 1f, T, C);
        wpe.forward(T);
        wpe.backward(w);
        checkParameters("positions", wpe.parameters(), () -> dot(w, wpe.forward(T)));
    }

    @Test
    void dropoutPassesGradientThroughTheSameMask() {
        Dropout dropout = new Dropout(0.5f, new SplittableRandom(20));
        dropout.setTraining(true);
        Tensor x = random(21, 1f, 64, 16);
        Tensor y = dropout.forward(x);
        Tensor dy = random(22, 1f, 64, 16);
        Tensor dx = dropout.backward(dy);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            float factor = y.data()[i] / x.data()[i];   // 0 or 1/(1−p) = 2
            if (factor == 0f) dropped++;
            else assertEquals(2f, factor, 1e-6f);
            assertEquals(dy.data()[i] * factor, dx.data()[i], 1e-6f);
        }
        // 1024 draws with p = 0.5: the count is 512 ± 16 (one sd); ±100 is more than 6 sd
        assertTrue(Math.abs(dropped - 512) < 100, "dropped " + dropped + " of 1024");
    }

    @Test
    void dropoutIsTheIdentityWhenNotTraining() {
        Dropout dropout = new Dropout(0.5f, new SplittableRandom(23));
        Tensor x = random(24, 1f, 4, 4);
        assertSame(x, dropout.forward(x));
        assertSame(x, dropout.backward(x));
    }
}
