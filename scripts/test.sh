#!/usr/bin/env bash
# Every test: native Rust, WebAssembly (Node and headless Chromium), package, browser end-to-end.
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --browser

echo "== native: unit, fixtures, errors, pathological inputs, properties, fast path against plain path"
cargo test --release
# The criterion benchmark is not a test target; built here so that a change to the model cannot
# leave `make bench` broken.
cargo build --release --benches

echo "== lints and docs: clippy and rustdoc without a warning (the wasm binding for its own target)"
cargo clippy --release --all-targets -- -D warnings
cargo clippy --release -p broadsheet-wasm --all-targets --target wasm32-unknown-unknown -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps

echo "== the format written once: JSON Schema, TypeScript types, docs and the validator agree"
cargo build --release --bin broadsheet
node --test tests/format/

echo "== build the package"
scripts/build.sh

# Stages below are added by area; each is one command.
echo "== HTML validity (Nu Html Checker) and accessibility (axe-core) of every fixture"
node --test tests/pages/
echo "== demo page: the real server in Chromium: edits, errors, options, keyboard video, requests, CSP, axe-core, screenshots"
node --test tests/demo/
echo "== wasm in Node: every fixture byte-identical to native, from text and objects; errors with paths"
cargo test -p broadsheet-wasm --target wasm32-unknown-unknown
echo "== package in Node: both builds byte-identical on every fixture, hostile objects, export conditions, types, size budgets"
node --test tests/package/
echo "== consumers: Reader View (Readability), link previews (metascraper), structured data (Google, Twitter, Facebook presets) on every fixture page; Lighthouse 100s on three"
node --test tests/consumers/
echo "== end to end in Chromium: the light page's bytes and requests, facades, keyboard, refused players, axe-core, CSP; <broadsheet-article>"
node --test tests/e2e/
echo "== recipes: each example under examples/ installs the packed package from its tarball, builds and runs"
scripts/pack.sh
node --test examples/
echo "== benchmark smoke: the renderers of bench/ agree with the package and run one round"
node bench/node.mjs --smoke
echo "== hostile input: fuzz corpus replay and a bounded run of every target (60 s each, at once)"
scripts/fuzz.sh 60
echo "== hostile input: XSS corpus in Chromium, and the wasm package after every bad input"
node --test tests/xss/
