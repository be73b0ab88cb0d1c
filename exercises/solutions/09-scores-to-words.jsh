// Solutions of notebooks/09-scores-to-words.ipynb (see docs/exercises.md).

//// answer-09-1
return Math.exp(6) / (Math.exp(4) + Math.exp(6));
//// wrong: `Math.exp(6) / (Math.exp(4) + Math.exp(6))` -> `6.0 / (4 + 6)` hint `division by the sum`

//// answer-09-2
return 2 / Math.log(1.5);
//// wrong: `2 / Math.log(1.5)` -> `Math.log(1.5) / 2` hint `flatter`

//// answer-09-3
Integer[] order = new Integer[probabilities.length];
for (int i = 0; i < order.length; i++) order[i] = i;
Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));   // most likely first
float[] kept = new float[probabilities.length];
double sum = 0;
for (int token : order) {
    kept[token] = probabilities[token];
    sum += probabilities[token];
    if (sum >= p - 1e-6) break;
}
for (int i = 0; i < kept.length; i++) kept[i] /= sum;
return kept;
//// wrong: `if (sum >= p - 1e-6) break;` -> `if (sum + probabilities[token] >= p) break;` hint `too few`

//// answer-09-4
return 100L * 101 / 2;
//// wrong: `100L * 101 / 2` -> `100L` hint `one position per token`
