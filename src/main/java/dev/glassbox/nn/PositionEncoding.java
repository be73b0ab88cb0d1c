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

    /** The vector (C) of one position, a copy; what {@link Gpt#forwardStep} adds at a single new position. */
    float[] vectorAt(int position);

    /** x (B, T, C) += the vectors of positions 0 .. T−1: the same table added to every sequence of the batch. */
    default void addTo(Tensor x) {
        int T = x.dim(1), C = x.dim(2);
        float[] table = forward(T).data(), xd = x.data();                       // (T, C)
        for (int i = 0; i < xd.length; i++) xd[i] += table[i % (T * C)];
    }

    /** The backward of {@link #addTo}: each table row was added to every sequence, so dL/d(table) = Σ_b dx[b]. */
    default void backwardFromBatch(Tensor dx) {
        int T = dx.dim(1), C = dx.dim(2);
        Tensor dTable = Tensor.zeros(T, C);                                        // (T, C)
        float[] dt = dTable.data(), d = dx.data();
        for (int i = 0; i < d.length; i++) dt[i % (T * C)] += d[i];
        backward(dTable);
    }
}
