package dev.glassbox.nn;

import dev.glassbox.kernels.AttentionKernel;
import dev.glassbox.kernels.Parallel;
import dev.glassbox.kernels.Simd;
import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multi-head self-attention: every position looks at the others and takes a weighted mix of them.
 *
 * <pre>
 *   q, k, v = split(x · W_attn + b_attn)           (B, T, C) → (B, T, 3C) → 3 × (B, NH, T, HS)
 *   score[t, t2] = scale(q_t, k_t2)                 (B, NH, T, T); t2 &gt; t masked when causal
 *   weight[t, :] = softmax(score[t, :])             each row sums to 1, masked entries exactly 0
 *   head_t       = Σ_t2 weight[t, t2] · v_t2        (B, NH, T, HS)
 *   y = concat(heads) · W_proj + b_proj             (B, T, C)
 * </pre>
 * q is what a position looks for, k what it offers, v what it passes on (the essay's picture).
 * Each head works in its own HS = C / NH channels; the heads are concatenated back to width C.
 * {@link AttentionScaling} gives the score and its derivative.
 *
 * <p>The loops over (b, h, t, t2) below are the reference, plain like llm.c ({@link FastTwin}); the twin
 * runs the same steps fused on SIMD registers in {@link AttentionKernel} (NONE and SQRT_DK scaling). One new
 * token at a time with a KV cache: the class CachedAttention beside this one. What the last pass computed:
 * {@link #internals()}.
 */
public final class CausalSelfAttention extends FastTwin implements Module {
    final String name;
    final int channels, heads, headSize;
    final boolean causal;
    final AttentionScaling scaling;
    final float scale;                 // q·k is multiplied by this (AttentionScaling.factor), computed once
    final Linear cAttn, cProj;
    private AttentionInternals internals;   // the last full forward's q, k, v, scores and weights
    private float[] queryNorms, keyNorms;   // (B, T, NH), only for COSINE

    /** Parameters named {@code name + ".c_attn"} and {@code ".c_proj"}; reads as a sentence: {@code named("h.0.attn")
     *  .channels(64).heads(4).causal(true).scaling(SQRT_DK).initialisedFrom(random).weightStd(0.02f).projectionStd(0.02f).build()}. */
    public static Builder named(String name) { return new Builder(name); }

    private CausalSelfAttention(Builder b) {
        this.name = b.name;
        this.channels = Shapes.positive(name + " channels", b.required("channels", b.channels));
        this.heads = Shapes.positive(name + " heads", b.heads);
        GptConfig.checkHeads(channels, heads);
        this.headSize = channels / heads;
        this.causal = b.causal;
        this.scaling = Objects.requireNonNull(b.scaling, "scaling");
        this.scale = scaling.factor(headSize);
        this.cAttn = Linear.named(name + ".c_attn").in(channels).out(3 * channels).initialisedFrom(b.random).weightStd(b.std).build();
        this.cProj = Linear.named(name + ".c_proj").in(channels).out(channels).initialisedFrom(b.random).weightStd(b.projectionStd).build();
    }

    public Linear cAttn() { return cAttn; }

    public Linear cProj() { return cProj; }

    public AttentionScaling scaling() { return scaling; }

    public int heads() { return heads; }

    public int headSize() { return headSize; }

    /** Drops the last forward's internals: a cached step (CachedAttention) has changed the layer's state since. */
    void forgetInternals() { internals = null; }

    /** (B, T, C) → (B, T, C): the plain per-head loops below (the reference), or {@link AttentionKernel}. */
    @Override
    protected Tensor forward(Tensor x, boolean fast) {
        if (x.rank() != 3 || x.dim(2) != channels) {
            throw new IllegalArgumentException(name + " input has shape " + java.util.Arrays.toString(x.shape())
                    + ", expected (B, T, " + channels + ")");
        }
        int B = x.dim(0), T = x.dim(1), C = channels, NH = heads, HS = headSize;
        Tensor qkv = cAttn.forward(x);                                             // (B, T, 3C)
        Tensor scores = Tensor.zeros(B, NH, T, T);                                 // (B, NH, T, T)
        Tensor weights = Tensor.zeros(B, NH, T, T);                                // (B, NH, T, T)
        internals = new AttentionInternals(name, B, T, C, NH, qkv, scores, weights);
        Tensor headsOut = Tensor.zeros(B, T, C);                                   // (B, T, NH·HS), heads side by side
        if (fast) {
            AttentionKernel.forward(qkv.data(), B, T, C, NH, causal, scale, scores.data(), weights.data(), headsOut.data());
        } else {
            if (scaling.usesNorms()) computeNorms(qkv.data(), B, T);
            // every (b, h) pair is independent and writes only its own rows and slice: run them side by side
            Parallel.forEach(B * NH, (long) B * NH * T * T * HS * 2, bh -> forwardHead(bh / NH, bh % NH, headsOut.data()));
        }
        return cProj.forward(headsOut);                                            // (B, T, C)
    }

    /** Scores, softmax and weighted sum of values for sequence b, head h: rows (b, h, ·, ·) of scores and weights. */
    private void forwardHead(int b, int h, float[] out) {
        int T = internals.length, C = channels, NH = heads, HS = headSize;
        float[] qkv = internals.qkv.data(), s = internals.scores.data(), w = internals.weights.data();
        for (int t = 0; t < T; t++) {
            int q = (b * T + t) * 3 * C + h * HS;
            int row = ((b * NH + h) * T + t) * T;
            int last = causal ? t : T - 1;            // the last position t may look at
            for (int t2 = 0; t2 <= last; t2++) {
                int k = (b * T + t2) * 3 * C + C + h * HS;
                s[row + t2] = scaling.score(dot(qkv, q, qkv, k, HS), scale, queryNorm(b, t, h), keyNorm(b, t2, h));
            }
            for (int t2 = last + 1; t2 < T; t2++) s[row + t2] = Float.NEGATIVE_INFINITY;
            Softmax.into(s, row, w, row, last + 1);   // over the visible positions only; the masked weights stay 0
            int o = (b * T + t) * C + h * HS;
            for (int t2 = 0; t2 <= last; t2++) {
                int v = (b * T + t2) * 3 * C + 2 * C + h * HS;
                for (int i = 0; i < HS; i++) out[o + i] += w[row + t2] * qkv[v + i];
            }
        }
    }

    /** dL/dy (B, T, C) → dL/dx, accumulating the parameters' gradients: per-head loops, or {@link AttentionKernel}. */
    @Override
    protected Tensor backward(Tensor dy, boolean fast) {
        if (internals == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass first (a cached forwardStep keeps nothing for backward)");
        }
        int B = internals.batch, T = internals.length, C = channels, NH = heads, HS = headSize;
        float[] dHeads = cProj.backward(dy).data();                                // (B, T, C)
        Tensor dQkv = Tensor.zeros(B, T, 3 * C);                                   // (B, T, 3C)
        if (fast) {
            AttentionKernel.backward(internals.qkv.data(), internals.weights.data(), dHeads, B, T, C, NH, causal, scale, dQkv.data());
        } else {
            // each (b, h) pair adds only into its own head's slice of dQkv: run them side by side
            Parallel.forEach(B * NH, (long) B * NH * T * T * HS * 4, bh -> backwardHead(bh / NH, bh % NH, dHeads, dQkv.data()));
        }
        return cAttn.backward(dQkv);                                               // (B, T, C)
    }

    /** Gradients of scores, softmax and weighted sum for sequence b, head h, added into dQkv (d). */
    private void backwardHead(int b, int h, float[] dHeads, float[] d) {
        int T = internals.length, C = channels, NH = heads, HS = headSize;
        float[] qkv = internals.qkv.data(), s = internals.scores.data(), w = internals.weights.data();
        float[] dWeight = new float[T];
        for (int t = 0; t < T; t++) {
            int row = ((b * NH + h) * T + t) * T;
            int last = causal ? t : T - 1;
            int q = (b * T + t) * 3 * C + h * HS;
            int o = (b * T + t) * C + h * HS;
            // head_t = Σ weight[t2] v_t2  →  dweight[t2] = dhead_t · v_t2,  dv_t2 += weight[t2] dhead_t
            double weightedSum = 0;
            for (int t2 = 0; t2 <= last; t2++) {
                int v = (b * T + t2) * 3 * C + 2 * C + h * HS;
                float dot = 0;
                for (int i = 0; i < HS; i++) {
                    dot += dHeads[o + i] * qkv[v + i];
                    d[v + i] += w[row + t2] * dHeads[o + i];
                }
                dWeight[t2] = dot;
                weightedSum += w[row + t2] * dot;
            }
            // softmax: dscore[t2] = weight[t2] (dweight[t2] − Σ_j weight[j] dweight[j]), then the score's own derivative
            for (int t2 = 0; t2 <= last; t2++) {
                float dScore = (float) (w[row + t2] * (dWeight[t2] - weightedSum));
                int k = (b * T + t2) * 3 * C + C + h * HS;
                scaling.addGradient(dScore, s[row + t2], scale, qkv, q, k, queryNorm(b, t, h), keyNorm(b, t2, h), HS, d);
            }
        }
    }

    /** The fused SIMD loops of {@link AttentionKernel} serve NONE and SQRT_DK; COSINE runs the plain loops. */
    @Override
    protected boolean fastAvailable() {
        return !scaling.usesNorms() && Simd.available();
    }

    /** q · k over one head: n products summed in index order (the reference and its cached step share it). */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        float dot = 0;
        for (int i = 0; i < n; i++) dot += a[aOffset + i] * b[bOffset + i];
        return dot;
    }

    /** ‖q‖ and ‖k‖ of every (b, t, head), each √(Σ x² + eps), for COSINE. */
    private void computeNorms(float[] qkv, int B, int T) {
        int C = channels, NH = heads, HS = headSize;
        queryNorms = new float[B * T * NH];
        keyNorms = new float[B * T * NH];
        for (int bt = 0; bt < B * T; bt++) {
            for (int h = 0; h < NH; h++) {
                queryNorms[bt * NH + h] = AttentionScaling.norm(qkv, bt * 3 * C + h * HS, HS);
                keyNorms[bt * NH + h] = AttentionScaling.norm(qkv, bt * 3 * C + C + h * HS, HS);
            }
        }
    }

    private float queryNorm(int b, int t, int h) {
        return scaling.usesNorms() ? queryNorms[(b * internals.length + t) * heads + h] : 1f;
    }

    private float keyNorm(int b, int t, int h) {
        return scaling.usesNorms() ? keyNorms[(b * internals.length + t) * heads + h] : 1f;
    }

    // ---- glass box: what the last forward pass computed (see AttentionInternals) ----

    /** q, k, v, scores and weights of the last full forward pass. */
    public AttentionInternals internals() {
        if (internals == null) {
            throw new IllegalStateException(name + ": no forward pass yet (or a cached forwardStep since, which keeps none),"
                    + " so there are no attention internals to show");
        }
        return internals;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(cAttn.parameters());
        all.addAll(cProj.parameters());
        return List.copyOf(all);
    }

    /** The channels (required), heads, causal, scaling; c_attn's weights drawn first, then c_proj's, from the one generator. */
    public static final class Builder extends LayerBuilder<Builder> {
        private Integer channels;
        private int heads = 1;
        private boolean causal = true;
        private AttentionScaling scaling = AttentionScaling.SQRT_DK;
        private float projectionStd = Gpt.INIT_STD;

        private Builder(String name) { super("CausalSelfAttention", name, name + ".c_attn"); }

        /** C, the width of the input and the output (required). */
        public Builder channels(int channels) { this.channels = channels; return this; }

        /** NH, the number of heads; they must divide the channels (default 1). */
        public Builder heads(int heads) { this.heads = heads; return this; }

        /** true (the default, GPT): each position sees only itself and the earlier ones; false: every position (the classifier). */
        public Builder causal(boolean causal) { this.causal = causal; return this; }

        /** SQRT_DK by default. */
        public Builder scaling(AttentionScaling scaling) { this.scaling = scaling; return this; }

        /** c_proj's weights are drawn from N(0, std²) (default 0.02; GPT-2 shrinks it to 0.02 / √(2 · layers) in a deep model). */
        public Builder projectionStd(float std) { this.projectionStd = checkStd(name + ".c_proj", std); return this; }

        public CausalSelfAttention build() { return new CausalSelfAttention(this); }
    }
}
