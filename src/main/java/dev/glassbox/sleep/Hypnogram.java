package dev.glassbox.sleep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a real hypnogram from a simple CSV file: one scored stage per 30-second epoch, in order.
 *
 * <p>Each non-empty line holds the stage in its last comma-separated field, so both
 * {@code N2} and {@code 17,N2} (epoch number, stage) work. A first line whose last field is not a stage
 * (a header such as {@code epoch,stage}) is skipped; lines starting with {@code #} are comments.
 * Stages are read by {@link Stage#parse}. Anything else fails with the file name and line number.
 */
public final class Hypnogram {
    private Hypnogram() {}

    /** The stages of {@code file} as token ids (W=0 … REM=4). */
    public static int[] read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return parse(lines, file.toString());
    }

    /** Same as {@link #read}, from lines already in memory; {@code source} names them in errors. */
    public static int[] parse(List<String> lines, String source) {
        List<Integer> stages = new ArrayList<>();
        boolean seenData = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split(",");
            String last = fields[fields.length - 1];
            try {
                stages.add(Stage.parse(last).ordinal());
                seenData = true;
            } catch (IllegalArgumentException e) {
                if (!seenData && stages.isEmpty()) {
                    seenData = true;           // the header line
                    continue;
                }
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (stages.isEmpty()) throw new IllegalArgumentException(source + " holds no sleep stages");
        return stages.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Cuts a long night into windows of {@code length} epochs, {@code stride} apart, so each fits a
     * classifier's context. The last partial window is dropped.
     */
    public static int[][] windows(int[] night, int length, int stride) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("window length and stride must be at least 1, got " + length + " and " + stride);
        }
        if (night.length < length) {
            throw new IllegalArgumentException("a night of " + night.length + " epochs is shorter than one window of " + length);
        }
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start + length <= night.length; start += stride) {
            out.add(Arrays.copyOfRange(night, start, start + length));
        }
        return out.toArray(new int[0][]);
    }
}
