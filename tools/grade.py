"""Grades students' notebooks on the Java kernel with nbgrader's Execute preprocessor and grading rules.

    python tools/grade.py [--out DIR] [--cell-timeout S] [--notebook-timeout S] [--jobs N] PATH...

PATH is a submitted notebook (the student is the name of its folder), a folder of one student's
notebooks, or a folder of such folders (one per student). A notebook is matched to the course's
notebooks/ by its file name. For each submission:

1. the locked cells (the check cells) are put back from notebooks/, by nbgrader grade_id, as
   nbgrader's OverwriteCells does, so a student cannot pass by editing a check;
2. the notebook runs in a fresh "java" kernel (its own JVM, at the kernel's 768 MB heap) in a
   child process, with GLASSBOX_GRADING=1 so a wrong or missing answer raises in its check cell,
   through nbgrader's Execute preprocessor: errors do not stop it, a cell running longer than
   --cell-timeout is interrupted, and the notebook gets --notebook-timeout seconds in all;
3. each check cell is scored with nbgrader's determine_grade (full points unless the cell raised)
   and its status read from the line it printed (✓ passed, ✗ failed, ○ not attempted).

A kernel that dies (System.exit, a crash) costs the cell that killed it: the notebook runs again
with that cell left out. A notebook that overruns its time limit costs the checks not reached.

Writes DIR/grades.csv (student, notebook, exercise, status, points, max_points, detail) and the
executed notebooks to DIR/<student>/, and prints one line per submission:
    alice/03-attention: 2 passed, 1 failed, 1 not attempted (of 4)
Why not `nbgrader autograde`: it needs a course directory and a gradebook database, loses every
result of a notebook whose kernel dies, and has no time limit per notebook; its preprocessors
(Execute, the grading rule, the config) are what is used here.
"""
import argparse
import copy
import csv
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
STATUS = {"✓": "passed", "✗": "failed", "○": "not attempted"}


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def check_cells(nb):
    """(index, cell) of every graded code cell that is not a solution cell: the check cells."""
    return [(i, c) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]


def exercise_id(cell):
    """"03.1" from a check cell's check("03.1", ...) call, else its grade id."""
    source = cell.source
    start = source.find('check("')
    if start >= 0:
        end = source.find('"', start + 7)
        if end > start:
            return source[start + 7:end]
    return nbgrader_meta(cell).get("grade_id", "?")


def restore_locked_cells(submitted, released):
    """Puts back every locked cell of the released notebook by grade id (nbgrader's OverwriteCells)."""
    nb = copy.deepcopy(submitted)
    by_id = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id")}
    for cell in released.cells:
        meta = nbgrader_meta(cell)
        if not meta.get("grade_id") or not (meta.get("locked") or meta.get("grade")) or meta.get("solution"):
            continue
        fresh = copy.deepcopy(cell)
        if fresh.cell_type == "code":
            fresh.outputs, fresh.execution_count = [], None
        if meta["grade_id"] in by_id:
            nb.cells[by_id[meta["grade_id"]]] = fresh
        else:  # the student deleted it: add it at the end, so the exercise is still graded
            nb.cells.append(fresh)
    for cell in nb.cells:  # a submission is graded from scratch
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata["kernelspec"] = released.metadata["kernelspec"]
    return nb


# ---------------------------------------------------------------- the child: runs one notebook

def run_one(graded_path: Path, executed_path: Path, cell_timeout: int, notebook_timeout: int) -> int:
    """Executes the notebook (in place of a kernel per attempt) and writes the executed copy."""
    from nbgrader.preprocessors import Execute

    deadline = time.monotonic() + notebook_timeout
    notes = {}  # cell index -> why it has no result

    class TimedExecute(Execute):
        current = None

        def preprocess_cell(self, cell, resources, index):
            self.current = index
            if cell.cell_type != "code" or index in notes:
                return cell, resources
            if time.monotonic() >= deadline:
                notes[index] = f"the notebook's time limit ({notebook_timeout} s) was reached before this cell ran"
                return cell, resources
            return super().preprocess_cell(cell, resources, index)

    nb = nbformat.read(graded_path, as_version=4)
    original = copy.deepcopy(nb)
    for attempt in range(3):
        run = copy.deepcopy(original)
        for index in notes:  # leave out the cells that killed the kernel
            if index >= 0:
                run.cells[index].source = ""
        executor = TimedExecute(
            timeout=cell_timeout,
            timeout_func=lambda cell: max(1, min(cell_timeout, int(deadline - time.monotonic()) + 1)),
            kernel_name="java",
            startup_timeout=120,
        )
        try:
            executor.preprocess(run, {"metadata": {"path": str(graded_path.parent)}})
            break
        except Exception as e:  # DeadKernelError and the like: that cell is lost, the others run again
            index = executor.current
            if index is None or index in notes:
                notes.setdefault(-1, f"the kernel could not run the notebook: {type(e).__name__}: {e}")
                break
            notes[index] = f"the kernel died in this cell ({type(e).__name__}; System.exit or a crash)"
            if time.monotonic() >= deadline:
                break
    run.metadata["glassbox_grading_notes"] = {str(k): v for k, v in notes.items()}
    nbformat.write(run, executed_path)
    return 0


# ---------------------------------------------------------------- the parent: collects, runs, reports

def submissions(paths):
    """(student, notebook path) for every PATH: a notebook, a student's folder, or a folder of folders."""
    found = []
    for path in paths:
        path = Path(path)
        if path.is_file():
            found.append((path.resolve().parent.name, path))
        elif path.is_dir():
            own = sorted(path.glob("*.ipynb"))
            if own:
                found += [(path.resolve().name, p) for p in own]
            else:
                for student in sorted(p for p in path.iterdir() if p.is_dir()):
                    found += [(student.name, p) for p in sorted(student.glob("*.ipynb"))]
        else:
            raise SystemExit(f"grade: {path}: no such notebook or folder")
    return found


def grade_one(student, path, out_dir, cell_timeout, notebook_timeout):
    """Rows (student, notebook, exercise, status, points, max_points, detail) of one submission."""
    released_path = NOTEBOOKS / path.name
    name = path.stem
    if not released_path.is_file():
        print(f"{student}/{name}: skipped, not a notebook of this course (no notebooks/{path.name})", flush=True)
        return []
    released = nbformat.read(released_path, as_version=4)
    checks = check_cells(released)
    try:
        submitted = nbformat.read(path, as_version=4)
    except Exception as e:
        submitted = None
        problem = f"the submission is not a readable notebook: {e}"
    student_dir = out_dir / student
    student_dir.mkdir(parents=True, exist_ok=True)
    graded_path = student_dir / (name + ".submitted.ipynb")
    executed_path = student_dir / path.name
    executed = None
    if submitted is not None:
        nbformat.write(restore_locked_cells(submitted, released), graded_path)
        env = dict(os.environ, GLASSBOX_GRADING="1")
        command = [sys.executable, __file__, "--run-one", str(graded_path), str(executed_path),
                   "--cell-timeout", str(cell_timeout), "--notebook-timeout", str(notebook_timeout)]
        executed_path.unlink(missing_ok=True)
        try:
            with open(student_dir / (name + ".log"), "w", encoding="utf-8") as log:
                subprocess.run(command, env=env, stdout=log, stderr=log, timeout=notebook_timeout + 180,
                               start_new_session=True)
        except subprocess.TimeoutExpired:
            pass
        if executed_path.is_file():
            executed = nbformat.read(executed_path, as_version=4)
            problem = None
        else:
            problem = "grading this notebook did not finish (see " + str(student_dir / (name + ".log")) + ")"
        graded_path.unlink(missing_ok=True)
    return rows_of(student, name, checks, executed, problem, cell_timeout)


def rows_of(student, name, checks, executed, problem, cell_timeout):
    from nbgrader.utils import determine_grade

    notes = executed.metadata.get("glassbox_grading_notes", {}) if executed else {}
    by_id = {}
    if executed is not None:
        for index, cell in check_cells(executed):
            by_id[nbgrader_meta(cell)["grade_id"]] = (index, cell)
    rows = []
    for _, released_cell in checks:
        grade_id = nbgrader_meta(released_cell)["grade_id"]
        exercise = exercise_id(released_cell)
        max_points = float(nbgrader_meta(released_cell).get("points", 0))
        status, points, detail = "failed", 0.0, problem or "the check cell did not run"
        if grade_id in by_id:
            index, cell = by_id[grade_id]
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", [])
                      if o.get("output_type") == "error"]
            lines = [l for l in text.splitlines() if l[:1] in STATUS]
            awarded, _ = determine_grade(cell)
            points = float(awarded or 0)
            if str(index) in notes:
                detail = notes[str(index)]
            elif lines:
                status, detail = STATUS[lines[-1][0]], lines[-1]
                if status == "passed" and points < max_points:
                    status, detail = "failed", lines[-1] + " (but the cell raised or wrote to stderr)"
            elif errors and errors[0].startswith("CompilationException"):
                detail = ("the check did not compile: the answer cell above has an error or was deleted ("
                          + errors[0].splitlines()[0][:200] + ")")
            elif errors and errors[0].startswith(("EvaluationInterruptedException", "CellTimeoutError")):
                detail = f"the check ran longer than the cell time limit ({cell_timeout} s) and was stopped"
            elif errors:
                detail = "the check cell raised " + errors[0].splitlines()[0][:300]
            elif cell.get("outputs") == [] and notes:
                detail = next(iter(notes.values()))
            if status != "passed":
                points = 0.0
        rows.append({"student": student, "notebook": name, "exercise": exercise, "status": status,
                     "points": f"{points:g}", "max_points": f"{max_points:g}", "detail": detail})
    return rows


def report(student, path, rows):
    """The summary line of one graded submission."""
    if rows:
        counts = {s: sum(r["status"] == s for r in rows) for s in STATUS.values()}
        print(f"{student}/{path.stem}: {counts['passed']} passed, {counts['failed']} failed, "
              f"{counts['not attempted']} not attempted (of {len(rows)})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="Grade notebooks with nbgrader on the Java kernel.")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--out", type=Path, default=Path("grades"))
    parser.add_argument("--cell-timeout", type=int, default=int(os.environ.get("GLASSBOX_GRADE_CELL_TIMEOUT", 60)))
    parser.add_argument("--notebook-timeout", type=int,
                        default=int(os.environ.get("GLASSBOX_GRADE_NOTEBOOK_TIMEOUT", 300)))
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at the same time (default 1)")
    parser.add_argument("--run-one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # the "java" kernel of this venv (tools/install_kernel.py), as ./glassbox sets it, also when run directly
    os.environ.setdefault("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    if args.run_one:
        return run_one(args.run_one[0].resolve(), args.run_one[1].resolve(), args.cell_timeout, args.notebook_timeout)
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: give at least 1")
    if not args.paths:
        parser.error("give the submitted notebooks or folders to grade")
    found = submissions(args.paths)
    if not found:
        print("grade: no notebooks found in " + " ".join(args.paths))
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:  # each submission is its own process anyway
        graded = pool.map(lambda found_one: grade_one(*found_one, args.out.resolve(), args.cell_timeout,
                                                      args.notebook_timeout), found)
        results = zip(found, graded)
        for (student, path), one in results:
            report(student, path, one)
            rows += one

    grades = args.out / "grades.csv"
    with open(grades, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["student", "notebook", "exercise", "status", "points",
                                               "max_points", "detail"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {grades} ({len(rows)} rows) and the executed notebooks to {args.out}/<student>/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
