package dev.glassbox.sleep;

import dev.glassbox.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a real hypnogram from a simple CSV file: one scored stage per 30-second epoch, in order.
 *
 * <p>Each non-empty line holds the stage in its last comma-separated field, so both {@code N2} and
 * {@code 17,N2} (epoch number, stage) work; stages are read by {@link Stage#parse} (AASM, Rechtschaffen &amp; Kales,
 * Sleep-EDF spellings). Lines starting with {@code #} are comments. The first other line is a header if it says so:
 * one of its fields names a column ("epoch", "stage", "label", "time", ...), as in {@code epoch,stage}; any other
 * line that is not a stage is an error naming the file and line, even the first.
 *
 * <p><b>Unscored and movement epochs</b> ({@code ?}, {@code U}, {@code Unscored}, {@code M}, {@code MT},
 * {@code Movement time}, Sleep-EDF's {@code Sleep stage ?}) are the same wherever they appear: they are not one of
 * the five stages, so they are skipped, and counted ({@link Night#unscored()}), so a caller can say how many.
 *
 * <p>The file is UTF-8 (a byte-order mark is skipped) or UTF-16 with a byte-order mark; anything else, such as
 * Latin-1, is refused naming the line, rather than misread.
 */
public final class Hypnogram {
    private Hypnogram() {}

    /** A hypnogram file is a few kB per night; this is weeks of epochs. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private static final Set<String> UNSCORED = Set.of("?", "U", "UNSCORED", "UNKNOWN", "M", "MT", "MOVEMENT", "MOVEMENT TIME");
    private static final List<String> HEADER_WORDS = List.of("epoch", "stage", "label", "time", "hypnogram", "annotation",
            "score", "onset", "duration", "description", "event", "class");

    /**
     * A night as read: the stages as token ids (W=0 … REM=4) and how many unscored or movement epochs were skipped.
     */
    public record Night(int[] stages, int unscored) {}

    /** The stages of {@code file} as token ids (W=0 … REM=4), unscored and movement epochs skipped. */
    public static int[] read(Path file) throws IOException {
        return readNight(file).stages();
    }

    /** The night in {@code file}, with the count of skipped unscored and movement epochs. */
    public static Night readNight(Path file) throws IOException {
        String notAFile = InputFiles.whyNotARegularFile(file);
        if (notAFile != null) throw new IOException(file + ": " + notAFile + "; expected a hypnogram CSV file");
        byte[] bytes = InputFiles.readAtMost(file, MAX_FILE_BYTES);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(file + ": is larger than " + InputFiles.size(MAX_FILE_BYTES) + "; a hypnogram has one short line"
                    + " per 30-s epoch, a few kB a night");
        }
        return parseNight(decode(file, bytes).lines().toList(), file.toString());
    }

    /** Same as {@link #read}, from lines already in memory; {@code source} names them in errors. */
    public static int[] parse(List<String> lines, String source) {
        return parseNight(lines, source).stages();
    }

    /** Same as {@link #readNight}, from lines already in memory; {@code source} names them in errors. */
    public static Night parseNight(List<String> lines, String source) {
        int[] stages = new int[lines.size()];
        int count = 0, unscored = 0;
        boolean seenContent = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);   // a UTF-8 byte-order mark
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split(",", -1);
            String last = fields[fields.length - 1];
            boolean first = !seenContent;
            seenContent = true;
            if (isUnscored(last)) {
                unscored++;
                continue;
            }
            try {
                stages[count++] = Stage.parse(last).ordinal();
            } catch (IllegalArgumentException e) {
                count--;
                if (first && isHeader(fields)) continue;
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(source + " holds no sleep stages" + (unscored > 0 ? " (only " + unscored
                    + " unscored or movement epochs)" : ""));
        }
        return new Night(Arrays.copyOf(stages, count), unscored);
    }

    /** True for an unscored or movement epoch: ?, U, Unscored, M, MT, Movement time, Sleep stage ?, any case. */
    public static boolean isUnscored(String text) {
        return UNSCORED.contains(Stage.normalized(text));
    }

    /** A header names its columns: some field holds a word such as "epoch" or "stage". */
    private static boolean isHeader(String[] fields) {
        for (String field : fields) {
            String f = field.strip().toLowerCase(Locale.ROOT);
            for (String word : HEADER_WORDS) if (f.contains(word)) return true;
        }
        return false;
    }

    /** UTF-16 if it starts with its byte-order mark, else strict UTF-8 (a wrong byte is reported with its line). */
    private static String decode(Path file, byte[] bytes) throws IOException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return new String(bytes, StandardCharsets.UTF_16);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            int at = in.position(), line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new IOException(file + " line " + line + ": byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " at offset " + at
                    + " is not UTF-8; save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)");
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /**
     * Cuts a long night into windows of {@code length} epochs, {@code stride} apart, so each fits a
     * classifier's context. The last partial window is dropped.
     */
    public static int[][] windows(int[] night, int length, int stride) {
        int count = windowCount(night.length, length, stride);
        int[][] out = new int[count][];
        for (int w = 0; w < count; w++) out[w] = Arrays.copyOfRange(night, w * stride, w * stride + length);
        return out;
    }

    /** How many windows {@link #windows} cuts from a night of {@code epochs}, checking the sizes the same way. */
    public static int windowCount(int epochs, int length, int stride) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("window length and stride must be at least 1, got " + length + " and " + stride);
        }
        if (epochs < length) {
            throw new IllegalArgumentException("a night of " + epochs + " epochs is shorter than one window of " + length);
        }
        return (epochs - length) / stride + 1;
    }
}
