package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A Transformer that reads a whole sequence and names its class (the essay's "sleepgpt", S11).
 *
 * <pre>
 *   x = wte[tokens] + positions                 (B, T) → (B, T, C)
 *       (CLASS_TOKEN: cls_token is put in front  → (B, T+1, C))
 *   x = block_i(x)    without the causal mask    every position sees every other
 *   x = ln_f(x)                                  (B, L, C),  L = T or T+1
 *   pooled = mean over positions (MEAN)          (B, C)
 *          | x[:, 0, :]          (CLASS_TOKEN)
 *   logits = pooled · W_head + b_head            (B, numClasses)
 *   loss = mean cross-entropy(logits, labels)
 * </pre>
 * The blocks are the same {@link Block} class as in {@link Gpt}; only the mask is off. With
 * {@link Pooling#CLASS_TOKEN} a learned vector "cls_token" (C) sits at position 0, attends to all
 * tokens, and its final vector is the summary; the position table then has contextLength + 1 rows.
 * The class head is its own Linear ("head", C → numClasses), not tied to the embedding.
 */
public final class SequenceClassifier implements Module {
    private final ClassifierConfig config;
    private final Embedding wte;
    private final PositionEncoding positions;
    private final Parameter classToken;   // null for MEAN pooling
    private final Trunk trunk;
    private final Linear head;
    private final List<Parameter> parameters;

    // cached by the last forward pass
    private int batch, tokenLength, blockLength;
    private Tensor pooled, logits;
    private int[] labels;

    public SequenceClassifier(ClassifierConfig config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        RandomGenerator init = new SplittableRandom(seed);
        RandomGenerator dropoutRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        int C = config.channels();
        float std = Gpt.INIT_STD;
        wte = Embedding.named("wte").vocabSize(config.vocabSize()).channels(C).initialisedFrom(init).weightStd(std).build();
        positions = config.positions() == PositionKind.LEARNED
                ? new PositionEmbedding("wpe", config.blockLength(), C, init, std)
                : new SinusoidalPositions(config.blockLength(), C);
        classToken = config.pooling() == Pooling.CLASS_TOKEN
                ? new Parameter("cls_token", Tensor.randn(init, std, C), false)
                : null;
        trunk = new Trunk(config.layers(), C, config.heads(), false, config.scaling(), config.order(), config.dropout(),
                init, dropoutRandom, std, config.attentionInitStd());
        head = Linear.named("head").in(C).out(config.numClasses()).initialisedFrom(init).weightStd(std).build();

        List<Parameter> all = new ArrayList<>(wte.parameters());
        all.addAll(positions.parameters());
        if (classToken != null) all.add(classToken);
        all.addAll(trunk.parameters());
        all.addAll(head.parameters());
        parameters = List.copyOf(all);
    }

    public ClassifierConfig config() { return config; }

    public Embedding tokenEmbedding() { return wte; }

    public PositionEncoding positionEncoding() { return positions; }

    /** The learned class token (C), or empty with MEAN pooling. */
    public java.util.Optional<Parameter> classToken() { return java.util.Optional.ofNullable(classToken); }

    /** The blocks (no causal mask) and ln_f, shared in shape with {@link Gpt}. */
    public Trunk trunk() { return trunk; }

    public List<Block> blocks() { return trunk.blocks(); }

    public Linear head() { return head; }

    public void setTraining(boolean training) {
        trunk.setTraining(training);
    }

    public boolean isTraining() {
        return trunk.isTraining();
    }

    /** Class logits (B, numClasses) for a rectangular batch of token ids, 1 ≤ T ≤ contextLength. */
    public Tensor forward(int[][] tokens) {
        tokenLength = Tokens.check(tokens, config.vocabSize(), config.contextLength());
        batch = tokens.length;
        boolean cls = classToken != null;
        blockLength = cls ? tokenLength + 1 : tokenLength;
        int B = batch, T = tokenLength, L = blockLength, C = config.channels();
        labels = null;

        Tensor tokenVectors = wte.forward(tokens);                                 // (B, T, C)
        Tensor x = Tensor.zeros(B, L, C);                                          // (B, L, C)
        float[] xd = x.data(), tv = tokenVectors.data();
        for (int b = 0; b < B; b++) {
            if (cls) System.arraycopy(classToken.value().data(), 0, xd, b * L * C, C);
            System.arraycopy(tv, b * T * C, xd, (b * L + (cls ? 1 : 0)) * C, T * C);
        }
        positions.addTo(x);                                                        // + (L, C) for every b
        Tensor normalized = trunk.forward(x);                                      // (B, L, C)

        pooled = Tensor.zeros(B, C);                                               // (B, C)
        float[] n = normalized.data(), p = pooled.data();
        for (int b = 0; b < B; b++) {
            if (cls) {
                System.arraycopy(n, b * L * C, p, b * C, C);
            } else {
                for (int t = 0; t < L; t++) {
                    for (int c = 0; c < C; c++) p[b * C + c] += n[(b * L + t) * C + c] / L;
                }
            }
        }
        logits = Shapes.checkFinite("head", head.forward(pooled));                 // (B, numClasses)
        return logits;
    }

    /** Runs {@link #forward(int[][])} and returns the mean cross-entropy against one label per sequence. */
    public float forward(int[][] tokens, int[] labels) {
        Tensor out = forward(tokens);
        if (labels == null || labels.length != batch) {
            throw new IllegalArgumentException((labels == null ? 0 : labels.length) + " labels for " + batch
                    + " sequences (one label per sequence)");
        }
        float loss = Loss.crossEntropy(out, labels);
        this.labels = labels.clone();
        return loss;
    }

    /** After {@link #forward(int[][], int[])}: accumulates dLoss/dw into every parameter's grad. */
    public void backward() {
        if (labels == null) {
            throw new IllegalStateException("backward() needs a forward(tokens, labels) first; the last forward had no labels");
        }
        backward(Loss.crossEntropyBackward(logits, labels));
    }

    /** Backward from any loss: takes dLoss/dlogits (B, numClasses) of the last forward. */
    public void backward(Tensor dLogits) {
        if (logits == null) throw new IllegalStateException("backward called before forward");
        int B = batch, T = tokenLength, L = blockLength, C = config.channels();
        boolean cls = classToken != null;
        Shapes.expect("logits gradient", dLogits, B, config.numClasses());
        float[] dp = head.backward(dLogits).data();                                // (B, C)

        Tensor dNormalized = Tensor.zeros(B, L, C);                                // (B, L, C)
        float[] dn = dNormalized.data();
        for (int b = 0; b < B; b++) {
            if (cls) {
                System.arraycopy(dp, b * C, dn, b * L * C, C);                     // only position 0 was pooled
            } else {
                for (int t = 0; t < L; t++) {
                    for (int c = 0; c < C; c++) dn[(b * L + t) * C + c] = dp[b * C + c] / L;
                }
            }
        }
        Tensor dx = trunk.backward(dNormalized);                                   // (B, L, C)
        float[] d = dx.data();
        positions.backwardFromBatch(dx);
        Tensor dTokens = Tensor.zeros(B, T, C);                                    // (B, T, C)
        for (int b = 0; b < B; b++) {
            if (cls) {
                float[] dCls = classToken.grad().data();
                for (int c = 0; c < C; c++) dCls[c] += d[b * L * C + c];
            }
            System.arraycopy(d, (b * L + (cls ? 1 : 0)) * C, dTokens.data(), b * T * C, T * C);
        }
        wte.backward(dTokens);
    }

    /** The class logits (B, numClasses) of the last forward pass. */
    public Tensor logits() {
        if (logits == null) throw new IllegalStateException("no forward pass yet");
        return logits;
    }

    /** The pooled vectors (B, C) of the last forward pass, the class head's input. */
    public Tensor pooled() {
        if (pooled == null) throw new IllegalStateException("no forward pass yet");
        return pooled;
    }

    /**
     * The last forward pass in data-flow order: "embeddings" (B, L, C), "h.i.after_attn",
     * "h.i.after_mlp", "ln_f" (B, L, C), "pooled" (B, C), "logits" (B, numClasses);
     * L = T, or T + 1 with the class token at position 0.
     */
    public List<Activation> trace() {
        if (logits == null) throw new IllegalStateException("no forward pass yet: call forward first, then trace()");
        List<Activation> out = trunk.trace();
        out.add(new Activation("pooled", pooled));
        out.add(new Activation("logits", logits));
        return List.copyOf(out);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
