package dev.glassbox.cli;

import dev.glassbox.io.Checkpoint;
import dev.glassbox.io.Safetensors;
import dev.glassbox.io.SmallCheckpoint;
import dev.glassbox.nn.ClassifierConfig;
import dev.glassbox.nn.Pooling;
import dev.glassbox.nn.SequenceClassifier;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 11, item 4: every I/O error names the file and what was expected of it. */
class FileErrorsTest {
    @TempDir
    Path temp;

    @Test
    void outThatIsAFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("a_file"), "x");
        CliRun run = CliRun.of("train", "--out", file.toString(), "--steps", "1").assertOneLineError(Main.BAD_ARGUMENTS, file.toString());
        assertTrue(run.err().contains("is a file") && run.err().contains("directory"), run.err());
        run = CliRun.of("classify", "train", "--nights", "8", "--length", "24", "--steps", "1", "--out", file.toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, file.toString());
        assertTrue(run.err().contains("is a file"), run.err());
    }

    @Test
    void aDirectoryGivenAsTextIsRefusedNamingIt() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("texts"));
        CliRun run = CliRun.of("train", "--text", dir.toString(), "--out", temp.resolve("out").toString())
                .assertOneLineError(Main.BAD_ARGUMENTS, dir.toString());
        assertTrue(run.err().contains("is a directory"), run.err());
    }

    @Test
    void aDirectoryGivenAsTheWeightsIsRefusedNamingIt() throws Exception {
        Path checkpoint = SmallCheckpoint.save(temp.resolve("model"));
        Path weights = checkpoint.resolve(Checkpoint.WEIGHTS_FILE);
        Files.delete(weights);
        Files.createDirectory(weights);
        CliRun run = CliRun.of("info", checkpoint.toString()).assertOneLineError(Main.FAILED, weights.toString());
        assertTrue(run.err().contains("is a directory"), run.err());
    }

    @Test
    void aLatin1CsvIsRefusedNamingTheFileAndTheEncoding() throws Exception {
        Path model = temp.resolve("sleep");
        SleepClassifierFiles.save(model, new SequenceClassifier(ClassifierConfig.of(5, 24, 8, 1, 2, 2, Pooling.MEAN), 1), 1);
        Path csv = temp.resolve("night.csv");
        Files.write(csv, ("# hypnogramme noté à la main\n" + "N2\n".repeat(30)).getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of("classify", "predict", "--csv", csv.toString(), "--model", model.toString())
                .assertOneLineError(Main.FAILED, csv.toString());
        assertTrue(run.err().contains("UTF-8"), run.err());
    }

    @Test
    void aFullDiskNamesTheFileBeingWritten() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs /dev/full");
        Path link = Files.createSymbolicLink(temp.resolve("weights.safetensors"), full);
        var e = assertThrows(IOException.class, () -> Safetensors.write(link, Map.of("w", Tensor.zeros(4))));
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("No space left on device"), e.getMessage());
    }

    @Test
    void theCommandLineKeepsThePathOfAWrappedIoError() {
        String line = Main.describe(new UncheckedIOException("cannot save a checkpoint to runs/gpt: No space left on device",
                new IOException("No space left on device")));
        assertTrue(line.contains("runs/gpt") && line.contains("No space left on device"), line);
    }
}
