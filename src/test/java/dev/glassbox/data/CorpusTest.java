package dev.glassbox.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.glassbox.data.QaSamplesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {

    @Test
    void splitsByPositionLastPartValidates() {
        Corpus c = Corpus.of("digits", "0123456789", 0.2);
        assertEquals("01234567", c.train());
        assertEquals("89", c.validation());
        assertEquals("0123456789", c.text());
        assertEquals("", Corpus.of("all", "abc", 0).validation());
    }

    @Test
    void cutNeverSplitsACharacter() {
        // 5 code points, 7 chars: 😀 and 🙂 are surrogate pairs. 60 % of 5 = 3 code points train.
        Corpus c = Corpus.of("emoji", "a😀b🙂c", 0.4);
        assertEquals("a😀b", c.train());
        assertEquals("🙂c", c.validation());
        // the seed essay is Chinese; CJK characters are single chars, counted the same way
        Corpus zh = Corpus.of("zh", "注意力机制", 0.2);
        assertEquals("注意力机", zh.train());
        assertEquals("制", zh.validation());
    }

    @Test
    void readsUtf8Files(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("essay.txt");
        Files.writeString(file, "GPT 是一个序列预测器。\nQ:1+1=?A:2\n", StandardCharsets.UTF_8);
        Corpus c = Corpus.fromFile(file, 0.5);
        assertEquals("GPT 是一个序列预测器。\nQ:1+1=?A:2\n", c.text());
        assertEquals(file.toString(), c.name());
    }

    @Test
    void seedEssayIsBuiltIn() {
        Corpus essay = Corpus.seedEssay(0.1);
        assertEquals(Corpus.SEED_ESSAY, essay.name());
        assertTrue(essay.text().length() > 1000, "length " + essay.text().length());
        assertTrue(essay.text().startsWith("gpt的构造和原理"));
        int codePoints = essay.text().codePointCount(0, essay.text().length());
        assertEquals(Math.round(0.9 * codePoints), essay.train().codePointCount(0, essay.train().length()));
    }

    @Test
    void malformedUtf8NamesFileOffsetAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.txt");
        byte[] bytes = {'o', 'k', '\n', 'h', 'i', (byte) 0xC3, '(', '\n'};  // 0xC3 must be followed by 0x80–0xBF
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpus.fromFile(file, 0.1));
        assertEquals("corpus file " + file + " is not valid UTF-8: byte offset 5 (line 2) starts a malformed sequence of 1 byte(s)",
                e.getMessage());
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        assertMessage(() -> Corpus.of("empty.txt", "", 0.1), "corpus empty.txt is empty");
        assertMessage(() -> Corpus.of("x", "abc", 1.0), "validation fraction of corpus x must lie in [0, 1), got 1.0");
        assertMessage(() -> Corpus.of("x", "ab", 0.1),
                "corpus x has 2 characters, too few to hold out 0.1 for validation and keep some for training");
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertMessage(() -> Corpus.fromFile(empty, 0.1), "corpus " + empty + " is empty");
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Corpus.fromFile(dir.resolve("missing.txt"), 0.1));
        assertTrue(missing.getMessage().startsWith("cannot read corpus file " + dir.resolve("missing.txt")), missing.getMessage());
    }

    @Test
    void tooShortForTheContextLengthNamesCorpusAndLength() {
        Corpus c = Corpus.of("tiny.txt", "hello world", 0.5);   // train "hello " (6), validation "world" (5)
        assertMessage(() -> c.trainBatches(CorpusTest::chars, 2, 8, 0),
                "training part of corpus tiny.txt has 6 tokens, too short for context length 8: one window needs 9 (T inputs and the token after them)");
        assertMessage(() -> c.validationBatches(CorpusTest::chars, 2, 5, 0),
                "validation part of corpus tiny.txt has 5 tokens, too short for context length 5: one window needs 6 (T inputs and the token after them)");
        assertEquals(6, c.trainBatches(CorpusTest::chars, 2, 5, 0).tokenCount());
    }

    /** Code points as ids: enough for these tests, the real tokenizers live in dev.glassbox.tokenize. */
    static int[] chars(String s) {
        return s.codePoints().toArray();
    }
}
