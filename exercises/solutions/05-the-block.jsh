// Solutions of notebooks/05-the-block.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-05-1
return new LayerNorm("ln", 3).forward(Tensor.of(new float[] {15f, 2f, 63f}, 1, 3));

//// answer-05-2
double x = 1;
return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

//// answer-05-3
long vocabulary = 65, context = 128, width = 256, layers = 6;
return vocabulary * width + context * width + layers * (12 * width * width + 13 * width) + 2 * width;

//// answer-05-4
int n = x.length;
float mean = 0;
for (float v : x) mean += v / n;
float variance = 0;
for (float v : x) variance += (v - mean) * (v - mean) / n;
float[] y = new float[n];
for (int c = 0; c < n; c++) y[c] = (x[c] - mean) / (float) Math.sqrt(variance + 1e-5f) * weight[c] + bias[c];
return y;
//// wrong: `(v - mean) * (v - mean) / n` -> `(v - mean) * (v - mean) / (n - 1)` hint `n − 1`
