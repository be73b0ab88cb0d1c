package dev.glassbox.data;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.nn.Gpt;
import dev.glassbox.tokenize.Tokenizer;
import dev.glassbox.tokenize.TokenizerJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A small trained character model shipped with the library, so that chapter 09 can generate
 * readable text without training for minutes: a GPT of 350,304 parameters (3 blocks, width 96,
 * 4 heads, context 64, 88 characters) trained on the course's own English prose, {@value #CORPUS}
 * (the README and the notebooks' text cells without markup, 78,865 characters, written by
 * {@code python3 tools/course_prose.py}; the repository carries that text under its own licence).
 * Validation loss 1.495 nats per character on the last 10 % of the text; a uniform guess is ln 88 = 4.48.
 *
 * <p>It is a checkpoint written by {@code glassbox-gpt train}, reproducible from the repository root
 * (seeded, one thread: the same weights every run; 3 min of CPU time on one core, measured on a
 * shared machine):
 * <pre>
 * bin/glassbox-gpt train --text src/main/resources/dev/glassbox/data/course-prose.txt --tokenizer char \
 *     --layers 3 --width 96 --heads 4 --context 64 --batch 16 --steps 1500 --warmup 100 \
 *     --eval-interval 250 --seed 1 --threads 1 --out src/main/resources/dev/glassbox/data/prose-char
 * </pre>
 * If the checkpoint format changes, rerun that command: the corpus and the command are all it depends on.
 */
public final class ProseModel {
    /** The training text, a resource beside this class. */
    public static final String CORPUS = "course-prose.txt";
    private static final String DIRECTORY = "prose-char";

    /** The model, in evaluation mode, and the character tokenizer it was trained with. */
    public record Loaded(Gpt model, Tokenizer tokenizer, long step) {}

    private ProseModel() {}

    /** Loads the shipped checkpoint from the class path (a directory or the jar, wherever the notebook runs). */
    public static Loaded load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("glassbox-prose-char");
            for (String file : new String[] {Checkpoint.CONFIG_FILE, Checkpoint.WEIGHTS_FILE}) {
                try (InputStream in = ProseModel.class.getResourceAsStream(DIRECTORY + "/" + file)) {
                    if (in == null) throw new IllegalStateException("resource " + DIRECTORY + "/" + file + " is missing from the class path");
                    Files.copy(in, dir.resolve(file));
                }
            }
            Checkpoint.LoadedGpt loaded = Checkpoint.loadGpt(dir);
            Tokenizer tokenizer = TokenizerJson.fromJson(loaded.tokenizer());
            loaded.model().setTraining(false);
            return new Loaded(loaded.model(), tokenizer, loaded.step());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the shipped prose model: " + e.getMessage(), e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
