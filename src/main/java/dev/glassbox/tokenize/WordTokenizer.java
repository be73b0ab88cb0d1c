package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One token per word, punctuation mark or run of whitespace. Whitespace is kept as tokens, so decoding
 * gives back the exact text: {@code "Hi,  you!"} → {@code ["Hi", ",", "  ", "you", "!"]}.
 *
 * <p>How text is cut (see {@link #PIECE}): a word is a run of letters, combining marks and digits; Chinese,
 * Japanese and Korean ideographs (script Han) are written without spaces, so each one is a word of its own;
 * every other character (punctuation, symbols, emoji) is a token by itself; a run of whitespace is one token.
 *
 * <p>Vocabulary: id 0 is {@code <unk>}, id 1 is {@code <|endoftext|>}, then the corpus's pieces from most
 * to least frequent (ties in string order), optionally cut to a maximum size.
 *
 * <p><b>Unknown pieces</b> (never seen, or cut off by the maximum size) are encoded as {@code <unk>}, and
 * decoding {@code <unk>} gives the text {@code "<unk>"}: the original cannot be restored. So
 * {@code decode(encode(s)) == s} holds exactly when every piece of {@code s} is in the vocabulary.
 */
public final class WordTokenizer implements Tokenizer {
    public static final String UNKNOWN = "<unk>";

    /** Han ideograph | word | whitespace run | any other single character. */
    public static final Pattern PIECE = Pattern.compile(
            "\\p{IsHan}|[\\p{L}\\p{M}\\p{N}&&[^\\p{IsHan}]]+|\\s+|.",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);

    private final Vocabulary vocabulary;
    private final int unknownId;

    private WordTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.unknownId = vocabulary.id(UNKNOWN);
    }

    /** A tokenizer with every piece of the corpus in its vocabulary. */
    public static WordTokenizer fromCorpus(String corpus) {
        return fromCorpus(corpus, Integer.MAX_VALUE);
    }

    /**
     * A tokenizer with at most {@code maxVocabSize} tokens, counting {@code <unk>} and {@code <|endoftext|>}:
     * the most frequent pieces of the corpus are kept, the rest become {@code <unk>}.
     */
    public static WordTokenizer fromCorpus(String corpus, int maxVocabSize) {
        Text.requireValid(corpus, "corpus");
        if (corpus.isEmpty()) throw new IllegalArgumentException("corpus is empty: a word vocabulary needs at least one word");
        if (maxVocabSize < 3) {
            throw new IllegalArgumentException("maximum vocabulary size " + maxVocabSize
                    + " is too small: it must hold <unk>, <|endoftext|> and at least one word (3)");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String piece : split(corpus)) counts.merge(piece, 1, Integer::sum);
        counts.remove(UNKNOWN);          // can't happen with PIECE ("<" is cut alone), but keeps ids unique
        counts.remove(END_OF_TEXT);
        List<String> tokens = new ArrayList<>(List.of(UNKNOWN, END_OF_TEXT));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxVocabSize - 2L)
                .forEach(entry -> tokens.add(entry.getKey()));
        return new WordTokenizer(new Vocabulary(tokens));
    }

    /**
     * A tokenizer with exactly this vocabulary, in id order, as {@link #tokens()} lists it (e.g. from a
     * checkpoint): {@code <unk>} first, {@code <|endoftext|>} second, then the pieces, each non-empty and once.
     */
    public static WordTokenizer fromTokens(List<String> tokens) {
        java.util.Objects.requireNonNull(tokens, "tokens must not be null");
        if (tokens.size() < 3 || !UNKNOWN.equals(tokens.get(0)) || !END_OF_TEXT.equals(tokens.get(1))) {
            throw new IllegalArgumentException("a word vocabulary starts with " + UNKNOWN + " and " + END_OF_TEXT
                    + " and holds at least one word; got " + (tokens.size() < 3 ? tokens.size() + " tokens" : "first tokens "
                    + Text.quote(tokens.get(0)) + ", " + Text.quote(tokens.get(1))));
        }
        for (int id = 2; id < tokens.size(); id++) {
            if (tokens.get(id) == null || tokens.get(id).isEmpty()) throw new IllegalArgumentException("token " + id + " is empty");
        }
        return new WordTokenizer(new Vocabulary(tokens));
    }

    /** Cuts text into words, punctuation marks and whitespace runs; the pieces concatenate to the text. */
    public static List<String> split(String text) {
        Text.requireValid(text, "text");
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PIECE.matcher(text);
        while (matcher.find()) pieces.add(matcher.group());
        return pieces;
    }

    /** Unknown pieces become {@code <unk>} (see the class comment). */
    @Override
    public int[] encode(String text) {
        return split(text).stream().mapToInt(piece -> {
            int id = vocabulary.idOrMinusOne(piece);
            return id < 0 ? unknownId : id;
        }).toArray();
    }

    @Override
    public String decode(int[] ids) {
        return vocabulary.join(ids);
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    @Override
    public String token(int id) {
        return vocabulary.token(id);
    }

    @Override
    public int id(String token) {
        return vocabulary.id(token);
    }

    @Override
    public Map<String, Integer> specialTokens() {
        Map<String, Integer> specials = new LinkedHashMap<>();
        specials.put(UNKNOWN, unknownId);
        specials.put(END_OF_TEXT, vocabulary.id(END_OF_TEXT));
        return specials;
    }

    /** The id of {@code <unk>}. */
    public int unknownId() {
        return unknownId;
    }

    /** All tokens in id order. */
    public List<String> tokens() {
        return vocabulary.tokens();
    }

    @Override
    public String toString() {
        return "WordTokenizer(" + vocabulary.size() + " tokens)";
    }
}
