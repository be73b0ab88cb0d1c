package dev.glassbox.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.nn.Gpt;
import dev.glassbox.tokenize.Tokenizer;
import dev.glassbox.tokenize.TokenizerJson;

import java.io.IOException;
import java.nio.file.Path;

/** Loading what the commands work on: a Gpt checkpoint with the tokenizer saved beside it. */
final class Models {
    private Models() {}

    /** A language model ready to use, with its tokenizer and the step it was saved at. */
    record LanguageModelFiles(Gpt model, Tokenizer tokenizer, long step) {}

    /**
     * Loads a checkpoint written by {@code train} (or {@link Checkpoint#save}), or a Hugging Face GPT-2
     * directory ({@code config.json} with {@code "model_type": "gpt2"}, {@code model.safetensors},
     * {@code vocab.json}, {@code merges.txt}); fails, naming the directory, if it has no tokenizer or one
     * that cannot be rebuilt.
     */
    static LanguageModelFiles load(Path dir) throws IOException {
        if (HuggingFaceGpt2.isGpt2Directory(dir)) {
            HuggingFaceGpt2.Loaded gpt2 = HuggingFaceGpt2.load(dir);
            return new LanguageModelFiles(gpt2.model(), gpt2.tokenizer(), 0);
        }
        Checkpoint.LoadedGpt loaded = Checkpoint.loadGpt(dir);
        ObjectNode tokenizerJson = loaded.tokenizer();
        if (tokenizerJson == null) {
            throw new IllegalArgumentException(dir + " holds a model without a tokenizer, so text cannot be turned into its token ids");
        }
        Tokenizer tokenizer;
        try {
            tokenizer = TokenizerJson.fromJson(tokenizerJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve(Checkpoint.CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        if (tokenizer.vocabSize() != loaded.model().config().vocabSize()) {
            throw new IllegalArgumentException(dir.resolve(Checkpoint.CONFIG_FILE) + ": the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model's vocabulary is " + loaded.model().config().vocabSize());
        }
        return new LanguageModelFiles(loaded.model(), tokenizer, loaded.step());
    }

    /** The text of a tokenizer for a human: its kind and size. */
    static String describe(Tokenizer tokenizer) {
        return tokenizer.getClass().getSimpleName().replace("Tokenizer", "").toLowerCase(java.util.Locale.ROOT)
                + " tokenizer, " + tokenizer.vocabSize() + " tokens";
    }
}
