// Solutions of notebooks/06-backprop.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-06-1
Value a3 = new Value(2), b3 = new Value(-3), c3 = new Value(10), f3 = new Value(3);
Value loss = a3.mul(b3).add(c3).mul(f3);
loss.backward();
return a3.grad();   // f · b = 3 · (−3)

//// answer-06-2
return Loss.crossEntropyBackward(Tensor.of(new float[] {4f, 6f}, 1, 2), new int[] {0});

//// answer-06-3
double epsilon = 1e-4;
return (Math.tanh(0.5 + epsilon) - Math.tanh(0.5 - epsilon)) / (2 * epsilon);

//// answer-06-4
float largest = Float.NEGATIVE_INFINITY;
for (float s : scores) largest = Math.max(largest, s);
float[] gradient = new float[scores.length];
float sum = 0;
for (int i = 0; i < scores.length; i++) {
    gradient[i] = (float) Math.exp(scores[i] - largest);
    sum += gradient[i];
}
for (int i = 0; i < scores.length; i++) gradient[i] /= sum;   // p = softmax(scores)
gradient[target] -= 1;                                        // p − onehot
return gradient;
//// wrong: `gradient[target] -= 1;` -> `gradient[target] -= 0;` hint `probabilities`

//// answer-06-5
return 2 * gptParameters(50257, 1024, 1024, 24);
