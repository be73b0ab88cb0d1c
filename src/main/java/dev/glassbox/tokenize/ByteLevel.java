package dev.glassbox.tokenize;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's {@code bytes_to_unicode} table: each of the 256 byte values gets one visible character, so a
 * byte-level token can be written as an ordinary string in {@code vocab.json} and {@code merges.txt}.
 *
 * <p>The 188 bytes that are already printable in Latin-1 ({@code !}…{@code ~}, {@code ¡}…{@code ¬},
 * {@code ®}…{@code ÿ}) stand for themselves; the other 68 (control characters, space, DEL, the no-break space,
 * the soft hyphen…) are shifted, in byte order, to U+0100, U+0101, …. That is why a space shows up as
 * {@code Ġ} (U+0120, byte 32 is the 33rd shifted byte) and a newline as {@code Ċ} (U+010A).
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x100 + 68];

    static {
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (0x100 + shifted++);
        }
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
    }

    private ByteLevel() {}

    /** The character that stands for byte {@code b} (0 … 255). */
    public static char charOf(int b) {
        if (b < 0 || b > 255) throw new IllegalArgumentException("byte value " + b + " is outside 0 … 255");
        return BYTE_TO_CHAR[b];
    }

    /** The byte that character {@code c} stands for, or -1 if {@code c} is not in the table. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** Bytes → their visible string, e.g. UTF-8 of " hé" → {@code "ĠhÃ©"}. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) out.append(BYTE_TO_CHAR[b & 0xFF]);
        return out.toString();
    }

    /** The inverse of {@link #encode}; fails naming the first character that is not in the table. */
    public static byte[] decode(String visible) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(visible.length());
        for (int i = 0; i < visible.length(); i++) {
            int b = byteOf(visible.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("character " + Text.describe(visible.codePointAt(i)) + " at index " + i
                        + " of " + Text.quote(visible) + " is not in GPT-2's byte-to-unicode table");
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** True if every character of {@code visible} stands for a byte. */
    public static boolean isByteString(String visible) {
        for (int i = 0; i < visible.length(); i++) if (byteOf(visible.charAt(i)) < 0) return false;
        return true;
    }
}
