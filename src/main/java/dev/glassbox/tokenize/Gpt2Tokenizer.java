package dev.glassbox.tokenize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.glassbox.io.InputFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * GPT-2's byte-level BPE tokenizer, loaded from the standard {@code vocab.json} + {@code merges.txt}, doing
 * what OpenAI's {@code encoder.py} does:
 * <ol>
 *   <li>cut the text into chunks with GPT-2's pattern ({@link PreTokenizer#GPT2});</li>
 *   <li>write each chunk's UTF-8 bytes as visible characters ({@link ByteLevel}: a space becomes {@code Ġ});</li>
 *   <li>start from single characters and, while some neighbouring pair is in {@code merges.txt}, join the
 *       pair that comes first in the file (lowest rank), everywhere in the chunk;</li>
 *   <li>look each resulting string up in {@code vocab.json}.</li>
 * </ol>
 * Decoding joins the strings, maps the characters back to bytes, and decodes UTF-8 (U+FFFD for broken bytes).
 *
 * <p>Loading checks the files completely, so that encoding can never fail later: every vocabulary token must
 * be written in byte-level characters, ids must be 0 … N-1 with no duplicate, all 256 single bytes must be
 * present, and each merge's two parts and its result must be in the vocabulary. A problem is reported as a
 * {@link TokenizerFileException} naming the file and line.
 *
 * <p>Like {@code tiktoken}'s {@code encode_ordinary}, {@link #encode} treats {@code <|endoftext|>} in the
 * text as ordinary characters; {@link #encodeWithSpecialTokens} turns it into its id, as Hugging Face does.
 */
public final class Gpt2Tokenizer implements Tokenizer {
    public static final String VOCAB_FILE = "vocab.json";
    public static final String MERGES_FILE = "merges.txt";
    /**
     * The largest vocab.json or merges.txt read. Each is read whole, and a merge costs far more memory as strings
     * and map entries than its line of text, so a file of gigabytes (or a wrong file) would exhaust the heap before
     * it could be refused as malformed. GPT-2's vocab.json is 1.0 MB and its merges.txt 0.46 MB: 16 MB leaves room
     * for vocabularies many times GPT-2's 50,257 tokens, and is the limit a checkpoint's config.json (which may
     * hold a tokenizer inline) has too.
     */
    public static final long MAX_FILE_BYTES = 16_000_000L;

    /** Optional first line of {@code merges.txt}. */
    public static final String MERGES_VERSION_LINE = "#version: 0.2";

    private final Vocabulary vocabulary;
    private final Map<String, Integer> rankOfPair;   // "left right" → line order among the merges
    private final Map<String, Integer> specialTokens;

    private final BytePairMerger merger;            // the same merges over int ids, for encode

    private Gpt2Tokenizer(Vocabulary vocabulary, Map<String, Integer> rankOfPair) {
        this.vocabulary = vocabulary;
        this.rankOfPair = rankOfPair;
        this.specialTokens = vocabulary.contains(END_OF_TEXT) ? Map.of(END_OF_TEXT, vocabulary.id(END_OF_TEXT)) : Map.of();
        int[] idOfByte = new int[256];
        for (int b = 0; b < 256; b++) idOfByte[b] = vocabulary.id(String.valueOf(ByteLevel.charOf(b)));
        int merges = rankOfPair.size();
        int[] left = new int[merges], right = new int[merges], merged = new int[merges];
        rankOfPair.forEach((pair, rank) -> {
            int space = pair.indexOf(' ');          // byte-level tokens never hold a space (it is written Ġ)
            left[rank] = vocabulary.id(pair.substring(0, space));
            right[rank] = vocabulary.id(pair.substring(space + 1));
            merged[rank] = vocabulary.id(pair.substring(0, space) + pair.substring(space + 1));
        });
        this.merger = new BytePairMerger(idOfByte, left, right, merged);
    }

    /** Loads {@code vocab.json} and {@code merges.txt} from one directory. */
    public static Gpt2Tokenizer load(Path directory) {
        Objects.requireNonNull(directory, "directory must not be null");
        return load(directory.resolve(VOCAB_FILE), directory.resolve(MERGES_FILE));
    }

    /** Loads the two files, checking them as described in the class comment. */
    public static Gpt2Tokenizer load(Path vocabJson, Path mergesTxt) {
        Objects.requireNonNull(vocabJson, "vocab.json path must not be null");
        Objects.requireNonNull(mergesTxt, "merges.txt path must not be null");
        requireRegularFile(vocabJson, "GPT-2's vocab.json");
        requireRegularFile(mergesTxt, "GPT-2's merges.txt");
        Vocabulary vocabulary = readVocab(vocabJson);
        Map<String, Integer> ranks = readMerges(mergesTxt, vocabulary);
        return new Gpt2Tokenizer(vocabulary, ranks);
    }

    // ---------------------------------------------------------------- reading and checking the files

    /** Refuses a missing file, a directory, or a device or FIFO (which could be endless or block forever) before reading. */
    private static void requireRegularFile(Path file, String expected) {
        String why = InputFiles.whyNotARegularFile(file);
        if (why == null || !Files.exists(file)) return;   // a missing file: the read says so, naming it
        throw new TokenizerFileException(file, 0, why + "; expected " + expected);
    }

    /**
     * The bytes of a tokenizer file, refusing one above {@link #MAX_FILE_BYTES} from its size before reading it, and
     * never reading more than the limit (should it grow meanwhile).
     */
    private static byte[] readCapped(Path file) {
        try {
            byte[] bytes = InputFiles.readUpTo(file, MAX_FILE_BYTES);
            if (bytes == null) {
                throw new TokenizerFileException(file, 0, InputFiles.tooLarge(file, MAX_FILE_BYTES, "a tokenizer file")
                        + "; GPT-2's " + VOCAB_FILE + " is 1,042,301), so it was not read");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static Vocabulary readVocab(Path file) {
        Map<String, Integer> idOfToken = new HashMap<>();
        Map<String, Integer> lineOfToken = new HashMap<>();
        Map<Integer, String> tokenOfId = new HashMap<>();
        byte[] bytes = readCapped(file);
        try (JsonParser json = new JsonFactory().createParser(bytes)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new TokenizerFileException(file, first == null ? 0 : line(json),
                        first == null ? "the file is empty; expected a JSON object {\"token\": id, ...}"
                                : "expected a JSON object {\"token\": id, ...}, found " + json.getText());
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String token = json.currentName();
                int line = line(json);
                JsonToken value = json.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT) {
                    throw new TokenizerFileException(file, line, "token " + Text.quote(token) + " has value "
                            + json.getText() + "; expected an integer id");
                }
                int id = json.getIntValue();
                if (id < 0) throw new TokenizerFileException(file, line, "token " + Text.quote(token) + " has negative id " + id);
                if (token.isEmpty()) throw new TokenizerFileException(file, line, "the empty string is not a token");
                if (!ByteLevel.isByteString(token)) {
                    throw new TokenizerFileException(file, line, "token " + Text.quote(token) + " has a character that is not"
                            + " in GPT-2's byte-to-unicode table, so it stands for no bytes");
                }
                Integer lineBefore = lineOfToken.put(token, line);
                if (lineBefore != null) {
                    throw new TokenizerFileException(file, line, "token " + Text.quote(token) + " is listed twice (line "
                            + lineBefore + " and line " + line + ")");
                }
                String other = tokenOfId.putIfAbsent(id, token);
                if (other != null) {
                    throw new TokenizerFileException(file, line, "id " + id + " of token " + Text.quote(token)
                            + " is already the id of token " + Text.quote(other) + " (line " + lineOfToken.get(other) + ")");
                }
                idOfToken.put(token, id);
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new TokenizerFileException(file, line(json), "expected a token name or }, found " + json.getText());
            }
            if (json.nextToken() != null) {
                throw new TokenizerFileException(file, line(json), "unexpected " + json.getText() + " after the closing }");
            }
        } catch (JsonProcessingException e) {
            throw new TokenizerFileException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }

        int size = idOfToken.size();
        List<String> tokens = new ArrayList<>(size);
        for (int id = 0; id < size; id++) {
            String token = tokenOfId.get(id);
            if (token == null) {
                int largest = tokenOfId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
                String holder = tokenOfId.get(largest);
                throw new TokenizerFileException(file, lineOfToken.get(holder), "ids must be 0 … " + (size - 1) + " for "
                        + size + " tokens, with none missing, but id " + id + " is missing and token "
                        + Text.quote(holder) + " has id " + largest);
            }
            tokens.add(token);
        }
        Vocabulary vocabulary = new Vocabulary(tokens);
        requireAllBytes(vocabulary, file);
        return vocabulary;
    }

    /** Every one of the 256 bytes must be a token, or some text could not be encoded. */
    private static void requireAllBytes(Vocabulary vocabulary, Path file) {
        for (int b = 0; b < 256; b++) {
            String single = String.valueOf(ByteLevel.charOf(b));
            if (!vocabulary.contains(single)) {
                throw new TokenizerFileException(file, 0, "there is no token for byte " + String.format("0x%02X", b)
                        + " (written " + Text.quote(single) + "); a byte-level vocabulary needs all 256 bytes");
            }
        }
    }

    /**
     * The tokenizer from lists already in memory (for example a checkpoint's tokenizer JSON), with the same
     * checks as {@link #load(Path, Path)}: {@code tokens} are the vocab.json strings in id order,
     * {@code merges} the merges.txt lines ({@code "left right"}) in rank order; {@code source} names them in
     * error messages, where "line N" is the N-th merge (1-based).
     */
    static Gpt2Tokenizer fromLists(List<String> tokens, List<String> merges, Path source) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        Objects.requireNonNull(merges, "merges must not be null");
        for (int id = 0; id < tokens.size(); id++) {
            String token = Objects.requireNonNull(tokens.get(id), "token " + id + " is null");
            if (token.isEmpty() || !ByteLevel.isByteString(token)) {
                throw new TokenizerFileException(source, 0, "token " + id + " " + Text.quote(token)
                        + " is not a byte-level string (empty, or a character outside GPT-2's byte-to-unicode table)");
            }
        }
        Vocabulary vocabulary = new Vocabulary(tokens);
        requireAllBytes(vocabulary, source);
        return new Gpt2Tokenizer(vocabulary, parseMerges(merges, source, vocabulary));
    }

    private static int line(JsonParser json) {
        return json.currentTokenLocation().getLineNr();
    }

    private static Map<String, Integer> readMerges(Path file, Vocabulary vocabulary) {
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readCapped(file))).toString().lines().toList();
        } catch (CharacterCodingException e) {
            throw new TokenizerFileException(file, 0, "not valid UTF-8 text");
        }
        return parseMerges(lines, file, vocabulary);
    }

    private static Map<String, Integer> parseMerges(List<String> lines, Path file, Vocabulary vocabulary) {
        Map<String, Integer> rankOfPair = new HashMap<>();
        Map<String, Integer> lineOfPair = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = index == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(index);
            if (index == 0 && line.startsWith("#version")) continue;
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new TokenizerFileException(file, lineNumber, "expected two tokens separated by one space, found "
                        + (line.isEmpty() ? "an empty line" : Text.quote(line)));
            }
            String left = parts[0], right = parts[1], merged = left + right;
            for (String part : parts) {
                if (!vocabulary.contains(part)) {
                    throw new TokenizerFileException(file, lineNumber, "token " + Text.quote(part) + " is not in vocab.json");
                }
            }
            if (!vocabulary.contains(merged)) {
                throw new TokenizerFileException(file, lineNumber, "the merged token " + Text.quote(merged) + " (from "
                        + Text.quote(left) + " + " + Text.quote(right) + ") is not in vocab.json");
            }
            Integer earlier = lineOfPair.putIfAbsent(line, lineNumber);
            if (earlier != null) {
                throw new TokenizerFileException(file, lineNumber, "the pair " + Text.quote(line) + " is already listed at line " + earlier);
            }
            rankOfPair.put(line, rankOfPair.size());
        }
        return rankOfPair;
    }

    // ---------------------------------------------------------------- encoding and decoding

    /**
     * The ids of this text. Gives the same ids as {@link #encodeReference}, faster: the merges run over int ids
     * with a priority queue ({@link BytePairMerger}), in time n log n for a chunk of n bytes, and repeated
     * words come from a cache.
     */
    @Override
    public int[] encode(String text) {
        return merger.isWellOrdered() ? merger.encode(text, PreTokenizer.GPT2) : encodeReference(text);
    }

    /**
     * The ids of this text the way {@code encoder.py} computes them, as the course teaches it: for each chunk,
     * join the lowest-ranked pair of neighbouring strings everywhere, and repeat ({@link #mergeSteps} shows the
     * steps). Slow (every step rescans the chunk and builds strings) but plain; {@link #encode} must agree.
     */
    public int[] encodeReference(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String chunk : PreTokenizer.GPT2.split(text)) {
            for (String symbol : bpe(ByteLevel.encode(Text.utf8(chunk)), null)) ids.add(vocabulary.id(symbol));
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The fast merger behind {@link #encode}, for tests that count its work. */
    BytePairMerger merger() {
        return merger;
    }

    /**
     * The merge steps for one chunk of text (which should be one chunk of {@link PreTokenizer#GPT2}): the first
     * entry is its bytes as single characters, each next entry one merge later, the last is what {@link #encode}
     * looks up. For teaching: {@code mergeSteps(" world")} shows {@code Ġ w o r l d} becoming {@code Ġworld}.
     */
    public List<List<String>> mergeSteps(String chunk) {
        Text.requireValid(chunk, "chunk");
        List<List<String>> steps = new ArrayList<>();
        bpe(ByteLevel.encode(Text.utf8(chunk)), steps);
        return steps;
    }

    /** encoder.py's {@code bpe}: repeatedly join the lowest-ranked neighbouring pair, everywhere it occurs. */
    private List<String> bpe(String visibleChunk, List<List<String>> steps) {
        List<String> word = new ArrayList<>();
        for (int i = 0; i < visibleChunk.length(); i++) word.add(String.valueOf(visibleChunk.charAt(i)));
        if (steps != null) steps.add(List.copyOf(word));
        while (word.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String first = null, second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer rank = rankOfPair.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) break;
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
            if (steps != null) steps.add(List.copyOf(word));
        }
        return word;
    }

    /** Joins the tokens, maps their characters back to bytes, decodes UTF-8 (U+FFFD for broken bytes). */
    @Override
    public String decode(int[] ids) {
        return Text.fromUtf8(ByteLevel.decode(vocabulary.join(ids)));
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    /** The token as {@code vocab.json} writes it, e.g. {@code "Ġworld"}. */
    @Override
    public String token(int id) {
        return vocabulary.token(id);
    }

    @Override
    public int id(String token) {
        return vocabulary.id(token);
    }

    /** {@code <|endoftext|>} if the vocabulary has it (GPT-2's has it as id 50256). */
    @Override
    public Map<String, Integer> specialTokens() {
        return specialTokens;
    }

    /** Number of merges (lines of {@code merges.txt} after the version line). */
    public int mergeCount() {
        return rankOfPair.size();
    }

    /** The merges as merges.txt lines ({@code "left right"}), in rank order (without the version line). */
    public List<String> merges() {
        String[] byRank = new String[rankOfPair.size()];
        rankOfPair.forEach((pair, rank) -> byRank[rank] = pair);
        return List.of(byRank);
    }

    /** All tokens in id order, as vocab.json writes them. */
    public List<String> tokens() {
        return vocabulary.tokens();
    }

    /** The rank of the merge {@code left right} (0 = first line), if there is one. */
    public OptionalInt mergeRank(String left, String right) {
        Integer rank = rankOfPair.get(left + " " + right);
        return rank == null ? OptionalInt.empty() : OptionalInt.of(rank);
    }

    @Override
    public String toString() {
        return "Gpt2Tokenizer(" + vocabulary.size() + " tokens, " + rankOfPair.size() + " merges)";
    }
}
