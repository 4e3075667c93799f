#!/usr/bin/env node
// Prints what the built package (pkg/) costs: the .wasm raw / gzip -9 / brotli, the JS glue, the
// element shell minified (esbuild) and gzipped, the total brotli, and the median time to render
// the seed article in Node through the package. `--json` prints the same as one JSON object.
// Run scripts/build.sh first.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { transformSync } from "esbuild";
import { initSync, renderArticle } from "../pkg/broadsheet.js";

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url));
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = (bytes) => ({ raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) });

const wasmBytes = read("pkg/broadsheet_bg.wasm");
const glue = transformSync(read("pkg/broadsheet.js").toString(), { minify: true, format: "esm" }).code;
const shell = transformSync(read("pkg/broadsheet-element.js").toString(), { minify: true, format: "esm" }).code;
const wasm = sizes(wasmBytes);
const glueMin = sizes(Buffer.from(glue));
const shellMin = sizes(Buffer.from(shell));

// Median of many renders after a warm-up; the article goes in as JSON text, as a server has it.
initSync({ module: wasmBytes });
const seed = read("tests/fixtures/seed.json").toString();
const runs = 2000;
for (let i = 0; i < 200; i++) renderArticle(seed);
const times = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  renderArticle(seed);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const seedRender = { runs, medianMs: times[runs >> 1], p90Ms: times[Math.floor(runs * 0.9)] };

const report = { wasm, glueMin, shellMin, totalBrotli: wasm.brotli + glueMin.brotli + shellMin.brotli, seedRender };
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const line = (name, s) => console.log(`${name.padEnd(22)} raw ${kb(s.raw)}  gzip -9 ${kb(s.gzip)}  brotli ${kb(s.brotli)}`);
  line("broadsheet_bg.wasm", wasm);
  line("broadsheet.js (min)", glueMin);
  line("element shell (min)", shellMin);
  console.log(`${"total, brotli".padEnd(22)} ${kb(report.totalBrotli)}`);
  console.log(`seed render in Node     median ${seedRender.medianMs.toFixed(3)} ms, p90 ${seedRender.p90Ms.toFixed(3)} ms (${runs} runs)`);
}
