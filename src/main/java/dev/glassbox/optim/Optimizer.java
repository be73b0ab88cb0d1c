package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Gradient descent in one of its forms: after a backward pass has filled every
 * {@link Parameter#grad()}, {@link #step()} moves each {@link Parameter#value()} a little downhill.
 *
 * <p>The training loop is always the same four lines:
 * <pre>
 *   optimizer.zeroGrad();
 *   float loss = model.forward(inputs, targets);
 *   model.backward();
 *   optimizer.step();
 * </pre>
 *
 * <p>What differs between optimizers is the rule inside {@code step} and the memory it keeps
 * between steps (a velocity, running moments). {@link #state(Parameter)} shows that memory so a
 * notebook can plot it.
 */
public interface Optimizer {

    /** Applies one update to every parameter from its current gradient. */
    void step();

    /** Clears every parameter's gradient, ready for the next backward pass. */
    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** The parameters this optimizer updates, in the order given. */
    List<Parameter> parameters();

    /** The step size η used by the next {@link #step()}. */
    float learningRate();

    /** Changes η, e.g. from a {@link LrSchedule}; must be finite and positive. */
    void setLearningRate(float learningRate);

    /** How many steps have been taken (Adam's t in the bias correction). */
    long steps();

    /**
     * The optimizer's memory for one parameter, by name ("velocity", "firstMoment",
     * "secondMoment"), as copies shaped like the parameter; empty for plain SGD.
     */
    Map<String, Tensor> state(Parameter parameter);

    /**
     * Puts back the memory that {@link #steps()} and {@link #state} showed, for example from a checkpoint, so that
     * training continues exactly where it stopped: the step count (Adam's bias correction) and, for every parameter,
     * each state tensor by name. Everything is checked before anything changes.
     *
     * @throws IllegalArgumentException naming the parameter and state tensor that is missing, extra, misshapen or
     *                                  not finite
     */
    default void restore(long steps, Map<Parameter, Map<String, Tensor>> state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore a saved state");
    }
}
