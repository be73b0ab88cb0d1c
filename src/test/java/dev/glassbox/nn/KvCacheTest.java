package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.glassbox.nn.GradientAssertions.perturb;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Cached decoding against the uncached forward pass, the independent reference: feeding tokens one
 * at a time must give, at every step t, row t of {@code forward(tokens[0..t])}.
 *
 * <p>The comparison is exact (bit for bit), not within a tolerance: every operation except
 * attention works on each position alone, the kernel computes each output row in the same order
 * whatever the number of rows, and the attention step shares its dot product, norm, score and
 * softmax code with the full pass and sums over t2 in the same order. A tolerance would hide a
 * step that reads the wrong cached row but happens to land close.
 */
class KvCacheTest {
    // V = 13 and C = 20 are not multiples of the SIMD width, so the kernel's tail loops run too
    static final int VOCAB = 13, CONTEXT = 10, CHANNELS = 20, LAYERS = 2, HEADS = 4;

    static Stream<Arguments> everyVariant() {
        List<Arguments> all = new ArrayList<>();
        for (AttentionScaling scaling : AttentionScaling.values()) {
            for (BlockOrder order : BlockOrder.values()) {
                for (PositionKind positions : PositionKind.values()) all.add(Arguments.of(scaling, order, positions));
            }
        }
        return all.stream();
    }

    /** Weights moved well away from GPT-2's small init, so attention is far from uniform and every bias matters. */
    static Gpt model(AttentionScaling scaling, BlockOrder order, PositionKind positions) {
        GptConfig config = GptConfig.of(VOCAB, CONTEXT, CHANNELS, LAYERS, HEADS)
                .withScaling(scaling).withOrder(order).withPositions(positions);
        Gpt gpt = new Gpt(config, 7);
        int i = 0;
        for (Parameter p : gpt.parameters()) perturb(p, 500 + i++, 0.5f);
        return gpt;
    }

    static int[] randomTokens(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[length];
        for (int t = 0; t < length; t++) tokens[t] = random.nextInt(VOCAB);
        return tokens;
    }

    /** Row T−1 of the full forward pass over {@code tokens}: the uncached next-token logits. */
    static float[] uncached(Gpt gpt, int[] tokens) {
        return gpt.forward(new int[][]{tokens}).vectorAt(0, tokens.length - 1);
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("everyVariant")
    void cachedStepsEqualTheFullForwardAtEveryPosition(AttentionScaling scaling, BlockOrder order, PositionKind positions) {
        Gpt gpt = model(scaling, order, positions);
        int[] tokens = randomTokens(11, CONTEXT);
        KvCache cache = new KvCache(gpt.config());
        float spread = 0;
        for (int t = 0; t < CONTEXT; t++) {
            float[] step = gpt.forwardStep(tokens[t], cache);
            float[] full = uncached(gpt, Arrays.copyOf(tokens, t + 1));
            assertArrayEquals(full, step, 0f, "logits after position " + t);
            assertEquals(t + 1, cache.length());
            spread = Math.max(spread, max(full) - min(full));
        }
        assertTrue(spread > 1f, "logits should differ between tokens, or the comparison proves little; spread " + spread);
    }

    @Test
    void theCacheHoldsTheSameKeysAndValuesAsTheFullPass() {
        Gpt gpt = model(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
        int[] tokens = randomTokens(3, 7);
        KvCache cache = new KvCache(gpt.config());
        for (int token : tokens) gpt.forwardStep(token, cache);
        gpt.forward(new int[][]{tokens});
        for (int layer = 0; layer < LAYERS; layer++) {
            CausalSelfAttention attention = gpt.blocks().get(layer).attention();
            // key() is (B = 1, NH, T, HS); the cache holds (NH, T, HS)
            assertArrayEquals(attention.internals().key().data(), cache.keys(layer).data(), 0f, "keys of layer " + layer);
            assertArrayEquals(attention.internals().value().data(), cache.values(layer).data(), 0f, "values of layer " + layer);
            assertArrayEquals(new int[]{HEADS, 7, CHANNELS / HEADS}, cache.keys(layer).shape());
        }
    }

    @Test
    void aFullCacheRefusesTheNextTokenAndKeepsItsContents() {
        Gpt gpt = model(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
        int[] tokens = randomTokens(5, CONTEXT);
        KvCache cache = new KvCache(gpt.config());
        for (int token : tokens) gpt.forwardStep(token, cache);
        assertTrue(cache.isFull());
        Tensor keysBefore = cache.keys(1);

        IllegalStateException full = assertThrows(IllegalStateException.class, () -> gpt.forwardStep(4, cache));
        assertTrue(full.getMessage().contains("KV cache is full: all 10 positions"), full.getMessage());
        assertEquals(CONTEXT, cache.length());
        assertArrayEquals(keysBefore.data(), cache.keys(1).data(), 0f);

        // the documented way on: crop to the last tokens, clear, feed them again
        int[] window = Arrays.copyOfRange(tokens, 4, CONTEXT);
        cache.clear();
        float[] logits = null;
        for (int token : window) logits = gpt.forwardStep(token, cache);
        assertArrayEquals(uncached(gpt, window), logits, 0f);
    }

    @Test
    void truncateKeepsTheEarlierPositionsValid() {
        Gpt gpt = model(AttentionScaling.COSINE, BlockOrder.POST_LN, PositionKind.SINUSOIDAL);
        int[] first = randomTokens(8, 8);
        KvCache cache = new KvCache(gpt.config());
        for (int token : first) gpt.forwardStep(token, cache);

        cache.truncate(5);                                       // forget positions 5..7, then take another path
        int[] second = {first[0], first[1], first[2], first[3], first[4], 12, 0, 6, 6};
        for (int t = 5; t < second.length; t++) {
            float[] step = gpt.forwardStep(second[t], cache);
            assertArrayEquals(uncached(gpt, Arrays.copyOf(second, t + 1)), step, 0f, "position " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> cache.truncate(10));
        assertThrows(IllegalArgumentException.class, () -> cache.truncate(-1));
    }

    @Test
    void aClearedCacheSeesChangedWeights() {
        Gpt gpt = model(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
        int[] tokens = {4, 8, 11, 2};
        KvCache cache = new KvCache(gpt.config());
        for (int token : tokens) gpt.forwardStep(token, cache);
        // a training step in between: here, a new vector for token 9, which the tied head also reads
        gpt.tokenEmbedding().setRow(9, gpt.tokenEmbedding().row(4));
        cache.clear();
        float[] logits = null;
        for (int token : tokens) logits = gpt.forwardStep(token, cache);
        float[] full = uncached(gpt, tokens);
        assertArrayEquals(full, logits, 0f);
        assertEquals(full[4], full[9], 0f, "token 9 now scores like token 4");
    }

    @Test
    void refusesWhatItCannotDo() {
        Gpt gpt = model(AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
        KvCache cache = new KvCache(gpt.config());

        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class, () -> gpt.forwardStep(13, cache));
        assertTrue(badId.getMessage().startsWith("token id 13 is outside vocabulary of 13"), badId.getMessage());
        assertEquals(0, cache.length(), "a refused token takes no position");

        KvCache otherShape = new KvCache(gpt.config().withScaling(AttentionScaling.COSINE));
        IllegalArgumentException wrongCache = assertThrows(IllegalArgumentException.class, () -> gpt.forwardStep(1, otherShape));
        assertTrue(wrongCache.getMessage().contains("KV cache is for 2 layers"), wrongCache.getMessage());
        KvCache shorter = new KvCache(GptConfig.of(VOCAB, CONTEXT - 1, CHANNELS, LAYERS, HEADS));
        assertThrows(IllegalArgumentException.class, () -> gpt.forwardStep(1, shorter));

        gpt.setTraining(true);
        IllegalStateException training = assertThrows(IllegalStateException.class, () -> gpt.forwardStep(1, cache));
        assertTrue(training.getMessage().contains("setTraining(false)"), training.getMessage());
        gpt.setTraining(false);

        // a step keeps nothing for backward: training code that forgets to run a full forward is stopped
        gpt.forward(new int[][]{{1, 2, 3}}, new int[][]{{2, 3, 4}});
        gpt.forwardStep(1, cache);
        IllegalStateException backward = assertThrows(IllegalStateException.class, gpt::backward);
        assertTrue(backward.getMessage().contains("forwardStep"), backward.getMessage());
        assertThrows(IllegalStateException.class, () -> gpt.blocks().get(0).attention().internals().attentionWeights());
        assertThrows(IllegalStateException.class, () -> new KvCache(gpt.config()).keys(0), "an empty cache has no keys to show");
        assertThrows(IndexOutOfBoundsException.class, () -> cache.keys(LAYERS));
    }

    @Test
    void nonCausalAttentionCannotBeCached() {
        CausalSelfAttention bidirectional = CausalSelfAttention.named("enc.attn").channels(8).heads(2).causal(false)
                .initialisedFrom(new SplittableRandom(1)).weightStd(0.02f).projectionStd(0.02f).build();
        KvCache cache = new KvCache(GptConfig.of(5, 4, 8, 1, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CachedAttention.step(bidirectional, Tensor.zeros(1, 1, 8), cache, 0));
        assertTrue(e.getMessage().contains("not causal"), e.getMessage());
    }

    private static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) m = Math.max(m, v);
        return m;
    }

    private static float min(float[] a) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : a) m = Math.min(m, v);
        return m;
    }
}
