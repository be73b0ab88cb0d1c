package dev.glassbox.nn;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.kernels.Simd;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.glassbox.nn.GradientAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each layer's fast twin in {@code kernels} against the plain loop in {@code nn} it stands for, on seeded
 * random inputs, within the tolerance stated in the kernel's Javadoc: GELU 1e-6 · (1 + |x|), layer norm
 * and attention 1e-5 · (1 + |reference|), the weight gradient (a sum over all B·T rows) 1e-4 · (1 + |reference|). Shapes include tails that fill no whole SIMD vector.
 */
class KernelTwinTest {
    @BeforeAll
    static void simdIsOn() {
        assertTrue(Simd.available(), "the tests run with --add-modules jdk.incubator.vector, so the fast twins must be in use");
    }

    private static void assertClose(String what, float[] reference, float[] fast, double tolerance) {
        assertTrue(reference.length == fast.length, what + ": lengths differ");
        for (int i = 0; i < reference.length; i++) {
            double allowed = tolerance * (1 + Math.abs(reference[i]));
            assertTrue(Math.abs(reference[i] - fast[i]) <= allowed,
                    what + "[" + i + "]: reference " + reference[i] + ", fast " + fast[i] + ", allowed ±" + allowed);
        }
    }

    @Test
    void geluFastTwinAgreesWithTheReference() {
        Tensor x = random(1, 3f, 3, 7, 131);                  // 2751 numbers: vector blocks and a tail
        Gelu gelu = new Gelu();
        float[] reference = gelu.forwardReference(x).data();
        float[] fast = gelu.forward(x).data();
        assertClose("gelu forward", reference, fast, 1e-6);
        Tensor dy = random(2, 1f, 3, 7, 131);
        assertClose("gelu backward", gelu.backwardReference(dy).data(), gelu.backward(dy).data(), 1e-6);
    }

    /** The fast backward reuses the tanh its forward computed; after a reference forward it has none and makes them. */
    @Test
    void geluFastBackwardIsTheSameAfterAReferenceForward() {
        Tensor x = random(3, 3f, 5, 131), dy = random(4, 1f, 5, 131);
        Gelu afterFast = new Gelu(), afterReference = new Gelu();
        afterFast.forward(x);
        afterReference.forwardReference(x);
        assertArrayEquals(afterFast.backward(dy).data(), afterReference.backward(dy).data());
    }

    @ParameterizedTest
    @CsvSource({"64", "37", "384"})
    void layerNormFastTwinAgreesWithTheReference(int channels) {
        LayerNorm reference = new LayerNorm("ln", channels), fast = new LayerNorm("ln", channels);
        for (LayerNorm ln : new LayerNorm[]{reference, fast}) {
            GradientAssertions.perturb(ln.weight(), 3, 0.5f);
            GradientAssertions.perturb(ln.bias(), 4, 0.5f);
        }
        Tensor x = random(5, 2f, 2, 9, channels), dy = random(6, 1f, 2, 9, channels);
        assertClose("layer norm forward", reference.forwardReference(x).data(), fast.forward(x).data(), 1e-5);
        assertClose("layer norm dx", reference.backwardReference(dy).data(), fast.backward(dy).data(), 1e-5);
        assertClose("layer norm dweight", reference.weight().grad().data(), fast.weight().grad().data(), 1e-5);
        assertClose("layer norm dbias", reference.bias().grad().data(), fast.bias().grad().data(), 1e-5);
    }

    /**
     * T and HS both below, at and above one AVX-512 vector (16 floats), chapter 10's head sizes 8 and 2, and a
     * 24-wide head (one vector and a tail); causal and not; both scalings the kernel serves.
     */
    @ParameterizedTest
    @CsvSource({"5, 8, 2, true, SQRT_DK", "5, 8, 2, false, NONE", "37, 96, 3, true, SQRT_DK", "33, 64, 2, false, SQRT_DK",
            "64, 128, 4, true, NONE",
            "49, 32, 4, false, SQRT_DK", "24, 32, 16, false, SQRT_DK", "9, 48, 2, true, SQRT_DK"})
    void attentionFastTwinAgreesWithTheReference(int length, int channels, int heads, boolean causal, AttentionScaling scaling) {
        CausalSelfAttention reference = CausalSelfAttention.named("attn").channels(channels).heads(heads).causal(causal)
                .scaling(scaling).initialisedFrom(new SplittableRandom(7)).weightStd(0.1f).projectionStd(0.1f).build();
        CausalSelfAttention fast = CausalSelfAttention.named("attn").channels(channels).heads(heads).causal(causal)
                .scaling(scaling).initialisedFrom(new SplittableRandom(7)).weightStd(0.1f).projectionStd(0.1f).build();
        Tensor x = random(8, 1f, 2, length, channels), dy = random(9, 1f, 2, length, channels);
        assertClose("attention forward", reference.forwardReference(x).data(), fast.forward(x).data(), 1e-5);
        assertClose("attention weights", reference.internals().attentionWeights().data(), fast.internals().attentionWeights().data(), 1e-5);
        assertClose("attention dx", reference.backwardReference(dy).data(), fast.backward(dy).data(), 1e-5);
        assertClose("attention dW_attn", reference.cAttn().weight().grad().data(), fast.cAttn().weight().grad().data(), 1e-4);
    }

    /** Bodies large enough to be split among threads give the same bits with 1 and 2 threads. */
    @Test
    void fastTwinsAreBitIdenticalForAnyThreadCount() {
        int before = Matmul.threads();
        try {
            float[][] one = twinOutputs(1), two = twinOutputs(2);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "output " + i);
        } finally {
            Matmul.setThreads(before);
        }
    }

    private static float[][] twinOutputs(int threads) {
        Matmul.setThreads(threads);
        Tensor x = random(10, 1f, 8, 64, 128), dy = random(11, 1f, 8, 64, 128);
        Gelu gelu = new Gelu();
        LayerNorm ln = new LayerNorm("ln", 128);
        CausalSelfAttention attention = CausalSelfAttention.named("attn").channels(128).heads(4).initialisedFrom(new SplittableRandom(1)).weightStd(0.3f).projectionStd(0.3f).build();
        Tensor big = random(12, 2f, 8, 64, 4 * 128);
        return new float[][]{gelu.forward(big).data(), gelu.backward(big).data(), ln.forward(x).data(), ln.backward(dy).data(),
                ln.weight().grad().data(), attention.forward(x).data(), attention.backward(dy).data()};
    }
}
