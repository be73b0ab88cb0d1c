package dev.glassbox.tokenize;

import java.nio.file.Path;

/** A tokenizer file that is malformed or inconsistent; the message names the file and, where there is one, the line. */
public final class TokenizerFileException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    /** @param line 1-based line number, or 0 if the problem is not on one line */
    public TokenizerFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 if the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
