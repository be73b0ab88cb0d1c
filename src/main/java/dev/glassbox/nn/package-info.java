/**
 * The layers of a GPT, each a small class with {@code forward} and a hand-written {@code backward}
 * (llm.c style). In data-flow order:
 *
 * <pre>
 *  tokens (B, T)
 *    │  {@link dev.glassbox.nn.Embedding}            wte (V, C): dictionary lookup
 *    │  + {@link dev.glassbox.nn.PositionEncoding}   {@link dev.glassbox.nn.PositionEmbedding} wpe (learned) or
 *    │                                             {@link dev.glassbox.nn.SinusoidalPositions} (fixed)
 *    ▼  (B, T, C)
 *  {@link dev.glassbox.nn.Trunk}: {@link dev.glassbox.nn.Block} × layers + ln_f   ({@link dev.glassbox.nn.BlockOrder} PRE_LN or POST_LN)
 *    │  {@link dev.glassbox.nn.LayerNorm} ln_1
 *    │  {@link dev.glassbox.nn.CausalSelfAttention}   c_attn {@link dev.glassbox.nn.Linear} → q, k, v per head → scores
 *    │                                             ({@link dev.glassbox.nn.AttentionScaling}) → mask → {@link dev.glassbox.nn.Softmax} → Σ weight·v → c_proj
 *    │  + {@link dev.glassbox.nn.Residual}, {@link dev.glassbox.nn.Dropout}
 *    │  {@link dev.glassbox.nn.LayerNorm} ln_2
 *    │  {@link dev.glassbox.nn.Mlp}                   c_fc (C → 4C), {@link dev.glassbox.nn.Gelu}, c_proj (4C → C)
 *    │  + residual
 *    ▼  (B, T, C)
 *  {@link dev.glassbox.nn.LayerNorm} ln_f
 *    ├─ {@link dev.glassbox.nn.Gpt}:                 logits = x · wteᵀ (B, T, V), the LM head tied to the embedding
 *    └─ {@link dev.glassbox.nn.SequenceClassifier}:  no causal mask, {@link dev.glassbox.nn.Pooling} MEAN or CLASS_TOKEN,
 *                                                  head {@link dev.glassbox.nn.Linear} → (B, numClasses)
 *    ▼
 *  {@link dev.glassbox.nn.Loss}: cross-entropy of the softmax and its gradient
 * </pre>
 *
 * Configuration: {@link dev.glassbox.nn.GptConfig}, {@link dev.glassbox.nn.ClassifierConfig}, each built by
 * naming its values ({@code GptConfig.builder().vocabSize(65).contextLength(64).channels(128).layers(4).heads(4).build()}).
 * Every learned tensor is a {@link dev.glassbox.nn.Parameter} with its GPT-2 name; every layer
 * and model is a {@link dev.glassbox.nn.Module}.
 *
 * <p>Glass box: after a forward pass, {@code gpt.trace()} lists the residual stream as named
 * {@link dev.glassbox.nn.Activation}s ("embeddings", "h.0.after_attn", "h.0.after_mlp", …, "ln_f",
 * "logits"); {@code block.attention().internals()} ({@link dev.glassbox.nn.AttentionInternals}) gives
 * {@code attentionWeights()} (B, NH, T, T), {@code attentionScores()}, {@code query()/key()/value()}
 * (B, NH, T, HS) and {@code queryOf(head)/keyOf(head)/valueOf(head)/attentionWeightsOf(head)};
 * {@code block.mlp().hidden()} shows the MLP's GELU activations.
 * One token at a time with a {@link dev.glassbox.nn.KvCache}: {@code gpt.forwardStep}, through
 * {@code CachedAttention} beside the attention.
 *
 * <p>Reference and fast twin ({@link dev.glassbox.nn.FastTwin}): {@link dev.glassbox.nn.Gelu},
 * {@link dev.glassbox.nn.LayerNorm} and {@link dev.glassbox.nn.CausalSelfAttention} keep their plain loops as
 * {@code forwardReference} / {@code backwardReference}; {@code forward} / {@code backward} run the tuned twins
 * in {@link dev.glassbox.kernels}, which a test holds to the reference.
 *
 * <p>Conventions: B batch, T positions, C channels, V vocabulary, NH heads, HS = C / NH.
 * {@code forward} caches what {@code backward} needs; {@code backward} takes dL/d(output),
 * accumulates parameter gradients with {@code +=} and returns dL/d(input).
 */
package dev.glassbox.nn;
