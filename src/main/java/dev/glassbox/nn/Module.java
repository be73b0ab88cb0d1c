package dev.glassbox.nn;

import java.util.List;

/** Anything with learned parameters: a layer, a block, a whole model. */
public interface Module {

    /** Every parameter, in a fixed order, with its full name (e.g. "h.0.ln_1.weight"). */
    List<Parameter> parameters();

    /** Clears every parameter's gradient before the next backward pass. */
    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** The number of learned numbers. */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }
}
