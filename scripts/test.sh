#!/usr/bin/env bash
# Every test: native Rust, WebAssembly (Node and headless Chromium), package, browser end-to-end.
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --browser
export CHROMEDRIVER=/usr/bin/chromedriver

echo "== native: unit, fixtures, errors, pathological inputs, properties"
cargo test --release

echo "== build the package"
scripts/build.sh

# Stages below are added by area; each is one command.
echo "== HTML validity (Nu Html Checker) and accessibility (axe-core) of every fixture"
node --test tests/pages/
