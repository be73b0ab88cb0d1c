package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The essay's dictionary lookup: a (V, C) matrix whose row {@code id} is the vector of token
 * {@code id}. Looking up a row is the same as multiplying a one-hot vector by the matrix, and it
 * ignores context: the same token gets the same vector in every sentence.
 *
 * <pre>
 *   forward:   out[b, t, :] = weight[tokens[b][t], :]        (B, T) → (B, T, C)
 *   backward:  dweight[tokens[b][t], :] += dout[b, t, :]     (a token used twice gets both gradients)
 * </pre>
 * In {@link Gpt} the same matrix, transposed, is the LM head (weight tying).
 */
public final class Embedding implements Module {
    private final int vocab, channels;
    private final Parameter weight;
    private int[][] tokens;   // cached for backward

    private Embedding(Builder b) {
        this.vocab = Shapes.positive(b.name + " vocabulary size", b.required("vocabSize", b.vocabSize));
        this.channels = Shapes.positive(b.name + " channels", b.required("channels", b.channels));
        this.weight = new Parameter(b.name + ".weight", Tensor.randn(b.random, b.std, vocab, channels), true);
    }

    /** The table {@code name + ".weight"}: {@code Embedding.named("wte").vocabSize(8).channels(5).initialisedFrom(random).weightStd(1f).build()}. */
    public static Builder named(String name) { return new Builder(name); }

    public Parameter weight() { return weight; }

    /** Sets the vector of token {@code id}, e.g. {@code setRow(cat, 3, 2, 57, 1, 62)}. */
    public void setRow(int id, float... values) {
        Tokens.checkId(id, vocab, 0, 0);
        if (values.length != channels) {
            throw new IllegalArgumentException("row for token " + id + " needs " + channels + " numbers, got " + values.length);
        }
        System.arraycopy(values, 0, weight.value().data(), id * channels, channels);
    }

    /** A copy of the vector of token {@code id}. */
    public float[] row(int id) {
        Tokens.checkId(id, vocab, 0, 0);
        return Arrays.copyOfRange(weight.value().data(), id * channels, (id + 1) * channels);
    }

    public Tensor forward(int[][] tokens) {
        int t = Tokens.check(tokens, vocab, Integer.MAX_VALUE);
        int b = tokens.length;
        Tensor out = Tensor.zeros(b, t, channels);                                 // (B, T, C)
        float[] w = weight.value().data(), o = out.data();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                System.arraycopy(w, tokens[i][j] * channels, o, (i * t + j) * channels, channels);
            }
        }
        this.tokens = tokens;
        return out;
    }

    public void backward(Tensor dOut) {
        if (tokens == null) throw new IllegalStateException(weight.name() + ": backward called before forward");
        int b = tokens.length, t = tokens[0].length;
        Shapes.expect(weight.name() + " output gradient", dOut, b, t, channels);
        float[] dw = weight.grad().data(), d = dOut.data();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int row = tokens[i][j] * channels, from = (i * t + j) * channels;
                for (int c = 0; c < channels; c++) dw[row + c] += d[from + c];
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    /** V and C (required) by name; the table N(0, std²) as {@link LayerBuilder} sets it. */
    public static final class Builder extends LayerBuilder<Builder> {
        private Integer vocabSize, channels;

        private Builder(String name) { super("Embedding", name, name); }

        public Builder vocabSize(int vocabSize) { this.vocabSize = vocabSize; return this; }

        public Builder channels(int channels) { this.channels = channels; return this; }

        public Embedding build() { return new Embedding(this); }
    }
}
