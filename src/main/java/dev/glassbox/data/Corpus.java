package dev.glassbox.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A text to train on, split into a training part and a validation part.
 *
 * <p>The split is <b>by position</b>: the first {@code 1 − f} of the text trains, the last
 * {@code f} validates (as nanoGPT does for Shakespeare). Not a random split of windows, because
 * neighbouring windows overlap: a random split would put nearly the same text on both sides and
 * the validation loss would flatter the model. The cut falls between two code points, never
 * inside a character.
 */
public final class Corpus {
    private final String name;
    private final String text;
    private final int cut;  // char index where validation starts

    private Corpus(String name, String text, double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction of corpus " + name + " must lie in [0, 1), got "
                    + validationFraction);
        }
        if (text.isEmpty()) throw new IllegalArgumentException("corpus " + name + " is empty");
        int codePoints = text.codePointCount(0, text.length());
        int trainCodePoints = (int) Math.round((1 - validationFraction) * codePoints);
        if (validationFraction > 0 && (trainCodePoints < 1 || trainCodePoints >= codePoints)) {
            throw new IllegalArgumentException("corpus " + name + " has " + codePoints
                    + " characters, too few to hold out " + validationFraction + " for validation and keep some for training");
        }
        this.name = name;
        this.text = text;
        this.cut = text.offsetByCodePoints(0, trainCodePoints);
    }

    /** A corpus from a string; {@code name} appears in error messages. */
    public static Corpus of(String name, String text, double validationFraction) {
        if (text == null) throw new IllegalArgumentException("corpus " + name + " text is null");
        return new Corpus(name, text, validationFraction);
    }

    /** The file name of the seed essay shipped with the library (Chinese, about 1 700 characters). */
    public static final String SEED_ESSAY = "gpt-principles.zh.txt";

    /** The seed essay "How GPT is built and why it works", from the library's resources. */
    public static Corpus seedEssay(double validationFraction) {
        try (var in = Corpus.class.getResourceAsStream(SEED_ESSAY)) {
            if (in == null) throw new IllegalStateException("resource " + SEED_ESSAY + " is missing from the class path");
            return new Corpus(SEED_ESSAY, decodeUtf8(Path.of(SEED_ESSAY), in.readAllBytes()), validationFraction);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + SEED_ESSAY + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a UTF-8 file. Malformed UTF-8 is an error naming the file, the byte offset and the
     * line, not silently replaced by '�'.
     */
    public static Corpus fromFile(Path file, double validationFraction) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file " + file + ": " + e.getMessage(), e);
        }
        return new Corpus(file.toString(), decodeUtf8(file, bytes), validationFraction);
    }

    private static String decodeUtf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);  // UTF-8 never needs more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
            throw new IllegalArgumentException("corpus file " + file + " is not valid UTF-8: byte offset " + offset
                    + " (line " + line + ") starts a malformed sequence of " + result.length() + " byte(s)");
        }
        return out.flip().toString();
    }

    public String name() {
        return name;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** The first part, for training. */
    public String train() {
        return text.substring(0, cut);
    }

    /** The last part, for validation; empty if the fraction was 0. */
    public String validation() {
        return text.substring(cut);
    }

    /**
     * Random (B, T) batches from the training part, tokenized with {@code encoder} (e.g. a
     * tokenizer's {@code encode}). Fails, naming this corpus and the context length, if the part
     * is too short for even one window.
     */
    public Batches trainBatches(Function<String, int[]> encoder, int batchSize, int contextLength, long seed) {
        return new Batches("training part of corpus " + name, encoder.apply(train()), batchSize, contextLength, seed);
    }

    /** Like {@link #trainBatches}, over the validation part. */
    public Batches validationBatches(Function<String, int[]> encoder, int batchSize, int contextLength, long seed) {
        return new Batches("validation part of corpus " + name, encoder.apply(validation()), batchSize, contextLength, seed);
    }

    @Override
    public String toString() {
        return "Corpus " + name + ": " + train().length() + " chars train, " + validation().length() + " chars validation";
    }
}
