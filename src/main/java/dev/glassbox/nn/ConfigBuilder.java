package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;

/**
 * The settings {@link GptConfig} and {@link ClassifierConfig} share, each named by the method that sets it
 * (the same name as the config's accessor). The five sizes are required; the choices default to GPT-2's:
 * no dropout, 1/√d_k scaling, pre-LN, learned positions. Values are checked when {@code build()} makes
 * the config, with the config's own messages ("heads must be at least 1, got 0").
 *
 * @param <B> the concrete builder, so that every setter returns it
 */
public abstract class ConfigBuilder<B extends ConfigBuilder<B>> {
    private final String owner;
    private Integer vocabSize, contextLength, channels, layers, heads;
    float dropout = 0f;
    AttentionScaling scaling = AttentionScaling.SQRT_DK;
    BlockOrder order = BlockOrder.PRE_LN;
    PositionKind positions = PositionKind.LEARNED;

    ConfigBuilder(String owner) { this.owner = owner; }

    /** V, the number of distinct tokens (required). */
    public B vocabSize(int vocabSize) { this.vocabSize = vocabSize; return self(); }

    /** T, the longest sequence the model accepts (required). */
    public B contextLength(int contextLength) { this.contextLength = contextLength; return self(); }

    /** C, the width of the residual stream (required). */
    public B channels(int channels) { this.channels = channels; return self(); }

    /** The number of blocks (required). */
    public B layers(int layers) { this.layers = layers; return self(); }

    /** NH, attention heads per block; they must divide the channels (required). */
    public B heads(int heads) { this.heads = heads; return self(); }

    /** Probability of zeroing an activation while training (default 0). */
    public B dropout(float dropout) { this.dropout = dropout; return self(); }

    /** How attention scores are scaled (default SQRT_DK). */
    public B scaling(AttentionScaling scaling) { this.scaling = scaling; return self(); }

    /** Pre-LN (GPT-2, the default) or post-LN (the essay's order). */
    public B order(BlockOrder order) { this.order = order; return self(); }

    /** Learned (the default) or sinusoidal positions. */
    public B positions(PositionKind positions) { this.positions = positions; return self(); }

    @SuppressWarnings("unchecked")
    private B self() { return (B) this; }

    int vocabSize() { return required("vocabSize", vocabSize); }

    int contextLength() { return required("contextLength", contextLength); }

    int channels() { return required("channels", channels); }

    int layers() { return required("layers", layers); }

    int heads() { return required("heads", heads); }

    /** Fails naming the setting and the config if it was not given. */
    <V> V required(String name, V value) {
        return Shapes.required(owner, name, value);
    }
}
