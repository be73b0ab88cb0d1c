package dev.glassbox.cli;

import dev.glassbox.io.FolderLock;

import java.nio.file.Path;

/** Run in a child JVM by {@link OutputFolderTest}: holds the write lock on a folder until killed. */
public final class FolderLockHolder {
    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]), "train")) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
