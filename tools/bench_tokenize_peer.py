"""tiktoken on the files that TokenizeBench wrote: MB/s on the mixed text (one thread, best of 5 after
warm-up) and seconds per single word, in this thread's CPU time (as TokenizeBench measures ours), printed in the same form as ours; then whether its ids of the text
equal ours (ours-ids.bin: big-endian int32).
Usage: python bench_tokenize_peer.py GPT2_DIR BENCH_DIR
"""
import array
import os
import sys
import time

import tiktoken

from tiktoken_gpt2 import gpt2_encoding

WORD_LETTERS = (1_000, 10_000, 100_000)


def main(gpt2_dir, bench_dir):
    enc = gpt2_encoding(gpt2_dir)
    with open(os.path.join(bench_dir, "mixed.txt"), encoding="utf-8") as f:
        text = f.read()
    megabytes = len(text.encode("utf-8")) / 1e6
    for _ in range(2):
        ids = enc.encode_ordinary(text)          # one thread (the _batch variants use a pool)
    best = float("inf")
    for _ in range(5):
        start = time.thread_time()
        ids = enc.encode_ordinary(text)
        best = min(best, time.thread_time() - start)
    print(f"tiktoken mixed English/Chinese text, {megabytes:.2f} MB, {len(ids):,} tokens: {megabytes / best:.1f} MB/s")
    for letters in WORD_LETTERS:
        with open(os.path.join(bench_dir, f"word-{letters}.txt"), encoding="utf-8") as f:
            word = f.read()
        seconds = float("inf")
        for _ in range(3):
            start = time.thread_time()
            enc.encode_ordinary(word)
            seconds = min(seconds, time.thread_time() - start)
        print(f"tiktoken one word of {letters:,} letters: {seconds:.6f} s")
    ours = array.array("i")
    with open(os.path.join(bench_dir, "ours-ids.bin"), "rb") as f:
        ours.frombytes(f.read())
    if sys.byteorder == "little":
        ours.byteswap()
    same = list(ours) == ids
    print(f"same ids as ours on the mixed text: {'yes' if same else 'NO'} (tiktoken {tiktoken.__version__})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
