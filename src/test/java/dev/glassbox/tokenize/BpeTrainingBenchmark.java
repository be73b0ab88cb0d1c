package dev.glassbox.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long BPE training and encoding take; not a test (speed is measured, not asserted).
 * Run: {@code java -cp target/classes:target/test-classes:<jackson jars> dev.glassbox.tokenize.BpeTrainingBenchmark [file.txt]}.
 * Without a file it uses about 100 KB made of the seed essay and the English sample text.
 */
public final class BpeTrainingBenchmark {
    public static void main(String[] args) throws IOException {
        String corpus = args.length > 0 ? Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)
                : (TextSamples.essay() + TextSamples.ENGLISH).repeat(20);
        int bytes = corpus.getBytes(StandardCharsets.UTF_8).length;
        for (PreTokenizer preTokenizer : PreTokenizer.values()) {
            for (int round = 0; round < 3; round++) {          // the first rounds include JIT warm-up
                long start = System.nanoTime();
                BpeTokenizer tokenizer = BpeTokenizer.train(corpus, 512, preTokenizer);
                long trained = System.nanoTime();
                int tokens = tokenizer.encode(corpus).length;
                long encoded = System.nanoTime();
                System.out.printf("%-4s %,d bytes -> 512 tokens: train %.2f s, encode %.2f s, %,d tokens (%.2f bytes/token)%n",
                        preTokenizer, bytes, (trained - start) / 1e9, (encoded - trained) / 1e9, tokens, (double) bytes / tokens);
            }
        }
    }
}
