"""The peer for TrainBench: the same GPT (pre-LN, tanh GELU, learned positions, tied head) in PyTorch.

Trains on random tokens with AdamW and prints tokens/s (timed after a warm-up of at least 5 steps and 10 s,
TrainBench's rule), so tools/bench.sh train can report
Glassbox / PyTorch as a ratio measured on the same machine and thread count in one run.
Usage: python tools/bench_train_peer.py [--sdpa] THREADS [LAYERS WIDTH HEADS CONTEXT BATCH VOCAB STEPS]
  --sdpa   attention through torch's fused scaled_dot_product_attention instead of the explicit
           scores / mask / softmax / weighted sum that Glassbox computes
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sdpa = "--sdpa" in sys.argv[1:]
args = [int(a) for a in sys.argv[1:] if a != "--sdpa"]
threads, layers, width, heads, context, batch, vocab, steps = (args + [1, 4, 128, 4, 64, 32, 65, 30][len(args):])
torch.set_num_threads(threads)
torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.c_attn, self.c_proj = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.c_fc, self.mlp_proj = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(width, dim=2)
        q, k, v = (z.view(b, t, heads, c // heads).transpose(1, 2) for z in (q, k, v))
        if sdpa:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            # the explicit form (scores, mask, softmax, weighted sum), as Glassbox computes it
            att = (q @ k.transpose(-2, -1)) / math.sqrt(c // heads)
            att = att.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf")).softmax(-1)
            y = att @ v
        y = y.transpose(1, 2).reshape(b, t, c)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, width), nn.Embedding(context, width)
        self.h = nn.ModuleList(Block() for _ in range(layers))
        self.ln_f = nn.LayerNorm(width)

    def forward(self, idx, targets):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.h:
            x = block(x)
        logits = self.ln_f(x) @ self.wte.weight.T
        return F.cross_entropy(logits.view(-1, vocab), targets.reshape(-1))


model = Gpt()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
data = torch.randint(0, vocab, (steps + 5, batch, context + 1))


def step(i):
    loss = model(data[i, :, :-1], data[i, :, 1:])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


# warm-up: at least 5 steps and WARMUP_SECONDS, the same rule as TrainBench (whose JIT needs that long)
WARMUP_SECONDS = 10
warmup, began = 0, time.perf_counter()
while warmup < 5 or time.perf_counter() - began < WARMUP_SECONDS:
    step(warmup % 5)
    warmup += 1
start, start_cpu = time.perf_counter(), time.process_time()
for i in range(steps):
    step(5 + i)
elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
# on a shared machine wall time also counts the time other programs had the cores; CPU time much less so
print(f"process CPU time: {steps * batch * context / cpu:.0f} tokens per CPU-second")
params = sum(p.numel() for p in model.parameters())
form = "scaled_dot_product_attention" if sdpa else "explicit attention"
print(f"PyTorch {torch.__version__} ({form}): {params} parameters, {layers} layers, width {width}, context {context}, "
      f"batch {batch}, {threads} thread(s): {steps * batch * context / elapsed:.0f} tokens/s")
