package dev.glassbox.tokenize;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints tokenizer speed, for {@code tools/bench.sh tokenize}, which runs tiktoken on the same files right
 * after and prints the ratios; not a test (speed is measured, not asserted).
 * <ol>
 *   <li>Writes a seeded 1 MB mixed English/Chinese text and single words of 1 000, 10 000 and 100 000 random
 *       letters into the output directory, and our ids of the text (for the peer to compare with its own).</li>
 *   <li>{@link Gpt2Tokenizer#encode} on one thread: MB/s on the text (best of 5 after warm-up), seconds per
 *       word. Times are the thread's CPU time (tiktoken's side uses {@code time.thread_time} likewise), so
 *       waiting for a core on a shared machine does not count.</li>
 *   <li>{@link BpeTokenizer#train}: 3 000 merges on the first 400 KB of the text.</li>
 * </ol>
 * Run: {@code java -cp ... dev.glassbox.tokenize.TokenizeBench GPT2_DIR OUT_DIR} (GPT2_DIR holds GPT-2's
 * vocab.json and merges.txt, as {@code tools/gpt2_files.sh} writes them).
 */
public final class TokenizeBench {
    static final int TEXT_BYTES = 1_000_000;
    static final int[] WORD_LETTERS = {1_000, 10_000, 100_000};
    static final int TRAINING_BYTES = 400_000;
    static final int TRAINING_MERGES = 3_000;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TokenizeBench GPT2_DIR OUT_DIR");
            System.exit(2);
        }
        Gpt2Tokenizer gpt2 = Gpt2Tokenizer.load(Path.of(args[0]));
        if (!gpt2.merger().isWellOrdered()) System.out.println("note: these merges fall back to the plain loop");
        Path out = Files.createDirectories(Path.of(args[1]));
        String text = mixedText(new Random(2024), TEXT_BYTES);
        Files.writeString(out.resolve("mixed.txt"), text, StandardCharsets.UTF_8);
        double megabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;

        int[] ids = null;
        for (int warmUp = 0; warmUp < 5; warmUp++) ids = gpt2.encode(text);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = cpuNanos();
            ids = gpt2.encode(text);
            best = Math.min(best, (cpuNanos() - start) / 1e9);
        }
        writeIds(out.resolve("ours-ids.bin"), ids);
        System.out.printf(Locale.ROOT, "ours     mixed English/Chinese text, %.2f MB, %,d tokens: %.1f MB/s%n",
                megabytes, ids.length, megabytes / best);

        Random random = new Random(7);
        String warmUpWord = "abcdefghijklmnopqrstuvwxyz".repeat(400);
        for (int warmUp = 0; warmUp < 20; warmUp++) gpt2.encode(warmUpWord);
        for (int letters : WORD_LETTERS) {
            StringBuilder word = new StringBuilder(letters);
            for (int i = 0; i < letters; i++) word.append((char) ('a' + random.nextInt(26)));
            Files.writeString(out.resolve("word-" + letters + ".txt"), word, StandardCharsets.UTF_8);
            double seconds = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long start = cpuNanos();
                gpt2.encode(word.toString());
                seconds = Math.min(seconds, (cpuNanos() - start) / 1e9);
            }
            System.out.printf(Locale.ROOT, "ours     one word of %,d letters: %.6f s%n", letters, seconds);
        }

        String corpus = prefixOfBytes(text, TRAINING_BYTES);
        long start = cpuNanos(), wall = System.nanoTime();
        BpeTokenizer trained = BpeTokenizer.train(corpus, 257 + TRAINING_MERGES);
        System.out.printf(Locale.ROOT, "ours     BpeTokenizer.train: %,d merges on %,d bytes: %.2f s (%.2f s wall)%n",
                trained.merges().size(), corpus.getBytes(StandardCharsets.UTF_8).length, (cpuNanos() - start) / 1e9,
                (System.nanoTime() - wall) / 1e9);
    }

    /** CPU time of this thread: on a shared machine, time spent waiting for a core does not count. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Sentences alternating between English-like words (the English sample's words and 5 000 made-up ones,
     * drawn with Zipf-like frequencies, so some repeat a lot and many are rare) and runs of Chinese
     * characters from the essay (random, so hardly any run repeats), with digits and punctuation.
     */
    static String mixedText(Random random, int bytes) {
        List<String> words = new ArrayList<>(List.of(TextSamples.ENGLISH.split("[^A-Za-z']+")));
        words.removeIf(String::isEmpty);
        String[] syllables = {"ka", "lo", "mi", "ter", "an", "pro", "si", "ve", "tion", "ex", "ra", "ing", "ul", "de", "no"};
        for (int i = 0; i < 5000; i++) {
            StringBuilder made = new StringBuilder();
            for (int s = 0, count = 1 + random.nextInt(4); s < count; s++) made.append(syllables[random.nextInt(syllables.length)]);
            words.add(made.toString());
        }
        int[] chinese = TextSamples.essay().codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                .distinct().toArray();
        StringBuilder text = new StringBuilder();
        int length = 0;
        while (length < bytes) {
            StringBuilder sentence = new StringBuilder();
            if (random.nextBoolean()) {
                for (int w = 0, count = 6 + random.nextInt(15); w < count; w++) {
                    String word = words.get((int) Math.exp(random.nextDouble() * Math.log(words.size())) - 1);   // ~ Zipf
                    sentence.append(w == 0 ? "" : random.nextInt(12) == 0 ? ", " : " ")
                            .append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    if (random.nextInt(25) == 0) sentence.append(' ').append(random.nextInt(10_000));
                }
                sentence.append(random.nextInt(5) == 0 ? "?\n" : ". ");
            } else {
                for (int run = 0, count = 1 + random.nextInt(4); run < count; run++) {
                    for (int c = 0, chars = 2 + random.nextInt(15); c < chars; c++) {
                        sentence.appendCodePoint(chinese[random.nextInt(chinese.length)]);
                    }
                    sentence.append(run + 1 < count ? "，" : "。");
                }
                if (random.nextInt(4) == 0) sentence.append('\n');
            }
            text.append(sentence);
            length += sentence.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        return text.toString();
    }

    private static String prefixOfBytes(String text, int bytes) {
        int end = 0, length = 0;
        while (end < text.length() && length < bytes) {
            int cp = text.codePointAt(end);
            length += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static void writeIds(Path file, int[] ids) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(stream))) {
            for (int id : ids) data.writeInt(id);   // big-endian int32, one per token
        }
    }
}
