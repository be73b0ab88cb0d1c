"""The course as a static website, built by MkDocs (Material theme) + mkdocs-jupyter from the
executed chapters in target/notebooks/.

    python tools/site.py stale --notebooks target/notebooks --jar target/glassbox-gpt.jar NB.ipynb...
        prints the chapters whose executed copy is missing, older than the notebook or the jar, or
        holds an error: the ones ./glassbox site must run first
    python tools/site.py build --notebooks target/notebooks --out target/site --plotly-js FILE NB.ipynb...
        builds the site (needs the site-tools venv: mkdocs, mkdocs-jupyter)

The pages are MkDocs'; this script only lays out its input in target/site-src/: an index made of
the README's introduction and chapter table (links and pictures pointed at the site), and a copy
of each executed chapter in which
  * every Plotly figure output (application/vnd.plotly.v1+json) also gets a text/html form: its PNG
    with the figure's JSON beside it, which assets/glassbox-figures.js draws with the site's one
    shared copy of plotly.js -- interactive where JavaScript runs, the PNG where it does not;
  * a line under the title links to the chapter on Binder (and to the notebook file).
Afterwards every HTML and CSS file is checked for resources from other hosts: the site must work
from file:// and offline. Anchors (links a reader may follow) are allowed.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html import escape
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_TOOLS = ROOT / "tools" / "site"
SOURCE = ROOT / "target" / "site-src"   # mkdocs.yml's docs_dir
PLOTLY_MIME = "application/vnd.plotly.v1+json"
DEFAULT_REPO = "OWNER/glassbox-gpt"


# ---------------------------------------------------------------- which chapters must run first
def error_in(executed: Path) -> bool:
    nb = json.loads(executed.read_text(encoding="utf-8"))
    return any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))


def stale(notebooks, executed_dir: Path, jar: Path):
    jar_time = jar.stat().st_mtime if jar.is_file() else float("inf")
    for source in notebooks:
        executed = executed_dir / source.name
        if (not executed.is_file() or executed.stat().st_mtime < source.stat().st_mtime
                or executed.stat().st_mtime < jar_time or error_in(executed)):
            yield source


# ---------------------------------------------------------------- one chapter's page
def figure_html(plotly: dict, png: str, text: str) -> str:
    """The PNG in a div with the figure's JSON beside it (not a script that runs: data)."""
    layout = plotly.get("layout", {})
    width, height = layout.get("width", 720), layout.get("height", 420)
    # "</" cannot end the data block early; "<\/" is the same string to JSON
    data = json.dumps(plotly, separators=(",", ":")).replace("</", "<\\/")
    return (f'<div class="glassbox-figure" style="max-width:{width}px">'
            f'<img src="data:image/png;base64,{png}" width="{width}" height="{height}" alt="{escape(text)}"/>'
            f'<script type="application/json" class="glassbox-figure-data">{data}</script></div>')


def binder_url(repo: str, name: str) -> str:
    return f"https://mybinder.org/v2/gh/{repo}/HEAD?urlpath=lab/tree/notebooks/{name}"


def chapter_page(executed: Path, repo: str) -> tuple:
    """The executed chapter with site-ready figure outputs; and its number of figures."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    figures = 0
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data and "image/png" in data:
                png = data["image/png"]
                png = png if isinstance(png, str) else "".join(png)
                text = data.get("text/plain", "")
                text = text if isinstance(text, str) else "".join(text)
                data["text/html"] = figure_html(data[PLOTLY_MIME], png.strip(), text)
                figures += 1
    links = (f"[▶ Run this chapter on Binder]({binder_url(repo, executed.name)}) · "
             f"[notebook on GitHub](https://github.com/{repo}/blob/HEAD/notebooks/{executed.name}) · "
             f"on your machine: `./glassbox lab`")
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": links})
    return nb, figures


# ---------------------------------------------------------------- the index, from the README
def index_page(readme: str, repo: str, chapters) -> str:
    """The README's introduction and chapter table, up to its set-up section."""
    end = readme.find("\n## Set-up")
    if end < 0:
        raise SystemExit("site: README.md has no '## Set-up' section; the index is the part above it")
    # without the README's paragraph about this website and its picture: the reader is on it
    text = "\n\n".join(block for block in readme[:end].split("\n\n")
                       if not block.startswith("**Read it as a website**") and "site-chapter.png" not in block)
    # the Binder badge is an image from another host: a plain link instead
    text = re.sub(r"\[!\[Binder\]\([^)]*\)\]\(([^)]*)\)\n?(\(replace `OWNER`[^\n]*\))?",
                  lambda m: f"[▶ Run the course on Binder]({m.group(1).replace('OWNER/glassbox-gpt', repo)})",
                  text)
    names = {c.name for c in chapters}

    def relink(match):
        label, target = match.group(1), match.group(2)
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            return match.group(0)
        path = target.split("#")[0]
        if path.startswith("notebooks/") and Path(path).name in names:
            return f"[{label}]({Path(path).name})"
        if path.startswith("docs/images/"):
            return f"[{label}](images/{Path(path).name})"
        return f"[{label}](https://github.com/{repo}/blob/HEAD/{target})"

    text = re.sub(r"\[([^\]]*)\]\(([^)\s]+)\)", relink, text)
    return text + ("\n\nEvery chapter page shows the notebook as it ran in the test command: the prose, the "
                   "code, what it printed and its plots (interactive; a picture where scripts do not run). "
                   "To run the chapters yourself: `./glassbox lab` on your machine, or Binder.\n")


# ---------------------------------------------------------------- no resource from another host
class ExternalResources(HTMLParser):
    ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
                  "video": "src", "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        value = attrs.get(self.ATTRIBUTES.get(tag, ""), "") or ""
        if tag == "link" and "preconnect" in (attrs.get("rel") or ""):
            value = attrs.get("href", "")
        if re.match(r"(https?:)?//", value):
            self.found.append(f"<{tag}> {value}")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", attrs.get("style") or ""):
            self.found.append(f"style url({url})")


def external_resources(site: Path):
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            scanner = ExternalResources()
            scanner.feed(text)
            problems += [f"{path.relative_to(site)}: {p}" for p in scanner.found]
            # stylesheets inside the page
            for url in re.findall(r"(?:url\(|@import\s+)\s*['\"]?((?:https?:)?//[^)'\"\s]+)", text):
                problems.append(f"{path.relative_to(site)}: css {url}")
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            for url in re.findall(r"(?:url\(|@import\s+)\s*['\"]?((?:https?:)?//[^)'\"\s]+)", text):
                problems.append(f"{path.relative_to(site)}: {url}")
    return problems


# ---------------------------------------------------------------- build
def mathjax_dir() -> Path:
    import jupyter_server_mathjax  # MathJax 2.7 as a pinned Python package (tools/requirements-site.txt)
    return Path(jupyter_server_mathjax.__file__).parent / "static"


def build(args) -> int:
    started = time.monotonic()
    chapters = [Path(p) for p in args.notebooks]
    missing = [c.name for c in chapters if not (args.executed / c.name).is_file()]
    if missing:
        print(f"site: no executed copy of {', '.join(missing)} in {args.executed}; run ./glassbox site",
              file=sys.stderr)
        return 1
    failed = [c.name for c in chapters if error_in(args.executed / c.name)]
    if failed:
        print(f"site: {', '.join(failed)} ran with errors; fix them before building the site", file=sys.stderr)
        return 1
    if not args.plotly_js.is_file():
        print(f"site: no plotly.js at {args.plotly_js}", file=sys.stderr)
        return 1
    repo = args.repo or os.environ.get("GITHUB_REPOSITORY") or DEFAULT_REPO

    shutil.rmtree(SOURCE, ignore_errors=True)
    (SOURCE / "assets").mkdir(parents=True)
    counts = {}
    for chapter in chapters:
        nb, counts[chapter.stem] = chapter_page(args.executed / chapter.name, repo)
        (SOURCE / chapter.name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    (SOURCE / "index.md").write_text(index_page((ROOT / "README.md").read_text(encoding="utf-8"), repo, chapters),
                                     encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "images", SOURCE / "images")
    shutil.copy(args.plotly_js, SOURCE / "assets" / "plotly.min.js")
    for asset in ("glassbox-figures.js", "glassbox.css"):
        shutil.copy(SITE_TOOLS / asset, SOURCE / "assets" / asset)
    mathjax = mathjax_dir()
    # what the TeX-AMS-MML_HTMLorMML config needs: not the menus' translations, the SVG output, a11y
    shutil.copytree(mathjax, SOURCE / "assets" / "mathjax",
                    ignore=shutil.ignore_patterns("localization", "SVG", "a11y"))
    shutil.copy(SITE_TOOLS / "mathjax-glassbox.js", SOURCE / "assets" / "mathjax" / "config" / "glassbox.js")
    # what the browser check compares against: figures per chapter page
    (SOURCE / "figures.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")

    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
                             "--config-file", str(SITE_TOOLS / "mkdocs.yml"), "--site-dir", str(out)],
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            cwd=ROOT / "target")   # mkdocs-jupyter keeps its .cache/ in the working directory
    if result.returncode != 0:
        print("site: mkdocs build failed (output above)", file=sys.stderr)
        return 1
    problems = external_resources(out)
    if problems:
        print("site: pages load resources from other hosts (the site must work offline):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    print(f"site: {len(chapters)} chapter pages + index in {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} "
          f"({size:.1f} MB, {sum(counts.values())} figures, no external resources) "
          f"in {time.monotonic() - started:.1f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("stale", "build"):
        p = sub.add_parser(name)
        p.add_argument("notebooks", nargs="+", help="the chapters (notebooks/*.ipynb)")
        p.add_argument("--notebooks", dest="executed", type=Path, default=ROOT / "target" / "notebooks",
                       help="where the executed copies are")
    sub.choices["stale"].add_argument("--jar", type=Path, required=True)
    build_parser = sub.choices["build"]
    build_parser.add_argument("--out", type=Path, default=ROOT / "target" / "site")
    build_parser.add_argument("--plotly-js", type=Path, required=True, help="plotly.min.js to ship")
    build_parser.add_argument("--repo", help="OWNER/NAME on GitHub (default: $GITHUB_REPOSITORY, else "
                                             f"{DEFAULT_REPO})")
    args = parser.parse_args()
    if args.command == "stale":
        for source in stale([Path(p) for p in args.notebooks], args.executed, args.jar):
            print(source)
        return 0
    return build(args)


if __name__ == "__main__":
    sys.exit(main())
