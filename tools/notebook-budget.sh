#!/usr/bin/env bash
# Budgets for Binder (one CPU, 2 GB, the kernel at -Xmx768m): runs every notebook on one core
# (taskset -c 0) and reports its wall time (kernel start included), the kernel JVM's peak heap and its
# slowest cell (numbered as JupyterLab shows them).
# A benchmark, not a test: it prints a Markdown table for the README (also in target/budget.md).
# Run it through ./glassbox budget, which sets up the environment first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
out="target/budget"
mkdir -p "$out"
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); else echo "[budget] no taskset: not pinned to one core"; fi
{
  echo "| notebook | wall time (1 core) | peak heap | slowest cell |"
  echo "|---|---|---|---|"
  for nb in notebooks/*.ipynb; do
    line="$("${pin[@]}" "$PY" tools/run_notebooks.py --measure --out "$out" "$nb" | grep -E '^(PASS|FAIL) ' | head -1)"
    name="$(echo "$line" | awk '{print $2}')"
    time="$(echo "$line" | awk '{print $3" "$4}')"
    heap="$(echo "$line" | sed -n 's/.*peak heap \([0-9]*\) MB.*/\1 MB/p')"
    slowest="$(echo "$line" | sed -n 's/.*slowest cell \(\[[0-9]*\] [0-9.]* s\).*/\1/p')"
    status="$(echo "$line" | awk '{print $1}')"
    echo "| $name | $time | ${heap:-?} | ${slowest:-?} |$([[ $status == FAIL ]] && echo " FAILED")"
  done
} | tee target/budget.md
