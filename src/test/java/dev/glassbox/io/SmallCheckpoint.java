package dev.glassbox.io;

import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.TokenizerJson;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The small GPT checkpoint that tests edit, break or swap files of: two layers of width 16 with 4 heads, context 8,
 * the character tokenizer of {@value #CORPUS}, saved at step {@value #STEP}.
 */
public final class SmallCheckpoint {
    /** The text its character tokenizer is built from (8 tokens, sorted). */
    public static final String CORPUS = "abcdefgh";
    /** The training step it is saved at. */
    public static final long STEP = 5;

    private SmallCheckpoint() {}

    /** Saves the checkpoint into {@code dir} and returns {@code dir}. */
    public static Path save(Path dir) throws IOException {
        CharTokenizer tokenizer = CharTokenizer.fromCorpus(CORPUS);
        Checkpoint.save(dir, new Gpt(GptConfig.of(tokenizer.vocabSize(), 8, 16, 2, 4), 3), TokenizerJson.toJson(tokenizer), STEP);
        return dir;
    }
}
