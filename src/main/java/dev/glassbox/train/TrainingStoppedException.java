package dev.glassbox.train;

/**
 * Training could not go on: the loss or a gradient became NaN or infinite. The message names the
 * step and the learning rate; {@link #log()} holds every step completed before it.
 */
public final class TrainingStoppedException extends ArithmeticException {
    private final transient TrainingLog log;
    private final int step;

    TrainingStoppedException(String message, int step, TrainingLog log, Throwable cause) {
        super(message);
        this.step = step;
        this.log = log;
        if (cause != null) initCause(cause);
    }

    /** The step (1-based) that failed. */
    public int step() {
        return step;
    }

    /** The steps completed before training stopped. */
    public TrainingLog log() {
        return log;
    }
}
