#!/usr/bin/env bash
# Builds the npm package into pkg/ and the native CLI. The package holds two builds of the
# renderer with one API: the browser build at the top (compiled and optimised for size) and the
# server build in pkg/server/ (for speed); package.json's export conditions choose between them.
# Each is the wasm module, its wasm-bindgen glue (broadsheet-core.js) and the hand-written entry
# (broadsheet.js); beside them the facade shell, the element and the stylesheet.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

cargo build --release --bin broadsheet
# The browser build rebuilds std so that a panic traps at once, without panic messages and the
# formatting code behind them (10 KB brotli less). That takes nightly Rust; its own target
# directory keeps the stable builds' artifacts from being rebuilt on every switch.
browser_target=target/browser-std
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" cargo "+$NIGHTLY" build -Z build-std=std,panic_abort \
  -p broadsheet-wasm --profile browser --target wasm32-unknown-unknown --no-default-features --target-dir "$browser_target"
cargo build -p broadsheet-wasm --release --target wasm32-unknown-unknown

# Features every engine the package supports has; wasm-opt must be told which it may use.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# bindgen WASM DIR WASM_OPT_LEVEL [SUFFIX]: the glue, the optimised module and the entry into
# DIR, with www/broadsheet-wasmSUFFIX.js as the entry's way to find the .wasm.
bindgen() {
  # The reset function lets releaseMemory() (www/broadsheet.js) start a fresh instance.
  # The types are written by hand (www/*.d.ts), for every environment.
  wasm-bindgen "$1" --target web --out-dir "$2" --out-name broadsheet \
    --experimental-reset-state-function --no-typescript
  # Generated code nobody reads in the package: shipped minified (a kilobyte less brotli for
  # browsers); `new URL("broadsheet_bg.wasm", import.meta.url)` stays as bundlers look for it.
  node_modules/.bin/esbuild "$2/broadsheet.js" --minify --format=esm --log-level=warning --outfile="$2/broadsheet-core.js"
  rm "$2/broadsheet.js"
  # The npm binaryen: Debian's older wasm-opt writes modules that fail to load.
  node_modules/.bin/wasm-opt "$3" "${features[@]}" "$2/broadsheet_bg.wasm" -o "$2/broadsheet_bg.wasm"
  cp www/broadsheet.js www/broadsheet.d.ts "$2/"
  cp "www/broadsheet-wasm${4:-}.js" "$2/broadsheet-wasm.js"
}

# Built aside and swapped in whole, so a test reading pkg/ meanwhile never sees half a package.
out=target/pkg-next
rm -rf "$out"
bindgen "$browser_target/wasm32-unknown-unknown/browser/broadsheet_wasm.wasm" "$out" -Oz
bindgen target/wasm32-unknown-unknown/release/broadsheet_wasm.wasm "$out/server" -O3 .server
# What a page loads before any interaction ships minified; www/ holds the readable source.
for file in broadsheet-shell.js broadsheet-element.js; do
  node_modules/.bin/esbuild "www/$file" --minify --format=esm --log-level=warning --outfile="$out/$file"
done
node_modules/.bin/esbuild www/broadsheet.css --minify --charset=utf8 --log-level=warning --outfile="$out/broadsheet.css"
cp www/broadsheet-element.d.ts www/broadsheet-shell.d.ts www/read-wasm.js www/read-wasm-unsupported.js \
  README.md LICENSE "$out/"
# The server entry shares the one shell (hydrate is part of the API everywhere).
sed -i 's#"./broadsheet-shell.js"#"../broadsheet-shell.js"#' "$out/server/broadsheet.js"
node scripts/package-json.mjs > "$out/package.json"
rm -rf pkg
mv "$out" pkg
