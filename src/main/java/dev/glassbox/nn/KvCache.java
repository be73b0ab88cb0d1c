package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;

import java.util.Objects;

/**
 * The keys and values a {@link Gpt} has already computed, kept so that generating token t+1 does
 * not recompute positions 0..t.
 *
 * <p>Why this is allowed: attention is causal, so position t2 never looks at anything after it.
 * Its key k_t2 and value v_t2 are therefore the same whether the sequence stops at t2 or goes on
 * for a thousand more tokens. A new position only needs its own query, key and value, and the
 * stored keys and values of the positions before it:
 *
 * <pre>
 *   uncached, per new token:  forward over all T positions          ~ T · (matmuls) + T² · C  work
 *   cached,   per new token:  forward over 1 position, q_t · k_0..t  ~ 1 · (matmuls) + T · C  work
 * </pre>
 *
 * <p>Layout, per layer: keys and values (NH, capacity, HS), filled for positions 0 .. {@link #length()}−1.
 * With {@link AttentionScaling#COSINE} the norms ‖k‖ are kept too (NH, capacity).
 *
 * <p>Full cache: the learned or sinusoidal position of each token is baked into its keys (it was
 * added to the input before layer 0), so a cache cannot "slide": dropping position 0 would shift
 * every remaining key to a position it was not computed for. {@link Gpt#forwardStep} therefore
 * refuses a token when {@link #isFull()}; the caller decides what to do (the Generator adapter in
 * {@code dev.glassbox.sample} recomputes the cropped window, exactly what an uncached model sees).
 * {@link #truncate(int)} forgets the newest positions: what is left stays valid, again because
 * earlier positions never depend on later ones.
 *
 * <p>Inference only: nothing here is differentiated. One cache belongs to one sequence (batch 1)
 * and one set of weights: after changing the model's weights, {@link #clear()} it (keys, values and
 * the LM head's transposed embedding kept here were computed from the old ones).
 */
public final class KvCache {
    private final int layers, heads, headSize, capacity;
    private final boolean keepsKeyNorms;
    private final float[][] keys, values;   // per layer (NH, capacity, HS)
    private final float[][] keyNorms;       // per layer (NH, capacity); null unless COSINE
    private int length;                     // positions 0 .. length−1 are filled
    /** wte transposed (C, V) for the LM head, made by Gpt.forwardStep at position 0 and reused for the sequence. */
    float[] headTransposed;

    /** An empty cache sized for {@code config}: contextLength positions, every layer and head. */
    public KvCache(GptConfig config) {
        Objects.requireNonNull(config, "config");
        this.layers = config.layers();
        this.heads = config.heads();
        this.headSize = config.headSize();
        this.capacity = config.contextLength();
        this.keepsKeyNorms = config.scaling() == AttentionScaling.COSINE;
        keys = new float[layers][heads * capacity * headSize];
        values = new float[layers][heads * capacity * headSize];
        keyNorms = keepsKeyNorms ? new float[layers][heads * capacity] : null;
    }

    /** How many positions are stored (the next token goes to position {@code length()}). */
    public int length() {
        return length;
    }

    /** The most positions it can hold: the model's context length. */
    public int capacity() {
        return capacity;
    }

    public boolean isFull() {
        return length == capacity;
    }

    /** Forgets everything; the next token is position 0 again. */
    public void clear() {
        length = 0;
    }

    /** Keeps positions 0 .. newLength−1 and forgets the rest (no arrays are cleared; they are overwritten later). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a KV cache of " + length + " positions to " + newLength
                    + " (expected 0.." + length + ")");
        }
        length = newLength;
    }

    /** A copy of one layer's stored keys (NH, length, HS): what each head's past positions offer. */
    public Tensor keys(int layer) {
        return copyFilled(keys, layer);
    }

    /** A copy of one layer's stored values (NH, length, HS): what each head's past positions pass on. */
    public Tensor values(int layer) {
        return copyFilled(values, layer);
    }

    // ---- used by CachedAttention and Gpt.forwardStep ----

    /** Checks the cache was made for a model of this shape. */
    void checkFits(GptConfig config) {
        if (config.layers() != layers || config.heads() != heads || config.headSize() != headSize
                || config.contextLength() != capacity || (config.scaling() == AttentionScaling.COSINE) != keepsKeyNorms) {
            throw new IllegalArgumentException("KV cache is for " + layers + " layers, " + heads + " heads of size " + headSize
                    + ", " + capacity + " positions" + (keepsKeyNorms ? ", cosine scaling" : "") + "; the model has "
                    + config.layers() + " layers, " + config.heads() + " heads of size " + config.headSize() + ", "
                    + config.contextLength() + " positions, " + config.scaling() + " scaling: make the cache with new KvCache(model.config())");
        }
    }

    /** The one check that there is room for one more position; every step that writes to the cache calls it. */
    void checkNotFull() {
        if (isFull()) {
            throw new IllegalStateException("KV cache is full: all " + capacity + " positions (the context length) are used;"
                    + " crop the sequence to its last tokens and feed them into a cleared cache");
        }
    }

    /** Positions 0..length−1 now hold the newest token's keys and values in every layer. */
    void advance() {
        checkNotFull();
        length++;
    }

    /** Layer {@code layer}'s key array (NH, capacity, HS), written in place by the attention step. */
    float[] keyStore(int layer) {
        return keys[layer];
    }

    /** Layer {@code layer}'s value array (NH, capacity, HS). */
    float[] valueStore(int layer) {
        return values[layer];
    }

    /** Layer {@code layer}'s ‖k‖ array (NH, capacity), or null when the scaling is not COSINE. */
    float[] keyNormStore(int layer) {
        return keyNorms == null ? null : keyNorms[layer];
    }

    /** Offset of (head, position) in a layer's (NH, capacity, HS) array. */
    int offset(int head, int position) {
        return (head * capacity + position) * headSize;
    }

    /** Offset of (head, position) in a layer's (NH, capacity) norm array. */
    int normOffset(int head, int position) {
        return head * capacity + position;
    }

    private Tensor copyFilled(float[][] store, int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " does not exist: the cache has layers 0.." + (layers - 1));
        }
        if (length == 0) throw new IllegalStateException("the KV cache is empty: feed a token with Gpt.forwardStep first");
        Tensor out = Tensor.zeros(heads, length, headSize);                        // (NH, length, HS)
        for (int h = 0; h < heads; h++) {
            System.arraycopy(store[layer], offset(h, 0), out.data(), h * length * headSize, length * headSize);
        }
        return out;
    }
}
