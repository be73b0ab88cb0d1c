package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import dev.glassbox.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first steps of every optimizer against numbers worked out by hand (in double precision;
 * the optimizers work in float, hence the tolerances).
 */
class OptimizerStepsTest {
    private static final float TOL = 1e-6f;

    static Parameter param(String name, boolean decays, float... values) {
        return new Parameter(name, Tensor.vector(values), decays);
    }

    static void setGrad(Parameter p, float... g) {
        System.arraycopy(g, 0, p.grad().data(), 0, g.length);
    }

    /** The gradient of f(w) = ½ Σ w², which is w itself. */
    static void gradientOfHalfSquare(Parameter p) {
        System.arraycopy(p.value().data(), 0, p.grad().data(), 0, p.size());
    }

    @Test
    void sgdStepsAreWMinusLrTimesG() {
        // f = ½ Σ w², g = w, η = 0.1  ⇒  w ← w − 0.1·w = 0.9·w
        Parameter w = param("w", true, 1f, -2f);
        Sgd sgd = new Sgd(List.of(w), 0.1f);
        float[][] expected = {{0.9f, -1.8f}, {0.81f, -1.62f}, {0.729f, -1.458f}};
        for (float[] after : expected) {
            sgd.zeroGrad();
            gradientOfHalfSquare(w);
            sgd.step();
            assertArrayEquals(after, w.value().data(), TOL);
        }
        assertEquals(3, sgd.steps());
        assertEquals(0, sgd.state(w).size(), "plain SGD keeps no memory");
    }

    @Test
    void momentumFirstThreeSteps() {
        // g = w, η = 0.1, μ = 0.9, v₀ = 0, w₀ = 1
        // 1: g = 1      v = 0.9·0 + 1 = 1             w = 1 − 0.1·1 = 0.9
        // 2: g = 0.9    v = 0.9·1 + 0.9 = 1.8         w = 0.9 − 0.18 = 0.72
        // 3: g = 0.72   v = 0.9·1.8 + 0.72 = 2.34     w = 0.72 − 0.234 = 0.486
        Parameter w = param("w", true, 1f);
        Momentum momentum = new Momentum(List.of(w), 0.1f, 0.9f);
        float[] velocities = {1f, 1.8f, 2.34f};
        float[] weights = {0.9f, 0.72f, 0.486f};
        for (int s = 0; s < 3; s++) {
            momentum.zeroGrad();
            gradientOfHalfSquare(w);
            momentum.step();
            assertEquals(velocities[s], momentum.velocity(w).data()[0], TOL, "velocity after step " + (s + 1));
            assertEquals(weights[s], w.value().data()[0], TOL, "weight after step " + (s + 1));
        }
    }

    @Test
    void nesterovFirstThreeSteps() {
        // g = w, η = 0.1, μ = 0.9, direction = g + μ·v (with the new v)
        // 1: g = 1        v = 1                           dir = 1 + 0.9 = 1.9              w = 1 − 0.19 = 0.81
        // 2: g = 0.81     v = 0.9 + 0.81 = 1.71           dir = 0.81 + 1.539 = 2.349       w = 0.81 − 0.2349 = 0.5751
        // 3: g = 0.5751   v = 1.539 + 0.5751 = 2.1141     dir = 0.5751 + 1.90269 = 2.47779 w = 0.5751 − 0.247779 = 0.327321
        Parameter w = param("w", true, 1f);
        Momentum nesterov = new Momentum(List.of(w), 0.1f, 0.9f, true);
        float[] velocities = {1f, 1.71f, 2.1141f};
        float[] weights = {0.81f, 0.5751f, 0.327321f};
        for (int s = 0; s < 3; s++) {
            nesterov.zeroGrad();
            gradientOfHalfSquare(w);
            nesterov.step();
            assertEquals(velocities[s], nesterov.velocity(w).data()[0], TOL, "velocity after step " + (s + 1));
            assertEquals(weights[s], w.value().data()[0], TOL, "weight after step " + (s + 1));
        }
    }

    @Test
    void adamFirstThreeSteps() {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, w₀ = 0.5, gradients 2, −1, 0.5
        // 1: m = 0.1·2 = 0.2               v = 0.001·4 = 0.004
        //    m̂ = 0.2/0.1 = 2               v̂ = 0.004/0.001 = 4           w = 0.5 − 0.1·2/2 = 0.4
        // 2: m = 0.18 − 0.1 = 0.08         v = 0.003996 + 0.001 = 0.004996
        //    m̂ = 0.08/0.19 = 0.4210526     v̂ = 0.004996/0.001999 = 2.4992496
        //    w = 0.4 − 0.1·0.4210526/1.5809015 = 0.3733663
        // 3: m = 0.072 + 0.05 = 0.122      v = 0.004991004 + 0.00025 = 0.005241004
        //    m̂ = 0.122/0.271 = 0.4501845   v̂ = 0.005241004/0.002997001 = 1.7487495
        //    w = 0.3733663 − 0.1·0.4501845/1.3224029 = 0.3393234
        Parameter w = param("w", true, 0.5f);
        Adam adam = new Adam(List.of(w), 0.1f);
        float[] gradients = {2f, -1f, 0.5f};
        float[] firstMoments = {0.2f, 0.08f, 0.122f};
        float[] secondMoments = {0.004f, 0.004996f, 0.005241004f};
        float[] weights = {0.4f, 0.3733663f, 0.3393234f};
        for (int s = 0; s < 3; s++) {
            adam.zeroGrad();
            setGrad(w, gradients[s]);
            adam.step();
            assertEquals(firstMoments[s], adam.firstMoment(w).data()[0], TOL, "m after step " + (s + 1));
            // (1 − β₂) = 0.001 is 0.00099998713 in float: a relative error of 1.3e-5 that v inherits
            assertEquals(secondMoments[s], adam.secondMoment(w).data()[0], 2e-5f * secondMoments[s], "v after step " + (s + 1));
            assertEquals(weights[s], w.value().data()[0], TOL, "w after step " + (s + 1));
        }
        assertEquals(List.of("firstMoment", "secondMoment"), List.copyOf(adam.state(w).keySet()));
    }

    @Test
    void adamWDecaysMatricesButNotBiasesOrGains() {
        // Same gradients as adamFirstThreeSteps, λ = 0.1: before each Adam step w ← w − 0.1·0.1·w
        // 1: 0.5 − 0.005 = 0.495,        then − 0.1                       = 0.395
        // 2: 0.395 − 0.00395 = 0.39105,  then − 0.0266337 (as in Adam)    = 0.3644163
        // 3: 0.3644163 − 0.0036442 = 0.3607721, then − 0.0340429          = 0.3267292
        // The bias (decays() == false) follows plain Adam exactly: 0.4, 0.3733663, 0.3393234.
        Parameter matrix = param("h.0.mlp.c_fc.weight", true, 0.5f);
        Parameter bias = param("h.0.mlp.c_fc.bias", false, 0.5f);
        AdamW adamW = new AdamW(List.of(matrix, bias), 0.1f, 0.1f);
        float[] gradients = {2f, -1f, 0.5f};
        float[] decayed = {0.395f, 0.3644163f, 0.3267292f};
        float[] notDecayed = {0.4f, 0.3733663f, 0.3393234f};
        for (int s = 0; s < 3; s++) {
            adamW.zeroGrad();
            setGrad(matrix, gradients[s]);
            setGrad(bias, gradients[s]);
            adamW.step();
            assertEquals(decayed[s], matrix.value().data()[0], TOL, "matrix after step " + (s + 1));
            assertEquals(notDecayed[s], bias.value().data()[0], TOL, "bias after step " + (s + 1));
        }
    }

    @Test
    void adamWithoutDecayEqualsAdam() {
        Parameter a = param("a", true, 0.3f, -0.7f, 2f);
        Parameter b = param("b", true, 0.3f, -0.7f, 2f);
        Adam adam = new Adam(List.of(a), 0.05f);
        AdamW adamW = new AdamW(List.of(b), 0.05f, 0f);
        for (int s = 0; s < 5; s++) {
            gradientOfHalfSquare(a);
            gradientOfHalfSquare(b);
            adam.step();
            adamW.step();
        }
        assertArrayEquals(a.value().data(), b.value().data(), 0f);
    }

    @Test
    void adamBiasCorrectionMakesTheFirstStepLrTimesSignOfG() {
        // m̂₁ = g and v̂₁ = g², so Δw = −η·g/(|g| + ε) ≈ −η·sign(g), whatever the scale of g.
        // Without the correction the first step would be η·0.1·g/(√0.001·|g|) ≈ 3.16·η.
        float lr = 0.01f;
        float[] g = {1e-3f, 1f, 1e3f, -5f, -2e-2f};
        Parameter w = param("w", true, new float[g.length]);
        Adam adam = new Adam(List.of(w), lr);
        setGrad(w, g);
        adam.step();
        for (int i = 0; i < g.length; i++) {
            assertEquals(-lr * Math.signum(g[i]), w.value().data()[i], lr * 1e-4, "weight " + i + " with g = " + g[i]);
        }
    }

    @Test
    void adamBiasCorrectionKeepsAConstantGradientsStepAtLr() {
        // For a constant g: m_t = (1 − β₁ᵗ)·g and v_t = (1 − β₂ᵗ)·g², so m̂ = g and v̂ = g² at every
        // step t and each step moves w by exactly η. The uncorrected ratio m/√v would instead
        // start at 3.16 and drift to 1 over thousands of steps.
        float lr = 0.01f;
        Parameter w = param("w", true, 0f);
        Adam adam = new Adam(List.of(w), lr);
        for (int t = 1; t <= 20; t++) {
            float before = w.value().data()[0];
            setGrad(w, 7.5f);
            adam.step();
            assertEquals(-lr, w.value().data()[0] - before, 1e-6, "step " + t);
            double uncorrected = lr * adam.firstMoment(w).data()[0] / Math.sqrt(adam.secondMoment(w).data()[0]);
            assertEquals(lr * (1 - Math.pow(0.9, t)) / Math.sqrt(1 - Math.pow(0.999, t)), uncorrected, 1e-5,
                    "the moments themselves are the biased running means, step " + t);
        }
    }

    @Test
    void stateIsACopyThatDoesNotChangeTheOptimizer() {
        Parameter w = param("w", true, 1f);
        Momentum momentum = new Momentum(List.of(w), 0.1f, 0.9f);
        setGrad(w, 1f);
        momentum.step();
        momentum.velocity(w).data()[0] = 100f;
        momentum.state(w).get("velocity").data()[0] = 100f;
        assertEquals(1f, momentum.velocity(w).data()[0]);
    }

    @Test
    void learningRateCanBeChangedBetweenSteps() {
        Parameter w = param("w", true, 1f);
        Sgd sgd = new Sgd(List.of(w), 0.1f);
        setGrad(w, 1f);
        sgd.step();                      // 1 − 0.1 = 0.9
        sgd.setLearningRate(0.5f);
        sgd.step();                      // 0.9 − 0.5 = 0.4
        assertEquals(0.4f, w.value().data()[0], TOL);
        assertEquals(0.5f, sgd.learningRate());
    }
}
