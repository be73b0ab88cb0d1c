package dev.glassbox.tokenize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;

import java.util.ArrayList;
import java.util.List;

/**
 * How text is cut into chunks before byte-pair merging. Merges never cross a chunk boundary, so the
 * choice decides which tokens can exist.
 */
public enum PreTokenizer {
    /** The whole text is one chunk: merges may span words, e.g. {@code "e t"} across a space. */
    NONE {
        @Override
        void forEachChunk(String text, ChunkConsumer chunks) {
            if (!text.isEmpty()) chunks.accept(0, text.length());
        }
    },
    /**
     * GPT-2's pattern, from OpenAI's {@code encoder.py}:
     * <pre>{@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}</pre>
     * English contractions, words with one optional leading space, numbers, runs of other symbols, and
     * whitespace (a run of whitespace before a word gives its last space to the word). So {@code "dog."} and
     * {@code "dog!"} share the token {@code "dog"} instead of learning both.
     *
     * <p>What is a letter ({@code \p{L}}), a number ({@code \p{N}}) or white space ({@code \s}, the Unicode
     * White_Space property) comes from ICU's character data (Unicode {@value #UNICODE_VERSION}, the version
     * tiktoken 0.14 classifies by), not from the JDK: Java 17's regex knows Unicode 13, for which 9,787 newer
     * letters (e.g. U+0870, or CJK extension H) and 130 numbers would be "other symbols" and be cut differently
     * ({@code TiktokenUnicodeTest} holds every one of them to tiktoken).
     * The pattern is therefore matched by {@link #forEachChunk} by hand, one alternative after the other, as
     * the regex engine tries them at each position.
     */
    GPT2 {
        @Override
        void forEachChunk(String text, ChunkConsumer chunks) {
            int n = text.length();
            int i = 0;
            while (i < n) {
                int end = gpt2ChunkEnd(text, i, n);
                chunks.accept(i, end);
                i = end;
            }
        }
    };

    /** The Unicode version of the character classes that {@link #GPT2} uses (ICU's). */
    public static final String UNICODE_VERSION = "16.0";

    /** Receives each chunk as a range of char indices, {@code text.substring(start, end)}. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(int start, int end);
    }

    /** Calls {@code chunks} with each chunk's char range, in order; the ranges cover the text. */
    abstract void forEachChunk(String text, ChunkConsumer chunks);

    /** The chunks of {@code text}, in order; they concatenate to the text. */
    public List<String> split(String text) {
        Text.requireValid(text, "text");
        List<String> chunks = new ArrayList<>();
        forEachChunk(text, (start, end) -> chunks.add(text.substring(start, end)));
        return chunks;
    }

    // ------------------------------------------------------------------ GPT-2's pattern, by hand

    static final byte LETTER = 0, NUMBER = 1, SPACE = 2, OTHER = 3;
    /** The class of every char below U+10000 (surrogates are never looked up here). */
    private static final byte[] BMP_CLASS = new byte[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) BMP_CLASS[c] = classify(c);
    }

    /** Letter, number, white space or other, by ICU's Unicode data. */
    static byte classify(int codePoint) {
        switch (UCharacter.getType(codePoint)) {
            case UCharacterCategory.UPPERCASE_LETTER, UCharacterCategory.LOWERCASE_LETTER, UCharacterCategory.TITLECASE_LETTER,
                 UCharacterCategory.MODIFIER_LETTER, UCharacterCategory.OTHER_LETTER:
                return LETTER;
            case UCharacterCategory.DECIMAL_DIGIT_NUMBER, UCharacterCategory.LETTER_NUMBER, UCharacterCategory.OTHER_NUMBER:
                return NUMBER;
            default:
                return UCharacter.isUWhiteSpace(codePoint) ? SPACE : OTHER;
        }
    }

    /** The class of the code point starting at char index {@code i}. */
    private static byte classAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? classify(text.codePointAt(i)) : BMP_CLASS[c];
    }

    /** The index after the run of code points of class {@code cls} that starts at {@code i}. */
    private static int runEnd(String text, int i, int n, byte cls) {
        while (i < n && classAt(text, i) == cls) i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
        return i;
    }

    /** Where GPT-2's pattern ends the chunk that starts at {@code i} (i < n). */
    private static int gpt2ChunkEnd(String text, int i, int n) {
        char c = text.charAt(i);
        // 's|'t|'re|'ve|'m|'ll|'d
        if (c == '\'' && i + 1 < n) {
            char d = text.charAt(i + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') return i + 2;
            if (i + 2 < n) {
                char e = text.charAt(i + 2);
                if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) return i + 3;
            }
        }
        //  ?\p{L}+ |  ?\p{N}+ |  ?[^\s\p{L}\p{N}]+ : one optional space, then a run of one class
        int first = c == ' ' && i + 1 < n ? i + 1 : i;
        byte cls = classAt(text, first);
        if (cls != SPACE) return runEnd(text, first, n, cls);
        // \s+(?!\S) | \s+ : a run of white space; before a non-space it leaves its last character to what follows
        int end = runEnd(text, i, n, SPACE);
        if (end == n) return n;
        return end - 1 > i ? end - 1 : end;          // (every white-space character is a single char)
    }
}
