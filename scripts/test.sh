#!/usr/bin/env bash
# Every test: native Rust, WebAssembly (Node and headless Chromium), package, browser end-to-end.
# Installs what it needs first (scripts/setup.sh). `--quick` (make check) stops after the native
# tests, lints, docs and the format's agreement: the loop for iterating on the Rust code.
# Each stage's time is printed at the end, so a slow stage shows where it is.
set -euo pipefail
cd "$(dirname "$0")/.."

stage_name="start"
stage_started=$SECONDS
timings=()
# Ends the running stage (noting its time) and starts the next.
stage() {
  timings+=("$(printf '%5d s  %s' $((SECONDS - stage_started)) "$stage_name")")
  stage_name=$1
  stage_started=$SECONDS
  echo "== $1"
}
report() {
  stage "done"
  echo "== time per stage (total $((SECONDS / 60)) min $((SECONDS % 60)) s)"
  printf '%s\n' "${timings[@]}"
}
trap report EXIT

# The set-up (npm, Chromium, the wasm32 target, nightly, the wasm-bindgen CLI) runs beside the
# native tests, which need none of it: its downloads wait on the network while cargo works.
mkdir -p target
if [ "${1:-}" = --quick ]; then setup_for=(); else setup_for=(--browser); fi
scripts/setup.sh "${setup_for[@]}" > target/setup.log 2>&1 &
setup=$!

stage "native: unit, fixtures, errors, pathological inputs, properties, fast path against plain path"
cargo test --profile tests
# The criterion benchmark is not a test target; built here so that a change to the model cannot
# leave `make bench` broken. With it, the XSS corpus program the browser stage runs: built with the
# tests' features, it reuses their build.
cargo build --profile tests --all-targets

stage "set-up, finishing beside the native tests (its log: target/setup.log)"
setup_status=0
wait "$setup" || setup_status=$?
cat target/setup.log
if [ "$setup_status" != 0 ]; then echo "set-up failed (exit $setup_status)"; exit "$setup_status"; fi

stage "lints and docs: clippy and rustdoc without a warning (the wasm binding for its own target)"
cargo clippy --profile tests --all-targets -- -D warnings
cargo clippy --profile tests -p broadsheet-wasm --all-targets --target wasm32-unknown-unknown -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps

stage "the format written once: JSON Schema, TypeScript types, docs and the validator agree"
cargo build --release --bin broadsheet
node --test tests/format/
if [ "${1:-}" = --quick ]; then exit 0; fi

stage "build the package"
scripts/build.sh

# Stages below are added by area; each is one command.
stage "HTML validity (Nu Html Checker) and accessibility (axe-core) of every fixture"
node --test tests/pages/
stage "demo page: the real server in Chromium: edits, errors, options, keyboard video, requests, CSP, axe-core, screenshots"
node --test tests/demo/
stage "wasm in Node: every fixture byte-identical to native, from text and objects; errors with paths"
cargo test -p broadsheet-wasm --target wasm32-unknown-unknown
stage "package in Node: both builds byte-identical on every fixture, hostile objects, export conditions, types, size budgets"
node --test tests/package/
stage "consumers: Reader View (Readability), link previews (metascraper), structured data (Google, Twitter, Facebook presets) on every fixture page; Lighthouse accessibility, best practices and SEO 100 on three"
node --test tests/consumers/
stage "end to end in Chromium: the light page's bytes and requests, facades, keyboard, refused players, axe-core, CSP; <broadsheet-article>"
node --test tests/e2e/
stage "recipes: each example under examples/ installs the packed package from its tarball, builds and runs"
scripts/pack.sh
node --test examples/
stage "benchmark smoke: the renderers of bench/ agree with the package and run one round"
node bench/node.mjs --smoke
stage "hostile input: fuzz corpus replay and a bounded run of every target (60 s each, at once)"
scripts/fuzz.sh 60
stage "hostile input: XSS corpus in Chromium, and the wasm package after every bad input"
node --test tests/xss/
