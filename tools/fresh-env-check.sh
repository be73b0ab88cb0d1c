#!/usr/bin/env bash
# The fresh-environment check: what mybinder.org does, minus Docker.
# In a new temp dir: a copy of the repository (the files git knows, with uncommitted changes), a
# new venv with binder/requirements.txt, binder/postBuild (builds the jar, installs the kernel),
# then binder/start running the headless runner on one notebook -- so the kernel gets Binder's
# 768 MB heap. Jupyter's dirs point into the temp dir: nothing outside it is read or written,
# except the pip and Maven download caches.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${GLASSBOX_PYTHON:-python3}"
NOTEBOOK="${1:-notebooks/00-welcome.ipynb}"
tmp="$(mktemp -d -t glassbox-fresh.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS

mkdir -p "$tmp/repo"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  # tracked and new files (not ignored) that exist: what a clone would hold, plus uncommitted work
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
     | tar --null -T - -cf -) | tar -xf - -C "$tmp/repo"
else
  (cd "$ROOT" && tar --exclude=./.venv --exclude=./target -cf - .) | tar -xf - -C "$tmp/repo"
fi

echo "[fresh] venv + binder/requirements.txt in $tmp"
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$tmp/repo/binder/requirements.txt"

export PATH="$tmp/venv/bin:$PATH"
export JUPYTER_PATH="$tmp/venv/share/jupyter" JUPYTER_DATA_DIR="$tmp/venv/share/jupyter"
export JUPYTER_CONFIG_DIR="$tmp/venv/etc/jupyter" JUPYTER_RUNTIME_DIR="$tmp/venv/share/jupyter/runtime"
export JUPYTER_PREFER_ENV_PATH=1

cd "$tmp/repo"
echo "[fresh] binder/postBuild"
bash binder/postBuild
grep -q -- '-Xmx768m' "$tmp/venv/share/jupyter/kernels/java/kernel.json" \
  || { echo "[fresh] FAIL: the kernel is not limited to 768 MB"; exit 1; }
echo "[fresh] binder/start -> $NOTEBOOK"
bash binder/start python tools/run_notebooks.py --out "$tmp/out" "$NOTEBOOK"
echo "[fresh] ok in $((SECONDS - started)) s"
