#!/usr/bin/env bash
# The browser checks (tools/browser_check.py) in headless Chromium: every page of target/site/ from
# file:// with no network, and one executed chapter opened in JupyterLab itself. Screenshots and
# logs go to target/browser/. Debian's chromium is installed with apt-get when missing and root.
#   bash tools/browser-check.sh SITE_TOOLS_PYTHON [executed-chapter.ipynb...]
# JupyterLab opens 00-welcome (the first chapter) and 08-training-qa (live training progress) unless
# chapters are named.
# Exit 0 ok, 1 a check failed, 3 skipped (no chromium and not root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${1:?usage: browser-check.sh SITE_TOOLS_PYTHON [executed-chapter.ipynb...]}"
shift
LAB_NOTEBOOKS=("$@")
((${#LAB_NOTEBOOKS[@]})) || LAB_NOTEBOOKS=("$ROOT/target/notebooks/00-welcome.ipynb" "$ROOT/target/notebooks/08-training-qa.ipynb")

find_chromium() {
  local name
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if ! CHROMIUM="$(find_chromium)"; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[browser] installing Debian's chromium package (root, apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
    CHROMIUM="$(find_chromium)" || { echo "[browser] chromium did not install"; exit 1; }
  else
    echo "[browser] WARNING: chromium not found and not root: skipping the browser check" \
         "(install Debian's 'chromium' package to run it)"
    exit 3
  fi
fi
# Debian's /usr/bin/chromium is a shell wrapper; Playwright wants the browser binary itself
[[ -x /usr/lib/chromium/chromium && "$CHROMIUM" == /usr/bin/chromium ]] && CHROMIUM=/usr/lib/chromium/chromium

rm -rf "$ROOT/target/browser"
mkdir -p "$ROOT/target/browser"
# JupyterLab from the course venv, with Jupyter's directories inside it (as ./glassbox lab has them)
VENV="$ROOT/.venv"
export JUPYTER_PATH="$VENV/share/jupyter" JUPYTER_DATA_DIR="$VENV/share/jupyter"
export JUPYTER_CONFIG_DIR="$VENV/etc/jupyter" JUPYTER_RUNTIME_DIR="$VENV/share/jupyter/runtime"
export JUPYTER_PREFER_ENV_PATH=1 PATH="$VENV/bin:$PATH"
"$PY" "$ROOT/tools/browser_check.py" --chromium "$CHROMIUM" --out "$ROOT/target/browser" \
  --site "$ROOT/target/site" --figures "$ROOT/target/site-src/figures.json" \
  --lab-notebook "${LAB_NOTEBOOKS[@]}" --jupyter "$VENV/bin/jupyter"
