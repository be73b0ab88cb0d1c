#!/usr/bin/env bash
# The GPT's forward+backward reading path (issue 10): the trunk, block, attention, MLP, layer norm,
# linear, embedding and loss, with the helpers they call (scaling, softmax, residual, GELU, the
# reference/twin base). Prints each file's line count (wc -l: every line, comments and blank lines
# included) and the total, the figure README's library section quotes. The tuned twins in kernels/
# are not counted: the reader follows the plain loops.
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/main/java/dev/glassbox/nn"
files=(Trunk Gpt Block CausalSelfAttention AttentionScaling Softmax Residual Mlp LayerNorm Linear Embedding Loss Gelu FastTwin)
wc -l "${files[@]/%/.java}"
