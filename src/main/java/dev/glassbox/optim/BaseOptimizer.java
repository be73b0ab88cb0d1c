package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every optimizer shares: the parameter list, the learning rate, the step count, per-parameter
 * state tensors, and the argument and gradient checks. Subclasses write only the update rule.
 */
abstract class BaseOptimizer implements Optimizer {
    private final List<Parameter> parameters;
    private final Map<Parameter, Map<String, Tensor>> state = new IdentityHashMap<>();
    private float learningRate;
    private long steps;

    BaseOptimizer(List<Parameter> parameters, float learningRate) {
        this.parameters = checkParameters(parameters);
        this.learningRate = checkLearningRate(learningRate);
    }

    @Override
    public final void step() {
        for (Parameter p : parameters) checkGradient(p);
        steps++;
        for (Parameter p : parameters) update(p, p.value().data(), p.grad().data());
    }

    /**
     * Updates one parameter in place. {@link #steps()} already counts this step, so the first call
     * sees {@code steps() == 1}.
     */
    abstract void update(Parameter p, float[] w, float[] g);

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final float learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(float learningRate) {
        this.learningRate = checkLearningRate(learningRate);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final Map<String, Tensor> state(Parameter parameter) {
        if (!stateOwner(parameter)) {
            throw new IllegalArgumentException("parameter " + parameter.name() + " is not updated by this optimizer");
        }
        Map<String, Tensor> copies = new LinkedHashMap<>();
        for (String name : stateNames()) copies.put(name, stateTensor(parameter, name).copy());
        return Collections.unmodifiableMap(copies);
    }

    @Override
    public final void restore(long steps, Map<Parameter, Map<String, Tensor>> saved) {
        if (steps < 0) throw new IllegalArgumentException("step count must be at least 0, got " + steps);
        for (Parameter p : parameters) {
            Map<String, Tensor> tensors = saved.get(p);
            List<String> names = stateNames();
            if (tensors == null ? !names.isEmpty() : !tensors.keySet().equals(new HashSet<>(names))) {
                throw new IllegalArgumentException("the saved state of " + p.name() + " holds " + (tensors == null ? "nothing"
                        : tensors.keySet()) + " but " + getClass().getSimpleName() + " keeps " + names);
            }
            for (String name : names) {
                Tensor t = tensors.get(name);
                if (!Arrays.equals(t.shape(), p.value().shape())) {
                    throw new IllegalArgumentException("the saved " + name + " of " + p.name() + " has shape "
                            + Arrays.toString(t.shape()) + " but the parameter has " + Arrays.toString(p.value().shape()));
                }
                int bad = t.firstNonFinite();
                if (bad >= 0) {
                    throw new IllegalArgumentException("the saved " + name + " of " + p.name() + " holds " + t.data()[bad]
                            + " at flat position " + bad + "; expected finite numbers");
                }
            }
        }
        for (Parameter p : saved.keySet()) {
            if (!stateOwner(p)) throw new IllegalArgumentException("the saved state names " + p.name() + ", which this optimizer does not update");
        }
        for (Parameter p : parameters) {
            for (String name : stateNames()) {
                float[] from = saved.get(p).get(name).data();
                System.arraycopy(from, 0, stateOf(p, name), 0, from.length);
            }
        }
        this.steps = steps;
    }

    /** The names of the state tensors each parameter gets, in display order. */
    abstract List<String> stateNames();

    /** The live state tensor (zeros until the first step) of one parameter. */
    final float[] stateOf(Parameter p, String name) {
        return stateTensor(p, name).data();
    }

    /** A copy of one state tensor, for the public accessors like {@code velocity(p)}. */
    final Tensor stateCopy(Parameter p, String name) {
        return state(p).get(name);
    }

    private Tensor stateTensor(Parameter p, String name) {
        return state.computeIfAbsent(p, k -> new LinkedHashMap<>())
                .computeIfAbsent(name, k -> Tensor.zeros(p.value().shape()));
    }

    private boolean stateOwner(Parameter p) {
        for (Parameter q : parameters) if (q == p) return true;
        return false;
    }

    /** A NaN or infinite gradient would silently wreck the weights: stop and name it. */
    private void checkGradient(Parameter p) {
        int i = p.grad().firstNonFinite();
        if (i >= 0) {
            throw new ArithmeticException("gradient of " + p.name() + " holds " + p.grad().data()[i]
                    + " at flat position " + i + " before step " + (steps + 1) + " (learning rate " + learningRate
                    + "); not updating. Look for a too-large learning rate or a loss that overflowed");
        }
    }

    static List<Parameter> checkParameters(List<Parameter> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter, got "
                    + (parameters == null ? "null" : "an empty list"));
        }
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : parameters) {
            if (p == null) throw new IllegalArgumentException("the parameter list contains null");
            if (!seen.add(p)) {
                throw new IllegalArgumentException("parameter " + p.name()
                        + " appears twice in the list; it would be updated twice per step");
            }
        }
        return List.copyOf(new ArrayList<>(parameters));
    }

    static float checkLearningRate(float learningRate) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number above 0, got " + learningRate);
        }
        return learningRate;
    }

    /** A decay rate such as β₁, β₂ or the momentum μ: must lie in [0, 1). */
    static float checkRate(String what, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must lie in [0, 1), got " + value);
        }
        return value;
    }

    static float checkNonNegative(String what, float value) {
        if (!(value >= 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number at least 0, got " + value);
        }
        return value;
    }

    static float checkPositive(String what, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number above 0, got " + value);
        }
        return value;
    }
}
