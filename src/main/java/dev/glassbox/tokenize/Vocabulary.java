package dev.glassbox.tokenize;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two directions of a vocabulary: id → token (a list) and token → id (a map). Ids are dense,
 * 0 … size-1, and every token string appears once, so the two directions are inverse to each other.
 */
final class Vocabulary {
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    /** @param tokens the token of each id, in id order; no duplicates, no nulls */
    Vocabulary(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < this.tokens.size(); id++) {
            Integer previous = ids.putIfAbsent(this.tokens.get(id), id);
            if (previous != null) {
                throw new IllegalArgumentException("token " + Text.quote(this.tokens.get(id)) + " appears twice, as id "
                        + previous + " and id " + id);
            }
        }
        this.ids = Collections.unmodifiableMap(ids);
    }

    int size() {
        return tokens.size();
    }

    /** The token with this id; fails if the id is outside 0 … size-1. */
    String token(int id) {
        return tokens.get(checkId(id));
    }

    /** The id of this token; fails if it is not in the vocabulary. */
    int id(String token) {
        Objects.requireNonNull(token, "token must not be null");
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token " + Text.quote(token) + " is not in the vocabulary of "
                    + size() + " tokens");
        }
        return id;
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of this token, or -1. */
    int idOrMinusOne(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** All tokens in id order (unmodifiable). */
    List<String> tokens() {
        return tokens;
    }

    /** Fails with "token id 70 is outside vocabulary of 65" unless 0 <= id < size. */
    int checkId(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside vocabulary of " + tokens.size());
        }
        return id;
    }

    /** Concatenates the tokens of these ids; each id is checked first. */
    String join(int[] ids) {
        Objects.requireNonNull(ids, "token ids must not be null");
        StringBuilder text = new StringBuilder();
        for (int id : ids) text.append(token(id));
        return text.toString();
    }
}
