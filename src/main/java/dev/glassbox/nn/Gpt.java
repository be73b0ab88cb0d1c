package dev.glassbox.nn;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A GPT: predicts, at every position, a score for every possible next token.
 *
 * <pre>
 *   x = wte[tokens] + positions[0..T)          (B, T) → (B, T, C)
 *   x = block_i(x)   for i = 0 .. layers−1     (B, T, C), causal attention
 *   x = ln_f(x)                                (B, T, C)
 *   logits = x · wteᵀ                          (B, T, V)   the LM head IS the token embedding, transposed
 *   loss = mean cross-entropy(logits, targets)
 * </pre>
 *
 * <p>Weight tying (the essay's S8): there is no separate output matrix. The head reads
 * {@code tokenEmbedding().weight().value().data()} itself, and its gradient is added into that
 * parameter's gradient, next to the lookup's.
 *
 * <p>Initialisation as GPT-2, all from {@code seed}: weights N(0, 0.02²), the two residual
 * projections per block (attn.c_proj, mlp.c_proj) N(0, (0.02/√(2·layers))²) so the residual stream's
 * variance does not grow with depth, biases 0, LayerNorm gains 1.
 */
public final class Gpt implements Module {
    static final float INIT_STD = 0.02f;

    private final GptConfig config;
    private final Embedding wte;
    private final PositionEncoding positions;
    private final Trunk trunk;
    private final List<Parameter> parameters;

    // cached by the last forward pass
    private int batch, length;
    private Tensor logits;       // (B, T, V)
    private int[] targets;       // (B·T) or null when the last forward had none

    public Gpt(GptConfig config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        RandomGenerator init = new SplittableRandom(seed);
        RandomGenerator dropoutRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int C = config.channels();
        wte = Embedding.named("wte").vocabSize(config.vocabSize()).channels(C).initialisedFrom(init).weightStd(INIT_STD).build();
        positions = config.positions() == PositionKind.LEARNED
                ? new PositionEmbedding("wpe", config.contextLength(), C, init, INIT_STD)
                : new SinusoidalPositions(config.contextLength(), C);
        trunk = new Trunk(config.layers(), C, config.heads(), true, config.scaling(), config.order(), config.dropout(),
                init, dropoutRandom, INIT_STD, INIT_STD);
        List<Parameter> all = new ArrayList<>(wte.parameters());
        all.addAll(positions.parameters());
        all.addAll(trunk.parameters());
        parameters = List.copyOf(all);
    }

    public GptConfig config() { return config; }

    /** The (V, C) token embedding "wte.weight"; the LM head uses this same array. */
    public Embedding tokenEmbedding() { return wte; }

    /** Learned ("wpe.weight") or sinusoidal, as the config says. */
    public PositionEncoding positionEncoding() { return positions; }

    public List<Block> blocks() { return trunk.blocks(); }

    /** Dropout on while training; off (the default) for evaluation and sampling. */
    public void setTraining(boolean training) { trunk.setTraining(training); }

    public boolean isTraining() { return trunk.isTraining(); }

    /** Logits (B, T, V) for a rectangular batch of token ids; {@code tokens[b][t]} in [0, V), 1 ≤ T ≤ contextLength. */
    public Tensor forward(int[][] tokens) {
        length = Tokens.check(tokens, config.vocabSize(), config.contextLength());
        batch = tokens.length;
        targets = null;

        Tensor x = wte.forward(tokens);                                            // (B, T, C)
        positions.addTo(x);                                                        // + (T, C) for every b
        x = trunk.forward(x);                                                      // (B, T, C)
        logits = Shapes.checkFinite("lm_head", lmHead(x, transposedEmbedding())); // (B, T, V)
        return logits;
    }

    /**
     * Cached decoding, one token at a time: puts {@code token} at position {@code cache.length()}, runs
     * every block on that one position (attention reads the earlier keys and values from {@code cache}
     * and appends this one's) and returns a new array of the V logits for the token after it.
     *
     * <p>Feeding tokens 0..t one by one into an empty cache gives exactly row t of
     * {@code forward(tokens[0..t])}: every operation is per position except attention, whose step repeats
     * the same arithmetic in the same order ({@link CachedAttention}), on one position instead of t+1.
     *
     * <p>Inference only: refused while training (dropout would make the paths differ) and when the cache is
     * full ({@link KvCache}); it keeps nothing for {@link #backward()} and clears {@link #logits()} and
     * {@link #trace()}. The transposed embedding the head multiplies by is made once per sequence and kept
     * in the cache (for GPT-2's 50257 × 768 table the transpose costs far more than the one-row product);
     * like the cached keys, it assumes the weights do not change mid-sequence.
     */
    public float[] forwardStep(int token, KvCache cache) {
        Objects.requireNonNull(cache, "cache");
        cache.checkFits(config);
        if (isTraining()) {
            throw new IllegalStateException("forwardStep is for inference but dropout is on: call setTraining(false) first");
        }
        cache.checkNotFull();
        int t = cache.length(), C = config.channels();
        Tokens.checkId(token, config.vocabSize(), 0, t);
        logits = null;                                                             // the last full forward no longer
        targets = null;                                                            // matches the layers' state

        Tensor x = Tensor.of(wte.row(token), 1, 1, C);                             // (1, 1, C)
        float[] pos = positions.vectorAt(t), xd = x.data();                        // (C) of position t
        for (int c = 0; c < C; c++) xd[c] += pos[c];
        Tensor normalizedStep = trunk.forwardStep(x, cache);                       // (1, 1, C)
        if (t == 0 || cache.headTransposed == null) cache.headTransposed = transposedEmbedding();
        Tensor stepLogits = Shapes.checkFinite("lm_head", lmHead(normalizedStep, cache.headTransposed)); // (1, 1, V)
        cache.advance();
        return stepLogits.data();
    }

    /** wte (V, C) transposed into (C, V), the layout the kernel multiplies by. */
    private float[] transposedEmbedding() {
        int C = config.channels(), V = config.vocabSize();
        float[] embeddingT = new float[C * V];
        Matmul.transpose(embeddingT, wte.weight().value().data(), V, C);         // (C, V)
        return embeddingT;
    }

    /** The LM head, tied: logits = x · wteᵀ, (..., C) → (..., V). */
    private Tensor lmHead(Tensor x, float[] embeddingT) {
        int C = config.channels(), V = config.vocabSize(), rows = x.size() / C;
        int[] shape = x.shape();
        shape[shape.length - 1] = V;
        Tensor out = Tensor.zeros(shape);                                          // (..., V)
        Matmul.multiply(out.data(), x.data(), embeddingT, rows, C, V, false);
        return out;
    }

    /** Runs {@link #forward(int[][])} and returns the mean cross-entropy over all B·T positions; logits are kept. */
    public float forward(int[][] tokens, int[][] targets) {
        Tensor out = forward(tokens);
        if (targets.length != batch || Arrays.stream(targets).anyMatch(row -> row.length != length)) {
            throw new IllegalArgumentException("targets have rows of length " + Arrays.stream(targets).map(row -> row.length).toList()
                    + " but tokens are " + batch + " x " + length + " (one target per token)");
        }
        int[] flat = Arrays.stream(targets).flatMapToInt(Arrays::stream).toArray();   // (B·T), in (b, t) order
        float loss = Loss.crossEntropy(out, flat);
        this.targets = flat;
        return loss;
    }

    /** After {@link #forward(int[][], int[][])}: accumulates dLoss/dw into every parameter's grad. */
    public void backward() {
        if (targets == null) {
            throw new IllegalStateException("backward() needs a forward(tokens, targets) first; the last forward had no targets"
                    + " or was a cached forwardStep (use backward(dLogits) for another loss)");
        }
        backward(Loss.crossEntropyBackward(logits, targets));
    }

    /** Backward from any loss: takes dLoss/dlogits (B, T, V) of the last forward, accumulates every parameter's grad. */
    public void backward(Tensor dLogits) {
        if (logits == null) throw new IllegalStateException("backward called before forward (or after a cached forwardStep, which keeps nothing for backward)");
        int B = batch, T = length, C = config.channels(), V = config.vocabSize();
        Shapes.expect("logits gradient", dLogits, B, T, V);
        float[] embedding = wte.weight().value().data();

        // logits = x · Eᵀ  →  dx = dlogits · E,  dE += dlogitsᵀ · x
        Tensor dx = Tensor.zeros(B, T, C);                                         // (B, T, C)
        Matmul.multiply(dx.data(), dLogits.data(), embedding, B * T, V, C, false);
        Matmul.multiplyTransposedA(wte.weight().grad().data(), dLogits.data(), trunk.normalized().data(), V, B * T, C, true);

        dx = trunk.backward(dx);                                                   // (B, T, C)

        wte.backward(dx);                                                          // lookup's share of dE
        positions.backwardFromBatch(dx);
    }

    /** The logits (B, T, V) of the last forward pass. */
    public Tensor logits() {
        if (logits == null) throw new IllegalStateException("no full forward pass yet (a cached forwardStep returns its logits directly)");
        return logits;
    }

    /**
     * The residual stream of the last forward pass in data-flow order, with shapes:
     * "embeddings" (B, T, C), then per block "h.i.after_attn" and "h.i.after_mlp" (B, T, C),
     * "ln_f" (B, T, C) and "logits" (B, T, V). The tensors are the model's own (read, don't write).
     */
    public List<Activation> trace() {
        if (logits == null) throw new IllegalStateException("no forward pass yet: call forward first, then trace()");
        List<Activation> out = trunk.trace();
        out.add(new Activation("logits", logits));
        return List.copyOf(out);
    }

    /** Every learned tensor with its GPT-2 name, in checkpoint order. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
