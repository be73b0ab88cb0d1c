package dev.glassbox.nn;

import dev.glassbox.tensor.Shapes;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The transformer trunk that {@link Gpt} and {@link SequenceClassifier} share: from the embedded
 * sequence to the normalised residual stream.
 *
 * <pre>
 *   x = dropout(embeddings)                    (B, T, C)
 *   x = block_i(x)   for i = 0 .. layers−1     (B, T, C)
 *   y = ln_f(x)                                (B, T, C)
 * </pre>
 * Backward runs the same lines in reverse. Blocks are named "h.0", "h.1", …; the final norm "ln_f".
 */
public final class Trunk implements Module {
    private final Dropout embeddingDropout;
    private final List<Block> blocks;
    private final LayerNorm lnF;
    private Tensor embeddings, normalized;   // from the last forward

    /** Blocks "h.0", "h.1", … with {@link Block}'s parameters, {@code init} drawing all their weights, then ln_f. */
    Trunk(int layers, int channels, int heads, boolean causal, AttentionScaling scaling, BlockOrder order,
          float dropout, RandomGenerator init, RandomGenerator dropoutRandom, float std, float attentionStd) {
        float projectionStd = (float) (std / Math.sqrt(2.0 * layers));   // GPT-2: residual projections scaled by depth
        embeddingDropout = new Dropout(dropout, dropoutRandom);
        List<Block> list = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            list.add(new Block("h." + i, channels, heads, causal, scaling, order, dropout, init, dropoutRandom, std,
                    attentionStd, projectionStd));
        }
        blocks = List.copyOf(list);
        lnF = new LayerNorm("ln_f", channels);
    }

    public List<Block> blocks() { return blocks; }

    public void setTraining(boolean training) {
        embeddingDropout.setTraining(training);
        for (Block block : blocks) block.setTraining(training);
    }

    public boolean isTraining() { return embeddingDropout.isTraining(); }

    /** (B, T, C) embedded tokens → (B, T, C) after the last block and ln_f. */
    public Tensor forward(Tensor x) {
        embeddings = Shapes.checkFinite("embeddings", x);
        x = embeddingDropout.forward(x);
        for (Block block : blocks) x = block.forward(x);                           // (B, T, C)
        normalized = Shapes.checkFinite("ln_f", lnF.forward(x));                   // (B, T, C)
        return normalized;
    }

    /** One new position (1, 1, C) through every block, attention reading the earlier ones from {@code cache};
     *  forgets the last forward, which the blocks' state no longer matches. */
    public Tensor forwardStep(Tensor x, KvCache cache) {
        embeddings = normalized = null;
        Shapes.checkFinite("embeddings", x);
        for (int i = 0; i < blocks.size(); i++) x = blocks.get(i).forwardStep(x, cache, i);   // (1, 1, C)
        return Shapes.checkFinite("ln_f", lnF.forward(x));                          // (1, 1, C)
    }

    /** dL/d(ln_f output) (B, T, C) → dL/d(embeddings) (B, T, C), accumulating every block's gradients. */
    public Tensor backward(Tensor dy) {
        Tensor dx = lnF.backward(dy);
        for (int i = blocks.size() - 1; i >= 0; i--) dx = blocks.get(i).backward(dx);
        return embeddingDropout.backward(dx);
    }

    /** The last forward's ln_f output (B, T, C). */
    Tensor normalized() { return normalized; }

    /** "embeddings", then "h.i.after_attn" and "h.i.after_mlp" per block, then "ln_f": the residual stream. */
    List<Activation> trace() {
        List<Activation> out = new ArrayList<>();
        out.add(new Activation("embeddings", embeddings));
        for (Block block : blocks) {
            out.add(new Activation(block.name() + ".after_attn", block.residualAfterAttention()));
            out.add(new Activation(block.name() + ".after_mlp", block.residualAfterMlp()));
        }
        out.add(new Activation("ln_f", normalized));
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Block block : blocks) all.addAll(block.parameters());
        all.addAll(lnF.parameters());
        return List.copyOf(all);
    }
}
