package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

import java.util.Objects;

/**
 * The sizes and choices that define a {@link SequenceClassifier}: the same blocks as {@link GptConfig}
 * (without the causal mask), plus the number of classes and the pooling.
 *
 * @param contextLength the longest token sequence accepted; with {@link Pooling#CLASS_TOKEN} the
 *                      blocks see one position more (the class token at position 0)
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

    /** No dropout, 1/√d_k scaling, pre-LN, learned positions. */
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
