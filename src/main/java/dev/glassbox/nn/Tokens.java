package dev.glassbox.nn;

/** Checks a (B, T) batch of token ids before it enters a model, so bad input fails with a clear message. */
final class Tokens {
    private Tokens() {}

    /** Returns T after checking: non-empty, rectangular, 1 ≤ T ≤ maxLength, every id in [0, vocab). */
    static int check(int[][] tokens, int vocab, int maxLength) {
        if (tokens == null || tokens.length == 0) throw new IllegalArgumentException("token batch is empty: need at least one sequence");
        if (tokens[0] == null || tokens[0].length == 0) throw new IllegalArgumentException("sequence 0 is empty: need at least one token");
        int t = tokens[0].length;
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b] == null || tokens[b].length != t) {
                throw new IllegalArgumentException("sequence " + b + " has " + (tokens[b] == null ? 0 : tokens[b].length)
                        + " tokens but sequence 0 has " + t + " (a batch must be rectangular: pad or split it)");
            }
        }
        if (t > maxLength) {
            throw new IllegalArgumentException("sequence length " + t + " is longer than the context length " + maxLength);
        }
        for (int b = 0; b < tokens.length; b++) {
            for (int i = 0; i < t; i++) checkId(tokens[b][i], vocab, b, i);
        }
        return t;
    }

    static void checkId(int id, int vocab, int b, int t) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("token id " + id + " is outside vocabulary of " + vocab
                    + " (sequence " + b + ", position " + t + "; valid ids are 0.." + (vocab - 1) + ")");
        }
    }
}
