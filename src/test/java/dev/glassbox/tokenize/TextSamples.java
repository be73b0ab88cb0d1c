package dev.glassbox.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Texts for the tokenizer tests: the seed essay, an English paragraph, and seeded random strings. */
final class TextSamples {
    private TextSamples() {}

    /** The project's seed essay (Chinese with some Latin letters and punctuation), a built-in corpus. */
    static String essay() {
        try (InputStream in = TextSamples.class.getResourceAsStream("/dev/glassbox/data/gpt-principles.zh.txt")) {
            if (in == null) throw new IllegalStateException("built-in corpus gpt-principles.zh.txt is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String ENGLISH = """
            A language model reads text as a sequence of tokens. It doesn't see letters: it sees ids, and it \
            learns which id is likely to come next. The tokenizer's job is to cut the text into pieces that are \
            frequent enough to be learned, and few enough to fit in the vocabulary. Byte-pair encoding starts \
            from single bytes and merges the most frequent neighbouring pair, again and again, until the \
            vocabulary is full. GPT-2 used 50,257 tokens; we'll use a few hundred.
            Q:12+7=?A:19
            Q:3+4=?A:7
            """;

    /** Emoji: plain, with a skin-tone modifier, a ZWJ family, a flag (two regional indicators), a keycap. */
    static final String[] EMOJI = {"😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "1️⃣", "🦙", "❤️"};
    static final String[] WHITESPACE = {" ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u3000", "\u200B", "\u0085"};

    /**
     * A random valid Unicode string of up to {@code maxPieces} pieces: ASCII, control characters, a slice of
     * the essay (CJK), emoji (surrogate pairs), assorted whitespace, combining marks, contractions, digits,
     * and any code point outside the surrogate range.
     */
    static String randomText(Random random, int maxPieces) {
        String essay = essay();
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int p = 0; p < pieces; p++) {
            switch (random.nextInt(10)) {
                case 0 -> text.append((char) (' ' + random.nextInt(95)));               // printable ASCII
                case 1 -> text.append((char) random.nextInt(32)).append(random.nextBoolean() ? "\u007F" : ""); // control
                case 2 -> {                                                            // a slice of the essay
                    int start = random.nextInt(essay.length() - 10);
                    text.append(essay, start, start + 1 + random.nextInt(8));
                }
                case 3 -> text.append(EMOJI[random.nextInt(EMOJI.length)]);
                case 4 -> text.append(WHITESPACE[random.nextInt(WHITESPACE.length)]);
                case 5 -> text.append("e\u0301");                                        // e + combining acute
                case 6 -> text.append(random.nextBoolean() ? "'s" : " it's").append(random.nextBoolean() ? "'ll" : "");
                case 7 -> text.append(random.nextInt(100_000));
                case 8 -> text.append("Q:").append(random.nextInt(20)).append('+').append(random.nextInt(20)).append("=?A:");
                default -> {                                                           // any code point, not a surrogate
                    int cp;
                    do cp = random.nextInt(Character.MAX_CODE_POINT + 1); while (cp >= 0xD800 && cp <= 0xDFFF);
                    text.appendCodePoint(cp);
                }
            }
        }
        return text.toString();
    }

    /** A random string of up to {@code maxLength} code points drawn from {@code alphabet}'s code points. */
    static String randomFrom(Random random, String alphabet, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        return text.toString();
    }
}
