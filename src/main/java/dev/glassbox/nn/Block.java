package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * One Transformer block: attention (positions talk), then the MLP (each position thinks), each
 * wrapped in a residual connection. The output has the same shape (B, T, C) as the input: each
 * sub-layer computes a change that is added to what came in (the essay's S7).
 *
 * <pre>
 *   PRE_LN  (GPT-2):          r = x + drop(attn(ln_1(x)));    y = r + drop(mlp(ln_2(r)))
 *   POST_LN (essay, 2017):    r = ln_1(x + drop(attn(x)));    y = ln_2(r + drop(mlp(r)))
 * </pre>
 * Backward follows the same lines in reverse; a residual "+" passes its gradient to both branches.
 */
public final class Block implements Module {
    private final String name;
    private final BlockOrder order;
    private final LayerNorm ln1, ln2;
    private final CausalSelfAttention attention;
    private final Mlp mlp;
    private final Dropout attentionDropout, mlpDropout;
    private Tensor afterAttention, afterMlp;

    /**
     * @param name          "h.0", "h.1", ... (prefix of the parameter names)
     * @param dropoutRandom draws the dropout masks (kept apart so dropout never changes the init)
     * @param attentionStd  std of c_attn, the q, k, v projections (GPT-2: {@code std}, as c_fc; see {@link ClassifierConfig#attentionInitStd()})
     * @param projectionStd std of the two c_proj weights (GPT-2: 0.02 / √(2 · layers))
     */
    public Block(String name, int channels, int heads, boolean causal, AttentionScaling scaling, BlockOrder order,
                 float dropout, RandomGenerator random, RandomGenerator dropoutRandom, float std, float attentionStd,
                 float projectionStd) {
        this.name = Objects.requireNonNull(name, "name");
        this.order = Objects.requireNonNull(order, "order");
        this.ln1 = new LayerNorm(name + ".ln_1", channels);
        this.attention = CausalSelfAttention.named(name + ".attn").channels(channels).heads(heads).causal(causal).scaling(scaling)
                .initialisedFrom(random).weightStd(attentionStd).projectionStd(projectionStd).build();
        this.ln2 = new LayerNorm(name + ".ln_2", channels);
        this.mlp = new Mlp(name + ".mlp", channels, random, std, projectionStd);
        this.attentionDropout = new Dropout(dropout, dropoutRandom);
        this.mlpDropout = new Dropout(dropout, dropoutRandom);
    }

    public String name() { return name; }

    public LayerNorm ln1() { return ln1; }

    public CausalSelfAttention attention() { return attention; }

    public LayerNorm ln2() { return ln2; }

    public Mlp mlp() { return mlp; }

    public void setTraining(boolean training) {
        attentionDropout.setTraining(training);
        mlpDropout.setTraining(training);
    }

    /** (B, T, C) → (B, T, C). Each sub-layer's output is checked for NaN/∞ and named if it has any. */
    public Tensor forward(Tensor x) {
        return forward(x, attention::forward);
    }

    /** The same at one new position (1, 1, C), attention reading the earlier ones from layer {@code layer} of {@code cache}. */
    public Tensor forwardStep(Tensor x, KvCache cache, int layer) {
        return forward(x, input -> CachedAttention.step(attention, input, cache, layer));
    }

    /** The block's data flow, with the attention sub-layer given: full (forward) or one cached step. */
    private Tensor forward(Tensor x, UnaryOperator<Tensor> attend) {
        if (order == BlockOrder.PRE_LN) {
            Tensor h = norm(".ln_1", ln1, x);                                      // (B, T, C)
            h = branch(".attn", attend, attentionDropout, h);
            afterAttention = Residual.add(x, h);
            h = norm(".ln_2", ln2, afterAttention);
            h = branch(".mlp", mlp::forward, mlpDropout, h);
            afterMlp = Residual.add(afterAttention, h);
        } else {
            Tensor h = branch(".attn", attend, attentionDropout, x);
            h = Residual.add(x, h);
            afterAttention = norm(".ln_1", ln1, h);
            h = branch(".mlp", mlp::forward, mlpDropout, afterAttention);
            h = Residual.add(afterAttention, h);
            afterMlp = norm(".ln_2", ln2, h);
        }
        return afterMlp;
    }

    /** Takes dL/dy (B, T, C), accumulates every parameter's gradient, returns dL/dx. */
    public Tensor backward(Tensor dy) {
        if (afterMlp == null) throw new IllegalStateException(name + ": backward called before forward");
        if (order == BlockOrder.PRE_LN) {
            // y = r + mlp(ln_2(r))  →  dr = dy + ln_2ᵀ(mlpᵀ(dy))
            Tensor d = mlpDropout.backward(dy);
            d = mlp.backward(d);
            d = ln2.backward(d);
            Tensor dr = Residual.add(dy, d);
            // r = x + attn(ln_1(x))  →  dx = dr + ln_1ᵀ(attnᵀ(dr))
            d = attentionDropout.backward(dr);
            d = attention.backward(d);
            d = ln1.backward(d);
            return Residual.add(dr, d);
        }
        // y = ln_2(s), s = r + mlp(r)  →  ds = ln_2ᵀ(dy),  dr = ds + mlpᵀ(ds)
        Tensor ds = ln2.backward(dy);
        Tensor d = mlpDropout.backward(ds);
        d = mlp.backward(d);
        Tensor dr = Residual.add(ds, d);
        // r = ln_1(u), u = x + attn(x)  →  du = ln_1ᵀ(dr),  dx = du + attnᵀ(du)
        Tensor du = ln1.backward(dr);
        d = attentionDropout.backward(du);
        d = attention.backward(d);
        return Residual.add(du, d);
    }

    /** The residual stream after the attention sub-layer (B, T, C), from the last forward. */
    public Tensor residualAfterAttention() {
        if (afterAttention == null) throw new IllegalStateException(name + ": no forward pass yet");
        return afterAttention;
    }

    /** The residual stream after the MLP sub-layer, i.e. the block's output (B, T, C). */
    public Tensor residualAfterMlp() {
        if (afterMlp == null) throw new IllegalStateException(name + ": no forward pass yet");
        return afterMlp;
    }

    /** A layer norm's output, checked for NaN/∞ under the sub-layer's name (e.g. "h.1" + ".ln_1"). */
    private Tensor norm(String label, LayerNorm ln, Tensor x) {
        return Shapes.checkFinite(name + label, ln.forward(x));
    }

    /** A residual branch: dropout(layer(x)), checked for NaN/∞ under its name (e.g. "h.1" + ".attn"). */
    private Tensor branch(String label, UnaryOperator<Tensor> layer, Dropout dropout, Tensor x) {
        Tensor y = layer.apply(x);
        return Shapes.checkFinite(name + label, dropout.forward(y));
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(ln1.parameters());
        all.addAll(attention.parameters());
        all.addAll(ln2.parameters());
        all.addAll(mlp.parameters());
        return List.copyOf(all);
    }
}
