/**
 * From logits to text: {@link dev.glassbox.sample.Sampler} turns one row of logits into a token
 * (greedy, temperature, top-k, top-p) and shows the filtered distribution it draws from;
 * {@link dev.glassbox.sample.Generator} repeats that over any
 * {@link dev.glassbox.sample.LanguageModel}, cropping long prompts and stopping at a stop string.
 * A Gpt is one through {@link dev.glassbox.sample.GptLanguageModel} (a full forward pass per token)
 * or {@link dev.glassbox.sample.CachedGptLanguageModel} (a KV cache: one position per token, same logits).
 */
package dev.glassbox.sample;
