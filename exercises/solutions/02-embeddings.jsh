// Solutions of notebooks/02-embeddings.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-02-1
return W.get(cat, 4);

//// answer-02-2
return x.get(1, 1, 2);

//// answer-02-3
return new long[] {50257L * 768, 768};

//// answer-02-4
double angle = 1 / Math.pow(10000, 0.0 / 32);   // t = 1, channel pair i = 0
return new double[] {Math.sin(angle), Math.cos(angle)};

//// answer-02-5
float[] oneHot = new float[table.length];
oneHot[id] = 1;
float[] out = new float[table[0].length];
for (int v = 0; v < table.length; v++) {
    for (int c = 0; c < out.length; c++) out[c] += oneHot[v] * table[v][c];
}
return out;
//// wrong: `oneHot[id] = 1;` -> `oneHot[id] = 2;` hint `a single 1`
