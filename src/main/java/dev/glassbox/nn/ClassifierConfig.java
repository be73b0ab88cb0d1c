package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

import java.util.Objects;

/**
 * The sizes and choices that define a {@link SequenceClassifier}: the same blocks as {@link GptConfig}
 * (without the causal mask), plus the number of classes and the pooling.
 *
 * @param contextLength    the longest token sequence accepted; with {@link Pooling#CLASS_TOKEN} the
 *                         blocks see one position more (the class token at position 0)
 * @param attentionInitStd the standard deviation of the attention's first weights, c_attn (the q, k and v
 *                         projections); every other weight starts at GPT-2's 0.02. A query or key entry
 *                         sums C layer-normalised inputs times such weights, so a score q·k/√d_k spreads
 *                         by about C·σ²: with σ = 0.02 and C = 32 about 0.013, and every attention row starts
 *                         within a few per cent of uniform, each position seeing the average of the whole
 *                         sequence (a bag of tokens). A larger σ starts every head leaning somewhere, which
 *                         a classifier that has to learn to look at neighbours needs (chapter 10).
 *
 * <p>Build one by naming its sizes ({@link ConfigBuilder}), the number of classes and the pooling:
 * <pre>
 *   ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).heads(4)
 *           .numClasses(2).pooling(Pooling.CLASS_TOKEN).build()
 * </pre>
 */
public record ClassifierConfig(int vocabSize, int contextLength, int channels, int layers, int heads,
                               int numClasses, Pooling pooling, float dropout, AttentionScaling scaling,
                               BlockOrder order, PositionKind positions, float attentionInitStd) {

    /** GPT-2's initial weight std, which {@link #attentionInitStd} is unless set. */
    public static final float DEFAULT_ATTENTION_INIT_STD = Gpt.INIT_STD;

    public ClassifierConfig {
        Shapes.positive("vocabSize", vocabSize);
        Shapes.positive("contextLength", contextLength);
        Shapes.positive("channels", channels);
        Shapes.positive("layers", layers);
        Shapes.positive("heads", heads);
        Shapes.positive("numClasses", numClasses);
        GptConfig.checkHeads(channels, heads);
        GptConfig.checkDropout(dropout);
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(positions, "positions");
        if (!(attentionInitStd > 0 && Float.isFinite(attentionInitStd))) {
            throw new IllegalArgumentException("attentionInitStd must be a positive finite number, got " + attentionInitStd);
        }
    }

    /** Starts a config; name the five sizes, the number of classes and the pooling, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** ClassifierConfig's settings by name: those of {@link ConfigBuilder}, plus the classes and the pooling. */
    public static final class Builder extends ConfigBuilder<Builder> {
        private Integer numClasses;
        private Pooling pooling;
        private float attentionInitStd = DEFAULT_ATTENTION_INIT_STD;

        private Builder() { super("ClassifierConfig"); }

        /** How many classes the head scores (required). */
        public Builder numClasses(int numClasses) { this.numClasses = numClasses; return this; }

        /** How the sequence becomes one vector: MEAN or CLASS_TOKEN (required). */
        public Builder pooling(Pooling pooling) { this.pooling = pooling; return this; }

        /**
         * The std of the attention's q, k, v weights at initialisation (default 0.02, as every other weight):
         * larger values make the first attention rows lean somewhere instead of averaging the whole sequence.
         */
        public Builder attentionInitStd(float std) { this.attentionInitStd = std; return this; }

        public ClassifierConfig build() {
            return new ClassifierConfig(vocabSize(), contextLength(), channels(), layers(), heads(),
                    required("numClasses", numClasses), required("pooling", pooling), dropout, scaling, order, positions,
                    attentionInitStd);
        }
    }

    /** The sizes in order, with no dropout, 1/√d_k scaling, pre-LN, learned positions.
     *  For code that holds the sizes in named variables; {@link #builder()} names each one. */
    public static ClassifierConfig of(int vocabSize, int contextLength, int channels, int layers, int heads,
                                      int numClasses, Pooling pooling) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling,
                0f, AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED, DEFAULT_ATTENTION_INIT_STD);
    }

    public ClassifierConfig withDropout(float p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, p, scaling, order, positions, attentionInitStd);
    }

    public ClassifierConfig withScaling(AttentionScaling s) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, s, order, positions, attentionInitStd);
    }

    public ClassifierConfig withOrder(BlockOrder o) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, scaling, o, positions, attentionInitStd);
    }

    public ClassifierConfig withPositions(PositionKind p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, scaling, order, p, attentionInitStd);
    }

    public ClassifierConfig withPooling(Pooling p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, p, dropout, scaling, order, positions, attentionInitStd);
    }

    public ClassifierConfig withAttentionInitStd(float std) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, scaling, order, positions, std);
    }

    public int headSize() {
        return channels / heads;
    }

    /** Positions the blocks see: the tokens, plus the class token if there is one. */
    public int blockLength() {
        return pooling == Pooling.CLASS_TOKEN ? contextLength + 1 : contextLength;
    }
}
