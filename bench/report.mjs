// One table from the three benchmark results (target/bench/native.json from `cargo bench`,
// node.json from bench/node.mjs, sizes.json from bench/sizes.mjs), with each target of the
// benchmark issue marked met or missed, and by how much.
//
//   node bench/report.mjs [--update BENCHMARKS.md]
//
// `--update FILE` also replaces what FILE holds between `<!-- figures:start -->` and
// `<!-- figures:end -->` with the table.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const load = (name) => {
  const path = join(root, "target", "bench", `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
};
const native = load("native");
const node = load("node");
const sizes = load("sizes");

const kib = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const time = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const label = { typical: "typical", long: "long-form", huge: "~1 MB" };
const verdict = (ok, miss) => (ok ? "**met**" : `missed: ${miss}`);
const tool = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n")[0];
  } catch {
    return `${cmd}: unknown`;
  }
};

const out = [];
const line = (s = "") => out.push(s);

const cpus = os.cpus();
line(`Machine: ${cpus[0]?.model ?? "?"} × ${cpus.length} (${os.arch()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; ` +
  `${tool("rustc", ["--version"])}; Node ${process.version}` +
  (node?.loadBefore !== undefined ? `; one-minute load average ${node.loadBefore.toFixed(1)} before the Node run and ${node.loadAfter.toFixed(1)} after it (idle: 0).` : "."));
line();

if (node) {
  const sizes = node.sizes;
  line(`### In Node, the package as a Node app imports it (server build): ${node.clock === "wall" ? "wall-clock" : "CPU-time"} medians per article, renderers interleaved round by round`);
  line();
  line(`| renderer | ${sizes.map((s) => `${label[s.name] ?? s.name}: ${s.articles.toLocaleString("en")} article${s.articles > 1 ? "s" : ""}, ${kib(s.inputBytes)} JSON each on average`).join(" | ")} |`);
  line(`|---|${sizes.map(() => "---:").join("|")}|`);
  // An earlier build timed alongside (`--before`) belongs to a before/after table, not here.
  const current = (key) => !key.startsWith("before") && !key.endsWith("speedup");
  for (const row of sizes[0].rows.filter((r) => current(r.key))) {
    const cells = sizes.map((s) => {
      const r = s.rows.find((x) => x.key === row.key);
      return r ? `${time(r.ms)} · ${r.mbPerSecond.toFixed(1)} MB/s` : "–";
    });
    line(`| ${row.name} | ${cells.join(" | ")} |`);
  }
  line();
  line(`| ratio (our throughput over Portable Text's; median of the rounds' own ratios) | ${sizes.map((s) => label[s.name] ?? s.name).join(" | ")} |`);
  line(`|---|${sizes.map(() => "---:").join("|")}|`);
  for (const q of sizes[0].ratios.filter((r) => current(r.key))) {
    line(`| ${q.name} | ${sizes.map((s) => { const r = s.ratios.find((x) => x.key === q.key); return r ? `${r.ratio.toFixed(2)}×` : "–"; }).join(" | ")} |`);
  }
  line();
  line("MB/s are of the article's broadsheet JSON, for every renderer. Every renderer writes the same HTML, byte for byte (checked on every article before timing).");
  line();
}

if (native) {
  line("### Native (criterion, median per article; each iteration renders the whole set; `cargo bench --bench render`)");
  line();
  line("| article | JSON | render_json | articles/s | MB/s | `json::parse` | `from_value` | `render` | pulldown-cmark alone (same Markdown) | render_json ÷ pulldown-cmark |");
  line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const s of native.sizes) {
    line(`| ${label[s.name] ?? s.name}${s.articles ? ` (${s.articles.toLocaleString("en")})` : ""} | ${kib(s.inputBytes)} | ${time(s.renderJsonNs / 1e6)} | ${Math.round(1e9 / s.renderJsonNs).toLocaleString("en")} | ${(s.inputBytes / s.renderJsonNs * 1e3).toFixed(1)} | ` +
      `${time(s.jsonParseNs / 1e6)} | ${time(s.validateNs / 1e6)} | ${time(s.renderNs / 1e6)} | ${time(s.pulldownCmarkNs / 1e6)} (${kib(s.markdownBytes)}) | ${(s.renderJsonNs / s.pulldownCmarkNs).toFixed(2)} |`);
  }
  line();
  line("The stages are the public API on their own: `json::parse` (text → tree), `from_value` (full validation, which parses every Markdown field) and `render` (writing). " +
    "`render_json` costs less than their sum: it validates the structure, then parses each Markdown field once, while writing.");
  line();
}

const spread = (xs) => Math.max(...xs) / Math.min(...xs) - 1;
if (native?.scale?.length || node?.scale?.length) {
  line("### Cost per input byte, 10 KB to 10 MB (same content mix)");
  line();
  const names = (native?.scale ?? node.scale).map((s) => s.name);
  const bytes = (native?.scale ?? node.scale).map((s) => s.inputBytes);
  line(`| | ${bytes.map(kib).join(" | ")} | spread |`);
  line(`|---|${bytes.map(() => "---:").join("|")}|---:|`);
  if (native?.scale?.length) line(`| native, ns/byte | ${native.scale.map((s) => s.nsPerByte.toFixed(2)).join(" | ")} | ${(spread(native.scale.map((s) => s.nsPerByte)) * 100).toFixed(0)} % |`);
  if (node?.scale?.length) line(`| Node (JSON string), ns/byte | ${names.map((n) => node.scale.find((s) => s.name === n)?.nsPerByte.toFixed(2) ?? "–").join(" | ")} | ${(spread(node.scale.map((s) => s.nsPerByte)) * 100).toFixed(0)} % |`);
  line();
}

if (sizes) {
  line("### Size (JS minified by esbuild; brotli quality 11)");
  line();
  line("| | raw | gzip -9 | brotli |");
  line("|---|---:|---:|---:|");
  for (const r of sizes.rows) line(`| ${r.key === "bs-total" ? `**${r.name}**` : r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  line();
}

line("### Targets");
line();
line("| target | measured | verdict |");
line("|---|---|---|");
if (node) {
  const ratio = (s, key) => s.ratios.find((r) => r.key === key)?.ratio;
  const row = (key, target, what) => {
    const got = node.sizes.map((s) => [s.name, ratio(s, key)]).filter(([, r]) => r !== undefined);
    if (!got.length) return;
    const worst = Math.min(...got.map(([, r]) => r));
    line(`| ${what} | ${got.map(([n, r]) => `${label[n] ?? n} ${r.toFixed(2)}×`).join(", ")} | ${verdict(worst >= target, `worst ${worst.toFixed(2)}×, needs ${(target / worst).toFixed(2)}× more`)} |`);
  };
  row("object-vs-pt-object", 1.5, "Node: JS object in ≥ 1.5× @portabletext/to-html from its objects");
  row("text-vs-pt-object", 2.5, "Node: JSON text in ≥ 2.5× @portabletext/to-html from its objects");
  row("object-vs-text", 0.9, "Node: object path ≥ 0.9× the text path");
}
if (native) {
  const r = native.sizes.map((s) => [s.name, s.renderJsonNs / s.pulldownCmarkNs]);
  const worst = Math.max(...r.map(([, x]) => x));
  line(`| Native: within 1.5× of pulldown-cmark alone | ${r.map(([n, x]) => `${label[n] ?? n} ${x.toFixed(2)}×`).join(", ")} | ${verdict(worst <= 1.5, `worst ${worst.toFixed(2)}×, ${(worst / 1.5).toFixed(2)}× over`)} |`);
}
for (const [name, scale] of [["native", native?.scale], ["Node", node?.scale]]) {
  if (!scale?.length) continue;
  const s = spread(scale.map((x) => x.nsPerByte));
  line(`| Linear (${name}): ns/byte within 30 % from 10 KB to 10 MB | spread ${(s * 100).toFixed(0)} % | ${verdict(s <= 0.3, `by ${((s - 0.3) * 100).toFixed(0)} points`)} |`);
}
if (sizes) {
  const brotli = (key) => sizes.rows.find((r) => r.key === key).brotli;
  const renderer = brotli("bs-wasm") + brotli("bs-glue");
  line(`| Browser build: wasm + glue ≤ 90 KB brotli | ${kb(renderer)} | ${verdict(renderer <= 90 * 1024, `by ${kb(renderer - 90 * 1024)}`)} |`);
}

const table = out.join("\n");
console.log(table);

const i = process.argv.indexOf("--update");
if (i >= 0) {
  const file = process.argv[i + 1];
  const text = readFileSync(file, "utf8");
  const start = "<!-- figures:start -->";
  const end = "<!-- figures:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
  console.error(`updated ${file}`);
}
