"""The exercises' notebooks: students' copies in notebooks/, solutions in exercises/solutions/.

    python tools/exercises.py solutions OUT_DIR [NB...]  notebooks with every solution filled in, inside
                                                         nbgrader's "// BEGIN SOLUTION" / "// END SOLUTION"
                                                         (nbgrader's source form: generate_assignment on
                                                         them gives back notebooks/)
    python tools/exercises.py wrong OUT_DIR [NB...]      the deliberately wrong submissions: every answer
                                                         with a "//// wrong:" line gets that bug, the
                                                         others their solution
    python tools/exercises.py fakes OUT_DIR NB           four fake students' folders for the grading tests:
                                                         all-right, half-right (the first half of the
                                                         answers), untouched, misbehaving (the first three
                                                         answers loop forever, call System.exit(0), do not
                                                         compile; the rest are right)
    python tools/exercises.py verify [NB...]             fails unless nbgrader's ClearSolutions, run on the
                                                         solutions form, gives back notebooks/ exactly,
                                                         every answer cell has exactly one solution, and
                                                         the cells follow docs/exercises.md (grade ids,
                                                         locked check cells with points, check("NN.n"))

NB defaults to every notebooks/*.ipynb. The solution file of notebooks/NN-name.ipynb is
exercises/solutions/NN-name.jsh (docs/exercises.md describes its format); a notebook without answer
cells needs none.
"""
import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = ROOT / "exercises" / "solutions"
STUB = "return todo();"
BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
SECTION = re.compile(r"^//// (answer-\d\d-\d+)\s*$")
WRONG = re.compile(r"^//// wrong: `(.+?)` -> `(.*?)`(?: hint `(.+)`)?\s*$")


class ExerciseError(Exception):
    """A problem in a notebook or a solution file, said in one sentence."""


class Solution:
    def __init__(self, grade_id, source_file):
        self.grade_id = grade_id
        self.source_file = source_file
        self.lines = []
        self.wrong = None        # (find, replace) making the deliberately wrong answer
        self.wrong_hint = None   # a fragment of the hint the wrong answer must get

    def code(self):
        lines = list(self.lines)
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            raise ExerciseError(f"{self.source_file}: section {self.grade_id} is empty")
        return "\n".join(lines)

    def wrong_code(self):
        find, replace = self.wrong
        code = self.code()
        if find not in code:
            raise ExerciseError(f"{self.source_file}: the wrong line of {self.grade_id} replaces `{find}`, "
                                "which its solution does not contain")
        return code.replace(find, replace)


def solution_file(notebook: Path) -> Path:
    return SOLUTIONS / (notebook.stem + ".jsh")


def read_solutions(path: Path):
    """grade_id -> Solution, in file order."""
    solutions, current = {}, None
    if not path.is_file():
        return solutions
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        section = SECTION.match(line)
        wrong = WRONG.match(line)
        if section:
            current = Solution(section.group(1), path.relative_to(ROOT))
            if current.grade_id in solutions:
                raise ExerciseError(f"{path.name}:{number}: section {current.grade_id} appears twice")
            solutions[current.grade_id] = current
        elif wrong:
            if current is None:
                raise ExerciseError(f"{path.name}:{number}: a wrong line before any section")
            current.wrong = (wrong.group(1), wrong.group(2))
            current.wrong_hint = wrong.group(3)
        elif line.startswith("////"):
            raise ExerciseError(f"{path.name}:{number}: '{line}' is neither '//// answer-NN-n' nor "
                                "'//// wrong: `A` -> `B` hint `C`'")
        elif current is not None:
            current.lines.append(line)
    return solutions


def nbgrader_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_answer(cell):
    return cell.cell_type == "code" and bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def answer_cells(nb):
    """(index, cell, grade_id) of every nbgrader solution cell."""
    return [(index, cell, nbgrader_id(cell)) for index, cell in enumerate(nb.cells) if is_answer(cell)]


def fill(nb, solutions, name, code_of):
    """A copy of nb with the stub line of every answer cell replaced by code_of(solution) in markers."""
    nb = copy.deepcopy(nb)
    used = set()
    for index, cell, grade_id in answer_cells(nb):
        solution = solutions.get(grade_id)
        if solution is None:
            raise ExerciseError(f"{name}: answer cell {grade_id} (cell {index}) has no section "
                                f"'//// {grade_id}' in {solution_file(Path(name)).relative_to(ROOT)}")
        lines = cell.source.split("\n")
        stubs = [i for i, line in enumerate(lines) if line.strip() == STUB]
        if len(stubs) != 1:
            raise ExerciseError(f"{name}: answer cell {grade_id} has {len(stubs)} lines '{STUB}'; it needs "
                                "exactly one, where the solution goes")
        indent = re.match(r"\s*", lines[stubs[0]]).group(0)
        body = [indent + line if line.strip() else "" for line in code_of(solution).split("\n")]
        lines[stubs[0]:stubs[0] + 1] = [indent + BEGIN, *body, indent + END]
        cell.source = "\n".join(lines)
        used.add(grade_id)
    unused = [g for g in solutions if g not in used]
    if unused:
        raise ExerciseError(f"{name}: the solution file has sections without an answer cell: {', '.join(unused)}")
    return nb


def notebooks_of(args):
    return [Path(p).resolve() for p in args] if args else sorted(NOTEBOOKS.glob("*.ipynb"))


def write_filled(out_dir: Path, notebooks, wrong: bool):
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        solutions = read_solutions(solution_file(path))
        if wrong:
            code_of = lambda s: s.wrong_code() if s.wrong else s.code()
        else:
            code_of = Solution.code
        nbformat.write(fill(nb, solutions, path.name, code_of), out_dir / path.name)
    print(f"wrote {len(notebooks)} notebook(s) with {'deliberately wrong answers' if wrong else 'solutions'} "
          f"to {out_dir}")


MISBEHAVING = ["while (true) { }", "System.exit(0);\nreturn todo();", "return todo()  // no semicolon"]


def write_fakes(out_dir: Path, path: Path):
    """The fake students of the grading tests, one folder each, with their copy of one notebook."""
    nb = nbformat.read(path, as_version=4)
    solutions = read_solutions(solution_file(path))
    order = [grade_id for _, _, grade_id in answer_cells(nb)]
    if len(order) < 3:
        raise ExerciseError(f"{path.name} has {len(order)} answer cells; the misbehaving student needs 3")
    half = set(order[:len(order) // 2])
    bad = dict(zip(order, MISBEHAVING))
    students = {
        "all-right": lambda s: s.code(),
        "half-right": lambda s: s.code() if s.grade_id in half else STUB,
        "untouched": lambda s: STUB,
        "misbehaving": lambda s: bad.get(s.grade_id) or s.code(),
    }
    for student, code_of in students.items():
        (out_dir / student).mkdir(parents=True, exist_ok=True)
        nbformat.write(fill(nb, solutions, path.name, code_of), out_dir / student / path.name)
    print(f"wrote {len(students)} fake students with {path.name} to {out_dir}")


def clear_solutions(nb):
    """nbgrader's ClearSolutions with the Java stub of this course (exercises/nbgrader_config.py)."""
    from nbgrader.preprocessors import ClearSolutions
    from traitlets.config import Config, PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "exercises")).load_config()
    nb = copy.deepcopy(nb)
    ClearSolutions(config=Config(config)).preprocess(nb, {})
    return nb


def convention_problems(nb, name):
    """What breaks the cell convention of docs/exercises.md: ids, metadata, the answer/check pairs."""
    found, seen = [], set()
    for index, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if not grade_id:
            continue
        if grade_id in seen:
            found.append(f"{name}: grade_id {grade_id} appears twice")
        seen.add(grade_id)
        if meta.get("solution"):
            if not re.fullmatch(r"answer-\d\d-\d+", grade_id):
                found.append(f"{name}: answer cell {index} has grade_id {grade_id}, expected answer-NN-n")
        elif meta.get("grade"):
            number = re.fullmatch(r"check-(\d\d)-(\d+)", grade_id)
            if not number:
                found.append(f"{name}: check cell {index} has grade_id {grade_id}, expected check-NN-n")
                continue
            exercise = f"{number.group(1)}.{number.group(2)}"
            if f'check("{exercise}"' not in cell.source:
                found.append(f"{name}: check cell {grade_id} does not call check(\"{exercise}\", ...)")
            if not meta.get("locked") or not meta.get("points"):
                found.append(f"{name}: check cell {grade_id} must be locked and have points")
            if "answer" + grade_id[5:] not in seen:
                found.append(f"{name}: check cell {grade_id} has no answer cell answer{grade_id[5:]} before it")
    return found


def verify(notebooks) -> int:
    problems = 0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        wrong = convention_problems(nb, path.name)
        for problem in wrong:
            print(f"FAIL {problem}")
        problems += len(wrong)
        try:
            source = fill(nb, read_solutions(solution_file(path)), path.name, Solution.code)
        except ExerciseError as e:
            print(f"FAIL {e}")
            problems += 1
            continue
        released = clear_solutions(source)
        differing = [i for i, (a, b) in enumerate(zip(nb.cells, released.cells)) if a.source != b.source]
        if len(nb.cells) != len(released.cells) or differing:
            print(f"FAIL {path.name}: nbgrader's ClearSolutions on the solutions does not give back the "
                  f"notebook (cell {differing[0] if differing else len(nb.cells)} differs)")
            problems += 1
        else:
            print(f"ok   {path.name}: {len(answer_cells(nb))} answer cell(s), solutions in sync")
    print(f"exercises: {problems} problem(s)" if problems else f"exercises: {len(notebooks)} notebook(s) in sync")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Students' copies, solutions and wrong answers.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("solutions", "wrong"):
        p = sub.add_parser(name)
        p.add_argument("out", type=Path)
        p.add_argument("notebooks", nargs="*")
    fakes = sub.add_parser("fakes")
    fakes.add_argument("out", type=Path)
    fakes.add_argument("notebook", type=Path)
    sub.add_parser("verify").add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    try:
        if args.command == "verify":
            return verify(notebooks_of(args.notebooks))
        if args.command == "fakes":
            write_fakes(args.out, args.notebook.resolve())
            return 0
        write_filled(args.out, notebooks_of(args.notebooks), wrong=args.command == "wrong")
        return 0
    except ExerciseError as e:
        print(f"exercises: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
