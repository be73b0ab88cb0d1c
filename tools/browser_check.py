"""The browser checks, in headless Chromium driven by Playwright (the system's chromium; Playwright
downloads no browser of its own).

    python tools/browser_check.py --chromium /usr/bin/chromium --site target/site \
        --figures target/site-src/figures.json --lab-notebook target/notebooks/00-welcome.ipynb \
        --jupyter .venv/bin/jupyter --out target/browser

site: every page of the site opens from file:// with no network (any request to another host is
  refused and counted as a failure); on every chapter page each figure is drawn by plotly.js (its
  SVG holds a trace), as many as the executed notebook has figures; no console errors; a full-page
  screenshot per page.
lab: JupyterLab (the venv's, with the course settings) opens one executed chapter; the
  jupyterlab-plotly extension shows each figure's PNG and draws the interactive plot when the pointer
  enters it, so the check points at every figure and counts the plots plotly.js drew: as many as the
  notebook has figures; a screenshot.
Exit 0 when all holds, 1 otherwise; each problem is one line.
"""
import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

PLOTLY_MIME = "application/vnd.plotly.v1+json"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars"]
# a plot drew when plotly's SVG holds a trace (lines, bars, points) or a heat map's image
DRAWN = "g.trace, g.hm image, g.hm"


def launch(playwright, chromium: str, profile: Path):
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, headless=True, args=FLAGS,
        viewport={"width": 1280, "height": 900}, device_scale_factor=1)


def mathjax_probe(url: str, text: str = "") -> bool:
    """MathJax 2 declares a blank font at about:blank to time its font loading; from file:// Chromium
    refuses it with an error, which costs nothing: the formulas use the STIX-Web fonts."""
    return url == "about:blank" or "font at 'about:blank'" in text


def watch(page, problems: list, where: str, allow_host: str = ""):
    """Console errors, page errors and requests to other hosts become problems."""
    def console(m):
        if m.type == "error" and not mathjax_probe((m.location or {}).get("url", ""), m.text):
            problems.append(f"{where}: console error: {m.text[:200]}")
    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"{where}: page error: {str(e)[:200]}"))
    page.on("requestfailed", lambda r: mathjax_probe(r.url) or problems.append(f"{where}: could not load {r.url[:160]}"))

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")) or (allow_host and url.startswith(allow_host)):
            r.continue_()
        else:
            problems.append(f"{where}: requested {url[:120]} (the page must work offline)")
            r.abort()
    page.route("**/*", route)


def check_site(context, site: Path, figures: dict, out: Path) -> list:
    problems = []
    for name in ["index"] + sorted(figures):
        page = context.new_page()
        watch(page, problems, f"site {name}")
        page.goto((site / f"{name}.html").resolve().as_uri(), wait_until="load")
        expected = figures.get(name, 0)
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('div.glassbox-figure[data-drawn]').length >= n", arg=expected,
                timeout=30_000)
        except Exception:
            pass
        drawn = page.evaluate(
            "sel => Array.from(document.querySelectorAll('div.glassbox-figure')).filter("
            "d => d.querySelector('.js-plotly-plot') && d.querySelector('.js-plotly-plot').querySelector(sel)).length",
            DRAWN)
        total = page.evaluate("() => document.querySelectorAll('div.glassbox-figure').length")
        broken_images = page.evaluate(
            "() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.slice(0, 80))")
        page.screenshot(path=str(out / f"site-{name}.png"), full_page=True)
        status = "ok"
        if total != expected or drawn != expected:
            problems.append(f"site {name}: {drawn} of {total} figures drew interactively; the notebook has {expected}")
            status = "FAIL"
        for src in broken_images:
            problems.append(f"site {name}: image did not load: {src}")
        print(f"[browser] site {name}: {drawn}/{expected} figures drawn by plotly.js  {status}  "
              f"(target/browser/site-{name}.png)", flush=True)
        page.close()
    return problems


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_lab(context, notebooks, jupyter: str, out: Path) -> list:
    """Starts the course's JupyterLab on a temp copy of the chapters and checks each page."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="glassbox-lab-") as tmp:
        root, settings = Path(tmp, "root"), Path(tmp, "settings")
        root.mkdir()
        for notebook in notebooks:
            shutil.copy(notebook, root / notebook.name)
        # every cell in the page (no windowing), so every plot can be counted
        tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True)
        tracker.write_text(json.dumps({"windowingMode": "none"}))
        port, token = free_port(), secrets.token_hex(16)
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(Path(tmp, "workspaces")))
        log = open(out / "lab.log", "w", encoding="utf-8")
        lab = subprocess.Popen([jupyter, "lab", "--no-browser", "--allow-root", f"--port={port}",
                                "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
                                f"--ServerApp.root_dir={root}"], env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except Exception:
                    time.sleep(0.5)
            else:
                return ["lab: JupyterLab did not start in 60 s (target/browser/lab.log)"]
            for notebook in notebooks:
                problems += check_lab_page(context, base, token, notebook, out)
        finally:
            lab.terminate()
            try:
                lab.wait(timeout=20)
            except subprocess.TimeoutExpired:
                lab.kill()
            log.close()
    return problems


def check_lab_page(context, base: str, token: str, notebook: Path, out: Path) -> list:
    problems = []
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    expected = sum(1 for c in nb["cells"] for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {}))
    page = context.new_page()
    console = []
    watch(page, console, "lab", allow_host=base)
    # a workspace of its own: only this notebook open (the lab would restore the previous one's tab)
    page.goto(f"{base}/lab/workspaces/{notebook.stem}/tree/{notebook.name}?reset&token={token}", wait_until="load")
    # the course settings (tools/jupyter_settings.py): no news feed, no update checks
    news = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).news")
    if not (news or {}).get("disabled"):
        problems.append(f"lab: the Jupyter news feed is on ({news}); tools/jupyter_settings.py did not apply")
    notification = json.loads(urllib.request.urlopen(
        f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}").read())
    fetch_news = notification["schema"]["properties"]["fetchNews"].get("default")   # overrides.json sets defaults
    if fetch_news != "false":
        problems.append(f"lab: fetchNews defaults to {fetch_news!r}, not 'false'")
    # jupyterlab-plotly first shows a bundle's PNG and swaps in the interactive plot when the
    # pointer enters it (cheap to open, live where one looks): point at every figure
    pictures = page.locator(".jp-RenderedPlotly img.plot-img")
    try:
        pictures.first.wait_for(timeout=90_000)
    except Exception:
        pass
    for i in range(pictures.count()):
        if not pictures.nth(i).is_visible():   # drawn already: the pointer passed over it
            continue
        try:
            pictures.nth(i).scroll_into_view_if_needed(timeout=10_000)
            pictures.nth(i).hover(timeout=10_000)
        except Exception:
            pass   # drawn meanwhile (the pointer passed over it) or moved: the count below decides
    # any picture the pointer could not reach (the page moved while plots appeared): the same event
    for i in range(pictures.count()):
        if pictures.nth(i).is_visible():
            pictures.nth(i).dispatch_event("mouseenter")
    try:
        page.wait_for_function(
            "([n, sel]) => Array.from(document.querySelectorAll('.jp-OutputArea .js-plotly-plot'))"
            ".filter(p => p.querySelector(sel)).length >= n", arg=[expected, DRAWN], timeout=90_000)
    except Exception:
        pass
    drawn = page.evaluate(
        "sel => Array.from(document.querySelectorAll('.jp-OutputArea .js-plotly-plot'))"
        ".filter(p => p.querySelector(sel)).length", DRAWN)
    # the first interactive plot in view, for the screenshot
    first = page.locator(".jp-OutputArea .js-plotly-plot:visible").first
    try:
        first.scroll_into_view_if_needed(timeout=5_000)
    except Exception:
        pass   # the screenshot then shows the top of the notebook
    page.screenshot(path=str(out / f"lab-{notebook.stem}.png"))
    status = "ok" if drawn == expected and expected > 0 else "FAIL"
    print(f"[browser] lab {notebook.name}: {drawn}/{expected} figures drawn by jupyterlab-plotly  {status}  "
          f"(target/browser/lab-{notebook.stem}.png)", flush=True)
    if status != "ok":
        shown = page.evaluate("() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                              ".map(o => o.getAttribute('data-mime-type') || o.className)")
        problems.append(f"lab {notebook.name}: {drawn} interactive plots drew; the notebook has {expected} "
                        f"(outputs shown as {shown})")
    problems += [p for p in console if "requested" in p]   # the lab must not reach for the web
    for p in console:
        if "requested" not in p:
            print(f"[browser] (lab, not counted) {p}")
    page.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--figures", type=Path, help="figures.json written by tools/site.py")
    parser.add_argument("--lab-notebook", type=Path, nargs="*", default=[],
                        help="executed chapters to open in JupyterLab")
    parser.add_argument("--jupyter", help="the venv's jupyter executable")
    parser.add_argument("--out", type=Path, default=Path("target/browser"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory(prefix="glassbox-chromium-") as profile, sync_playwright() as playwright:
        context = launch(playwright, args.chromium, Path(profile))
        try:
            if args.site:
                problems += check_site(context, args.site, json.loads(args.figures.read_text()), args.out)
            if args.lab_notebook:
                problems += check_lab(context, args.lab_notebook, args.jupyter, args.out)
        finally:
            context.close()
    for problem in problems:
        print(f"[browser] FAIL {problem}")
    print(f"[browser] {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
