#!/usr/bin/env python3
"""Writes the course's own English prose as one plain-ASCII text: the corpus of chapter 09's
character model (src/main/resources/dev/glassbox/data/course-prose.txt).

The text is the README and the markdown cells of the twelve notebooks, with the markup taken out:
no tables, code blocks, formulas, links or images, typographic punctuation mapped to ASCII and any
line that still holds other characters (the essay's Chinese) dropped. The repository carries this
text under its own licence, so the corpus needs nothing from outside.

    python3 tools/course_prose.py > src/main/resources/dev/glassbox/data/course-prose.txt

The committed file is a snapshot: the checkpoint in src/main/resources/dev/glassbox/data/prose-char was trained on it,
so regenerate both together (the training command is in dev.glassbox.data.ProseModel).
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASCII = {"\u2014": " - ", "\u2013": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
         "\u2026": "...", "\u00d7": "x", "\u2248": "~", "\u2212": "-", "\u2192": "->", "\u00b7": "."}


def markdown_texts():
    yield (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                yield "".join(cell["source"])


def prose(markdown):
    lines, in_code = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith("    ") or line.lstrip().startswith(("|", "!", "<", "$$")):
            continue
        line = re.sub(r"\$[^$]*\$", "", line)                    # formulas
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)   # links and images -> their text
        line = re.sub(r"`[^`]*`", "", line)                      # code spans
        line = re.sub(r"[*_#>]+", "", line)                      # emphasis, headers, quotes
        for symbol, plain in ASCII.items():
            line = line.replace(symbol, plain)
        line = re.sub(r" +", " ", line).strip()
        line = re.sub(r" ([,.;:)])", r"\1", line)
        if line and all(" " <= c <= "~" for c in line) and sum(c.isalpha() for c in line) > 0.6 * len(line):
            lines.append(line)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write("\n\n".join(p for p in map(prose, markdown_texts()) if p) + "\n")
