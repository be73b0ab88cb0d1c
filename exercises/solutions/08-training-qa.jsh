// Solutions of notebooks/08-training-qa.ipynb (see docs/exercises.md).

//// answer-08-1
int count = 0;
for (QaSample s : sums) if (s.answer().length() == 2) count++;
return count;
//// wrong: `== 2` -> `== 1` hint `one-digit answers`

//// answer-08-2
int[] targets = new int[ids.length - 1];
for (int t = 0; t + 1 < ids.length; t++) targets[t] = ids[t + 1];
return targets;
//// wrong: `targets[t] = ids[t + 1]` -> `targets[t] = ids[t]` hint `those are the inputs`

//// answer-08-3
return new int[] {1, 3};
//// wrong: `{1, 3}` -> `{2, 4}` hint `positions of the operands`
