package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.glassbox.nn.GradientAssertions.*;

/**
 * The whole Gpt's backward against finite differences: every parameter, every block order, every
 * scaling, both kinds of positions. Tiny sizes (V = 11, T = 4, C = 8, 2 layers, 2 heads) keep it to
 * a few thousand forward passes. See {@link GradientAssertions} for the tolerance.
 */
class GptGradientTest {
    static final int[][] TOKENS = {{1, 5, 10, 3}, {7, 0, 5, 2}};
    static final int[][] TARGETS = {{5, 10, 3, 4}, {0, 5, 2, 9}};

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.NONE, BlockOrder.PRE_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.COSINE, BlockOrder.PRE_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.SQRT_DK, BlockOrder.POST_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.NONE, BlockOrder.POST_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.COSINE, BlockOrder.POST_LN, PositionKind.LEARNED),
                Arguments.of(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.SINUSOIDAL));
    }

    /** A model whose weights are moved away from GPT-2's tiny init, so gradients are large enough to check. */
    static Gpt model(AttentionScaling scaling, BlockOrder order, PositionKind positions) {
        GptConfig config = GptConfig.of(11, 6, 8, 2, 2).withScaling(scaling).withOrder(order).withPositions(positions);
        Gpt gpt = new Gpt(config, 42);
        int i = 0;
        for (Parameter p : gpt.parameters()) perturb(p, 1000 + i++, 0.4f);
        return gpt;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configs")
    void crossEntropyGradientOfEveryParameter(AttentionScaling scaling, BlockOrder order, PositionKind positions) {
        Gpt gpt = model(scaling, order, positions);
        gpt.forward(TOKENS, TARGETS);
        gpt.zeroGrad();
        gpt.backward();
        // the sum over the B·T = 8 positions rather than the mean keeps gradients out of the rounding floor
        checkParametersScaled("gpt " + scaling + " " + order + " " + positions, gpt, 8.0);
    }

    @Test
    void backwardFromAnyLossGradient() {
        Gpt gpt = model(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
        Tensor logits = gpt.forward(TOKENS);
        Tensor w = random(7, 1f, logits.shape());
        gpt.zeroGrad();
        gpt.backward(w);
        checkParameters("gpt smooth loss", gpt.parameters(), () -> dot(w, gpt.forward(TOKENS)));
    }

    /** Compares scale · grad against finite differences of scale · loss. */
    private static void checkParametersScaled(String what, Gpt gpt, double scale) {
        for (Parameter p : gpt.parameters()) {
            float[] scaled = p.grad().data().clone();
            for (int i = 0; i < scaled.length; i++) scaled[i] *= (float) scale;
            checkArray(what + " " + p.name(), p.value().data(), scaled, () -> scale * gpt.forward(TOKENS, TARGETS),
                    CROSS_ENTROPY_EPSILON);
        }
    }
}
