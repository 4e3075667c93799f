#!/usr/bin/env bash
# Installs what building and testing need on a machine with only the stock toolchain.
# Idempotent: each step checks before it installs. `--browser` also installs Chromium (tests).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# npm and apt wait on the network while cargo below works the CPU: they run beside it.
downloads=()
# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund &
  downloads+=($!)
fi
if [ "${1:-}" = --browser ] && ! command -v chromium >/dev/null; then
  echo "setup: installing Chromium from Debian"
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) &
  downloads+=($!)
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

# rust-src: the browser build rebuilds std from it.
rustup toolchain list | grep -q "^$NIGHTLY" || rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src

# The CLI must match the exact wasm-bindgen version the binding crate pins.
wanted=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' crates/wasm/Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wanted" ]; then
  echo "setup: installing wasm-bindgen-cli $wanted (about two minutes)"
  cargo install wasm-bindgen-cli --version "$wanted"
fi

# The downloads started above end here; a failed one fails the set-up.
for job in "${downloads[@]}"; do wait "$job"; done
