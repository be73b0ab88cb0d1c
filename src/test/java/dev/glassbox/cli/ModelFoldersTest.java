package dev.glassbox.cli;

import dev.glassbox.io.HuggingFaceGpt2;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 11: folders we cannot run are named for what they are; info reads GPT-2 folders too. */
class ModelFoldersTest {
    @TempDir
    Path temp;

    private Path gpt2() throws Exception {
        Path dir = temp.resolve("gpt2");
        HuggingFaceGpt2.saveModel(dir, new Gpt(GptConfig.of(20, 8, 8, 2, 2), 1), null);
        return dir;
    }

    private void refused(Path dir, String... expected) {
        for (String command : new String[]{"info", "sample"}) {
            CliRun run = command.equals("info") ? CliRun.of("info", dir.toString()) : CliRun.of("sample", dir.toString(), "--prompt", "x");
            run.assertOneLineError(Main.FAILED, dir.toString());
            assertFalse(run.err().contains("\"format\" is null"), run.err());
            for (String e : expected) assertTrue(run.err().contains(e), "'" + e + "' in: " + run.err());
        }
    }

    @Test
    void aGptNeoFolderIsNamedAndTheSupportedKindsListed() throws Exception {
        Path dir = gpt2();
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"gpt2\"", "\"gpt_neo\""));
        refused(dir, "gpt_neo", "\"gpt2\"", "glassbox");
    }

    @Test
    void aConfigWithoutModelTypeSaysSo() throws Exception {
        Path dir = gpt2();
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"model_type\"", "\"kind\""));
        refused(dir, "model_type", "format");
    }

    @Test
    void aGpt2ConfigOverOneMegabyteSaysItIsTooLarge() throws Exception {
        Path dir = gpt2();
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        Files.writeString(config, text.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(1_100_000) + "\","));
        refused(dir, "too large");
    }

    @Test
    void infoListsTheTensorsOfAGpt2Folder() throws Exception {
        Path dir = gpt2();
        CliRun run = CliRun.of("info", dir.toString()).assertSuccess();
        assertTrue(run.out().contains("GPT-2"), run.out());
        assertTrue(run.out().contains("h.1.mlp.c_fc.weight") && run.out().contains("[8, 32]"), run.out());
        long parameters = new Gpt(GptConfig.of(20, 8, 8, 2, 2), 1).parameterCount();
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("total") && l.endsWith(String.format("%,d", parameters))), run.out());
    }
}
