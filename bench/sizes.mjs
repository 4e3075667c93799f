// What each renderer costs to ship: raw, gzip -9 and brotli (quality 11).
//
// broadsheet: the built package's .wasm, its JS glue and the element shell, the JS minified with
// esbuild as a bundler would. Peers: the same benchmark renderers (bench/peers/*.mjs, with the
// shared markup module that writes broadsheet's figures, facades and quotes), bundled with their
// npm dependencies and minified by esbuild for the browser.
//
//   node bench/sizes.mjs [--pkg DIR] [--json FILE]

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, transformSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const pkg = resolve(root, flag("--pkg", "pkg"));
const jsonOut = flag("--json", join(root, "target", "bench", "sizes.json"));

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const minify = (path) => Buffer.from(transformSync(readFileSync(path, "utf8"), { minify: true, format: "esm" }).code);

const rows = [];
const wasm = sizes(readFileSync(join(pkg, "broadsheet_bg.wasm")));
const glue = sizes(Buffer.concat([minify(join(pkg, "broadsheet.js")), minify(join(pkg, "broadsheet-core.js"))]));
rows.push({ key: "bs-wasm", name: "broadsheet .wasm", ...wasm });
rows.push({ key: "bs-glue", name: "broadsheet JS glue (min)", ...glue });
const parts = [wasm, glue];
const shellPath = join(pkg, "broadsheet-element.js");
if (existsSync(shellPath)) {
  const shell = sizes(Buffer.concat([minify(shellPath), minify(join(pkg, "broadsheet-shell.js"))]));
  rows.push({ key: "bs-shell", name: "broadsheet element shell (min)", ...shell });
  parts.push(shell);
}
const sum = (k) => parts.reduce((n, p) => n + p[k], 0);
rows.push({ key: "bs-total", name: "broadsheet total", raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") });

const peers = [
  ["pt", "@portabletext/to-html + components", "portabletext.mjs"],
  ["mdit", "markdown-it pipeline", "markdown-it.mjs"],
  ["floor", "floor (escape + concatenate)", "floor.mjs"],
];
for (const [key, name, file] of peers) {
  const out = await build({
    stdin: { contents: `export { render } from "./${file}";`, resolveDir: join(root, "bench", "peers"), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  rows.push({ key, name: `${name} (bundled, min)`, ...sizes(Buffer.from(out.outputFiles[0].contents)) });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${"".padEnd(52)} ${"raw".padStart(9)} ${"gzip -9".padStart(9)} ${"brotli".padStart(9)}`);
for (const r of rows) console.log(`${r.name.padEnd(52)} ${kb(r.raw).padStart(9)} ${kb(r.gzip).padStart(9)} ${kb(r.brotli).padStart(9)}`);

if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify({ package: pkg, rows }, null, 2));
}
