package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

/**
 * A (T, C) table added to the token vectors so the model can tell positions apart: attention alone
 * treats the sequence as a set. Implemented by {@link PositionEmbedding} (learned) and
 * {@link SinusoidalPositions} (fixed).
 */
public interface PositionEncoding extends Module {

    /** The vectors of positions 0 .. length−1, shape (length, C). */
    Tensor forward(int length);

    /** Takes dL/d(table) of shape (length, C) from the last forward; accumulates into any parameters. */
    void backward(Tensor dTable);

    /** How many positions the table has. */
    int maxLength();
}
