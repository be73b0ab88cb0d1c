package dev.glassbox.exercise;

/** The outcome of one check: its status and the line printed under the check cell. */
public record Result(String id, Status status, String hint) {

    static Result passed(String id) {
        return new Result(id, Status.PASSED, null);
    }

    static Result notAttempted(String id) {
        return new Result(id, Status.NOT_ATTEMPTED, null);
    }

    static Result failed(String id, String hint) {
        return new Result(id, Status.FAILED, hint);
    }

    /** {@code ✓ 03.1 correct}, {@code ✗ 03.1 <hint>} or {@code ○ 03.1 not attempted yet}. */
    public String line() {
        return switch (status) {
            case PASSED -> "✓ " + id + " correct";
            case NOT_ATTEMPTED -> "○ " + id + " not attempted yet";
            case FAILED -> "✗ " + id + " " + hint;
        };
    }
}
