package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text is cut into chunks before byte-pair merging. Merges never cross a chunk boundary, so the
 * choice decides which tokens can exist.
 */
public enum PreTokenizer {
    /** The whole text is one chunk: merges may span words, e.g. {@code "e t"} across a space. */
    NONE {
        @Override
        public List<String> split(String text) {
            Text.requireValid(text, "text");
            return text.isEmpty() ? List.of() : List.of(text);
        }
    },
    /**
     * GPT-2's pattern: English contractions, words with one optional leading space, numbers, runs of other
     * symbols, and whitespace (a run of whitespace before a word gives its last space to the word). So
     * {@code "dog."} and {@code "dog!"} share the token {@code "dog"} instead of learning both.
     */
    GPT2 {
        @Override
        public List<String> split(String text) {
            Text.requireValid(text, "text");
            List<String> chunks = new ArrayList<>();
            Matcher matcher = GPT2_PATTERN.matcher(text);
            while (matcher.find()) chunks.add(matcher.group());
            return chunks;
        }
    };

    /**
     * The pattern from GPT-2's {@code encoder.py}. Python's {@code regex} module matches {@code \s},
     * {@code \p{L}}, {@code \p{N}} against all of Unicode; in Java, {@code \p{L}} and {@code \p{N}} always do,
     * and {@link Pattern#UNICODE_CHARACTER_CLASS} makes {@code \s} the Unicode White_Space property, the same
     * set as {@code regex}'s (checked against it in {@code PreTokenizerReferenceTest}).
     * Every character is a letter, a number, whitespace or none of these, so the chunks cover the text.
     */
    public static final Pattern GPT2_PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** The chunks of {@code text}, in order; they concatenate to the text. */
    public abstract List<String> split(String text);
}
