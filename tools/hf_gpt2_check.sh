#!/usr/bin/env bash
# Our GPT-2 export read by Hugging Face transformers: writes a random GPT-2-shaped model with
# HuggingFaceGpt2.save into target/hf-check, loads it with GPT2LMHeadModel / GPT2Tokenizer and
# prints the largest logit difference; then the other way, a random GPT-2 saved by transformers'
# save_pretrained into target/hf-made, loaded with HuggingFaceGpt2.load. Not part of the test suite. HF_PYTHON: a Python with torch
# and transformers (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.HuggingFaceExportCheck target/hf-check 2>&1 \
  | grep -v 'Using incubator modules'
"${HF_PYTHON:-python3}" tools/hf_gpt2_check.py target/hf-check target/hf-made
java --add-modules jdk.incubator.vector -cp "$classpath" dev.glassbox.bench.HuggingFaceImportCheck target/hf-made 2>&1 \
  | grep -v 'Using incubator modules'
