"""Reads a DOM dumped by headless Chromium; exit 1 unless every Glassbox figure drew.

A figure (a div of class "glassbox-figure") drew when it holds a Plotly SVG ("main-svg") with at
least one trace (a <g> whose class names a trace, or a heat map's "hm" group), or -- where
plotly.js did not run -- its static PNG (<img src="data:image/png...">).
"""
import sys
from html.parser import HTMLParser


class FigureScanner(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures = []      # one dict per figure: svg, traces, png
        self.stack = []        # open tags; a figure is open while its div is on the stack

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "glassbox-figure" in classes:
            self.figures.append({"id": attrs.get("id"), "svg": False, "traces": 0, "png": False})
            self.stack.append(("figure", tag))
            return
        if tag in ("img", "br", "hr", "input", "meta", "link", "image", "path", "rect"):
            self.note(tag, classes, attrs)
            return
        self.stack.append(("tag", tag))
        self.note(tag, classes, attrs)

    def note(self, tag, classes, attrs):
        if not self.inside_figure():
            return
        figure = self.figures[-1]
        if tag == "svg" and "main-svg" in classes:
            figure["svg"] = True
        if tag == "g" and (any(c == "trace" or c.startswith("trace ") for c in classes) or "hm" in classes):
            figure["traces"] += 1
        if tag == "img" and (attrs.get("src") or "").startswith("data:image/png"):
            figure["png"] = True

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][1] == tag:
                del self.stack[i:]
                break

    def inside_figure(self):
        return any(kind == "figure" for kind, _ in self.stack)


def main() -> int:
    scanner = FigureScanner()
    with open(sys.argv[1], encoding="utf-8") as dom:
        scanner.feed(dom.read())
    figures = scanner.figures
    interactive = sum(1 for f in figures if f["svg"] and f["traces"] > 0)
    static = sum(1 for f in figures if not (f["svg"] and f["traces"] > 0) and f["png"])
    blank = [f["id"] for f in figures if not (f["svg"] and f["traces"] > 0) and not f["png"]]
    print(f"[browser] {len(figures)} figures: {interactive} interactive (Plotly SVG with traces), "
          f"{static} static PNG, {len(blank)} blank {blank if blank else ''}")
    return 0 if figures and not blank else 1


if __name__ == "__main__":
    sys.exit(main())
