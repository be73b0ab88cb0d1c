// Solutions of notebooks/03-attention.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-03-1
float score = 0;
for (int c = 0; c < 4; c++) score += q[cat][c] * k[0][c];   // row cat of q, row the of k
return new float[] {score, score / (float) Math.sqrt(4)};

//// answer-03-2
return Softmax.of(scores[sat])[cat];   // the unscaled scores of row sat

//// answer-03-3
float[][] x2 = {x[0], x[1], {0, 0, 0, 4}};
float[][] q2 = matmul(x2, Wq), k2 = matmul(x2, Wk);
float[] row = new float[sat + 1];        // causal: sat sees the, cat and itself
for (int j = 0; j <= sat; j++) {
    for (int c = 0; c < 4; c++) row[j] += q2[sat][c] * k2[j][c];
    row[j] /= (float) Math.sqrt(4);
}
return Softmax.of(row)[cat];

//// answer-03-4
return new int[] {1, 2, 3, 6};

//// answer-03-5
int d = q[0].length;
float[] scores = new float[t + 1];
float max = Float.NEGATIVE_INFINITY;
for (int j = 0; j <= t; j++) {
    for (int c = 0; c < d; c++) scores[j] += q[t][c] * k[j][c];
    scores[j] /= (float) Math.sqrt(d);
    max = Math.max(max, scores[j]);
}
float[] weights = new float[k.length];   // entries after t stay 0: the mask
float sum = 0;
for (int j = 0; j <= t; j++) {
    weights[j] = (float) Math.exp(scores[j] - max);
    sum += weights[j];
}
for (int j = 0; j <= t; j++) weights[j] /= sum;
return weights;
//// wrong: `Math.exp(scores[j] - max)` -> `Math.exp(scores[j])` hint `subtract the row's largest score`
