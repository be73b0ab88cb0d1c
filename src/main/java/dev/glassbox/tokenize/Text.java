package dev.glassbox.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Small text helpers shared by the tokenizers: validity checks and readable names for characters. */
final class Text {
    private Text() {}

    /**
     * Fails if {@code text} is null or holds an unpaired UTF-16 surrogate. Such a string is not valid
     * Unicode and has no UTF-8 encoding; Java's encoder would silently turn it into '?', so we refuse it.
     */
    static String requireValid(String text, String what) {
        Objects.requireNonNull(text, what + " must not be null");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a proper pair: one code point above U+FFFF, e.g. an emoji
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate "
                        + String.format("U+%04X", (int) c) + " at char index " + i
                        + "; it is not valid Unicode and has no UTF-8 encoding");
            }
        }
        return text;
    }

    /** UTF-8 bytes of a valid string. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes UTF-8, replacing each malformed sequence with U+FFFD like GPT-2's
     * {@code bytes.decode('utf-8', errors='replace')}: a model may emit half of a multi-byte character.
     */
    static String fromUtf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A code point as a reader can see it, e.g. {@code 'é' (U+00E9)} or {@code U+000A} for a newline. */
    static String describe(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        boolean visible = !Character.isISOControl(codePoint) && !Character.isWhitespace(codePoint)
                && Character.getType(codePoint) != Character.FORMAT && Character.isDefined(codePoint);
        return visible ? "'" + new String(Character.toChars(codePoint)) + "' (" + hex + ")" : hex;
    }

    /** A token in quotes with control characters escaped, for error messages. */
    static String quote(String token) {
        StringBuilder out = new StringBuilder("\"");
        token.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) out.append(String.format("\\u%04X", cp));
            else out.appendCodePoint(cp);
        });
        return out.append('"').toString();
    }
}
