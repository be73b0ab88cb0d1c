package dev.glassbox.sample;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * Autoregressive generation: ask the model for the next token's logits, pick one with a
 * {@link Sampler}, append it, repeat. This is how a GPT "answers": it only ever predicts the next
 * token of one long sequence (essay claim S1).
 *
 * <p>The model sees at most {@code contextLength} tokens, so the context is the last
 * {@code contextLength} tokens of prompt + generated text (nanoGPT's {@code idx[:, -block_size:]}).
 * A prompt longer than that loses its beginning; {@link GenerationResult#croppedTokens()} says
 * how many tokens.
 */
public final class Generator {
    private final LanguageModel model;
    private final Function<int[], String> decoder; // null: no text, no stop strings

    /** A generator that returns tokens only (its results have empty text). */
    public Generator(LanguageModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.decoder = null;
        checkModel(model);
    }

    /**
     * A generator that also decodes the new tokens to text with {@code decoder} (for example
     * {@code tokenizer::decode}), which makes stop strings possible.
     */
    public Generator(LanguageModel model, Function<int[], String> decoder) {
        this.model = Objects.requireNonNull(model, "model");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        checkModel(model);
    }

    private static void checkModel(LanguageModel model) {
        if (model.vocabSize() < 1) throw new IllegalArgumentException("model vocabSize must be at least 1, got " + model.vocabSize());
        if (model.contextLength() < 1) {
            throw new IllegalArgumentException("model contextLength must be at least 1, got " + model.contextLength());
        }
    }

    /** Generates exactly {@code maxNewTokens} tokens after {@code prompt}. */
    public GenerationResult generate(int[] prompt, int maxNewTokens, Sampler sampler) {
        return run(prompt, maxNewTokens, sampler, null);
    }

    /**
     * Generates up to {@code maxNewTokens} tokens after {@code prompt}, stopping as soon as the
     * decoded new text contains {@code stop} (for example {@code "\n"} at the end of an answer).
     * Only the new text is searched, not the prompt.
     */
    public GenerationResult generate(int[] prompt, int maxNewTokens, Sampler sampler, String stop) {
        Objects.requireNonNull(stop, "stop");
        if (stop.isEmpty()) throw new IllegalArgumentException("stop string is empty; it would stop before the first token");
        if (decoder == null) {
            throw new IllegalStateException("a stop string needs text: create the Generator with a decoder, e.g. new Generator(model, tokenizer::decode)");
        }
        return run(prompt, maxNewTokens, sampler, stop);
    }

    private GenerationResult run(int[] prompt, int maxNewTokens, Sampler sampler, String stop) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampler, "sampler");
        int vocab = model.vocabSize();
        int contextLength = model.contextLength();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt is empty: the model needs at least one token to predict from");
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= vocab) {
                throw new IllegalArgumentException("prompt token " + i + " has id " + prompt[i]
                        + ", outside the vocabulary of " + vocab + " (ids 0.." + (vocab - 1) + ")");
            }
        }
        if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);

        // prompt, then new tokens; grown as they come, so a large budget ending at a stop string costs nothing up front
        int[] sequence = Arrays.copyOf(prompt, prompt.length + (int) Math.min(maxNewTokens, Math.max(contextLength, 64)));
        int length = prompt.length;
        int croppedTokens = Math.max(0, prompt.length - contextLength);
        for (int step = 0; step < maxNewTokens; step++) {
            int start = Math.max(0, length - contextLength); // slide the window: the last contextLength tokens
            float[] logits = model.nextLogits(Arrays.copyOfRange(sequence, start, length));
            if (logits == null || logits.length != vocab) {
                throw new IllegalStateException("model returned " + (logits == null ? "null" : logits.length + " logits")
                        + " at step " + step + ", expected " + vocab + " (its vocabSize)");
            }
            if (length == sequence.length) {
                if (length >= Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the text reached " + length + " tokens, the most one array can hold");
                }
                sequence = Arrays.copyOf(sequence, (int) Math.min((long) length * 2, Integer.MAX_VALUE - 8));
            }
            sequence[length++] = sampler.next(logits);

            if (stop != null) {
                String text = decoder.apply(Arrays.copyOfRange(sequence, prompt.length, length));
                int at = text.indexOf(stop);
                if (at >= 0) {
                    return new GenerationResult(Arrays.copyOfRange(sequence, prompt.length, length),
                            text.substring(0, at), croppedTokens, GenerationResult.StopReason.STOP_STRING);
                }
            }
        }
        int[] generated = Arrays.copyOfRange(sequence, prompt.length, length);
        String text = decoder == null ? "" : decoder.apply(generated);
        return new GenerationResult(generated, text, croppedTokens, GenerationResult.StopReason.MAX_TOKENS);
    }
}
