package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Optimizer#restore}: an optimizer given another's memory continues exactly as that one would. */
class OptimizerRestoreTest {
    /** f(w) = ½ Σ (w − t)², so g = w − t: a few steps of a real descent. */
    private static void step(Optimizer opt, Parameter w) {
        opt.zeroGrad();
        for (int i = 0; i < w.size(); i++) w.grad().data()[i] = w.value().data()[i] - (i + 1);
        opt.step();
    }

    private static Parameter weights(float... values) {
        return new Parameter("w", Tensor.vector(values), true);
    }

    private static Map<Parameter, Map<String, Tensor>> stateOf(Optimizer opt, Parameter from, Parameter to) {
        Map<Parameter, Map<String, Tensor>> state = new IdentityHashMap<>();
        state.put(to, opt.state(from));
        return state;
    }

    @Test
    void adamWRestoredAfterThreeStepsTakesTheSameNextStepsBitForBit() {
        Parameter a = weights(0.5f, -1f, 2f);
        AdamW whole = AdamW.builder(List.of(a)).learningRate(0.1f).build();
        for (int s = 0; s < 3; s++) step(whole, a);

        // a fresh optimizer over a copy of the weights, given the moments and t: without t the bias correction
        // 1/(1-β^t) would be that of step 1 and the step far larger
        Parameter b = weights(a.value().data().clone());
        AdamW resumed = AdamW.builder(List.of(b)).learningRate(0.1f).build();
        resumed.restore(whole.steps(), stateOf(whole, a, b));
        assertEquals(3, resumed.steps());
        for (int s = 0; s < 4; s++) {
            step(whole, a);
            step(resumed, b);
            assertArrayEquals(a.value().data(), b.value().data(), "step " + (4 + s));
        }
        assertArrayEquals(whole.state(a).get("secondMoment").data(), resumed.state(b).get("secondMoment").data());

        // the same without the restore: a different step, so the test above could fail
        Parameter c = weights(b.value().data().clone());
        AdamW fresh = AdamW.builder(List.of(c)).learningRate(0.1f).build();
        step(resumed, b);
        step(fresh, c);
        assertTrue(Math.abs(b.value().data()[0] - c.value().data()[0]) > 1e-4, "restarting the moments changes the step");
    }

    @Test
    void aStateThatDoesNotFitIsRefusedNamingItAndChangesNothing() {
        Parameter w = weights(1f, 2f);
        AdamW adam = AdamW.builder(List.of(w)).learningRate(0.1f).build();
        step(adam, w);
        float[] m = adam.state(w).get("firstMoment").data();

        Map<Parameter, Map<String, Tensor>> wrongShape = new IdentityHashMap<>();
        wrongShape.put(w, Map.of("firstMoment", Tensor.zeros(3), "secondMoment", Tensor.zeros(2)));
        var e = assertThrows(IllegalArgumentException.class, () -> adam.restore(9, wrongShape));
        assertEquals("the saved firstMoment of w has shape [3] but the parameter has [2]", e.getMessage());

        Map<Parameter, Map<String, Tensor>> notFinite = new IdentityHashMap<>();
        notFinite.put(w, Map.of("firstMoment", Tensor.zeros(2), "secondMoment", Tensor.vector(1f, Float.NaN)));
        e = assertThrows(IllegalArgumentException.class, () -> adam.restore(9, notFinite));
        assertEquals("the saved secondMoment of w holds NaN at flat position 1; expected finite numbers", e.getMessage());

        Map<Parameter, Map<String, Tensor>> momentumState = new IdentityHashMap<>();
        momentumState.put(w, Map.of("velocity", Tensor.zeros(2)));
        e = assertThrows(IllegalArgumentException.class, () -> adam.restore(9, momentumState));
        assertTrue(e.getMessage().startsWith("the saved state of w holds [velocity] but AdamW keeps [firstMoment, secondMoment]"), e.getMessage());

        assertEquals(1, adam.steps(), "nothing changed");
        assertArrayEquals(m, adam.state(w).get("firstMoment").data());
    }
}
