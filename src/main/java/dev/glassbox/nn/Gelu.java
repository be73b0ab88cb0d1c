package dev.glassbox.nn;

import dev.glassbox.kernels.GeluKernel;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

/**
 * GELU in GPT-2's tanh form, element by element:
 *
 * <pre>
 *   u  = √(2/π) · (x + 0.044715 x³)
 *   y  = ½ x (1 + tanh u)
 *   dy/dx = ½ (1 + tanh u) + ½ x (1 − tanh² u) · √(2/π) · (1 + 3 · 0.044715 x²)
 * </pre>
 * tanh is computed as 1 − 2 / (e^(2u) + 1): the same number, but JDK 17's {@code Math.tanh} is not
 * a compiler intrinsic and made GELU ten times slower than this whole formula (measured ~100 ns per
 * element, the largest cost of a training step). Only absolute accuracy matters here, and this form
 * has it for every u (e^(2u) = ∞ gives 1, e^(2u) = 0 gives −1).
 */
public final class Gelu extends FastTwin {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double CUBIC = 0.044715;
    /** An exp costs about as much as twenty multiply-adds; this sizes the job for {@link Parallel}. */
    private static final long WORK_PER_ELEMENT = 20;
    private Tensor input;
    private float[] fastTanh;   // the fast forward's tanh u per element, for its backward

    /** The formula above, element by element in double (the reference), or {@link GeluKernel} when {@code fast}. */
    @Override
    protected Tensor forward(Tensor x, boolean fast) {
        Tensor y = Tensor.zeros(x.shape());
        float[] xd = x.data(), yd = y.data();
        input = x;
        fastTanh = fast ? new float[xd.length] : null;
        if (fast) GeluKernel.forward(xd, yd, fastTanh);
        else Parallel.ranges(xd.length, WORK_PER_ELEMENT * xd.length, (from, to) -> {   // element by element: split freely
            for (int i = from; i < to; i++) {
                double v = xd[i];
                double u = SQRT_2_OVER_PI * (v + CUBIC * v * v * v);
                yd[i] = (float) (0.5 * v * (1 + tanh(u)));
            }
        });
        return y;
    }

    /** dL/dx = dL/dy · dy/dx, element by element in double (the reference), or {@link GeluKernel} when {@code fast}. */
    @Override
    protected Tensor backward(Tensor dy, boolean fast) {
        if (input == null) throw new IllegalStateException("gelu: backward called before forward");
        Shapes.expect("gelu output gradient", dy, input.shape());
        Tensor dx = Tensor.zeros(dy.shape());
        float[] xd = input.data(), dyd = dy.data(), dxd = dx.data();
        if (fast) GeluKernel.backward(xd, fastTanh != null ? fastTanh : GeluKernel.tanhOf(xd), dyd, dxd);  // null: forward was the reference
        else Parallel.ranges(xd.length, WORK_PER_ELEMENT * xd.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = xd[i];
                double u = SQRT_2_OVER_PI * (v + CUBIC * v * v * v);
                double tanh = tanh(u);
                double local = 0.5 * (1 + tanh) + 0.5 * v * (1 - tanh * tanh) * SQRT_2_OVER_PI * (1 + 3 * CUBIC * v * v);
                dxd[i] = (float) (local * dyd[i]);
            }
        });
        return dx;
    }

    private static double tanh(double u) {
        return 1 - 2 / (Math.exp(2 * u) + 1);
    }
}
