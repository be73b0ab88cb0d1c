package dev.glassbox.train;

import dev.glassbox.data.QaAccuracy;
import dev.glassbox.data.QaSamples;
import dev.glassbox.nn.Gpt;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.Tokenizer;

import java.util.Arrays;

/**
 * The simplest generator, for tests only (the library's sampler lives elsewhere): feed the prompt,
 * take the most likely next token, append, repeat until the end marker or {@code maxTokens}.
 */
final class Greedy {
    private Greedy() {}

    static QaAccuracy.Answerer answerer(Gpt gpt, Tokenizer tokenizer, int maxTokens) {
        int end = tokenizer.encode(String.valueOf(QaSamples.END))[0];
        int contextLength = gpt.config().contextLength();
        int vocab = gpt.config().vocabSize();
        return prompt -> {
            int[] ids = tokenizer.encode(prompt);
            StringBuilder answer = new StringBuilder();
            for (int n = 0; n < maxTokens; n++) {
                int[] context = Arrays.copyOfRange(ids, Math.max(0, ids.length - contextLength), ids.length);
                Tensor logits = gpt.forward(new int[][] {context});                 // (1, T, V)
                float[] last = logits.vectorAt(0, context.length - 1);               // (V)
                int best = 0;
                for (int v = 1; v < vocab; v++) if (last[v] > last[best]) best = v;
                if (best == end) break;
                answer.append(tokenizer.decode(new int[] {best}));
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = best;
            }
            return answer.toString();
        };
    }
}
