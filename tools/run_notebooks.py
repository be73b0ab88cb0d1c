"""Executes notebooks headless on the real Java kernel and writes executed copies + HTML.

    python tools/run_notebooks.py --out target/notebooks [--timeout 300] [--measure] NB.ipynb...

Each notebook runs top to bottom in a fresh "java" kernel (the kernelspec that
tools/install_kernel.py set up), with its own directory as the working directory, like JupyterLab.
Cells are numbered from 1 in every message, as JupyterLab counts them.
A notebook fails when any cell raises (an error output or an error reply), a cell runs longer than
--timeout seconds, or the kernel dies. Executed copies and HTML are written even for failures, so
the error can be read in context. An executed copy must also stay under --max-kb (default 1000 kB):
figures are JSON + PNG, never inlined JavaScript, so a chapter that grows past it has a figure
too large to read on GitHub. The last line is the plain count 'N passed, N failed'.

A notebook of the course's notebooks/ folder is a students' copy: each of its exercise check cells
(nbgrader grade cells) must print "○ <id> not attempted yet", and no cell may print a "✗" line.
The PASS line counts the exercises.

A markdown cell may name the printed strings its sentences quote, in an HTML comment that renders
invisibly: <!-- quotes: "18 of 20" "4+9 → 12" -->. The notebook fails when a quoted string is not in
the text output of the code cells next to that markdown cell: the code cells between the previous
markdown cell and the next one (those right above it and those right below it). Runs of white space
count as one space on both sides; a quoted string lies within one cell's output. docs/quoted-output.md
says it for authors.

--measure appends one cell that prints the kernel JVM's peak heap (the sum of the heap pools'
peak usage), for tools/notebook-budget.sh; that cell is not saved.
"""
import argparse
import re
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

PEAK_HEAP_MARK = "GLASSBOX_PEAK_HEAP_MB="
PEAK_HEAP_CELL = (
    "long glassboxPeakHeap = 0;\n"
    "for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())\n"
    "    if (pool.getType() == java.lang.management.MemoryType.HEAP)\n"
    "        glassboxPeakHeap += pool.getPeakUsage().getUsed();\n"
    f'System.out.println("{PEAK_HEAP_MARK}" + glassboxPeakHeap / (1024 * 1024));'
)


def error_outputs(nb):
    """(cell index, 'Name: value') of every error output in the executed notebook."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((index, f"{output.get('ename', '?')}: {output.get('evalue', '')}"))
    return found


QUOTES_COMMENT = re.compile(r"<!--\s*quotes:(.*?)-->", re.DOTALL)
QUOTED_STRING = re.compile(r'"([^"]*)"')


def quoted_strings(markdown):
    """The strings a markdown cell's <!-- quotes: "a" "b" --> comments name, in order."""
    return [s for comment in QUOTES_COMMENT.findall(markdown) for s in QUOTED_STRING.findall(comment)]


def text_output(cell):
    """Everything a code cell printed as text: its streams and the text/plain of its results."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif output.get("output_type") in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(part if isinstance(part, str) else "".join(part) for part in parts)


def one_space(text):
    return " ".join(text.split())


def quote_problems(nb):
    """One line for each quoted string (quoted_strings) that the code cells next to its markdown
    cell did not print; cells are numbered from 1, as they are counted in JupyterLab."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        quotes = quoted_strings(cell.source)
        if not quotes:
            if QUOTES_COMMENT.search(cell.source):
                found.append(f'cell [{index + 1}] has a quotes comment with no "double-quoted" string in it')
            continue
        neighbours = []
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(nb.cells) and nb.cells[other].cell_type != "markdown":
                if nb.cells[other].cell_type == "code":
                    neighbours.append(other)
                other += step
        neighbours.sort()
        printed = [one_space(text_output(nb.cells[i])) for i in neighbours]   # a quote lies within one cell's output
        where = ", ".join(f"[{i + 1}]" for i in neighbours) or "none"
        for quote in quotes:
            if not quote.strip():
                found.append(f"cell [{index + 1}] quotes an empty string")
            elif not any(one_space(quote) in text for text in printed):
                found.append(f'cell [{index + 1}] quotes "{quote}", which the code cells next to it ({where}) '
                             "did not print")
    return found


COURSE_NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def exercise_problems(nb):
    """(number of check cells, first problem or None) of an executed students' copy: every check
    cell prints its "○ ... not attempted yet" line, and nothing prints a "✗" line."""
    checks = 0
    for index, cell in enumerate(nb.cells):
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        wrong = [line for line in text.splitlines() if line.startswith("✗")]
        if wrong:
            return checks, f"cell [{index + 1}] printed '{wrong[0]}' in the untouched notebook"
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            checks += 1
            if not any(line.startswith("○ ") and line.endswith(" not attempted yet") for line in text.splitlines()):
                return checks, f"check cell [{index + 1}] ({meta.get('grade_id')}) did not print '○ … not attempted yet'"
    return checks, None


def run_one(path: Path, out_dir: Path, timeout: int, measure: bool, max_kb: int):
    nb = nbformat.read(path, as_version=4)
    if measure:
        nb.cells.append(nbformat.v4.new_code_cell(PEAK_HEAP_CELL))
    client = NotebookClient(
        nb,
        timeout=timeout,
        startup_timeout=120,
        kernel_name="java",
        allow_errors=False,
        record_timing=measure,
        # every output is in by the time execute() shuts the kernel down: a graceful shutdown only waited
        # about 3 s for JJava's JVM to exit on its own, in every notebook's wall time
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    kernel_log = out_dir / (path.stem + ".kernel.log")
    started = time.monotonic()
    problem = None
    try:
        # the kernel's own log lines go to a file next to the executed copy, not to the console
        with open(kernel_log, "w", encoding="utf-8") as log:
            client.execute(stdout=log, stderr=log)
    except CellTimeoutError as e:
        problem = f"a cell ran longer than {timeout} s: {str(e).splitlines()[0]}"
    except CellExecutionError as e:
        lines = [line for line in str(e).splitlines() if line.strip()]
        problem = "error in a cell: " + (lines[-1] if lines else "unknown")
    except DeadKernelError as e:
        problem = f"the kernel died: {e}"
    except Exception as e:  # kernel did not start, and the like
        problem = f"{type(e).__name__}: {e}"
    elapsed = time.monotonic() - started
    errors = error_outputs(nb)
    if errors:  # the kernel's own words beat nbclient's summary
        problem = f"cell [{errors[0][0] + 1}] raised {errors[0][1]}"

    quotes = quote_problems(nb)
    if problem is None and quotes:
        problem = "\n     also ".join(quotes)  # the first on the FAIL line, any others one per line

    exercises = None
    if path.resolve().parent == COURSE_NOTEBOOKS:
        exercises, exercise_problem = exercise_problems(nb)
        problem = problem or exercise_problem

    peak_heap = slowest = None
    if measure:
        slowest = slowest_cell(nb)
        last = nb.cells.pop()
        for output in last.get("outputs", []):
            for line in output.get("text", "").splitlines():
                if line.startswith(PEAK_HEAP_MARK):
                    peak_heap = int(line[len(PEAK_HEAP_MARK):])

    executed = out_dir / path.name
    nbformat.write(nb, executed)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    executed.with_suffix(".html").write_text(html, encoding="utf-8")
    size_kb = executed.stat().st_size / 1000
    if problem is None and size_kb > max_kb:
        problem = f"the executed copy is {size_kb:.0f} kB, over the {max_kb} kB budget"
    return problem, elapsed, peak_heap, slowest, exercises, size_kb


def slowest_cell(nb):
    """(cell number as JupyterLab counts, seconds) of the code cell that ran longest, from nbclient's timing."""
    times = []
    for index, cell in enumerate(nb.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            began, ended = (datetime.fromisoformat(timing[key].replace("Z", "+00:00"))
                            for key in ("iopub.execute_input", "shell.execute_reply"))
            times.append(((ended - began).total_seconds(), index + 1))
    return max(times)[::-1] if times else None


def main() -> int:
    parser = argparse.ArgumentParser(description="Execute notebooks on the Java kernel.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("target/notebooks"))
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--measure", action="store_true", help="report the peak heap")
    parser.add_argument("--max-kb", type=int, default=1000, help="largest executed copy, in kB")
    args = parser.parse_args()

    passed = failed = 0
    for path in args.notebooks:
        if not path.is_file():
            print(f"FAIL {path}: no such notebook", flush=True)
            failed += 1
            continue
        problem, elapsed, peak_heap, slowest, exercises, size_kb = run_one(path, args.out, args.timeout, args.measure,
                                                                  args.max_kb)
        extra = f"  {size_kb:.0f} kB" + (f"  peak heap {peak_heap} MB" if peak_heap is not None else "")
        if slowest:
            extra += f"  slowest cell [{slowest[0]}] {slowest[1]:.1f} s"
        if exercises:
            extra += f"  {exercises} exercises not attempted"
        if problem is None:
            passed += 1
            print(f"PASS {path.name}  {elapsed:.1f} s{extra}", flush=True)
        else:
            failed += 1
            print(f"FAIL {path.name}  {elapsed:.1f} s{extra}: {problem}", flush=True)
            print(f"     executed copy: {args.out / path.name}", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
