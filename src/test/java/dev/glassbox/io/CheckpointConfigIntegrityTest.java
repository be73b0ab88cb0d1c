package dev.glassbox.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, item 9: config.json, tokenizer included, is covered by a checksum like the weights. */
class CheckpointConfigIntegrityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path saved() throws Exception {
        return SmallCheckpoint.save(temp.resolve("model"));
    }

    private void refusedAfter(Consumer<ObjectNode> edit) throws Exception {
        Path dir = saved();
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
        edit.accept((ObjectNode) root.get("config"));
        Files.write(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.loadGpt(dir));
        assertTrue(e.getMessage().startsWith(config.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void editedHeadsAreRefused() throws Exception {
        refusedAfter(c -> ((ObjectNode) c.get("model")).put("heads", 8));
    }

    @Test
    void editedScalingAndOrderAreRefused() throws Exception {
        refusedAfter(c -> ((ObjectNode) c.get("model")).put("attention_scaling", "COSINE"));
        refusedAfter(c -> ((ObjectNode) c.get("model")).put("block_order", "POST_LN"));
    }

    @Test
    void anEditedTokenizerIsRefused() throws Exception {
        refusedAfter(c -> {
            var chars = (com.fasterxml.jackson.databind.node.ArrayNode) c.get("tokenizer").get("characters");
            chars.set(chars.size() - 1, "z");   // still a valid, sorted alphabet: "h" now decodes as "z"
        });
    }

    @Test
    void reformattingTheJsonIsNotAnEdit() throws Exception {
        Path dir = saved();
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        Files.write(config, JSON.writeValueAsBytes(JSON.readTree(config.toFile())));   // compact instead of pretty
        assertEquals(SmallCheckpoint.STEP, Checkpoint.loadGpt(dir).step());
    }
}
