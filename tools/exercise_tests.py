"""The exercises' grading tests, run by ./glassbox test (and on their own while authoring).

    python tools/exercise_tests.py [--out DIR] [--fakes NB...]

1. drift: nbgrader's ClearSolutions on the solutions gives back notebooks/ exactly (exercises.py verify);
2. one grading run (tools/grade.py, grading mode, the kernel's heap limit) over
   - the student "solutions" — what `./glassbox solutions` writes — for every notebook with exercises,
     with each deliberately wrong answer ("//// wrong:" lines of exercises/solutions/) tried first in
     extra cells, so one kernel run per chapter proves both: every check passes, and every wrong
     answer fails with its hint;
   - the fake students of the --fakes notebooks (default 00-welcome): all-right, half-right,
     untouched, and one whose answers loop forever, call System.exit(0) and do not compile;
3. asserts every status, count and hint; prints 'exercise tests: ok' or each failure.
"""
import argparse
import copy
import csv
import subprocess
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercises  # noqa: E402  (tools/exercises.py)

ROOT = exercises.ROOT
WRONG_MARK = "glassbox_wrong_attempt"


def with_wrong_attempts(solved, stubbed, solutions):
    """The solved notebook with, before each answer that has a wrong line, that wrong answer and a copy
    of its check (plain cells, not graded), so the wrong answer is checked first."""
    nb = copy.deepcopy(solved)
    wrong_nb = exercises.fill(stubbed, solutions, "wrong", lambda s: s.wrong_code() if s.wrong else s.code())
    wrong_by_id = {g: c for _, c, g in exercises.answer_cells(wrong_nb)}
    cells = []
    for index, cell in enumerate(nb.cells):
        grade_id = exercises.nbgrader_id(cell)
        solution = solutions.get(grade_id)
        if solution is not None and solution.wrong and exercises.is_answer(cell):
            check = next(c for c in nb.cells[index + 1:] if exercises.nbgrader_id(c) == "check" + grade_id[6:])
            attempt = nbformat.v4.new_code_cell(wrong_by_id[grade_id].source)
            attempt_check = nbformat.v4.new_code_cell(check.source)
            attempt_check.metadata[WRONG_MARK] = {"grade_id": grade_id, "hint": solution.wrong_hint or ""}
            cells += [attempt, attempt_check]
        cells.append(cell)
    nb.cells = cells
    return nb


def stream_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "target" / "exercise-tests")
    parser.add_argument("--fakes", nargs="*", default=["00-welcome"])
    parser.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell for the fake students")
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at the same time")
    parser.add_argument("--solutions-cell-timeout", type=int, default=300, help="seconds per cell for the solutions")
    args = parser.parse_args()
    started = time.monotonic()
    failures = []

    # 1. drift
    if exercises.verify(exercises.notebooks_of([])) != 0:
        failures.append("notebooks/ and exercises/solutions/ are out of sync (see above)")

    # 2. the submissions
    out = args.out
    subprocess.run(["rm", "-rf", str(out)], check=True)
    solutions_dir = out / "submissions" / "solutions"
    exercises.write_filled(solutions_dir, exercises.notebooks_of([]), wrong=False)
    graded_notebooks, wrong_attempts = [], 0
    for path in exercises.notebooks_of([]):
        stubbed = nbformat.read(path, as_version=4)
        if not exercises.answer_cells(stubbed):
            (solutions_dir / path.name).unlink()  # nothing to grade
            continue
        solutions = exercises.read_solutions(exercises.solution_file(path))
        solved = nbformat.read(solutions_dir / path.name, as_version=4)
        nbformat.write(with_wrong_attempts(solved, stubbed, solutions), solutions_dir / path.name)
        graded_notebooks.append(path.stem)
        wrong_attempts += sum(1 for s in solutions.values() if s.wrong)
    expected = {}  # (student, notebook) -> list of statuses, or None for "all passed"
    for name in graded_notebooks:
        expected[("solutions", name)] = None
    fake_dir = out / "submissions" / "fakes"
    for name in args.fakes:
        path = ROOT / "notebooks" / (name + ".ipynb")
        exercises.write_fakes(fake_dir, path)
        n = len(exercises.answer_cells(nbformat.read(path, as_version=4)))
        expected[("all-right", name)] = ["passed"] * n
        expected[("half-right", name)] = ["passed"] * (n // 2) + ["not attempted"] * (n - n // 2)
        expected[("untouched", name)] = ["not attempted"] * n
        expected[("misbehaving", name)] = ["failed"] * 3 + ["passed"] * (n - 3)

    # two runs: the solutions at the notebook step's time limit per cell (a chapter's training cell must
    # not be cut short on a busy machine), the fake students at --cell-timeout (the looping answer)
    grades_dir = out / "grades"
    runs = [(solutions_dir, grades_dir / "solutions-run", args.solutions_cell_timeout, 1200)]
    if args.fakes:
        runs.append((fake_dir, grades_dir / "fakes-run", args.cell_timeout, 300))
    rows = []
    for submitted, graded, cell_timeout, notebook_timeout in runs:
        result = subprocess.run([sys.executable, str(ROOT / "tools" / "grade.py"), "--out", str(graded),
                                 "--cell-timeout", str(cell_timeout), "--notebook-timeout", str(notebook_timeout),
                                 "--jobs", str(args.jobs), str(submitted)])
        if result.returncode != 0:
            failures.append(f"./glassbox grade {submitted} exited with {result.returncode}")
        if (graded / "grades.csv").is_file():
            rows += list(csv.DictReader(open(graded / "grades.csv", encoding="utf-8")))

    # 3. assertions
    for (student, name), statuses in expected.items():
        got = [r for r in rows if r["student"] == student and r["notebook"] == name]
        if not got:
            failures.append(f"{student}/{name}: not graded")
            continue
        want = statuses or ["passed"] * len(got)
        for row, status in zip(got, want):
            if row["status"] != status:
                failures.append(f"{student}/{name} {row['exercise']}: {row['status']}, expected {status} "
                                f"({row['detail']})")
            if (row["points"] == row["max_points"]) != (status == "passed"):
                failures.append(f"{student}/{name} {row['exercise']}: {row['points']} points for {row['status']}")
        if len(got) != len(want):
            failures.append(f"{student}/{name}: {len(got)} exercises graded, expected {len(want)}")
    for name in args.fakes:
        details = [r["detail"] for r in rows if r["student"] == "misbehaving" and r["notebook"] == name]
        for fragment, detail in zip(["cell time limit", "kernel died", "did not compile"], details):
            if fragment not in detail:
                failures.append(f"misbehaving/{name}: '{detail}' does not say '{fragment}'")
    checked_wrong = 0
    for name in graded_notebooks:
        executed = grades_dir / "solutions-run" / "solutions" / (name + ".ipynb")
        if not executed.is_file():
            continue
        for cell in nbformat.read(executed, as_version=4).cells:
            mark = cell.get("metadata", {}).get(WRONG_MARK)
            if not mark:
                continue
            checked_wrong += 1
            lines = [l for l in stream_text(cell).splitlines() if l.startswith(("✓", "✗", "○"))]
            line = lines[-1] if lines else "(no check line)"
            if not line.startswith("✗") or mark["hint"] not in line:
                failures.append(f"{name}: the wrong answer of {mark['grade_id']} printed '{line}', expected ✗ "
                                f"with a hint containing '{mark['hint']}'")
    if checked_wrong != wrong_attempts:
        failures.append(f"{checked_wrong} wrong answers were checked, expected {wrong_attempts}")

    elapsed = time.monotonic() - started
    if failures:
        for failure in failures:
            print(f"FAIL {failure}")
        print(f"exercise tests: {len(failures)} failure(s) ({elapsed:.0f} s)")
        return 1
    passed = sum(r["status"] == "passed" for r in rows if r["student"] == "solutions")
    print(f"exercise tests: ok — solutions of {len(graded_notebooks)} notebook(s) {passed} of {passed} passed; "
          f"{checked_wrong} wrong answers failed with their hints; fake students of "
          f"{', '.join(args.fakes) or 'no notebook'} as expected ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
