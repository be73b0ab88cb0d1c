"""The peer for MatmulBench: float32 n x n matmul in NumPy (OpenBLAS) or PyTorch, same sizes and threads.

Prints the same table as MatmulBench so tools/bench.sh can put them side by side.
"""
import os
import sys
import time

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(threads)

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
