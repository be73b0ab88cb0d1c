package dev.glassbox.train;

/**
 * What the {@link Trainer} needs from a model: a loss on one batch and the backward pass that
 * fills the parameters' gradients. {@code B} is the batch type: (B, T) input/target pairs for a
 * language model, sequences with class labels for a classifier.
 *
 * <p>Adapters for the library's models are in {@link Objectives}; a notebook can write its own
 * with two lambdas' worth of code.
 */
public interface Objective<B> {

    /** Runs the forward pass and returns the mean loss over the batch; keeps what backward needs. */
    float forward(B batch);

    /** After {@link #forward}: accumulates dLoss/dParameter into every parameter's gradient. */
    void backward();

    /** How many predictions the batch holds (B·T for a language model), for tokens per second. */
    int tokens(B batch);

    /** Switches training-only behaviour such as dropout; validation runs with {@code false}. */
    default void setTraining(boolean training) {}
}
