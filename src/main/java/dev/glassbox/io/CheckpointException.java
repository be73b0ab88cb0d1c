package dev.glassbox.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint or safetensors file that cannot be used: truncated, corrupted, or not matching
 * what was expected. The message names the file, the tensor (if one is to blame) and what was
 * expected, so the reader knows which file to fix or re-create.
 */
public class CheckpointException extends IOException {
    private final transient Path file;
    private final String tensor;

    /** A problem with the file as a whole. */
    public CheckpointException(Path file, String problem) {
        this(file, null, problem, null);
    }

    /** A problem with one tensor of the file ({@code tensor} may be null). */
    public CheckpointException(Path file, String tensor, String problem) {
        this(file, tensor, problem, null);
    }

    public CheckpointException(Path file, String tensor, String problem, Throwable cause) {
        super(file + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ") + problem, cause);
        this.file = file;
        this.tensor = tensor;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The tensor at fault, or null if the problem is with the file as a whole. */
    public String tensor() {
        return tensor;
    }
}
