package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How many tokens one text needs under each tokenizer, next to the tokenizer's vocabulary size V: the trade-off
 * between a bigger vocabulary and shorter sequences (chapter 01). Immutable; each {@code of…} call returns the
 * counts with more rows.
 *
 * <pre>
 *   TokenCounts own = TokenCounts.on(essay).of("characters", chars).of("words", words);
 *   TokenCounts bpe = TokenCounts.on(essay).ofBpeTrainedAt(257, 500, 1000);   // BPE trained on the essay itself
 *   System.out.println(own);   // characters V=342 → 1736 tokens, words V=… → … tokens
 * </pre>
 */
public final class TokenCounts {

    /** One tokenizer's row: its name (empty for a BPE of {@link #ofBpeTrainedAt}), V, and the tokens the text needs. */
    public record Count(String tokenizer, int vocabSize, int tokens) {
        /** {@code characters V=342 → 1736 tokens}, or {@code V=500 → 1772 tokens} for an unnamed row. */
        @Override
        public String toString() {
            return (tokenizer.isEmpty() ? "" : tokenizer + " ") + "V=" + vocabSize + " → " + tokens + " tokens";
        }
    }

    private final String text;
    private final List<Count> counts;

    private TokenCounts(String text, List<Count> counts) {
        this.text = text;
        this.counts = List.copyOf(counts);
    }

    /** No rows yet: the counts of this text under the tokenizers added next. */
    public static TokenCounts on(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("token counts need a text to encode, got " + (text == null ? "null" : "an empty string"));
        }
        return new TokenCounts(text, List.of());
    }

    /** Adds a row: this tokenizer's V and the length of {@code encode(text)}. */
    public TokenCounts of(String name, Tokenizer tokenizer) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tokenizer's row needs a name such as \"characters\", got " + (name == null ? "null" : "\"" + name + "\""));
        }
        Objects.requireNonNull(tokenizer, "tokenizer");
        return with(new Count(name, tokenizer.vocabSize(), tokenizer.encode(text).length));
    }

    /**
     * Adds one unnamed row per size: BPE trained on the text itself ({@link BpeTokenizer#train(String, int)}) with that
     * vocabulary size, and the tokens the same text then needs.
     */
    public TokenCounts ofBpeTrainedAt(int... vocabSizes) {
        if (vocabSizes == null || vocabSizes.length == 0) {
            throw new IllegalArgumentException("ofBpeTrainedAt needs at least one vocabulary size, e.g. 257, 500, 1000");
        }
        TokenCounts out = this;
        for (int size : vocabSizes) {
            BpeTokenizer trained = BpeTokenizer.train(text, size);
            out = out.with(new Count("", trained.vocabSize(), trained.encode(text).length));
        }
        return out;
    }

    private TokenCounts with(Count count) {
        List<Count> more = new ArrayList<>(counts);
        more.add(count);
        return new TokenCounts(text, more);
    }

    /** The rows in the order added. */
    public List<Count> counts() {
        return counts;
    }

    /** Each row's V, for a plot's x axis. */
    public double[] vocabSizes() {
        return counts.stream().mapToDouble(Count::vocabSize).toArray();
    }

    /** Each row's number of tokens, for a plot's y axis. */
    public double[] tokens() {
        return counts.stream().mapToDouble(Count::tokens).toArray();
    }

    /** Each row's name, for labels beside the markers. */
    public String[] names() {
        return counts.stream().map(Count::tokenizer).toArray(String[]::new);
    }

    /** The rows, comma-separated: {@code characters V=342 → 1736 tokens, words V=… → … tokens}. */
    @Override
    public String toString() {
        return counts.stream().map(Count::toString).collect(Collectors.joining(", "));
    }
}
