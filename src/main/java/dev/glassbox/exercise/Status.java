package dev.glassbox.exercise;

/** What a check found. The mark is the first character of the check's printed line. */
public enum Status {
    PASSED('✓'),
    FAILED('✗'),
    NOT_ATTEMPTED('○');

    private final char mark;

    Status(char mark) {
        this.mark = mark;
    }

    public char mark() {
        return mark;
    }
}
