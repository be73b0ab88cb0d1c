"""Writes gpt2-pattern-reference.json: random texts and how GPT-2's own pattern cuts them.

The reference is the Python `regex` module with the exact pattern string of OpenAI's GPT-2 encoder.py,
so PreTokenizerReferenceTest checks our Java translation against an independent implementation.
Re-run with: python3 gpt2_pattern_reference.py  (needs `pip install regex`; output is seeded).
"""
import json
import random

import regex

GPT2_PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

PIECES = [
    "Hello", "world", " the", "I'm", "we've", "they'd", "you're", "isn't", "it's", "'S", "'LL", "2024", "3.14",
    "Q:12+7=?A:19", "gpt是序列预测模型。", "自注意力", "Привет", "Ελληνικά", "مرحبا", "नमस्ते", "한국어", "ｶﾀｶﾅ",
    "٣٤٥", "१२३", "１２３", "Ⅻ", "½", "e\u0301", "ñ", "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇨🇳", "1\ufe0f\u20e3", "...", "!?",
    "--", "$$", "€", "©", "\u200b", "\u00ad", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x00", "\x07",
    "\x7f", "\x85", "\xa0", "\u1680", "\u2003", "\u2028", "\u2029", "\u202f", "\u3000",
]
SPACES = [" ", "  ", "   ", "\n", " \n ", "\t "]


def random_text(rng):
    parts = []
    for _ in range(rng.randint(0, 14)):
        parts.append(rng.choice(PIECES) if rng.random() < 0.7 else rng.choice(SPACES))
    return "".join(parts)


def main():
    rng = random.Random(20240501)
    cases = []
    for _ in range(300):
        text = random_text(rng)
        cases.append({"text": text, "chunks": GPT2_PATTERN.findall(text)})
    with open("gpt2-pattern-reference.json", "w", encoding="utf-8") as out:
        out.write('{"source": %s,\n "cases": [\n' % json.dumps("python regex " + regex.__version__ + ", GPT-2 encoder.py pattern"))
        out.write(",\n".join("  " + json.dumps(case, ensure_ascii=True) for case in cases))
        out.write("\n]}\n")


if __name__ == "__main__":
    main()
