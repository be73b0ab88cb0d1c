package dev.glassbox.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the JSON as text and parses it again, as a checkpoint does, then rebuilds the tokenizer. */
    private static Tokenizer roundTrip(Tokenizer tokenizer) throws Exception {
        String text = JSON.writeValueAsString(TokenizerJson.toJson(tokenizer));
        return TokenizerJson.fromJson(JSON.readTree(text));
    }

    private static void assertSameIds(Tokenizer expected, Tokenizer actual, String... texts) {
        assertEquals(expected.vocabSize(), actual.vocabSize(), "vocabulary size");
        for (int id = 0; id < expected.vocabSize(); id++) assertEquals(expected.token(id), actual.token(id), "token " + id);
        for (String text : texts) assertArrayEquals(expected.encode(text), actual.encode(text), text);
        assertEquals(expected.specialTokens(), actual.specialTokens());
    }

    @Test
    void charTokenizerRoundTripsOnTheEssay() throws Exception {
        String essay = TextSamples.essay();
        CharTokenizer original = CharTokenizer.fromCorpus(essay);
        Tokenizer rebuilt = roundTrip(original);
        assertInstanceOf(CharTokenizer.class, rebuilt);
        assertSameIds(original, rebuilt, essay, essay.substring(100, 300));
    }

    @Test
    void wordTokenizerRoundTripsIncludingUnknownPieces() throws Exception {
        String essay = TextSamples.essay();
        WordTokenizer original = WordTokenizer.fromCorpus(essay, 120);   // cut, so some pieces become <unk>
        Tokenizer rebuilt = roundTrip(original);
        assertInstanceOf(WordTokenizer.class, rebuilt);
        assertSameIds(original, rebuilt, essay, TextSamples.ENGLISH);
        assertTrue(java.util.Arrays.stream(rebuilt.encode(TextSamples.ENGLISH)).anyMatch(id -> id == 0), "has <unk>");
    }

    @Test
    void bpeTokenizerRoundTripsWithBothPreTokenizers() throws Exception {
        String corpus = TextSamples.essay() + TextSamples.ENGLISH;
        Random random = new Random(7);
        String[] texts = {corpus, TextSamples.randomText(random, 40), TextSamples.randomText(random, 40), "<|endoftext|>"};
        for (PreTokenizer pre : PreTokenizer.values()) {
            BpeTokenizer original = BpeTokenizer.train(corpus, 340, pre);
            Tokenizer rebuilt = roundTrip(original);
            assertInstanceOf(BpeTokenizer.class, rebuilt);
            assertSameIds(original, rebuilt, texts);
            assertEquals(original.merges(), ((BpeTokenizer) rebuilt).merges());
            assertEquals(pre, ((BpeTokenizer) rebuilt).preTokenizer());
        }
    }

    @Test
    void bpeFromHandWrittenMergesEncodesAsReplayedByHand() {
        // "h"=104, "i"=105: merge 0 makes "hi" (256), merge 1 makes "hi"+"!" (257)
        JsonNode json = JSON.createObjectNode().put("type", "bpe").put("pre_tokenizer", "NONE")
                .set("merges", JSON.createArrayNode().add(JSON.createArrayNode().add(104).add(105).add(256).add(1))
                        .add(JSON.createArrayNode().add(256).add(33).add(257).add(1)));
        Tokenizer t = TokenizerJson.fromJson(json);
        assertArrayEquals(new int[] {257, 104}, t.encode("hi!h"));
        assertEquals(259, t.vocabSize());   // 256 bytes + 2 merges + <|endoftext|>
        assertEquals(258, t.endOfText().getAsInt());
    }

    @Test
    void gpt2TokenizerRoundTripsInlineAndByReference(@TempDir Path dir) throws Exception {
        String corpus = TextSamples.ENGLISH.repeat(3) + TextSamples.essay();
        BpeTokenizer.train(corpus, 330).saveGpt2Format(dir);
        Gpt2Tokenizer original = Gpt2Tokenizer.load(dir);
        Tokenizer inline = roundTrip(original);
        assertInstanceOf(Gpt2Tokenizer.class, inline);
        assertSameIds(original, inline, corpus, TextSamples.randomText(new Random(3), 40));
        assertEquals(original.merges(), ((Gpt2Tokenizer) inline).merges());

        Tokenizer referenced = TokenizerJson.fromJson(JSON.readTree(JSON.writeValueAsString(TokenizerJson.gpt2Reference(dir))));
        assertSameIds(original, referenced, corpus);
    }

    @Test
    void malformedJsonGivesMessagesNamingTheField() throws Exception {
        assertMessage("{\"characters\": [\"a\"]}", "\"type\" is missing");
        assertMessage("[1, 2]", "must be a JSON object");
        assertMessage("{\"type\": \"sentencepiece\"}", "expected char, word, bpe or gpt2");
        assertMessage("{\"type\": \"char\"}", "\"characters\" must be an array");
        assertMessage("{\"type\": \"char\", \"characters\": [\"ab\"]}", "\"characters\"[0] is \"ab\"");
        assertMessage("{\"type\": \"char\", \"characters\": [\"b\", \"a\"]}", "distinct and sorted");
        assertMessage("{\"type\": \"char\", \"characters\": [\"a\", 7]}", "\"characters\"[1] is 7");
        assertMessage("{\"type\": \"word\", \"tokens\": [\"the\", \"<unk>\", \"a\"]}", "starts with <unk>");
        assertMessage("{\"type\": \"bpe\", \"pre_tokenizer\": \"GPT3\", \"merges\": []}", "\"pre_tokenizer\" is \"GPT3\"");
        assertMessage("{\"type\": \"bpe\", \"pre_tokenizer\": \"GPT2\", \"merges\": [[1, 2, 256]]}", "\"merges\"[0] is [1,2,256]");
        assertMessage("{\"type\": \"bpe\", \"pre_tokenizer\": \"GPT2\", \"merges\": [[1, 300, 256, 1]]}", "only ids 0 … 255 exist");
        assertMessage("{\"type\": \"bpe\", \"pre_tokenizer\": \"GPT2\", \"merges\": [[1, 2, 999, 1]]}", "replaying the merges gives id 256");
        assertMessage("{\"type\": \"gpt2\", \"directory\": \"/no/such/dir\"}", "is not a directory");
        assertMessage("{\"type\": \"gpt2\", \"tokens\": [\"a\", \"b\"], \"merges\": []}", "no token for byte 0x00");
    }

    @Test
    void gpt2InlineMergeOfUnknownTokenIsRefused(@TempDir Path dir) throws Exception {
        BpeTokenizer.train(TextSamples.ENGLISH, 260).saveGpt2Format(dir);
        var json = TokenizerJson.toJson(Gpt2Tokenizer.load(dir));
        json.withArray("merges").add("Ġzz q");
        var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(json));
        assertTrue(e.getMessage().contains("\"Ġzz\" is not in vocab.json"), e.getMessage());
    }

    private static void assertMessage(String json, String expected) throws Exception {
        JsonNode node = JSON.readTree(json);
        var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(node), json);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void unknownTokenizerClassIsRefused() {
        Tokenizer custom = CharTokenizer.fromCorpus("ab");
        Tokenizer wrapper = new Tokenizer() {
            public int[] encode(String text) { return custom.encode(text); }
            public String decode(int[] ids) { return custom.decode(ids); }
            public int vocabSize() { return 2; }
            public String token(int id) { return custom.token(id); }
            public int id(String token) { return custom.id(token); }
            public java.util.Map<String, Integer> specialTokens() { return java.util.Map.of(); }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.toJson(wrapper));
        assertTrue(e.getMessage().contains("cannot save a tokenizer of class"), e.getMessage());
        assertEquals(List.of("a", "b"), ((CharTokenizer) TokenizerJson.fromJson(TokenizerJson.toJson(custom))).characters());
    }
}
