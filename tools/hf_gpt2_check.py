"""Loads a directory written by HuggingFaceGpt2.save with Hugging Face transformers and compares
its logits and tokenization with Glassbox's (glassbox_logits.json, written by HuggingFaceExportCheck).
Prints the largest absolute and relative logit difference. Needs torch and transformers.
Usage: python tools/hf_gpt2_check.py DIR"""
import json
import sys

import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

directory = sys.argv[1]
with open(f"{directory}/glassbox_logits.json") as f:
    ours = json.load(f)

model = GPT2LMHeadModel.from_pretrained(directory).eval()
tokenizer = GPT2Tokenizer.from_pretrained(directory)
ids = tokenizer.encode(ours["text"])
print("tokens equal:", ids == ours["tokens"], f"({len(ids)} tokens)")
with torch.no_grad():
    theirs = model(torch.tensor([ours["tokens"]])).logits[0]
mine = torch.tensor(ours["logits"])
diff = (theirs - mine).abs()
print(f"logits {tuple(mine.shape)}: max |difference| {diff.max().item():.3g}, "
      f"max |logit| {mine.abs().max().item():.3g}, max relative {(diff.max() / mine.abs().max()).item():.3g}")
print("same greedy next token at every position:", bool((theirs.argmax(-1) == mine.argmax(-1)).all()))

# the other way: a GPT-2 written by transformers itself (random init, every weight moved), for
# HuggingFaceImportCheck to load with our loader
made_by_hf = sys.argv[2] if len(sys.argv) > 2 else None
if made_by_hf:
    import shutil
    from transformers import GPT2Config
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=304, n_positions=32, n_embd=64, n_layer=3, n_head=4)
    hf = GPT2LMHeadModel(config).eval()
    with torch.no_grad():
        for p in hf.parameters():
            p.add_(torch.randn_like(p) * 0.2)
        logits = hf(torch.tensor([ours["tokens"]])).logits[0]
    hf.save_pretrained(made_by_hf)
    for name in ("vocab.json", "merges.txt"):
        shutil.copy(f"{directory}/{name}", f"{made_by_hf}/{name}")
    with open(f"{made_by_hf}/hf_logits.json", "w") as f:
        json.dump({"tokens": ours["tokens"], "logits": logits.tolist()}, f)
    print(f"wrote {made_by_hf} with transformers' save_pretrained")
