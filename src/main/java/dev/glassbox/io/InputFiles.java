package dev.glassbox.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading files that a user names, safely: only regular files (a directory, a device such as /dev/zero behind a
 * symlink, or a FIFO that would block forever are refused before they are opened), and never more bytes than a
 * limit, whatever the file system says its size is.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Why {@code file} cannot be read as a file — "does not exist", "is a directory", "not a regular file (a device,
     * FIFO or socket)" — or null if it is a regular file (links followed).
     */
    public static String whyNotARegularFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "does not exist";
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        if (attributes.isDirectory()) return "is a directory";
        if (!attributes.isRegularFile()) return "not a regular file (a device, FIFO or socket)";
        return null;
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes of a regular file: a result longer than {@code maxBytes} means the file
     * is larger than the limit. The caller has checked {@link #whyNotARegularFile}.
     *
     * @throws IOException naming the file if reading fails
     */
    public static byte[] readAtMost(Path file, long maxBytes) throws IOException {
        int limit = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * The whole of a regular file, or null if it is larger than {@code maxBytes}: known from its size before
     * anything is read, or found by reading at most {@code maxBytes + 1} bytes (should it grow meanwhile). The
     * caller has checked {@link #whyNotARegularFile}; say why with {@link #tooLarge}.
     *
     * @throws IOException naming the file if reading fails
     */
    public static byte[] readUpTo(Path file, long maxBytes) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (size > maxBytes) return null;
        byte[] bytes = readAtMost(file, maxBytes);
        return bytes.length > maxBytes ? null : bytes;
    }

    /**
     * Why {@link #readUpTo} returned null: "it is 17,000,000 bytes, too large for WHAT (at most 16,000,000 bytes",
     * with the file's size now (at least the limit + 1); the caller adds anything else to say and the ")".
     */
    public static String tooLarge(Path file, long maxBytes, String what) {
        long size;
        try {
            size = Math.max(Files.size(file), maxBytes + 1);
        } catch (IOException e) {
            size = maxBytes + 1;
        }
        return String.format(java.util.Locale.ROOT, "it is %,d bytes, too large for %s (at most %,d bytes", size, what, maxBytes);
    }

    /** {@code bytes} as "3.0 GB", "12.4 MB" or "512 bytes". */
    public static String size(long bytes) {
        if (bytes >= 1_000_000_000L) return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
        if (bytes >= 1_000_000L) return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        if (bytes >= 1_000L) return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3);
        return bytes + " bytes";
    }
}
