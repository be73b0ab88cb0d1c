package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

import java.util.Objects;

/**
 * The sizes and choices that define a {@link Gpt}.
 *
 * @param vocabSize     V, the number of distinct tokens
 * @param contextLength the longest sequence T the model accepts (the rows of the position table)
 * @param channels      C, the width of every vector in the residual stream
 * @param layers        the number of {@link Block}s
 * @param heads         NH, attention heads per block; C must be divisible by NH
 * @param dropout       probability of zeroing an activation while training, in [0, 1)
 * @param scaling       how attention scores are scaled
 * @param order         pre-LN (GPT-2) or post-LN (the essay's order)
 * @param positions     learned or sinusoidal positions
 *
 * <p>Build one by naming its sizes; the choices default to GPT-2's ({@link ConfigBuilder}):
 * <pre>
 *   GptConfig.builder().vocabSize(65).contextLength(64).channels(128).layers(4).heads(4).build()
 *   GptConfig.builder().vocabSize(65).contextLength(16).channels(16).layers(8).heads(2).order(BlockOrder.POST_LN).build()
 * </pre>
 */
public record GptConfig(int vocabSize, int contextLength, int channels, int layers, int heads,
                        float dropout, AttentionScaling scaling, BlockOrder order, PositionKind positions) {

    public GptConfig {
        Shapes.positive("vocabSize", vocabSize);
        Shapes.positive("contextLength", contextLength);
        Shapes.positive("channels", channels);
        Shapes.positive("layers", layers);
        Shapes.positive("heads", heads);
        checkHeads(channels, heads);
        checkDropout(dropout);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(positions, "positions");
    }

    /** Starts a config; name the five sizes, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** GptConfig's settings by name; see {@link ConfigBuilder}. */
    public static final class Builder extends ConfigBuilder<Builder> {
        private Builder() { super("GptConfig"); }

        public GptConfig build() {
            return new GptConfig(vocabSize(), contextLength(), channels(), layers(), heads(), dropout, scaling, order, positions);
        }
    }

    /** The five sizes in order, with GPT-2's choices: no dropout, 1/√d_k scaling, pre-LN, learned positions.
     *  For code that holds the sizes in named variables; {@link #builder()} names each one. */
    public static GptConfig of(int vocabSize, int contextLength, int channels, int layers, int heads) {
        return new GptConfig(vocabSize, contextLength, channels, layers, heads, 0f,
                AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
    }

    public GptConfig withDropout(float p) {
        return new GptConfig(vocabSize, contextLength, channels, layers, heads, p, scaling, order, positions);
    }

    public GptConfig withScaling(AttentionScaling s) {
        return new GptConfig(vocabSize, contextLength, channels, layers, heads, dropout, s, order, positions);
    }

    public GptConfig withOrder(BlockOrder o) {
        return new GptConfig(vocabSize, contextLength, channels, layers, heads, dropout, scaling, o, positions);
    }

    public GptConfig withPositions(PositionKind p) {
        return new GptConfig(vocabSize, contextLength, channels, layers, heads, dropout, scaling, order, p);
    }

    /** HS = C / NH, the width of each head's subspace. */
    public int headSize() {
        return channels / heads;
    }

    /** The essay splits its 5 dimensions among heads: that only works if the heads divide the width evenly. */
    static void checkHeads(int channels, int heads) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException(channels + " channels are not divisible by " + heads
                    + " heads (each head gets channels / heads dimensions, so the heads must divide the width evenly)");
        }
    }

    static void checkDropout(float p) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
    }
}
