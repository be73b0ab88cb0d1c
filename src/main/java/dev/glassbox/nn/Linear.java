package dev.glassbox.nn;

import dev.glassbox.kernels.Elementwise;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer applied to every position: {@code y = x · W + b}.
 *
 * <p>W is stored (in, out), like GPT-2's Conv1D, so pretrained weights load without a transpose.
 * Any leading dimensions are treated as rows: (B, T, in) → (B, T, out).
 *
 * <pre>
 *   forward:   y  = x · W + b          (rows, in) · (in, out)
 *   backward:  dx = dy · Wᵀ            (rows, out) · (out, in)
 *              dW += xᵀ · dy           (in, rows) · (rows, out)
 *              db += Σ_rows dy
 * </pre>
 * All three products go through {@link Matmul}, the library's one tuned kernel; the bias rows through
 * {@link Elementwise}, whose loops the JIT would leave scalar.
 *
 * <p>Made by name: {@code Linear.named("lin").in(3).out(2).initialisedFrom(random).weightStd(0.5f).build()}.
 */
public final class Linear implements Module {
    private final int in, out;
    private final Parameter weight, bias;
    private Tensor input;   // cached by forward for backward

    private Linear(Builder b) {
        String name = Objects.requireNonNull(b.name, "name"), owner = "Linear " + name;
        this.in = Shapes.positive(name + " input width", Shapes.required(owner, "in", b.in));
        this.out = Shapes.positive(name + " output width", Shapes.required(owner, "out", b.out));
        this.weight = new Parameter(name + ".weight", Tensor.randn(b.random, b.std, in, out), true);
        this.bias = new Parameter(name + ".bias", Tensor.zeros(out), false);
    }

    /** Parameters {@code name + ".weight"} (in, out) and {@code ".bias"} (out); the widths are required. */
    public static Builder named(String name) { return new Builder(name); }

    public Parameter weight() { return weight; }

    public Parameter bias() { return bias; }

    public Tensor forward(Tensor x) {
        Shapes.expectLastDim("input", x, in);
        int rows = x.size() / in;
        int[] shape = x.shape();
        shape[shape.length - 1] = out;
        Tensor y = Tensor.zeros(shape);                                           // (..., out)
        Matmul.multiply(y.data(), x.data(), weight.value().data(), rows, in, out, false);
        Elementwise.addToEveryRow(y.data(), bias.value().data(), rows);            // + b on every row
        input = x;
        return y;
    }

    /** Takes dL/dy, accumulates dL/dW and dL/db, returns dL/dx. */
    public Tensor backward(Tensor dy) {
        if (input == null) throw new IllegalStateException(weight.name() + ": backward called before forward");
        int[] expected = input.shape();
        expected[expected.length - 1] = out;
        Shapes.expect(weight.name() + " output gradient", dy, expected);
        int rows = input.size() / in;

        float[] weightT = new float[out * in];
        Matmul.transpose(weightT, weight.value().data(), in, out);                // (out, in)
        Tensor dx = Tensor.zeros(input.shape());                                  // (..., in)
        Matmul.multiply(dx.data(), dy.data(), weightT, rows, out, in, false);

        // dW += xᵀ · dy, reading x (rows, in) as its transpose in place
        Matmul.multiplyTransposedA(weight.grad().data(), input.data(), dy.data(), in, rows, out, true);

        Elementwise.addColumnSums(bias.grad().data(), dy.data(), rows);            // db += Σ_rows dy
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** Fails unless a standard deviation is a finite number ≥ 0, naming the layer. */
    static float checkStd(String layer, float std) {
        if (!(std >= 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException(layer + " weight std must be a finite number ≥ 0, got " + std);
        }
        return std;
    }

    /** The widths by name (required), weights N(0, std²) from a generator (default: seed 0, std 0.02, GPT-2's), bias zero. */
    public static final class Builder {
        private final String name;
        private Integer in, out;
        private RandomGenerator random = new SplittableRandom(0);
        private float std = Gpt.INIT_STD;

        private Builder(String name) { this.name = name; }

        /** The width of each input row (required). */
        public Builder in(int in) { this.in = in; return this; }

        /** The width of each output row (required). */
        public Builder out(int out) { this.out = out; return this; }

        /** The generator the weights are drawn from (default: a new one with seed 0). */
        public Builder initialisedFrom(RandomGenerator random) { this.random = Objects.requireNonNull(random, "random"); return this; }

        /** The weights are drawn from N(0, std²) (default 0.02). */
        public Builder weightStd(float std) { this.std = checkStd(name, std); return this; }

        public Linear build() { return new Linear(this); }
    }
}
