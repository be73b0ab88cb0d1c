package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

import java.util.Objects;

/**
 * The sizes and choices that define a {@link SequenceClassifier}: the same blocks as {@link GptConfig}
 * (without the causal mask), plus the number of classes and the pooling.
 *
 * @param contextLength the longest token sequence accepted; with {@link Pooling#CLASS_TOKEN} the
 *                      blocks see one position more (the class token at position 0)
 *
 * <p>Build one by naming its sizes ({@link ConfigBuilder}), the number of classes and the pooling:
 * <pre>
 *   ClassifierConfig.builder().vocabSize(5).contextLength(48).channels(32).layers(2).heads(4)
 *           .numClasses(2).pooling(Pooling.CLASS_TOKEN).build()
 * </pre>
 */
public record ClassifierConfig(int vocabSize, int contextLength, int channels, int layers, int heads,
                               int numClasses, Pooling pooling, float dropout, AttentionScaling scaling,
                               BlockOrder order, PositionKind positions) {

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
    }

    /** Starts a config; name the five sizes, the number of classes and the pooling, then {@code build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** ClassifierConfig's settings by name: those of {@link ConfigBuilder}, plus the classes and the pooling. */
    public static final class Builder extends ConfigBuilder<Builder> {
        private Integer numClasses;
        private Pooling pooling;

        private Builder() { super("ClassifierConfig"); }

        /** How many classes the head scores (required). */
        public Builder numClasses(int numClasses) { this.numClasses = numClasses; return this; }

        /** How the sequence becomes one vector: MEAN or CLASS_TOKEN (required). */
        public Builder pooling(Pooling pooling) { this.pooling = pooling; return this; }

        public ClassifierConfig build() {
            return new ClassifierConfig(vocabSize(), contextLength(), channels(), layers(), heads(),
                    required("numClasses", numClasses), required("pooling", pooling), dropout, scaling, order, positions);
        }
    }

    /** The sizes in order, with no dropout, 1/√d_k scaling, pre-LN, learned positions.
     *  For code that holds the sizes in named variables; {@link #builder()} names each one. */
    public static ClassifierConfig of(int vocabSize, int contextLength, int channels, int layers, int heads,
                                      int numClasses, Pooling pooling) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling,
                0f, AttentionScaling.SQRT_DK, BlockOrder.PRE_LN, PositionKind.LEARNED);
    }

    public ClassifierConfig withDropout(float p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, p, scaling, order, positions);
    }

    public ClassifierConfig withScaling(AttentionScaling s) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, s, order, positions);
    }

    public ClassifierConfig withOrder(BlockOrder o) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, scaling, o, positions);
    }

    public ClassifierConfig withPositions(PositionKind p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, pooling, dropout, scaling, order, p);
    }

    public ClassifierConfig withPooling(Pooling p) {
        return new ClassifierConfig(vocabSize, contextLength, channels, layers, heads, numClasses, p, dropout, scaling, order, positions);
    }

    public int headSize() {
        return channels / heads;
    }

    /** Positions the blocks see: the tokens, plus the class token if there is one. */
    public int blockLength() {
        return pooling == Pooling.CLASS_TOKEN ? contextLength + 1 : contextLength;
    }
}
