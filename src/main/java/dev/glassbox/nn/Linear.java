package dev.glassbox.nn;

import dev.glassbox.kernels.Elementwise;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.List;

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
 */
public final class Linear implements Module {
    private final int in, out;
    private final Parameter weight, bias;
    private Tensor input;   // cached by forward for backward

    private Linear(Builder b) {
        this.in = Shapes.positive(b.name + " input width", b.required("in", b.in));
        this.out = Shapes.positive(b.name + " output width", b.required("out", b.out));
        this.weight = new Parameter(b.name + ".weight", Tensor.randn(b.random, b.std, in, out), true);
        this.bias = new Parameter(b.name + ".bias", Tensor.zeros(out), false);
    }

    /** Parameters {@code name + ".weight"} (in, out) and {@code ".bias"} (out), the widths required:
     *  {@code Linear.named("lin").in(3).out(2).initialisedFrom(random).weightStd(0.5f).build()}. */
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

        Tensor dx = Tensor.zeros(input.shape());                                  // dx = dy · Wᵀ (..., in), W read in place
        Matmul.multiplyTransposedB(dx.data(), dy.data(), weight.value().data(), rows, out, in, false);

        // dW += xᵀ · dy, reading x (rows, in) as its transpose in place
        Matmul.multiplyTransposedA(weight.grad().data(), input.data(), dy.data(), in, rows, out, true);

        Elementwise.addColumnSums(bias.grad().data(), dy.data(), rows);            // db += Σ_rows dy
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** The widths by name (required); the weights N(0, std²) as {@link LayerBuilder} sets them, the bias zero. */
    public static final class Builder extends LayerBuilder<Builder> {
        private Integer in, out;

        private Builder(String name) { super("Linear", name, name); }

        /** The width of each input row (required). */
        public Builder in(int in) { this.in = in; return this; }

        /** The width of each output row (required). */
        public Builder out(int out) { this.out = out; return this; }

        public Linear build() { return new Linear(this); }
    }
}
