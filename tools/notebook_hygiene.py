"""Keeps committed notebooks clean: no outputs, no execution counts, no timestamps.

    python tools/notebook_hygiene.py check NB.ipynb...   exit 1 and name each problem
    python tools/notebook_hygiene.py clean NB.ipynb...   rewrite the notebooks clean

Executed notebooks belong in target/ (./glassbox lab --headless); the committed ones are the
source: small diffs, no stale numbers, nothing that differs between two runs. The check also
validates the notebook format, requires the "java" kernelspec and a first code cell (the setup
cell), and that binder/requirements.txt carries the same pins as tools/requirements.txt.
"""
import sys
from pathlib import Path

import nbformat

# cell metadata written by JupyterLab / classic Notebook / extensions when cells run
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled", "jupyter_timing")
VOLATILE_NOTEBOOK_METADATA = ("widgets", "toc", "varInspector")
ROOT = Path(__file__).resolve().parent.parent


def problems_of(path: Path):
    found = []
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as e:  # unreadable or invalid JSON/schema
        return [f"not a valid notebook: {e}"]
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "java":
        found.append(f"kernelspec is {kernel!r}, expected 'java'")
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    if not code_cells:
        found.append("no code cell (the first one must be the setup cell)")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            if cell.get("execution_count") is not None:
                found.append(f"cell {index}: execution_count {cell.execution_count}")
            if cell.get("outputs"):
                found.append(f"cell {index}: {len(cell.outputs)} output(s)")
        for key in VOLATILE_CELL_METADATA:
            if key in cell.get("metadata", {}):
                found.append(f"cell {index}: metadata '{key}'")
    for key in VOLATILE_NOTEBOOK_METADATA:
        if key in nb.metadata:
            found.append(f"notebook metadata '{key}'")
    return found


def clean(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.outputs = []
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    after = nbformat.writes(nb)
    if after != before:
        path.write_text(after + ("" if after.endswith("\n") else "\n"), encoding="utf-8")
        return True
    return False


def pins(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#"))


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("check", "clean"):
        print(__doc__)
        return 2
    mode, paths = sys.argv[1], [Path(p) for p in sys.argv[2:]]
    if mode == "clean":
        for path in paths:
            print(f"{'cleaned' if clean(path) else 'clean  '} {path}")
        return 0
    bad = 0
    for path in paths:
        found = problems_of(path)
        if found:
            bad += 1
            print(f"FAIL {path}")
            for problem in found:
                print(f"     {problem}")
        else:
            print(f"ok   {path}")
    binder, tools = ROOT / "binder" / "requirements.txt", ROOT / "tools" / "requirements.txt"
    if binder.is_file() and pins(binder) != pins(tools):
        bad += 1
        print("FAIL binder/requirements.txt: its pins differ from tools/requirements.txt")
    if not paths:
        print("FAIL no notebooks given")
        bad += 1
    if bad:
        print(f"hygiene: {bad} problem(s); clean the notebooks with ./glassbox clean-notebooks")
    else:
        print(f"hygiene: {len(paths)} notebook(s) clean")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
