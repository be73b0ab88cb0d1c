package dev.glassbox.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Any of our tokenizers as JSON, and back: what a checkpoint stores so that a saved model can turn text into
 * the same ids it was trained on. Each form holds exactly what the tokenizer was built from, never a derived
 * table, so rebuilding gives the same ids for every text:
 * <pre>
 * {"type": "char", "characters": ["\n", " ", "a", ...]}                    the alphabet, in id order
 * {"type": "word", "tokens": ["&lt;unk&gt;", "&lt;|endoftext|&gt;", "the", ...]}          the vocabulary, in id order
 * {"type": "bpe",  "pre_tokenizer": "GPT2", "merges": [[101, 32, 256, 812], ...]}
 *                                                   [left, right, new id, count] in rank order
 * {"type": "gpt2", "tokens": ["!", ...], "merges": ["Ġ t", ...]}            vocab.json + merges.txt inline
 * {"type": "gpt2", "directory": "/path/to/gpt2"}                          or a reference to those two files
 * </pre>
 * Reading checks everything and fails with an {@link IllegalArgumentException} that names the field.
 */
public final class TokenizerJson {
    private TokenizerJson() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The JSON form of {@code tokenizer} (one of the four classes of this package). */
    public static ObjectNode toJson(Tokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer must not be null");
        ObjectNode json = NODES.objectNode();
        if (tokenizer instanceof CharTokenizer chars) {
            json.put("type", "char");
            ArrayNode list = json.putArray("characters");
            chars.characters().forEach(list::add);
        } else if (tokenizer instanceof WordTokenizer words) {
            json.put("type", "word");
            ArrayNode list = json.putArray("tokens");
            words.tokens().forEach(list::add);
        } else if (tokenizer instanceof BpeTokenizer bpe) {
            json.put("type", "bpe");
            json.put("pre_tokenizer", bpe.preTokenizer().name());
            ArrayNode list = json.putArray("merges");
            for (BpeTokenizer.Merge m : bpe.merges()) {
                list.addArray().add(m.left()).add(m.right()).add(m.newId()).add(m.count());
            }
        } else if (tokenizer instanceof Gpt2Tokenizer gpt2) {
            json.put("type", "gpt2");
            ArrayNode tokens = json.putArray("tokens");
            gpt2.tokens().forEach(tokens::add);
            ArrayNode merges = json.putArray("merges");
            gpt2.merges().forEach(merges::add);
        } else {
            throw new IllegalArgumentException("cannot save a tokenizer of class " + tokenizer.getClass().getName()
                    + "; TokenizerJson knows CharTokenizer, WordTokenizer, BpeTokenizer and Gpt2Tokenizer");
        }
        return json;
    }

    /** A reference to GPT-2 tokenizer files on disk ({@code vocab.json} and {@code merges.txt} in {@code directory}). */
    public static ObjectNode gpt2Reference(Path directory) {
        Objects.requireNonNull(directory, "directory must not be null");
        ObjectNode json = NODES.objectNode();
        json.put("type", "gpt2");
        json.put("directory", directory.toAbsolutePath().toString());
        return json;
    }

    /**
     * Rebuilds the tokenizer that {@link #toJson} described.
     *
     * @throws IllegalArgumentException naming the field when the JSON is not one of the forms above
     */
    public static Tokenizer fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("tokenizer must be a JSON object with a \"type\", got "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        String type = json.path("type").textValue();
        if (type == null) throw new IllegalArgumentException("tokenizer \"type\" is missing or not a string: " + json.get("type"));
        return switch (type) {
            case "char" -> {
                List<String> characters = strings(json, "characters");
                for (int i = 0; i < characters.size(); i++) {
                    if (characters.get(i).codePointCount(0, characters.get(i).length()) != 1) {
                        throw new IllegalArgumentException("tokenizer \"characters\"[" + i + "] is " + Text.quote(characters.get(i))
                                + "; expected exactly one character");
                    }
                }
                if (characters.isEmpty()) throw new IllegalArgumentException("tokenizer \"characters\" is empty");
                // the alphabet is sorted and distinct, so the corpus made of it rebuilds the same ids
                if (!characters.equals(characters.stream().distinct().sorted(TokenizerJson::byCodePoint).toList())) {
                    throw new IllegalArgumentException("tokenizer \"characters\" must be distinct and sorted by code point");
                }
                yield CharTokenizer.fromCorpus(String.join("", characters));
            }
            case "word" -> {
                yield WordTokenizer.fromTokens(strings(json, "tokens"));
            }
            case "bpe" -> {
                PreTokenizer pre = preTokenizer(json);
                JsonNode merges = json.get("merges");
                if (merges == null || !merges.isArray()) {
                    throw new IllegalArgumentException("tokenizer \"merges\" must be an array of [left, right, newId, count], got " + merges);
                }
                List<BpeTokenizer.Merge> list = new ArrayList<>();
                for (int i = 0; i < merges.size(); i++) {
                    JsonNode m = merges.get(i);
                    if (!m.isArray() || m.size() != 4 || !m.get(0).isInt() || !m.get(1).isInt() || !m.get(2).isInt() || !m.get(3).isInt()) {
                        throw new IllegalArgumentException("tokenizer \"merges\"[" + i + "] is " + m + "; expected [left, right, newId, count], four integers");
                    }
                    list.add(new BpeTokenizer.Merge(m.get(0).intValue(), m.get(1).intValue(), m.get(2).intValue(), m.get(3).intValue()));
                }
                yield BpeTokenizer.fromMerges(list, pre);
            }
            case "gpt2" -> {
                JsonNode directory = json.get("directory");
                if (directory != null) {
                    if (!directory.isTextual()) throw new IllegalArgumentException("tokenizer \"directory\" must be a path string, got " + directory);
                    Path dir = Path.of(directory.textValue());
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalArgumentException("tokenizer \"directory\" " + dir + " is not a directory; it should hold "
                                + Gpt2Tokenizer.VOCAB_FILE + " and " + Gpt2Tokenizer.MERGES_FILE);
                    }
                    yield Gpt2Tokenizer.load(dir);
                }
                yield Gpt2Tokenizer.fromLists(strings(json, "tokens"), strings(json, "merges"), Path.of("tokenizer.merges"));
            }
            default -> throw new IllegalArgumentException("tokenizer \"type\" is \"" + type + "\"; expected char, word, bpe or gpt2");
        };
    }

    private static int byCodePoint(String a, String b) {
        return Integer.compare(a.codePointAt(0), b.codePointAt(0));
    }

    private static PreTokenizer preTokenizer(JsonNode json) {
        String name = json.path("pre_tokenizer").textValue();
        for (PreTokenizer p : PreTokenizer.values()) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("tokenizer \"pre_tokenizer\" is " + json.get("pre_tokenizer") + "; expected \"NONE\" or \"GPT2\"");
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode array = json.get(field);
        if (array == null || !array.isArray()) throw new IllegalArgumentException("tokenizer \"" + field + "\" must be an array of strings, got " + array);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode s = array.get(i);
            if (!s.isTextual()) throw new IllegalArgumentException("tokenizer \"" + field + "\"[" + i + "] is " + s + "; expected a string");
            out.add(Text.requireValid(s.textValue(), "tokenizer \"" + field + "\"[" + i + "]"));
        }
        return out;
    }
}
