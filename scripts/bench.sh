#!/usr/bin/env bash
# Reruns every benchmark and prints one table: native (criterion), Node (the npm package against
# @portabletext/to-html, a markdown-it pipeline and the floor renderer), Lighthouse's performance
# score and sizes. A few minutes on two cores. `--update` also writes the table into BENCHMARKS.md.
# The machine should be otherwise idle: other work on it shows up in every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

update=()
if [ "${1:-}" = --update ]; then update=(--update BENCHMARKS.md); fi

read -r load _ < /proc/loadavg || load=0
if awk "BEGIN { exit !($load > 1.0) }"; then
  echo "bench: load average is $load; the figures will be noisy (an idle machine reads about 0)" >&2
fi

scripts/setup.sh
scripts/build.sh
mkdir -p target/bench
echo "== corpus (seeded)"
node bench/corpus.mjs target/bench/corpus
echo "== native: cargo bench -p broadsheet --bench render"
cargo bench -p broadsheet --bench render
echo "== Node: the npm package against the JS renderers, interleaved"
node bench/node.mjs --json target/bench/node.json
echo "== memory: the 10 MB article, a million renders, releaseMemory()"
node bench/memory.mjs
echo "== Lighthouse performance (timing: measured here, asserted nowhere; the other categories are tested)"
node --test tests/consumers/lighthouse.test.mjs | sed -n 's/^# \([a-z0-9-]*: {"performance".*\)/\1/p'
echo "== sizes"
node bench/sizes.mjs --json target/bench/sizes.json
echo
echo "== broadsheet benchmarks"
node bench/report.mjs "${update[@]}"
