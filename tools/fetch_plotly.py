"""Puts the plotly.js 2.x bundle into this Python environment: <venv>/share/glassbox/plotly.min.js.

The interactive plots of dev.glassbox.plot inline this local copy into the notebook (once per
session), so they work offline and never load a CDN. We take the file at install time from a
package registry: the plotly.py wheel on PyPI ships plotly.js as package data, and plotly.py 5.24.1
is the last line to ship plotly.js 2.x (2.35.2; Tablesaw's figures use pre-3.0 properties). Only the
one file is extracted (the whole package would add 190 MB to the venv), and no Node.js is needed;
npm's plotly.js-dist-min@2.35.2 is the same bundle.
"""
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PLOTLY_PY = "plotly==5.24.1"
PLOTLY_JS_VERSION = "v2.35.2"
MEMBER = "plotly/package_data/plotly.min.js"


def destination() -> Path:
    return Path(sys.prefix) / "share" / "glassbox" / "plotly.min.js"


def main() -> int:
    dest = destination()
    if dest.is_file() and PLOTLY_JS_VERSION.encode() in dest.read_bytes()[:200]:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--disable-pip-version-check", "--only-binary=:all:", PLOTLY_PY,
                        "-d", tmp], check=True)
        wheel = next(Path(tmp).glob("plotly-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            bundle = archive.read(MEMBER)
    if PLOTLY_JS_VERSION.encode() not in bundle[:200]:
        print(f"fetch_plotly: {MEMBER} in {wheel.name} is not plotly.js {PLOTLY_JS_VERSION}",
              file=sys.stderr)
        return 1
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(bundle)
    print(f"fetch_plotly: plotly.js {PLOTLY_JS_VERSION} -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
