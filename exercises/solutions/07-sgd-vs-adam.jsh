// Solutions of notebooks/07-sgd-vs-adam.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-07-1
return bowl.descend(ps -> Sgd.builder(ps).learningRate(0.085f).build()).from(-1, 0.2).steps(60).finalDistance();

//// answer-07-2
return bowl.descend(ps -> Momentum.builder(ps).learningRate(0.07f).momentum(0f).build()).from(-1, 0.2).steps(60).finalDistance();

//// answer-07-3
double peak = 3e-3, floor = 3e-4;
double step9 = peak * (9 + 1) / 20;
double step20 = floor + 0.5 * (1 + Math.cos(0)) * (peak - floor);
double step110 = floor + 0.5 * (1 + Math.cos(Math.PI * (110 - 20) / 180.0)) * (peak - floor);
return new double[] {step9, step20, step110, floor};

//// answer-07-4
float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f, learningRate = 0.1f;
float[] w = start.clone(), m = new float[w.length], v = new float[w.length];
for (int t = 1; t <= gradients.length; t++) {
    float[] g = gradients[t - 1];
    float correction1 = (float) (1 - Math.pow(beta1, t)), correction2 = (float) (1 - Math.pow(beta2, t));
    for (int i = 0; i < w.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        float mHat = m[i] / correction1, vHat = v[i] / correction2;
        w[i] -= learningRate * mHat / ((float) Math.sqrt(vHat) + epsilon);
    }
}
return w;
//// wrong: `(float) (1 - Math.pow(beta1, t)), correction2 = (float) (1 - Math.pow(beta2, t))` -> `1f, correction2 = 1f` hint `1 − β₁ᵗ`
