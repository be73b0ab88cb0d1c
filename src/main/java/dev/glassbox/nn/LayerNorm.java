package dev.glassbox.nn;

import dev.glassbox.kernels.LayerNormKernel;
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
public final class LayerNorm extends FastTwin implements Module {
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

    /** The formulas above as plain loops with double sums (the reference), or {@link LayerNormKernel} when {@code fast}. */
    @Override
    protected Tensor forward(Tensor x, boolean fast) {
        Shapes.expectLastDim(weight.name() + " input", x, channels);
        int rows = x.size() / channels;
        float[] xd = x.data(), w = weight.value().data(), b = bias.value().data();
        Tensor y = Tensor.zeros(x.shape());
        normalized = Tensor.zeros(x.shape());
        rstd = new float[rows];
        float[] yd = y.data(), n = normalized.data();
        if (fast) {
            LayerNormKernel.forward(xd, w, b, EPS, rows, channels, yd, n, rstd);
            return y;
        }
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

    /** llm.c's layernorm_backward as plain loops (the reference), or {@link LayerNormKernel} when {@code fast}. */
    @Override
    protected Tensor backward(Tensor dy, boolean fast) {
        if (normalized == null) throw new IllegalStateException(weight.name() + ": backward called before forward");
        Shapes.expect(weight.name() + " output gradient", dy, normalized.shape());
        int rows = rstd.length;
        float[] dyd = dy.data(), n = normalized.data(), w = weight.value().data();
        float[] dw = weight.grad().data(), db = bias.grad().data();
        Tensor dx = Tensor.zeros(dy.shape());
        float[] dxd = dx.data();
        if (fast) {
            LayerNormKernel.backward(dyd, n, rstd, w, rows, channels, dxd, dw, db);
            return dx;
        }
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

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
