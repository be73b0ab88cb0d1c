package dev.glassbox.cli;

import dev.glassbox.kernels.Matmul;
import dev.glassbox.sample.GenerationResult;
import dev.glassbox.sample.Generator;
import dev.glassbox.sample.CachedGptLanguageModel;
import dev.glassbox.sample.Sampler;
import dev.glassbox.sample.SamplingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sample DIR --prompt TEXT}: continue a prompt with a trained model, one token at a time
 * ({@link Generator}); prints the prompt followed by the new text.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate text from a checkpoint: the prompt, then what the model writes after it.")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint directory written by 'train', or a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, merges.txt).")
    Path checkpoint;

    @Option(names = "--prompt", required = true, description = "The text to continue.")
    String prompt;

    @Option(names = "--tokens", defaultValue = "100", description = "How many tokens to generate at most (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--temperature", description = "Divide the logits by this before the softmax; > 0 (default 1).")
    Double temperature;

    @Option(names = "--top-k", description = "Keep only the k most likely tokens (k >= 1).")
    Integer topK;

    @Option(names = "--top-p", description = "Keep the smallest set of likely tokens with mass >= p, in (0, 1].")
    Double topP;

    @Option(names = "--greedy", description = "Always take the most likely token (temperature 0); no randomness.")
    boolean greedy;

    @Option(names = "--seed", defaultValue = "1337", description = "Seed of the random draws (default ${DEFAULT-VALUE}); the same seed gives the same text.")
    long seed;

    @Option(names = "--stop", description = "Stop when the new text contains this string, e.g. a newline: --stop $'\\n'.")
    String stop;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for matrix products (default ${DEFAULT-VALUE}).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SamplingOptions options = samplingOptions();
        if (tokens < 0) throw new ParameterException(spec.commandLine(), "--tokens must be >= 0, got " + tokens);
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        if (prompt.isEmpty()) throw new ParameterException(spec.commandLine(), "--prompt is empty; the model needs at least one token to continue");
        if (stop != null && stop.isEmpty()) throw new ParameterException(spec.commandLine(), "--stop is empty");
        Matmul.setThreads(threads);

        Models.LanguageModelFiles files = Models.load(checkpoint);
        int[] promptIds = files.tokenizer().encode(prompt);
        if (promptIds.length == 0) throw new IllegalArgumentException("the prompt encodes to no tokens");
        Generator generator = new Generator(new CachedGptLanguageModel(files.model()), files.tokenizer()::decode);
        Sampler sampler = new Sampler(options, seed);
        GenerationResult result = stop == null ? generator.generate(promptIds, tokens, sampler)
                : generator.generate(promptIds, tokens, sampler, stop);

        PrintWriter out = spec.commandLine().getOut();
        out.println(prompt + result.text());
        out.flush();
        if (result.promptCropped()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("note: the prompt is longer than the model's context of " + files.model().config().contextLength()
                    + " tokens; its first " + result.croppedTokens() + " tokens were not seen");
            err.flush();
        }
        return 0;
    }

    /** The options, refusing combinations that mean nothing (a temperature for greedy decoding). */
    private SamplingOptions samplingOptions() {
        if (greedy) {
            if (temperature != null || topK != null || topP != null) {
                throw new ParameterException(spec.commandLine(),
                        "--greedy always takes the most likely token; it cannot be combined with --temperature, --top-k or --top-p");
            }
            return SamplingOptions.greedy();
        }
        try {
            SamplingOptions options = SamplingOptions.sampling();
            if (temperature != null) {
                if (temperature == 0) {
                    throw new ParameterException(spec.commandLine(),
                            "--temperature 0 would divide by zero; use --greedy to always take the most likely token");
                }
                options = options.temperature(temperature);
            }
            if (topK != null) options = options.topK(topK);
            if (topP != null) options = options.topP(topP);
            return options;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
