#!/usr/bin/env bash
# The browser check: opens an executed notebook's HTML export in headless Chromium, checks that
# every figure drew (a Plotly SVG with traces, or the static PNG), and saves a screenshot under
# target/browser/. Exit 0 ok, 1 a figure did not draw, 3 skipped (no chromium and not root).
# Chromium gets a new empty profile and no network (external hosts resolve to nothing): the
# page must draw from what the notebook carries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HTML="${1:?usage: browser-check.sh executed-notebook.html}"
[[ -f "$HTML" ]] || { echo "[browser] no $HTML (did the notebook run?)"; exit 1; }

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

out="$ROOT/target/browser"
mkdir -p "$out"
name="$(basename "$HTML" .html)"
profile="$(mktemp -d -t glassbox-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$HTML")" && pwd)/$(basename "$HTML")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-dev-shm-usage --user-data-dir="$profile"
       --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost"
       --virtual-time-budget=20000 --hide-scrollbars)

timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "$url" > "$out/$name.dom.html" 2>"$out/$name.chromium.log"
timeout 120 "$CHROMIUM" "${flags[@]}" --window-size=1280,3200 --screenshot="$out/$name.png" "$url" \
  >>"$out/$name.chromium.log" 2>&1
[[ -s "$out/$name.png" ]] || { echo "[browser] no screenshot was written"; exit 1; }
echo "[browser] screenshot: target/browser/$name.png"
python3 "$ROOT/tools/figures_drawn.py" "$out/$name.dom.html"
