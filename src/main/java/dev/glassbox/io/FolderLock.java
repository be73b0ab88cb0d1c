package dev.glassbox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One writer per output folder: an exclusive lock on {@code .glassbox.lock} inside it, held for a whole training run.
 * The file says who holds it ("process 1234 (train, since ...)"), so a second run can name the first. The operating
 * system releases the lock when the process ends, however it ends, so a crash never leaves the folder locked (the
 * file itself stays, harmless).
 */
public final class FolderLock implements AutoCloseable {
    public static final String FILE = ".glassbox.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it for this process.
     *
     * @param purpose what the lock is for, shown to whoever finds the folder locked ("train")
     * @throws InUseException naming the folder and the process holding it, if another run holds it
     * @throws IOException      if the folder cannot be created (a file has its name, no permission)
     */
    public static FolderLock acquire(Path dir, String purpose) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder;
            try {
                holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            } finally {
                channel.close();
            }
            throw new InUseException(dir + " is in use by " + (holder.isEmpty() ? "another process" : holder) + ", which is writing into it");
        }
        String holder = "process " + ProcessHandle.current().pid() + " (" + purpose + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        return new FolderLock(dir, channel, lock);
    }

    /** The folder is locked by another writer; the message names it. */
    public static final class InUseException extends IOException {
        InUseException(String message) {
            super(message);
        }
    }

    /** The locked folder. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            channel.close();
        }
    }
}
