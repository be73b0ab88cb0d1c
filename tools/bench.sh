#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test suite).
#   tools/bench.sh matmul     GFLOP/s of the matmul kernel, 64..512, 1 and 2 threads, beside a
#                             NumPy/PyTorch peer on the same machine and thread count.
#   tools/bench.sh kvcache    tokens/s of greedy generation with and without the KV cache, context
#                             64, 256 and 1024 (4 layers, width 128, 4 heads); optional thread count.
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
  kvcache)
    java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.KvCacheBench "${2:-1}" 2>&1 \
      | grep -v 'Using incubator modules'
    ;;
  *)
    echo "unknown benchmark '$what'; known: matmul, kvcache" >&2
    exit 2
    ;;
esac
