// Solutions of notebooks/00-welcome.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-00-1
Tensor t = Tensor.zeros(2, 3);
for (int r = 0; r < 2; r++) {
    for (int c = 0; c < 3; c++) {
        t.set(10 * r + c, r, c);
    }
}
return t;
//// wrong: `t.set(10 * r + c, r, c)` -> `t.set(10 * c + r, r, c)` hint `swapped`

//// answer-00-2
return -Math.log(1.0 / 50257);
//// wrong: `Math.log(` -> `Math.log10(` hint `base 10`

//// answer-00-3
double[][] mask = new double[n][n];
for (int row = 0; row < n; row++) {
    for (int column = 0; column < n; column++) {
        mask[row][column] = (!causal || column <= row) ? 1 : 0;
    }
}
return mask;
//// wrong: `column <= row` -> `column < row` hint `the diagonal holds 1`

//// answer-00-4
return 0;
//// wrong: `return 0;` -> `return 2;` hint `the index you wrote`
