// Memory of the server build in one Node process: how far the module's linear memory grows to
// render the 10 MB corpus article (WebAssembly memory never shrinks, so its size after a render is
// the peak), and a soak run of many renders of mixed sizes, printing the memory every tenth of the
// way, to show it stays flat once the largest article has been rendered; then what releaseMemory()
// gives back.
//
//   node bench/memory.mjs [--pkg DIR] [--renders N]     (default: pkg, 1,000,000 renders)
//
// Needs the corpus (node bench/corpus.mjs target/bench/corpus) and the built package.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dir = join(resolve(root, flag("--pkg", "pkg")), "server");
const renders = Number(flag("--renders", 1_000_000));

const core = await import(pathToFileURL(join(dir, "broadsheet.js")).href);
core.initSync({ module: readFileSync(join(dir, "broadsheet_bg.wasm")) });
// Once loaded, initSync returns the current instance's exports, the fresh one after releaseMemory().
const memory = { get buffer() { return core.initSync({ module: new Uint8Array() }).memory.buffer; } };
const MB = (n) => `${(n / 1048576).toFixed(1)} MB`;
const article = (name) => readFileSync(join(root, "target/bench/corpus", `${name}.json`), "utf8");

const start = memory.buffer.byteLength;
const tenMb = article("scale-10m");
core.renderArticle(tenMb);
const peak = memory.buffer.byteLength - start;
const input = Buffer.byteLength(tenMb);
console.log(`10 MB article (${MB(input)} of JSON): memory grew by ${MB(peak)}, ${(peak / input).toFixed(2)}× the input`);

// Mostly typical articles, some long-form ones, the odd 1 MB one: a news site's day.
const mix = [["typical", 900], ["long", 99], ["huge", 1]].map(([name, weight]) => [article(name), weight]);
const cycle = mix.flatMap(([text, weight]) => Array(weight).fill(text));
console.log(`soak: ${renders.toLocaleString("en")} renders (per 1,000: 900 typical, 99 long-form, one ~1 MB)`);
const began = Date.now();
for (let i = 1; i <= renders; i++) {
  core.renderArticle(cycle[i % cycle.length]);
  if (i % (renders / 10) === 0) {
    console.log(`  ${i.toLocaleString("en").padStart(9)} renders: memory ${MB(memory.buffer.byteLength)}, ${((Date.now() - began) / 1000).toFixed(0)} s`);
  }
}
core.releaseMemory();
core.renderArticle(cycle[0]);
console.log(`after releaseMemory() and one typical render: memory ${MB(memory.buffer.byteLength)}`);
