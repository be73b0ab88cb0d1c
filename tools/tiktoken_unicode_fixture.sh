#!/usr/bin/env bash
# Regenerates src/test/resources/dev/glassbox/tokenize/tiktoken-unicode.json and gpt2-subset/ (the fixture
# of TiktokenUnicodeTest) with tiktoken 0.14 in target/bench-tokenize-venv, GPT-2's files from
# tools/gpt2_files.sh, and the code points listed by dev.glassbox.tokenize.UnicodeCandidates (JDK vs ICU).
# Run once when the ICU or tiktoken pin changes; the output is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
if [ ! -x target/bench-tokenize-venv/bin/python ]; then
  python3 -m venv target/bench-tokenize-venv
  target/bench-tokenize-venv/bin/pip install -q tiktoken==0.14.0
fi
target/bench-tokenize-venv/bin/pip install -q regex==2026.11.19
gpt2=$(tools/gpt2_files.sh target/gpt2)
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.glassbox.tokenize.UnicodeCandidates \
  > target/unicode-candidates.json
PYTHONPATH=tools target/bench-tokenize-venv/bin/python tools/tiktoken_unicode_fixture.py "$gpt2" \
  target/unicode-candidates.json src/test/resources/dev/glassbox/tokenize
