// Solutions of notebooks/04-why-sqrt-dk.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-04-1
return Math.sqrt(100);   // q·k is a sum of 100 products of variance 1: variance 100

//// answer-04-2
return Math.exp(1) / (Math.exp(1) + 3 * Math.exp(-1));   // one key at cosine 1, the three others at −1

//// answer-04-3
double entropy = -0.9 * Math.log(0.9);
for (int j = 0; j < 15; j++) entropy -= 0.1 / 15 * Math.log(0.1 / 15);
return entropy;

//// answer-04-4
int dk = query.length;
float[] weights = new float[keys.length];
float largest = Float.NEGATIVE_INFINITY;
for (int j = 0; j < keys.length; j++) {
    float dot = 0;
    for (int c = 0; c < dk; c++) dot += query[c] * keys[j][c];
    weights[j] = dot / (float) Math.sqrt(dk);
    largest = Math.max(largest, weights[j]);
}
float sum = 0;
for (int j = 0; j < keys.length; j++) {
    weights[j] = (float) Math.exp(weights[j] - largest);
    sum += weights[j];
}
for (int j = 0; j < keys.length; j++) weights[j] /= sum;
return weights;
//// wrong: `dot / (float) Math.sqrt(dk)` -> `dot / dk` hint `divided by d_k`
