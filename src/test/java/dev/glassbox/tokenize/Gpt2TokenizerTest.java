package dev.glassbox.tokenize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2TokenizerTest {
    @TempDir
    Path dir;

    /** Merges for "hello world", in rank order; ids 256 … 264 in that order, <|endoftext|> 265. */
    static final List<String> HELLO_MERGES = List.of(
            "l l", "o r", "h e", "Ġ w", "he ll", "Ġw or", "hell o", "l d", "Ġwor ld");

    List<String> vocab;   // token of each id

    @BeforeEach
    void helloVocabulary() {
        // GPT-2's vocab.json lists the 256 byte characters by code point: "!" is id 0 … "Ġ" (space) is 220.
        vocab = new ArrayList<>();
        for (int b = 0; b < 256; b++) vocab.add(String.valueOf(ByteLevel.charOf(b)));
        vocab.sort(null);
        for (String merge : HELLO_MERGES) vocab.add(merge.replace(" ", ""));
        vocab.add("<|endoftext|>");
    }

    @Test
    void byteToUnicodeTableMatchesGpt2() {
        assertEquals('Ġ', ByteLevel.charOf(' '));        // U+0120: byte 32 is the 33rd byte that is shifted
        assertEquals('Ċ', ByteLevel.charOf('\n'));       // U+010A
        assertEquals('Ā', ByteLevel.charOf(0));          // U+0100
        assertEquals('ġ', ByteLevel.charOf(0x7F));       // U+0121: DEL follows the 33 bytes 0 … 32
        assertEquals('Ń', ByteLevel.charOf(0xAD));       // U+0143: the soft hyphen, the last shifted byte
        assertEquals('A', ByteLevel.charOf('A'));
        assertEquals('é', ByteLevel.charOf(0xE9));
        for (int b = 0; b < 256; b++) assertEquals(b, ByteLevel.byteOf(ByteLevel.charOf(b)));
        assertEquals(-1, ByteLevel.byteOf(' '));
        assertEquals("ĠhÃ©", ByteLevel.encode(" hé".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void gpt2PatternCutsTextLikeGpt2() {
        assertEquals(List.of("Hello", ",", " world", "!"), PreTokenizer.GPT2.split("Hello, world!"));
        // two spaces before a word: the run gives its last space to the word
        assertEquals(List.of("hello", " ", " world"), PreTokenizer.GPT2.split("hello  world"));
        assertEquals(List.of("it", "'s", " 2024", "'ll"), PreTokenizer.GPT2.split("it's 2024'll"));
        assertEquals(List.of("a", "\n", "\n", "b", "   "), PreTokenizer.GPT2.split("a\n\nb   "));
        assertEquals(List.of("你好", " 世界", "。"), PreTokenizer.GPT2.split("你好 世界。"));
        assertEquals(List.of("hi", " 😀😀!"), PreTokenizer.GPT2.split("hi 😀😀!"));
        assertEquals(List.of("Q", ":", "12", "+", "7", "=?", "A", ":", "19"), PreTokenizer.GPT2.split("Q:12+7=?A:19"));
        Random random = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            String text = TextSamples.randomText(random, 20);
            assertEquals(text, String.join("", PreTokenizer.GPT2.split(text)), "chunks cover the text");
        }
    }

    /**
     * "hello world" by hand. Chunks: "hello", " world" → "h e l l o", "Ġ w o r l d".
     * hello: ranks present l l(0) → h e ll o; h e(2) → he ll o; he ll(4) → hell o; hell o(6) → hello.
     * Ġworld: o r(1) → Ġ w or l d; Ġ w(3) → Ġw or l d; Ġw or(5) → Ġwor l d; l d(7) → Ġwor ld; Ġwor ld(8) → Ġworld.
     */
    @Test
    void encodesHelloWorldStepByStep() {
        Gpt2Tokenizer tokenizer = load(vocab, HELLO_MERGES);
        assertEquals(List.of(List.of("h", "e", "l", "l", "o"), List.of("h", "e", "ll", "o"), List.of("he", "ll", "o"),
                List.of("hell", "o"), List.of("hello")), tokenizer.mergeSteps("hello"));
        assertEquals(List.of(List.of("Ġ", "w", "o", "r", "l", "d"), List.of("Ġ", "w", "or", "l", "d"),
                List.of("Ġw", "or", "l", "d"), List.of("Ġwor", "l", "d"), List.of("Ġwor", "ld"), List.of("Ġworld")),
                tokenizer.mergeSteps(" world"));
        int hello = 256 + 6, world = 256 + 8, space = 220;
        assertArrayEquals(new int[] {hello, world}, tokenizer.encode("hello world"));
        assertArrayEquals(new int[] {hello, space, world}, tokenizer.encode("hello  world"));
        // 'H' is byte 72, id 72 - 33 = 39; no merge starts with it, so only "l l" applies
        assertArrayEquals(new int[] {39, 'e' - 33, 256, 'o' - 33}, tokenizer.encode("Hello"));
        assertEquals("hello world", tokenizer.decode(new int[] {hello, world}));
        assertEquals(List.of("hello", "Ġworld"), tokenizer.tokenize("hello world"));
        assertEquals(266, tokenizer.vocabSize());
        assertEquals(9, tokenizer.mergeCount());
        assertEquals(5, tokenizer.mergeRank("Ġw", "or").getAsInt());
    }

    @Test
    void endOfTextIsSpecialOnlyWhenAskedFor() {
        Gpt2Tokenizer tokenizer = load(vocab, HELLO_MERGES);
        assertEquals(265, tokenizer.endOfText().getAsInt());
        assertArrayEquals(new int[] {262, 265, 264}, tokenizer.encodeWithSpecialTokens("hello<|endoftext|> world"));
        int[] ordinary = tokenizer.encode("hello<|endoftext|>");
        // as ordinary text: chunks "hello", "<|", "endoftext", "|>"; no merge applies to the last three
        assertEquals(1 + 2 + 9 + 2, ordinary.length);
        assertEquals("hello<|endoftext|>", tokenizer.decode(ordinary));
    }

    @Test
    void roundTripsAnyValidUnicodeText() {
        Gpt2Tokenizer tokenizer = load(vocab, HELLO_MERGES);
        Random random = new Random(11);
        for (int trial = 0; trial < 1000; trial++) {
            String text = TextSamples.randomText(random, 25);
            assertEquals(text, tokenizer.decode(tokenizer.encode(text)), "trial " + trial);
        }
    }

    /**
     * Our trainer with GPT-2's pre-tokenization cuts text exactly as this loader does, and both merge by rank
     * within a chunk, so the exported files must give the same ids for every text.
     */
    @Test
    void filesWrittenByOurTrainerEncodeIdentically() {
        String corpus = TextSamples.essay() + TextSamples.ENGLISH;
        BpeTokenizer trained = BpeTokenizer.train(corpus, 500);
        trained.saveGpt2Format(dir);
        assertTrue(readLines(dir.resolve("merges.txt")).get(0).equals("#version: 0.2"));
        Gpt2Tokenizer loaded = Gpt2Tokenizer.load(dir);
        assertEquals(trained.vocabSize(), loaded.vocabSize());
        assertEquals(trained.merges().size(), loaded.mergeCount());
        for (int id = 0; id < trained.vocabSize(); id++) assertEquals(trained.token(id), loaded.token(id));
        assertEquals(trained.specialTokens(), loaded.specialTokens());
        assertArrayEquals(trained.encode(corpus), loaded.encode(corpus));
        Random random = new Random(5);
        for (int trial = 0; trial < 1000; trial++) {
            String text = TextSamples.randomText(random, 25);
            int[] ids = loaded.encode(text);
            assertArrayEquals(trained.encode(text), ids, "trial " + trial);
            assertEquals(text, loaded.decode(ids));
        }
    }

    /** The fast encoder gives the ids of encoder.py's string loop (encodeReference) on GPT-2-style files. */
    @Test
    void fastEncodingGivesTheReferenceIds() {
        BpeTokenizer.train(TextSamples.essay() + TextSamples.ENGLISH, 900).saveGpt2Format(dir);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir);
        assertTrue(tokenizer.merger().isWellOrdered());
        String corpus = TextSamples.essay() + TextSamples.ENGLISH;
        assertArrayEquals(tokenizer.encodeReference(corpus), tokenizer.encode(corpus));
        Random random = new Random(23);
        for (int trial = 0; trial < 1000; trial++) {
            String text = TextSamples.randomText(random, 30);
            assertArrayEquals(tokenizer.encodeReference(text), tokenizer.encode(text), "trial " + trial);
        }
        String longWord = TextSamples.randomFrom(random, "the attention是序列", 5000).replace(" ", "");
        assertArrayEquals(tokenizer.encodeReference(longWord), tokenizer.encode(longWord));
    }

    /**
     * A merges.txt whose merge uses a token that only a later line makes ("he ll" before "l l"): merging one
     * place at a time could then differ from encoder.py's sweep, so encode falls back to the plain loop.
     */
    @Test
    void mergesOutOfOrderAreEncodedByThePlainLoop() {
        List<String> outOfOrder = new ArrayList<>(HELLO_MERGES);
        outOfOrder.remove("he ll");
        outOfOrder.add(0, "he ll");
        Gpt2Tokenizer tokenizer = load(vocab, outOfOrder);
        assertTrue(!tokenizer.merger().isWellOrdered());
        // "hello": l l(1) → h e ll o; h e(3) → he ll o; he ll(0) → hell o; hell o(6) → hello
        assertArrayEquals(new int[] {256 + 6}, tokenizer.encode("hello"));
        assertArrayEquals(tokenizer.encodeReference("hello hello world"), tokenizer.encode("hello hello world"));
        assertTrue(load(vocab, HELLO_MERGES).merger().isWellOrdered());
    }

    /**
     * Trained without pre-tokenization, merges may cross spaces ("e t"); GPT-2's loader always cuts at its
     * pattern first, so such merges never apply and ids differ, but the text still round-trips.
     */
    @Test
    void filesFromAnUnsplitTrainerStillRoundTrip() {
        String corpus = TextSamples.ENGLISH.repeat(2);
        BpeTokenizer trained = BpeTokenizer.train(corpus, 400, PreTokenizer.NONE);
        trained.saveGpt2Format(dir);
        Gpt2Tokenizer loaded = Gpt2Tokenizer.load(dir);
        assertNotEquals(trained.encode(corpus).length, loaded.encode(corpus).length);
        assertEquals(corpus, loaded.decode(loaded.encode(corpus)));
        Random random = new Random(9);
        for (int trial = 0; trial < 300; trial++) {
            String text = TextSamples.randomText(random, 25);
            assertEquals(text, loaded.decode(loaded.encode(text)));
        }
    }

    // ------------------------------------------------------------------ malformed and inconsistent files

    @Test
    void malformedJsonNamesFileAndLine() {
        Path vocabFile = writeVocab(vocab);
        List<String> lines = readLines(vocabFile);
        lines.set(5, lines.get(5).replace(":", ""));    // id 4, "%" : 4 on line 6, loses its colon
        write(vocabFile, lines);
        writeMerges(HELLO_MERGES);
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> Gpt2Tokenizer.load(dir));
        assertEquals(vocabFile, e.file());
        assertEquals(6, e.line());
        assertTrue(e.getMessage().startsWith(vocabFile + " line 6: not valid JSON"), e.getMessage());
    }

    @Test
    void vocabularyProblemsNameFileAndLine() {
        expectVocabError("{\n  \"a\": \"x\"\n}", 2, "token \"a\" has value x; expected an integer id");
        expectVocabError("[1, 2]", 1, "expected a JSON object");
        expectVocabError("", 0, "the file is empty");
        expectVocabError("{\"a\": 0} {", 1, "after the closing }");
        expectVocabError("{\n\"a\": -3\n}", 2, "negative id -3");
        expectVocabError("{\n\"a\": 1.5\n}", 2, "expected an integer id");

        List<String> duplicateId = new ArrayList<>(vocab);
        Path file = writeVocab(duplicateId);
        write(file, readLines(file).stream().map(l -> l.startsWith("  \"hello\"") ? "  \"hello\" : 256," : l).toList());
        expectError(file, 256 + 6 + 2, "id 256 of token \"hello\" is already the id of token \"ll\" (line 258)");

        file = writeVocab(vocab);
        write(file, readLines(file).stream().map(l -> l.startsWith("  \"hello\"") ? "  \"ll\" : 262," : l).toList());
        expectError(file, 264, "token \"ll\" is listed twice (line 258 and line 264)");

        file = writeVocab(vocab);
        write(file, readLines(file).stream().map(l -> l.startsWith("  \"hello\"") ? "  \"hello\" : 300," : l).toList());
        expectError(file, 264, "ids must be 0 … 265 for 266 tokens, with none missing, but id 262 is missing and token \"hello\" has id 300");

        file = writeVocab(vocab);
        write(file, readLines(file).stream().map(l -> l.startsWith("  \"hello\"") ? "  \"中文\" : 262," : l).toList());
        expectError(file, 264, "token \"中文\" has a character that is not in GPT-2's byte-to-unicode table");

        List<String> noSpace = new ArrayList<>(vocab);
        noSpace.set(220, "Ġx");                                            // the byte 32 token is gone
        expectError(writeVocab(noSpace), 0, "there is no token for byte 0x20 (written \"Ġ\")");
    }

    @Test
    void mergeProblemsNameFileAndLine() {
        writeVocab(vocab);
        expectMergeError(List.of("#version: 0.2", "l l", "ll"), 3, "expected two tokens separated by one space, found \"ll\"");
        expectMergeError(List.of("l l", "h e x"), 2, "expected two tokens separated by one space, found \"h e x\"");
        expectMergeError(List.of("l l", "", "h e"), 2, "found an empty line");
        expectMergeError(List.of("l l", "h  e"), 2, "expected two tokens");
        expectMergeError(List.of("#version: 0.2", "l l", "q ll"), 3, "the merged token \"qll\" (from \"q\" + \"ll\") is not in vocab.json");
        expectMergeError(List.of("l l", "lll o"), 2, "token \"lll\" is not in vocab.json");
        expectMergeError(List.of("l l", "o r", "l l"), 3, "the pair \"l l\" is already listed at line 1");
        // "#version" only counts as a header on line 1; elsewhere "#" is a byte token like any other
        expectMergeError(List.of("l l", "#version: 0.2"), 2, "token \"#version:\" is not in vocab.json");
    }

    @Test
    void missingFileIsAnIoErrorNamingThePath() {
        writeMerges(HELLO_MERGES);
        var e = assertThrows(UncheckedIOException.class, () -> Gpt2Tokenizer.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("vocab.json").toString()), e.getMessage());
    }

    @Test
    void aTokenizerFileOverTheSizeLimitIsRefusedFromItsSizeInOneSentence() throws IOException {
        writeMerges(HELLO_MERGES);
        Path vocabFile = writeVocab(vocab);
        // exactly at the limit (the JSON padded with spaces) still loads
        try (var file = new java.io.RandomAccessFile(vocabFile.toFile(), "rw")) {
            file.seek(file.length());
            file.write(" ".repeat((int) (Gpt2Tokenizer.MAX_FILE_BYTES - file.length())).getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(Gpt2Tokenizer.MAX_FILE_BYTES, Files.size(vocabFile));
        assertEquals(vocab.size(), Gpt2Tokenizer.load(dir).vocabSize());

        // one byte more is refused, naming the file, its size and the limit
        Files.write(vocabFile, new byte[] {' '}, java.nio.file.StandardOpenOption.APPEND);
        var e = assertThrows(TokenizerFileException.class, () -> Gpt2Tokenizer.load(dir));
        assertEquals(vocabFile + ": it is 16,000,001 bytes, too large for a tokenizer file (at most 16,000,000 bytes;"
                + " GPT-2's vocab.json is 1,042,301), so it was not read", e.getMessage());

        // a 3 GB merges.txt (sparse: no disk used) is refused from its size, without reading it
        writeVocab(vocab);
        Path mergesFile = dir.resolve("merges.txt");
        try (var file = new java.io.RandomAccessFile(mergesFile.toFile(), "rw")) {
            file.setLength(3_000_000_000L);
        }
        e = assertThrows(TokenizerFileException.class, () -> Gpt2Tokenizer.load(dir));
        assertEquals(mergesFile + ": it is 3,000,000,000 bytes, too large for a tokenizer file (at most 16,000,000 bytes;"
                + " GPT-2's vocab.json is 1,042,301), so it was not read", e.getMessage());
    }

    @Test
    void aSymlinkToDevZeroIsRefusedBeforeReading() throws IOException {
        writeMerges(HELLO_MERGES);
        writeVocab(vocab);
        for (String name : List.of("vocab.json", "merges.txt")) {
            Path file = dir.resolve(name), saved = dir.resolve(name + ".saved");
            Files.move(file, saved);
            Files.createSymbolicLink(file, Path.of("/dev/zero"));
            var e = assertThrows(TokenizerFileException.class, () -> Gpt2Tokenizer.load(dir));
            assertEquals(file + ": not a regular file (a device, FIFO or socket); expected GPT-2's " + name, e.getMessage());
            Files.delete(file);
            Files.move(saved, file);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void expectVocabError(String content, int line, String problem) {
        Path file = dir.resolve("vocab.json");
        write(file, List.of(content));
        expectError(file, line, problem);
    }

    private void expectError(Path vocabFile, int line, String problem) {
        if (!Files.exists(dir.resolve("merges.txt"))) writeMerges(HELLO_MERGES);
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> Gpt2Tokenizer.load(dir));
        assertEquals(vocabFile, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(vocabFile + (line > 0 ? " line " + line : "") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private void expectMergeError(List<String> merges, int line, String problem) {
        Path file = dir.resolve("merges.txt");
        write(file, merges);
        expectError(file, line, problem);
    }

    private Gpt2Tokenizer load(List<String> tokens, List<String> merges) {
        writeVocab(tokens);
        writeMerges(merges);
        return Gpt2Tokenizer.load(dir);
    }

    /** One entry per line: line 1 is "{", the token of id i is on line i + 2. */
    private Path writeVocab(List<String> tokens) {
        List<String> lines = new ArrayList<>(List.of("{"));
        for (int id = 0; id < tokens.size(); id++) {
            String escaped = tokens.get(id).replace("\\", "\\\\").replace("\"", "\\\"");
            lines.add("  \"" + escaped + "\" : " + id + (id + 1 < tokens.size() ? "," : ""));
        }
        lines.add("}");
        Path file = dir.resolve("vocab.json");
        write(file, lines);
        return file;
    }

    private void writeMerges(List<String> merges) {
        List<String> lines = new ArrayList<>(List.of("#version: 0.2"));
        lines.addAll(merges);
        write(dir.resolve("merges.txt"), lines);
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
