// Solutions of notebooks/11-what-the-model-knows.ipynb (see docs/exercises.md).

//// answer-11-1
return 12L * 12 * 1024 * 1024;
//// wrong: `12L * 12 * 1024 * 1024` -> `12L * 12 * 1024` hint `T² weights`

//// answer-11-2
int best = 0;
for (int key = 1; key < weights.dim(2); key++) {
    if (weights.get(0, query, key) > weights.get(0, query, best)) best = key;
}
return best;
//// wrong: `weights.get(0, query, key) > weights.get(0, query, best)` -> `weights.get(0, key, query) > weights.get(0, best, query)` hint `read row`

//// answer-11-3
CausalSelfAttention block0 = model.blocks().get(0).attention();
model.forward(new int[][] {chars.encode("Q:colour of snow?A:")});
Tensor snowKeys = block0.internals().key().copy();
model.forward(new int[][] {chars.encode("Q:capital of Peru?A:")});
Tensor peruKeys = block0.internals().key();
int t = 0;
while (Stats.maxDifferenceAt(snowKeys, peruKeys, t) == 0) t++;
return t;
//// wrong: `return t;` -> `return t + 1;` hint `count from 0`
