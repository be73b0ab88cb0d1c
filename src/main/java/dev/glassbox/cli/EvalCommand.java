package dev.glassbox.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.kernels.Matmul;
import dev.glassbox.nn.Gpt;
import dev.glassbox.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code eval DIR --text FILE}: the model's mean cross-entropy on a text, i.e. how surprised it is by
 * each next token, {@code loss = -(1/N) Σ ln p(token_{t+1} | tokens_{≤t})}, and its perplexity e^loss.
 * {@code eval DIR --json --tokens 1,2,3}: the logits of the last position, as JSON, to compare with
 * another implementation number for number.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loss of a checkpoint on a text (--text FILE), or the logits of the last position",
                "as JSON for given token ids (--json --tokens 1,2,3)."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint directory written by 'train', or a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, merges.txt).")
    Path checkpoint;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--text", paramLabel = "FILE", description = "A UTF-8 text file to measure the loss on.")
        Path text;

        @Option(names = "--tokens", split = ",", paramLabel = "ID", description = "Token ids, comma-separated (with --json).")
        int[] tokens;
    }

    @Option(names = "--json", description = "Print the logits of the last position of --tokens as JSON.")
    boolean json;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (what.tokens != null && !json) throw new ParameterException(spec.commandLine(), "--tokens needs --json (it prints logits)");
        if (what.text != null && json) throw new ParameterException(spec.commandLine(), "--json prints logits for --tokens, not for --text");
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        Matmul.setThreads(threads);
        return what.tokens != null ? printLogits(what.tokens) : printLoss(what.text);
    }

    private int printLogits(int[] tokens) throws Exception {
        Gpt model = Models.load(checkpoint).model();
        int vocab = model.config().vocabSize(), context = model.config().contextLength();
        if (tokens.length == 0) throw new ParameterException(spec.commandLine(), "--tokens is empty");
        for (int t : tokens) {
            if (t < 0 || t >= vocab) throw new IllegalArgumentException("token id " + t + " is outside vocabulary of " + vocab);
        }
        if (tokens.length > context) {
            throw new IllegalArgumentException(tokens.length + " tokens are more than the model's context of " + context);
        }
        Tensor logits = model.forward(new int[][] {tokens});   // (1, T, V)
        float[] last = logits.vectorAt(0, tokens.length - 1);  // (V)
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode ids = root.putArray("tokens");
        for (int t : tokens) ids.add(t);
        root.put("position", tokens.length - 1);
        ArrayNode values = root.putArray("logits");
        for (float v : last) values.add(v);                    // Jackson writes the shortest text that reads back as this float
        PrintWriter out = spec.commandLine().getOut();
        out.println(mapper.writeValueAsString(root));
        out.flush();
        return 0;
    }

    private int printLoss(Path file) throws Exception {
        String text = readUtf8(file);
        Models.LanguageModelFiles files = Models.load(checkpoint);
        Gpt model = files.model();
        int[] ids = files.tokenizer().encode(text);
        if (ids.length < 2) {
            throw new IllegalArgumentException(file + " encodes to " + ids.length + " token(s); the loss needs at least 2 (one to predict from, one to predict)");
        }
        // consecutive windows of at most contextLength predictions each; every token after the first is predicted once
        int context = model.config().contextLength();
        double sumLoss = 0;
        long predictions = 0;
        int windows = 0;
        for (int start = 0; start < ids.length - 1; start += context) {
            int length = Math.min(context, ids.length - 1 - start);
            int[] inputs = Arrays.copyOfRange(ids, start, start + length);           // (T)
            int[] targets = Arrays.copyOfRange(ids, start + 1, start + 1 + length);  // (T), shifted by one
            float loss = model.forward(new int[][] {inputs}, new int[][] {targets});
            sumLoss += (double) loss * length;
            predictions += length;
            windows++;
        }
        double loss = sumLoss / predictions;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "loss %.4f  perplexity %.2f  (%d predictions in %d windows of up to %d tokens, %s)%n",
                loss, Math.exp(loss), predictions, windows, context, Models.describe(files.tokenizer()));
        out.flush();
        return 0;
    }

    /** The file as UTF-8, refusing malformed bytes instead of silently replacing them. */
    static String readUtf8(Path file) throws java.io.IOException {
        String notAFile = dev.glassbox.io.InputFiles.whyNotARegularFile(file);
        if (!Files.exists(file)) throw new java.nio.file.NoSuchFileException(file.toString());
        if (notAFile != null) throw new IllegalArgumentException(file + ": " + notAFile + "; --text expects a UTF-8 text file");
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8 || MemoryBudget.tooLarge(16.0 * size)) {   // bytes, characters, token ids
            throw new IllegalArgumentException("--text " + file + " is " + dev.glassbox.io.InputFiles.size(size)
                    + "; eval reads it whole, about 16 bytes of heap per byte, but " + MemoryBudget.heapAdvice(16.0 * size));
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not valid UTF-8 text");
        }
    }
}
