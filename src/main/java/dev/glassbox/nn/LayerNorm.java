package dev.glassbox.nn;

import dev.glassbox.kernels.LayerNormKernel;
import dev.glassbox.kernels.Simd;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.List;

/**
 * Normalise, scale, shift — over the last dimension of every position (the essay's "layer normalisation").
 *
 * <pre>
 *   μ = mean(x),  σ² = mean((x − μ)²),  rstd = 1 / √(σ² + eps),  eps = 1e-5
 *   n = (x − μ) · rstd
 *   y = n · weight + bias
 *
 *   backward (llm.c):  dn = dy · weight
 *                      dx = rstd · (dn − mean(dn) − n · mean(dn · n))
 *                      dweight += Σ dy · n,   dbias += Σ dy
 * </pre>
 * The gain and shift are not weight-decayed (decays = false), as in GPT-2 training.
 */
public final class LayerNorm implements Module {
    public static final float EPS = 1e-5f;
    private final int channels;
    private final Parameter weight, bias;
    private Tensor normalized;   // n, cached for backward  (..., C)
    private float[] rstd;        // one per position

    public LayerNorm(String name, int channels) {
        this.channels = Shapes.positive(name + " channels", channels);
        Tensor ones = Tensor.zeros(channels);
        ones.fill(1f);
        this.weight = new Parameter(name + ".weight", ones, false);
        this.bias = new Parameter(name + ".bias", Tensor.zeros(channels), false);
    }

    public Parameter weight() { return weight; }

    public Parameter bias() { return bias; }

    /** y = layernorm(x) over the last dimension, on {@link LayerNormKernel} when SIMD is available. */
    public Tensor forward(Tensor x) {
        if (!Simd.available()) return forwardReference(x);
        Linear.checkLastDim(weight.name() + " input", x, channels);
        int rows = x.size() / channels;
        Tensor y = Tensor.zeros(x.shape());
        normalized = Tensor.zeros(x.shape());
        rstd = new float[rows];
        LayerNormKernel.forward(x.data(), weight.value().data(), bias.value().data(), EPS, rows, channels,
                y.data(), normalized.data(), rstd);
        return y;
    }

    /** dL/dx from dL/dy, accumulating the gain and shift gradients, on {@link LayerNormKernel} when SIMD is available. */
    public Tensor backward(Tensor dy) {
        if (!Simd.available()) return backwardReference(dy);
        checkBackward(dy);
        Tensor dx = Tensor.zeros(dy.shape());
        LayerNormKernel.backward(dy.data(), normalized.data(), rstd, weight.value().data(), rstd.length, channels,
                dx.data(), weight.grad().data(), bias.grad().data());
        return dx;
    }

    /** The formulas above as plain loops with double sums: the reference the fast twin is tested against. */
    public Tensor forwardReference(Tensor x) {
        Linear.checkLastDim(weight.name() + " input", x, channels);
        int rows = x.size() / channels;
        float[] xd = x.data(), w = weight.value().data(), b = bias.value().data();
        Tensor y = Tensor.zeros(x.shape());
        normalized = Tensor.zeros(x.shape());
        rstd = new float[rows];
        float[] yd = y.data(), n = normalized.data();
        for (int r = 0; r < rows; r++) {
            int o = r * channels;
            double mean = 0;
            for (int c = 0; c < channels; c++) mean += xd[o + c];
            mean /= channels;
            double variance = 0;
            for (int c = 0; c < channels; c++) variance += (xd[o + c] - mean) * (xd[o + c] - mean);
            variance /= channels;
            float s = (float) (1.0 / Math.sqrt(variance + EPS));
            rstd[r] = s;
            for (int c = 0; c < channels; c++) {
                n[o + c] = (float) (xd[o + c] - mean) * s;
                yd[o + c] = n[o + c] * w[c] + b[c];
            }
        }
        return y;
    }

    /** llm.c's layernorm_backward as plain loops: the reference of {@link #backward}. */
    public Tensor backwardReference(Tensor dy) {
        checkBackward(dy);
        int rows = rstd.length;
        float[] dyd = dy.data(), n = normalized.data(), w = weight.value().data();
        float[] dw = weight.grad().data(), db = bias.grad().data();
        Tensor dx = Tensor.zeros(dy.shape());
        float[] dxd = dx.data();
        for (int r = 0; r < rows; r++) {
            int o = r * channels;
            double meanDn = 0, meanDnN = 0;
            for (int c = 0; c < channels; c++) {
                float dn = dyd[o + c] * w[c];
                meanDn += dn;
                meanDnN += dn * n[o + c];
            }
            meanDn /= channels;
            meanDnN /= channels;
            for (int c = 0; c < channels; c++) {
                float dn = dyd[o + c] * w[c];
                dxd[o + c] = (float) ((dn - meanDn - n[o + c] * meanDnN) * rstd[r]);
                dw[c] += dyd[o + c] * n[o + c];
                db[c] += dyd[o + c];
            }
        }
        return dx;
    }

    private void checkBackward(Tensor dy) {
        if (normalized == null) throw new IllegalStateException(weight.name() + ": backward called before forward");
        Shapes.expect(weight.name() + " output gradient", dy, normalized.shape());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
