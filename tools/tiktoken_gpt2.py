"""tiktoken's GPT-2 encoding built from local files, so nothing is downloaded at run time.

tiktoken.get_encoding("gpt2") fetches vocab.bpe and encoder.json from the internet; this builds the same
Encoding (same pattern, ranks, special token) from the copies that tools/gpt2_files.sh writes, checked
against the SHA-256 sums tiktoken itself expects.
"""
import os

import tiktoken
from tiktoken.load import data_gym_to_mergeable_bpe_ranks
from tiktoken_ext import openai_public


def gpt2_encoding(gpt2_dir):
    ranks = data_gym_to_mergeable_bpe_ranks(
        vocab_bpe_file=os.path.join(gpt2_dir, "merges.txt"),
        encoder_json_file=os.path.join(gpt2_dir, "vocab.json"),
        vocab_bpe_hash="1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5",
        encoder_json_hash="196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
    )
    return tiktoken.Encoding(name="gpt2", explicit_n_vocab=50257, pat_str=openai_public.r50k_pat_str,
                             mergeable_ranks=ranks, special_tokens={"<|endoftext|>": 50256})
