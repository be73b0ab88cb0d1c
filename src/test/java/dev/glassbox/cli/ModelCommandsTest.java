package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.io.Checkpoint;
import dev.glassbox.nn.Gpt;
import dev.glassbox.nn.GptConfig;
import dev.glassbox.tensor.Tensor;
import dev.glassbox.tokenize.CharTokenizer;
import dev.glassbox.tokenize.TokenizerJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** info, sample and eval on a small random model saved with its character tokenizer. */
class ModelCommandsTest {
    private static final String ALPHABET = "abcdefgh :\n";
    @TempDir
    static Path temp;
    static Path checkpoint;
    static Gpt model;
    static CharTokenizer tokenizer;

    @BeforeAll
    static void saveModel() throws Exception {
        tokenizer = CharTokenizer.fromCorpus(ALPHABET);
        model = new Gpt(GptConfig.of(tokenizer.vocabSize(), 16, 16, 2, 2), 42);
        checkpoint = temp.resolve("model");
        Checkpoint.save(checkpoint, model, TokenizerJson.toJson(tokenizer), 7);
    }

    // ------------------------------------------------------------------------------------ info

    @Test
    void infoListsEveryParameterAndTheTotalEqualsTheModelsCount() {
        CliRun run = CliRun.of("info", checkpoint.toString()).assertSuccess();
        assertTrue(run.out().contains("(saved at step 7)"), run.out());
        long sumOfRows = 0;
        int rows = 0;
        for (String line : run.out().lines().toList()) {
            String[] f = line.trim().split("\\s+", 2);
            if (f[0].contains(".weight") || f[0].contains(".bias")) {
                String shape = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
                long product = Arrays.stream(shape.split(", ")).mapToLong(Long::parseLong).reduce(1, (a, b) -> a * b);
                long count = Long.parseLong(line.substring(line.indexOf(']') + 1).trim().replace(",", ""));
                assertEquals(product, count, line);
                sumOfRows += count;
                rows++;
            }
        }
        assertEquals(model.parameters().size(), rows);
        assertEquals(model.parameterCount(), sumOfRows);
        String totalLine = run.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        assertTrue(totalLine.endsWith(String.format(java.util.Locale.ROOT, "%,d", model.parameterCount())), totalLine);
    }

    @Test
    void infoOnAMissingDirectoryIsOneLine() {
        CliRun.of("info", temp.resolve("nothing-here").toString()).assertOneLineError(Main.FAILED, "is not a directory");
    }

    @Test
    void infoOnACorruptCheckpointIsOneLine() throws Exception {
        Path broken = temp.resolve("broken");
        Checkpoint.save(broken, model, TokenizerJson.toJson(tokenizer), 1);
        Path weights = broken.resolve(Checkpoint.WEIGHTS_FILE);
        try (FileChannel file = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {0x3f, 0x3f}), Files.size(weights) - 10);   // damage a weight
        }
        CliRun.of("info", broken.toString()).assertOneLineError(Main.FAILED, "SHA-256");
        CliRun.of("sample", broken.toString(), "--prompt", "ab").assertOneLineError(Main.FAILED, "damaged");
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun run = CliRun.of("info", "--debug", temp.resolve("nothing-here").toString());
        assertEquals(Main.FAILED, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    // ------------------------------------------------------------------------------------ eval

    @Test
    void evalJsonPrintsTheLastRowOfTheForwardPass() throws Exception {
        int[] tokens = {1, 2, 3, 0, 5};
        CliRun run = CliRun.of("eval", checkpoint.toString(), "--json", "--tokens", "1,2,3,0,5").assertSuccess();
        JsonNode json = new ObjectMapper().readTree(run.out());
        Tensor logits = model.forward(new int[][] {tokens});   // (1, T, V)
        float[] expected = logits.vectorAt(0, tokens.length - 1);
        assertEquals(tokenizer.vocabSize(), json.get("logits").size());
        for (int v = 0; v < expected.length; v++) assertEquals(expected[v], json.get("logits").get(v).floatValue(), "logit " + v);
        assertEquals(4, json.get("position").intValue());
    }

    @Test
    void evalLossEqualsCrossEntropyComputedByHand() throws Exception {
        String text = "abc: hag\nfed: bad\ncab: ace\n";   // 27 characters: 26 predictions, 2 windows of context 16
        Path file = temp.resolve("eval.txt");
        Files.writeString(file, text);
        CliRun run = CliRun.of("eval", checkpoint.toString(), "--text", file.toString()).assertSuccess();
        double printed = Double.parseDouble(run.out().split("\\s+")[1]);

        int[] ids = tokenizer.encode(text);
        double sum = 0;
        for (int start = 0; start < ids.length - 1; start += 16) {
            int length = Math.min(16, ids.length - 1 - start);
            Tensor logits = model.forward(new int[][] {Arrays.copyOfRange(ids, start, start + length)});
            for (int t = 0; t < length; t++) {
                float[] row = logits.vectorAt(0, t);
                double max = Double.NEGATIVE_INFINITY, z = 0;
                for (float l : row) max = Math.max(max, l);
                for (float l : row) z += Math.exp(l - max);
                sum += -(row[ids[start + t + 1]] - max - Math.log(z));   // -ln softmax(target)
            }
        }
        assertEquals(sum / (ids.length - 1), printed, 1e-4);
        assertTrue(run.out().contains("26 predictions in 2 windows"), run.out());
    }

    @Test
    void evalErrorsAreOneLine() throws Exception {
        CliRun.of("eval", checkpoint.toString(), "--json", "--tokens", "1,x").assertOneLineError(Main.BAD_ARGUMENTS, "'x' is not an int");
        CliRun.of("eval", checkpoint.toString(), "--json", "--tokens", "1,99")
                .assertOneLineError(Main.FAILED, "token id 99 is outside vocabulary of " + tokenizer.vocabSize());
        CliRun.of("eval", checkpoint.toString(), "--text", temp.resolve("missing.txt").toString())
                .assertOneLineError(Main.FAILED, "no such file or directory");
        Path foreign = temp.resolve("foreign.txt");
        Files.writeString(foreign, "abc xyz");
        CliRun.of("eval", checkpoint.toString(), "--text", foreign.toString()).assertOneLineError(Main.FAILED, "'x' (U+0078)");
        Path latin1 = temp.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'a', (byte) 0xE9, 'b'});
        CliRun.of("eval", checkpoint.toString(), "--text", latin1.toString()).assertOneLineError(Main.FAILED, "not valid UTF-8");
        CliRun.of("eval", checkpoint.toString()).assertOneLineError(Main.BAD_ARGUMENTS, "--text");
    }

    // ---------------------------------------------------------------------------------- sample

    @Test
    void sampleWithTheSameSeedIsReproducibleAndAnotherSeedDiffers() {
        String first = CliRun.of("sample", checkpoint.toString(), "--prompt", "ab", "--tokens", "40", "--seed", "5").assertSuccess().out();
        String again = CliRun.of("sample", checkpoint.toString(), "--prompt", "ab", "--tokens", "40", "--seed", "5").assertSuccess().out();
        String other = CliRun.of("sample", checkpoint.toString(), "--prompt", "ab", "--tokens", "40", "--seed", "6").assertSuccess().out();
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.startsWith("ab"));
        assertEquals(2 + 40 + System.lineSeparator().length(), first.length(), "one character per token");
    }

    @Test
    void greedySampleFollowsTheArgmaxOfEachStep() {
        String out = CliRun.of("sample", checkpoint.toString(), "--prompt", "ba", "--tokens", "20", "--greedy").assertSuccess().out();
        int[] sequence = Arrays.copyOf(tokenizer.encode("ba"), 22);
        for (int length = 2; length < 22; length++) {
            int start = Math.max(0, length - 16);
            Tensor logits = model.forward(new int[][] {Arrays.copyOfRange(sequence, start, length)});
            float[] row = logits.vectorAt(0, length - start - 1);
            int best = 0;
            for (int v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
            sequence[length] = best;
        }
        assertEquals(tokenizer.decode(sequence) + System.lineSeparator(), out);
    }

    @Test
    void sampleStopsAtTheStopString() {
        String full = CliRun.of("sample", checkpoint.toString(), "--prompt", "a", "--tokens", "60", "--seed", "1").assertSuccess().out();
        String generated = full.substring(1, full.length() - System.lineSeparator().length());
        char stop = generated.charAt(10);
        String stopped = CliRun.of("sample", checkpoint.toString(), "--prompt", "a", "--tokens", "60", "--seed", "1",
                "--stop", String.valueOf(stop)).assertSuccess().out();
        assertEquals("a" + generated.substring(0, generated.indexOf(stop)) + System.lineSeparator(), stopped);
    }

    @Test
    void sampleRefusesMeaninglessOptions() {
        String dir = checkpoint.toString();
        CliRun.of("sample", dir, "--prompt", "ab", "--temperature", "0").assertOneLineError(Main.BAD_ARGUMENTS, "use --greedy");
        CliRun.of("sample", dir, "--prompt", "ab", "--temperature", "-1").assertOneLineError(Main.BAD_ARGUMENTS, "temperature must be a finite number > 0");
        CliRun.of("sample", dir, "--prompt", "ab", "--greedy", "--top-k", "3").assertOneLineError(Main.BAD_ARGUMENTS, "cannot be combined");
        CliRun.of("sample", dir, "--prompt", "ab", "--top-p", "1.5").assertOneLineError(Main.BAD_ARGUMENTS, "top-p must lie in (0, 1]");
        CliRun.of("sample", dir, "--prompt", "ab", "--top-k", "0").assertOneLineError(Main.BAD_ARGUMENTS, "top-k must be at least 1");
        CliRun.of("sample", dir, "--prompt", "ab", "--tokens", "many").assertOneLineError(Main.BAD_ARGUMENTS, "'many' is not an int");
        CliRun.of("sample", dir).assertOneLineError(Main.BAD_ARGUMENTS, "--prompt");
        CliRun.of("sample", dir, "--prompt", "xyz").assertOneLineError(Main.FAILED, "is not in the vocabulary");
    }

    @Test
    void commandLineMistakesAreOneLine() {
        CliRun.of().assertOneLineError(Main.BAD_ARGUMENTS, "missing command");
        CliRun.of("fly").assertOneLineError(Main.BAD_ARGUMENTS, "fly");
        CliRun.of("info", checkpoint.toString(), "--colour").assertOneLineError(Main.BAD_ARGUMENTS, "--colour");
    }
}
