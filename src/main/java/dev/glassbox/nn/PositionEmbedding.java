package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/** GPT-2's learned positions: a (contextLength, C) table "wpe.weight", row t added at position t. */
public final class PositionEmbedding implements PositionEncoding {
    private final int maxLength, channels;
    private final Parameter weight;
    private int length;   // T of the last forward

    public PositionEmbedding(String name, int maxLength, int channels, RandomGenerator random, float std) {
        this.maxLength = Shapes.positive(name + " length", maxLength);
        this.channels = Shapes.positive(name + " channels", channels);
        this.weight = new Parameter(name + ".weight", Tensor.randn(random, std, maxLength, channels), true);
    }

    public Parameter weight() { return weight; }

    @Override
    public int maxLength() { return maxLength; }

    @Override
    public Tensor forward(int length) {
        checkLength(length, maxLength);
        this.length = length;
        float[] rows = java.util.Arrays.copyOf(weight.value().data(), length * channels);
        return Tensor.of(rows, length, channels);                                  // (T, C)
    }

    @Override
    public float[] vectorAt(int position) {
        checkLength(position + 1, maxLength);
        return java.util.Arrays.copyOfRange(weight.value().data(), position * channels, (position + 1) * channels);
    }

    @Override
    public void backward(Tensor dTable) {
        if (length == 0) throw new IllegalStateException(weight.name() + ": backward called before forward");
        Shapes.expect(weight.name() + " gradient", dTable, length, channels);
        float[] dw = weight.grad().data(), d = dTable.data();
        for (int i = 0; i < d.length; i++) dw[i] += d[i];
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    static void checkLength(int length, int maxLength) {
        if (length < 1) throw new IllegalArgumentException("sequence length must be at least 1, got " + length);
        if (length > maxLength) {
            throw new IllegalArgumentException("sequence length " + length + " is longer than the context length " + maxLength);
        }
    }
}
