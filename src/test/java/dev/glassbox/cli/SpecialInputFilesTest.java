package dev.glassbox.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 11, item 6: a FIFO given as --text or --csv is refused, not waited on. */
class SpecialInputFilesTest {
    @TempDir
    Path temp;

    private Path fifo(String name) throws Exception {
        Path file = temp.resolve(name);
        assumeTrue(new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0, "needs mkfifo");
        return file;
    }

    @Test
    void aFifoAsTextIsRefused() throws Exception {
        Path fifo = fifo("text.txt");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of("train", "--text", fifo.toString(),
                "--out", temp.resolve("out").toString()).assertOneLineError(Main.BAD_ARGUMENTS, fifo + ": not a regular file"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of("classify", "predict", "--csv", fifo.toString(),
                "--model", temp.toString()).assertOneLineError(Main.BAD_ARGUMENTS, fifo + ": not a regular file"));
    }
}
