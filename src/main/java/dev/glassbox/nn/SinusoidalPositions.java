package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.List;

/**
 * Fixed positions from Vaswani et al. (2017), no parameters:
 *
 * <pre>
 *   PE[t, 2i]   = sin(t / 10000^(2i / C))
 *   PE[t, 2i+1] = cos(t / 10000^(2i / C))
 * </pre>
 * Each pair of channels is a clock hand turning at its own speed, so every position gets a distinct
 * pattern and nearby positions get similar ones.
 */
public final class SinusoidalPositions implements PositionEncoding {
    private final int maxLength, channels;
    private final Tensor table;   // (maxLength, C)

    public SinusoidalPositions(int maxLength, int channels) {
        this.maxLength = Shapes.positive("sinusoidal positions length", maxLength);
        this.channels = Shapes.positive("sinusoidal positions channels", channels);
        table = Tensor.zeros(maxLength, channels);
        for (int t = 0; t < maxLength; t++) {
            for (int c = 0; c < channels; c++) {
                int pair = c / 2;   // channels 2i and 2i+1 share a frequency
                double angle = t / Math.pow(10000.0, 2.0 * pair / channels);
                table.set((float) (c % 2 == 0 ? Math.sin(angle) : Math.cos(angle)), t, c);
            }
        }
    }

    @Override
    public int maxLength() { return maxLength; }

    @Override
    public Tensor forward(int length) {
        PositionEmbedding.checkLength(length, maxLength);
        return Tensor.of(java.util.Arrays.copyOf(table.data(), length * channels), length, channels);   // (T, C)
    }

    @Override
    public float[] vectorAt(int position) {
        PositionEmbedding.checkLength(position + 1, maxLength);
        return java.util.Arrays.copyOfRange(table.data(), position * channels, (position + 1) * channels);
    }

    /** Nothing to learn: the gradient stops here. */
    @Override
    public void backward(Tensor dTable) {
        if (dTable.dim(-1) != channels) throw new IllegalArgumentException("gradient width " + dTable.dim(-1) + ", expected " + channels);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
