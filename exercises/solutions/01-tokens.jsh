// Solutions of notebooks/01-tokens.ipynb (see docs/exercises.md).
// A section "//// answer-NN-n" holds the code that replaces the line `return todo();` of the answer cell
// with that nbgrader grade_id. A line "//// wrong: `A` -> `B` hint `C`" replaces A by B in that solution
// to make the deliberately wrong submission the tests grade; its check must then fail with a hint containing C.

//// answer-01-1
return qaChars.encode("Q:12+7=?A:19\n").length;

//// answer-01-2
return ByteLevel.encode("模".getBytes(StandardCharsets.UTF_8));

//// answer-01-3
return List.of("aa", "ab");

//// answer-01-4
return (int) Arrays.stream(words.encode("the dog sat")).filter(id -> id == 0).count();

//// answer-01-5
// 1. count every pair of neighbours
Map<List<Integer>, Integer> counts = new HashMap<>();
for (int i = 0; i + 1 < ids.length; i++) counts.merge(List.of(ids[i], ids[i + 1]), 1, Integer::sum);
// 2. the most frequent; ties: lowest left id, then lowest right id
List<Integer> best = null;
for (List<Integer> pair : counts.keySet()) {
    if (best == null) { best = pair; continue; }
    int count = counts.get(pair), bestCount = counts.get(best);
    boolean lower = pair.get(0) < best.get(0) || (pair.get(0).equals(best.get(0)) && pair.get(1) < best.get(1));
    if (count > bestCount || (count == bestCount && lower)) best = pair;
}
// 3. replace it, left to right
int[] merged = new int[ids.length];
int n = 0;
for (int i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] == best.get(0) && ids[i + 1] == best.get(1)) { merged[n++] = newId; i++; }
    else merged[n++] = ids[i];
}
return Arrays.copyOf(merged, n);
//// wrong: `pair.get(0) < best.get(0) ||` -> `pair.get(0) > best.get(0) ||` hint `the tie goes to`
