#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm module, its JS glue and types, the element and the
# stylesheet. Also builds the native CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --bin broadsheet
cargo build --release --lib --target wasm32-unknown-unknown
# Built aside and swapped in whole, so a test reading pkg/ meanwhile never sees half a package.
out=target/pkg-next
rm -rf "$out"
wasm-bindgen target/wasm32-unknown-unknown/release/broadsheet.wasm \
  --target web --out-dir "$out" --out-name broadsheet
# Size pass with the npm binaryen (Debian's older wasm-opt writes modules that fail to load).
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/broadsheet_bg.wasm" -o "$out/broadsheet_bg.wasm"
cp www/broadsheet-element.js www/broadsheet.css "$out/"
node scripts/package-json.mjs > "$out/package.json"
rm -rf pkg
mv "$out" pkg
