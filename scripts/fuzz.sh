#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer, nightly Rust): builds the targets, replays the committed
# corpus (fuzz/corpus/TARGET, every input once), then fuzzes every target at once for a bounded
# time from a scratch copy of the corpus, so a test run never changes the committed files.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default: 60 seconds, every target
#   scripts/fuzz.sh --merge SECONDS [TARGET...]
#       a long run that merges what it found into fuzz/corpus (minimised); see
#       docs/limits-and-safety.md, "Fuzzing"
#
# Installs cargo-fuzz, and (by scripts/setup.sh) the pinned nightly toolchain, when missing. A
# finding stops the run: the input is in fuzz/artifacts/TARGET/ and the log in
# target/fuzz-logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."

merge=false
if [ "${1:-}" = --merge ]; then merge=true; shift; fi
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(render_json render_article render_markdown inline_fast_path import_wordpress import_ans import_portable_text import_html)

scripts/setup.sh
. scripts/toolchain.sh
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2

dict() {
  case $1 in
    render_json) echo "-dict=dicts/json.dict" ;;
    render_markdown | inline_fast_path) echo "-dict=dicts/markdown.dict" ;;
    import_wordpress) echo "-dict=dicts/wordpress.dict" ;;
    import_ans) echo "-dict=dicts/ans.dict" ;;
    import_portable_text) echo "-dict=dicts/portable-text.dict" ;;
    import_html) echo "-dict=dicts/html.dict" ;;
  esac
}

# The importers' test fixtures seed their targets too (read only, like the committed corpus).
seeds() {
  case $1 in
    import_wordpress) echo "../tests/import/wordpress" ;;
    import_ans) echo "../tests/import/ans" ;;
    import_portable_text) echo "../tests/import/portable-text" ;;
    import_html) echo "../tests/import/html" ;;
    inline_fast_path) echo "corpus/render_markdown" ;;
  esac
}

# No sanitizer by default: the crate forbids unsafe code, and without ASan each target runs about
# five times faster. FUZZ_SANITIZER=address for a run that also checks dependencies' unsafe code.
sanitizer=${FUZZ_SANITIZER:-none}
(cd fuzz && cargo "+$NIGHTLY" fuzz build -s "$sanitizer")
mkdir -p target/fuzz-logs
for target in "${targets[@]}"; do
  n=$(find "fuzz/corpus/$target" -type f | wc -l)
  echo "fuzz: replaying $n corpus inputs of $target"
  (cd fuzz && cargo "+$NIGHTLY" fuzz run -s "$sanitizer" "$target" "corpus/$target" $(seeds "$target") -- -runs=0 $(dict "$target")) \
    >"target/fuzz-logs/$target-replay.log" 2>&1 || {
    tail -n 60 "target/fuzz-logs/$target-replay.log"; echo "fuzz: replay of $target FAILED"; exit 1; }
done

[ "$seconds" -gt 0 ] || exit 0
echo "fuzz: ${seconds}s per target, all at once: ${targets[*]}"
pids=()
for target in "${targets[@]}"; do
  # New inputs go to a scratch directory; the committed corpus is read as seeds only.
  work="target/fuzz-corpus/$target"
  rm -rf "$work"; mkdir -p "$work"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a bound on memory per input.
  (cd fuzz && cargo "+$NIGHTLY" fuzz run -s "$sanitizer" "$target" "../$work" "corpus/$target" $(seeds "$target") -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 $(dict "$target")) \
    >"target/fuzz-logs/$target.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  if wait "${pids[$i]}"; then
    runs=$(grep -a 'stat::number_of_executed_units' "target/fuzz-logs/$target.log" | awk '{print $2}')
    cov=$(grep -a -o 'cov: [0-9]*' "target/fuzz-logs/$target.log" | tail -n 1)
    echo "fuzz: $target ok: $runs executions in ${seconds}s, $cov"
  else
    status=1
    tr -d '\000' <"target/fuzz-logs/$target.log" | grep -a -v '^#' | tail -n 80
    echo "fuzz: $target FOUND A PROBLEM (input in fuzz/artifacts/$target/, log target/fuzz-logs/$target.log)"
  fi
done
if $merge && [ $status = 0 ]; then
  for target in "${targets[@]}"; do
    (cd fuzz && cargo "+$NIGHTLY" fuzz run -s "$sanitizer" "$target" "corpus/$target" "../target/fuzz-corpus/$target" -- \
        -set_cover_merge=1 -max_len=16384) >"target/fuzz-logs/$target-merge.log" 2>&1
    echo "fuzz: $target corpus now $(find "fuzz/corpus/$target" -type f | wc -l) inputs"
  done
fi
exit $status
