package dev.glassbox.nn;

import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input fails fast, and the message names the values and what was expected. */
class BadInputTest {
    static final GptConfig CONFIG = GptConfig.of(65, 8, 8, 2, 2);

    static void fails(Class<? extends Throwable> type, String expectedMessagePart, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(expectedMessagePart), "message was: " + e.getMessage());
    }

    @Test
    void widthNotDivisibleByHeads() {
        // the essay's 5 dimensions cannot be split evenly between 2 heads
        fails(IllegalArgumentException.class, "5 channels are not divisible by 2 heads", () -> GptConfig.of(65, 8, 5, 1, 2));
        fails(IllegalArgumentException.class, "5 channels are not divisible by 2 heads",
                () -> ClassifierConfig.of(65, 8, 5, 1, 2, 2, Pooling.MEAN));
        fails(IllegalArgumentException.class, "5 channels are not divisible by 2 heads",
                () -> CausalSelfAttention.named("attn").channels(5).heads(2).build());
    }

    @Test
    void tokenIdOutsideVocabulary() {
        Gpt gpt = new Gpt(CONFIG, 1);
        fails(IllegalArgumentException.class, "token id 70 is outside vocabulary of 65", () -> gpt.forward(new int[][]{{1, 2, 70}}));
        fails(IllegalArgumentException.class, "token id -1 is outside vocabulary of 65", () -> gpt.forward(new int[][]{{-1}}));
        fails(IllegalArgumentException.class, "sequence 1, position 0", () -> gpt.forward(new int[][]{{1}, {65}}));
        var classifier = new SequenceClassifier(ClassifierConfig.of(65, 8, 8, 1, 2, 2, Pooling.MEAN), 1);
        fails(IllegalArgumentException.class, "token id 99 is outside vocabulary of 65", () -> classifier.forward(new int[][]{{99}}));
    }

    @Test
    void targetOutsideVocabulary() {
        Gpt gpt = new Gpt(CONFIG, 1);
        fails(IllegalArgumentException.class, "target 65", () -> gpt.forward(new int[][]{{1, 2}}, new int[][]{{2, 65}}));
        fails(IllegalArgumentException.class, "targets have rows of length [1] but tokens are 1 x 2",
                () -> gpt.forward(new int[][]{{1, 2}}, new int[][]{{2}}));
    }

    @Test
    void sequenceLongerThanContext() {
        Gpt gpt = new Gpt(CONFIG, 1);
        fails(IllegalArgumentException.class, "sequence length 9 is longer than the context length 8",
                () -> gpt.forward(new int[1][9]));
        fails(IllegalArgumentException.class, "sequence length 9 is longer than the context length 8",
                () -> new PositionEmbedding("wpe", 8, 4, new SplittableRandom(1), 0.02f).forward(9));
    }

    @Test
    void zeroOrNegativeSizes() {
        fails(IllegalArgumentException.class, "vocabSize must be at least 1, got 0", () -> GptConfig.of(0, 8, 8, 1, 1));
        fails(IllegalArgumentException.class, "contextLength must be at least 1, got -3", () -> GptConfig.of(5, -3, 8, 1, 1));
        fails(IllegalArgumentException.class, "channels must be at least 1, got 0", () -> GptConfig.of(5, 8, 0, 1, 1));
        fails(IllegalArgumentException.class, "layers must be at least 1, got 0", () -> GptConfig.of(5, 8, 8, 0, 1));
        fails(IllegalArgumentException.class, "heads must be at least 1, got -2", () -> GptConfig.of(5, 8, 8, 1, -2));
        fails(IllegalArgumentException.class, "numClasses must be at least 1, got 0",
                () -> ClassifierConfig.of(5, 8, 8, 1, 1, 0, Pooling.MEAN));
        fails(IllegalArgumentException.class, "fc input width must be at least 1, got 0",
                () -> Linear.named("fc").in(0).out(3).build());
        fails(IllegalArgumentException.class, "dropout must be in [0, 1), got 1.0", () -> CONFIG.withDropout(1f));
        fails(IllegalArgumentException.class, "dropout must be in [0, 1), got NaN", () -> CONFIG.withDropout(Float.NaN));
    }

    @Test
    void raggedOrEmptyBatches() {
        Gpt gpt = new Gpt(CONFIG, 1);
        fails(IllegalArgumentException.class, "sequence 1 has 2 tokens but sequence 0 has 3",
                () -> gpt.forward(new int[][]{{1, 2, 3}, {1, 2}}));
        fails(IllegalArgumentException.class, "token batch is empty", () -> gpt.forward(new int[0][]));
        fails(IllegalArgumentException.class, "sequence 0 is empty", () -> gpt.forward(new int[][]{{}}));
        fails(IllegalArgumentException.class, "targets have rows of length [2, 1] but tokens are 2 x 2",
                () -> gpt.forward(new int[][]{{1, 2}, {3, 4}}, new int[][]{{2, 3}, {4}}));
    }

    @Test
    void nanOrInfinityProducedInAForwardPassNamesTheLayer() {
        int[][] tokens = {{1, 2, 3, 4}};
        // a huge weight in block 1's attention: q·k overflows to ∞, the softmax gives NaN
        Gpt gpt = new Gpt(CONFIG, 1);
        gpt.blocks().get(1).attention().cAttn().weight().value().fill(1e30f);
        fails(ArithmeticException.class, "h.1.attn produced NaN", () -> gpt.forward(tokens));

        Gpt mlp = new Gpt(CONFIG, 1);
        mlp.blocks().get(0).mlp().cFc().weight().value().data()[5] = Float.NaN;
        fails(ArithmeticException.class, "h.0.mlp produced NaN", () -> mlp.forward(tokens));

        Gpt embedding = new Gpt(CONFIG, 1);
        embedding.tokenEmbedding().weight().value().data()[3 * 8] = Float.POSITIVE_INFINITY;
        fails(ArithmeticException.class, "embeddings produced Infinity", () -> embedding.forward(tokens));

        Gpt post = new Gpt(CONFIG.withOrder(BlockOrder.POST_LN), 1);
        post.blocks().get(0).attention().cProj().bias().value().fill(Float.NaN);
        fails(ArithmeticException.class, "h.0.attn produced NaN", () -> post.forward(tokens));

        var classifier = new SequenceClassifier(ClassifierConfig.of(65, 8, 8, 1, 2, 2, Pooling.MEAN), 1);
        classifier.head().weight().value().fill(Float.NaN);
        fails(ArithmeticException.class, "head produced NaN", () -> classifier.forward(tokens));
    }

    @Test
    void backwardOutOfOrderOrWithTheWrongShape() {
        Gpt gpt = new Gpt(CONFIG, 1);
        fails(IllegalStateException.class, "backward called before forward", () -> gpt.backward(Tensor.zeros(1, 1, 65)));
        gpt.forward(new int[][]{{1, 2}});
        fails(IllegalStateException.class, "needs a forward(tokens, targets) first", gpt::backward);
        fails(IllegalArgumentException.class, "logits gradient has shape [1, 3, 65], expected [1, 2, 65]",
                () -> gpt.backward(Tensor.zeros(1, 3, 65)));
        fails(IllegalStateException.class, "backward called before forward",
                () -> Linear.named("fc").in(2).out(2).build().backward(Tensor.zeros(1, 2)));
        fails(IllegalStateException.class, "no forward pass yet",
                () -> new Gpt(CONFIG, 1).blocks().get(0).attention().internals().attentionWeights());
        fails(IllegalArgumentException.class, "expected last dimension 2",
                () -> Linear.named("fc").in(2).out(2).build().forward(Tensor.zeros(1, 3)));
    }
}
