package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Text ↔ token ids. A language model never sees characters, only these ids: the tokenizer decides
 * what one "word" of the model is (a character, a word, or a byte-pair-encoded piece of a word).
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>{@code decode(encode(s)).equals(s)} for every text the tokenizer can represent (each class says
 *       which texts those are, and what happens to the others);</li>
 *   <li>ids are dense, 0 … {@code vocabSize()-1}, and {@code id(token(i)) == i};</li>
 *   <li>{@link #encode} treats its input as ordinary text: the string {@code "<|endoftext|>"} inside it is
 *       encoded like any other characters, so text from a user can never inject a control token. Use
 *       {@link #encodeWithSpecialTokens} to turn such strings into their special ids.</li>
 * </ul>
 */
public interface Tokenizer {

    /** GPT-2's end-of-text token, which separates documents in training data and ends a generated answer. */
    String END_OF_TEXT = "<|endoftext|>";

    /** The ids of this text, as ordinary text (see the class comment). */
    int[] encode(String text);

    /** The text of these ids; fails on an id outside the vocabulary. */
    String decode(int[] ids);

    /** Number of distinct token ids, V: the width of the model's embedding table and of its logits. */
    int vocabSize();

    /** The token with this id, as it is stored in the vocabulary; fails on an id outside 0 … V-1. */
    String token(int id);

    /** The id of this token; fails if it is not in the vocabulary. */
    int id(String token);

    /** Special tokens (name → id), e.g. {@code <|endoftext|>}; empty if this tokenizer has none. */
    Map<String, Integer> specialTokens();

    /** The id of {@code <|endoftext|>}, if this tokenizer has one. */
    default OptionalInt endOfText() {
        Integer id = specialTokens().get(END_OF_TEXT);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The tokens of this text, one string per id: shows how the text is cut. */
    default List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        for (int id : encode(text)) pieces.add(token(id));
        return pieces;
    }

    /**
     * Like {@link #encode}, but every occurrence of a special token's string becomes that token's id
     * (Hugging Face's GPT-2 tokenizer does this by default). Where two special tokens start at the same
     * place, the longer wins.
     */
    default int[] encodeWithSpecialTokens(String text) {
        Objects.requireNonNull(text, "text must not be null");
        Map<String, Integer> specials = specialTokens();
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int next = -1;
            String found = null;
            for (String special : specials.keySet()) {
                int at = text.indexOf(special, start);
                if (at >= 0 && (next < 0 || at < next || (at == next && special.length() > found.length()))) {
                    next = at;
                    found = special;
                }
            }
            int end = next < 0 ? text.length() : next;
            for (int id : encode(text.substring(start, end))) ids.add(id);
            if (found == null) break;
            ids.add(specials.get(found));
            start = next + found.length();
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
