"""Writes the fixture that holds PreTokenizer.GPT2 to tiktoken's letters and numbers (TiktokenUnicodeTest).

Run through tools/tiktoken_unicode_fixture.sh, which supplies the inputs. Usage:
    python tiktoken_unicode_fixture.py GPT2_DIR CANDIDATES_JSON OUT_DIR

CANDIDATES_JSON (from dev.glassbox.tokenize.UnicodeCandidates) lists the code points whose class (letter,
number, white space, other) differs between the JDK's regex and ICU's data, and ICU's letter and number
ranges. To those the script adds every code point that the Python `regex` module (a newer Unicode) calls a
letter or number and ICU does not. These only choose which code points to ask about: each one's class is
what tiktoken does with it.

1. Classes. tiktoken's GPT-2 pattern cuts "a" + c + "'s" into ["ac", "'s"] if c is a letter, ["a", "c", "'s"]
   if a number, ["a", "c'", "s"] otherwise. To see tiktoken's chunks, the probe encoding has GPT-2's pattern and
   a vocabulary holding every substring of every probe, so each chunk comes out as one token.
2. Ids. GPT-2's real ids (tiktoken's encode_ordinary) for a sample of strings around those code points.
   The Java test cannot ship GPT-2's 50,257 tokens, so the script also writes the part of GPT-2's vocab.json
   and merges.txt these strings need (every token of the answers and the tokens they are merged from);
   keeping only merges that happen cannot change what BPE does, and tiktoken run on that subset is checked
   to give the same ids.
"""
import json
import os
import sys

import regex
import tiktoken
from tiktoken_ext import openai_public

from tiktoken_gpt2 import gpt2_encoding


def code_points(ranges):
    for start, end in ranges:
        yield from range(start, end + 1)


def probe_classes(candidates):
    probes = {cp: ("a" + chr(cp) + "'s").encode("utf-8") for cp in candidates}
    ranks = {bytes([b]): b for b in range(256)}
    for probe in probes.values():
        for length in range(2, len(probe) + 1):
            for start in range(len(probe) - length + 1):
                ranks.setdefault(probe[start:start + length], len(ranks))
    enc = tiktoken.Encoding(name="probe", pat_str=openai_public.r50k_pat_str, mergeable_ranks=ranks, special_tokens={})
    classes = {}
    for cp, probe in probes.items():
        chunks = [enc.decode_single_token_bytes(t) for t in enc.encode_ordinary(probe.decode("utf-8"))]
        c = chr(cp).encode("utf-8")
        expected = {"L": [b"a" + c, b"'s"], "N": [b"a", c, b"'s"], "O": [b"a", c + b"'", b"s"]}
        found = [k for k, v in expected.items() if v == chunks]
        if len(found) != 1:
            raise SystemExit(f"U+{cp:04X}: tiktoken cut the probe into {chunks}, none of the expected shapes")
        classes[cp] = found[0]
    return classes


def runs(classes):
    out = []
    for cp in sorted(classes):
        if out and out[-1][1] == cp - 1 and out[-1][2] == classes[cp]:
            out[-1][1] = cp
        else:
            out.append([cp, cp, classes[cp]])
    return out


def subset(gpt2_dir, used_ids):
    with open(os.path.join(gpt2_dir, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    token_of = {i: t for t, i in vocab.items()}
    with open(os.path.join(gpt2_dir, "merges.txt"), encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#version")]
    made_by = {}
    for line in lines:
        left, right = line.split(" ")
        if left + right in made_by:
            raise SystemExit(f"{left + right} is made by two merges; the subset argument needs one")
        made_by[left + right] = (left, right)
    keep = set()
    todo = [token_of[i] for i in used_ids]
    while todo:
        token = todo.pop()
        if token in keep:
            continue
        keep.add(token)
        if token in made_by:
            todo.extend(made_by[token])
    byte_tokens = [t for t, i in vocab.items() if i < 256]
    keep.update(byte_tokens)
    tokens = sorted(keep, key=lambda t: vocab[t])
    merges = [line for line in lines if "".join(line.split(" ")) in keep]
    return tokens, merges, [vocab[t] for t in tokens]


def main(gpt2_dir, candidates_file, out_dir):
    enc = gpt2_encoding(gpt2_dir)
    with open(candidates_file, encoding="utf-8") as f:
        cand = json.load(f)
    icu = set(code_points(cand["icu_letters"])) | set(code_points(cand["icu_numbers"]))
    letter_or_number = regex.compile(r"[\p{L}\p{N}]")
    newer = {cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
             and (letter_or_number.match(chr(cp)) is not None) != (cp in icu)}
    candidates = sorted(set(code_points(cand["differ"])) | newer)
    classes = probe_classes(candidates)
    class_runs = runs(classes)

    sample = sorted({0x0870} | {r[0] for r in class_runs} | {r[1] for r in class_runs} | set(candidates[::199]))
    texts = ["\u0870's"]
    for cp in sample:
        c = chr(cp)
        texts.append(c + "'s " + c + c + "'ll 1" + c + "9 a" + c + "b " + c + "!")
    cases = [{"text": t, "ids": enc.encode_ordinary(t)} for t in texts]
    assert cases[texts.index("\u0870's")]["ids"] == [156, 94, 108, 338], cases[texts.index("\u0870's")]

    tokens, merges, gpt2_ids = subset(gpt2_dir, {i for case in cases for i in case["ids"]})
    ranks = {enc.decode_single_token_bytes(i): i for i in gpt2_ids}
    small = tiktoken.Encoding(name="gpt2-subset", pat_str=openai_public.r50k_pat_str, mergeable_ranks=ranks, special_tokens={})
    for case in cases:
        if small.encode_ordinary(case["text"]) != case["ids"]:
            raise SystemExit(f"the subset changes the ids of {case['text']!r}")

    os.makedirs(os.path.join(out_dir, "gpt2-subset"), exist_ok=True)
    with open(os.path.join(out_dir, "gpt2-subset", "vocab.json"), "w", encoding="utf-8") as f:
        json.dump({t: i for i, t in enumerate(tokens)}, f, ensure_ascii=False, indent=0)
    with open(os.path.join(out_dir, "gpt2-subset", "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(line + "\n" for line in merges))
    counts = {k: sum(r[1] - r[0] + 1 for r in class_runs if r[2] == k) for k in "LNO"}
    with open(os.path.join(out_dir, "tiktoken-unicode.json"), "w", encoding="utf-8") as f:
        f.write("{\"source\": %s,\n" % json.dumps(
            f"tiktoken {tiktoken.__version__} GPT-2 (r50k pattern); candidates from JDK {cand['jdk']} vs ICU "
            f"{cand['icu_unicode']} ({cand['differ_letters']} letters, {cand['differ_numbers']} numbers differ) "
            f"and python regex {regex.__version__}; written by tools/tiktoken_unicode_fixture.sh"))
        f.write(" \"class_counts\": %s,\n" % json.dumps(counts))
        f.write(" \"classes\": [\n" + ",\n".join("  " + json.dumps(r) for r in class_runs) + "\n ],\n")
        f.write(" \"subset_gpt2_ids\": %s,\n" % json.dumps(gpt2_ids))
        f.write(" \"cases\": [\n" + ",\n".join("  " + json.dumps(c) for c in cases) + "\n ]}\n")
    print(f"{len(candidates)} code points asked ({counts}), {len(class_runs)} runs, {len(cases)} id cases, "
          f"subset of {len(tokens)} tokens and {len(merges)} merges", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
