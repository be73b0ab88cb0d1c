package dev.glassbox.examples;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;

/** The README's example: build a small GPT, run it on a few tokens, print the loss and one attention matrix. */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        GptConfig config = GptConfig.builder().vocabSize(65).contextLength(16).channels(32).layers(2).heads(4).build();
        Gpt gpt = new Gpt(config, 42);                         // seed 42 fixes every initial weight
        int[][] tokens = {{20, 43, 50, 50, 53}};               // one sequence of 5 token ids
        int[][] targets = {{43, 50, 50, 53, 1}};               // the next token at each position
        float loss = gpt.forward(tokens, targets);
        System.out.printf("loss %.4f (guessing uniformly would give ln 65 = %.4f)%n", loss, Math.log(65));
        gpt.backward();                                        // every parameter's grad now holds dLoss/dw
        System.out.println("attention weights of block 0, head 0 (row t: how much position t takes from each position):");
        System.out.println(gpt.blocks().get(0).attention().internals().attentionWeightsOf(0));
    }
}
