"""The peer for MatmulBench: float32 n x n matmul in NumPy (OpenBLAS) or PyTorch, same sizes and threads.

Prints the same table as MatmulBench so tools/bench.sh can put them side by side.
Usage: bench_matmul_peer.py THREADS                      n x n x n, n = 64..512
       bench_matmul_peer.py THREADS shapes ROWS WIDTH …  NumPy (OpenBLAS) on a GPT's training products,
                                                        the same list as dev.glassbox.bench.ModelShapesBench
"""
import os
import sys
import time

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(threads)


def best_seconds(run, flops):
    for _ in range(5):
        run()
    reps = max(3, int(2e8 / flops))
    best = float("inf")
    for _ in range(8):
        t = time.perf_counter()
        for _ in range(reps):
            run()
        best = min(best, (time.perf_counter() - t) / reps)
    return best


if len(sys.argv) > 2 and sys.argv[2] == "shapes":
    import numpy as np
    sizes = [int(a) for a in sys.argv[3:]] or [2048, 128, 2048, 384]
    r = np.random.default_rng(1)
    blas = np.__config__.CONFIG.get("Build Dependencies", {}).get("blas", {}).get("name", "BLAS")
    print(f"NumPy {np.__version__} ({blas}), {threads} thread(s)")
    for rows, c in zip(sizes[0::2], sizes[1::2]):
        # (label, m, k, n, how the model stores them): "x" a stored (k, m), dW = xᵀ·dy; "w" b stored (n, k), dx = dy·Wᵀ
        shapes = [(f"({rows}x{c})({c}x{3 * c}) qkv", rows, c, 3 * c, ""),
                  (f"({rows}x{c})({c}x{4 * c}) fc", rows, c, 4 * c, ""),
                  (f"({rows}x{4 * c})({4 * c}x{c}) proj", rows, 4 * c, c, ""),
                  (f"({rows}x{3 * c})({3 * c}x{c}) dx qkv", rows, 3 * c, c, "w"),
                  (f"({c}x{rows})({rows}x{3 * c}) dW qkv", c, rows, 3 * c, "x"),
                  (f"({4 * c}x{rows})({rows}x{c}) dW proj", 4 * c, rows, c, "x")]
        for label, m, k, n, stored in shapes:
            a = r.random((k, m) if stored == "x" else (m, k), dtype=np.float32)
            b = r.random((n, k) if stored == "w" else (k, n), dtype=np.float32)
            out = np.empty((m, n), dtype=np.float32)
            left = a.T if stored == "x" else a
            right = b.T if stored == "w" else b
            seconds = best_seconds(lambda: np.matmul(left, right, out=out), 2 * m * k * n)
            print(f"{label:34s} {2 * m * k * n / seconds / 1e9:8.1f} GFLOP/s")
    sys.exit(0)

try:
    import torch
    torch.set_num_threads(threads)
    name = f"PyTorch {torch.__version__}"

    def make(n):
        g = torch.Generator().manual_seed(42)
        return torch.rand(n, n, generator=g) * 2 - 1, torch.rand(n, n, generator=g) * 2 - 1

    def mul(a, b):
        return a @ b
except ImportError:
    import numpy as np
    name = f"NumPy {np.__version__}"

    def make(n):
        r = np.random.default_rng(42)
        return (r.random((n, n), dtype=np.float32) * 2 - 1), (r.random((n, n), dtype=np.float32) * 2 - 1)

    def mul(a, b):
        return a @ b

print(f"{name}, float32 n x n x n, {threads} thread(s)")
print("   n  threads   GFLOP/s")
for n in (64, 128, 256, 512):
    a, b = make(n)
    for _ in range(20):
        mul(a, b)
    reps = max(5, int(2e9 / (2 * n ** 3)))
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(reps):
            mul(a, b)
        best = min(best, (time.perf_counter() - t) / reps)
    print(f"{n:4d}  {threads:7d}  {2 * n ** 3 / best / 1e9:8.1f}")
