package dev.glassbox.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One token per character, like nanoGPT's Shakespeare example: the vocabulary is the corpus's distinct
 * characters, sorted by code point. "Character" means a Unicode code point, not a Java {@code char}, so
 * an emoji outside the Basic Multilingual Plane (two {@code char}s) is one token.
 *
 * <p><b>Unknown characters:</b> {@link #encode} fails with a message naming the character and its position.
 * We chose this over an {@code <unk>} token because the vocabulary then stays exactly "the characters of
 * the corpus" (65 for Shakespeare), and {@code decode(encode(s)) == s} holds for every text that encodes
 * at all. Build the tokenizer from a corpus that contains every character you will ask about.
 *
 * <p>No special tokens: a newline (or any character of the corpus) can mark the end of a sample.
 */
public final class CharTokenizer implements Tokenizer {
    private final Vocabulary vocabulary;

    private CharTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** A tokenizer whose vocabulary is the distinct code points of {@code corpus}, sorted. */
    public static CharTokenizer fromCorpus(String corpus) {
        Text.requireValid(corpus, "corpus");
        if (corpus.isEmpty()) throw new IllegalArgumentException("corpus is empty: a character vocabulary needs at least one character");
        List<String> characters = new ArrayList<>();
        corpus.codePoints().distinct().sorted().forEach(cp -> characters.add(new String(Character.toChars(cp))));
        return new CharTokenizer(new Vocabulary(characters));
    }

    /** Fails on a character that is not in the vocabulary, naming it and its position (counted in code points). */
    @Override
    public int[] encode(String text) {
        Text.requireValid(text, "text");
        int[] codePoints = text.codePoints().toArray();
        int[] ids = new int[codePoints.length];
        for (int position = 0; position < codePoints.length; position++) {
            int id = vocabulary.idOrMinusOne(new String(Character.toChars(codePoints[position])));
            if (id < 0) {
                throw new IllegalArgumentException("character " + Text.describe(codePoints[position]) + " at position "
                        + position + " (counted in characters) is not in the vocabulary of " + vocabulary.size()
                        + " characters; build the tokenizer from a corpus that contains it");
            }
            ids[position] = id;
        }
        return ids;
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
        return Map.of();
    }

    /** All characters in id order. */
    public List<String> characters() {
        return vocabulary.tokens();
    }

    @Override
    public String toString() {
        return "CharTokenizer(" + vocabulary.size() + " characters)";
    }
}
