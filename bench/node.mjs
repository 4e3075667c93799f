// Throughput in Node, one process: broadsheet's npm package (from a JSON string and from a JS
// object) against @portabletext/to-html, a markdown-it pipeline and the floor (escape and
// concatenate), interleaved round by round over the same articles, so each ratio compares
// figures taken under the same conditions.
//
//   node bench/node.mjs [--pkg DIR] [--json FILE] [--rounds N] [--sample-ms MS] [--only KEY,…]
//                       [--no-scale] [--smoke]
//
// Every output string is flattened (V8's %FlattenString) inside the timed region: JS renderers
// return ropes whose cost is otherwise paid later, by whoever writes them out; broadsheet returns
// a flat string. `--smoke` checks the renderers agree and times one short round (for the tests).

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";

if (!process.execArgv.includes("--allow-natives-syntax")) {
  const child = spawnSync(process.execPath, ["--allow-natives-syntax", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
const flatten = new Function("s", "return %FlattenString(s)");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes("--smoke");
const pkgDir = resolve(root, flag("--pkg", "pkg"));
const jsonOut = flag("--json", smoke ? undefined : join(root, "target", "bench", "node.json"));
const sampleMs = Number(flag("--sample-ms", smoke ? 2 : 25));

const { ARTICLES, SCALE, formats, stats } = await import("./corpus.mjs");
const floor = await import("./peers/floor.mjs");
const markdownIt = await import("./peers/markdown-it.mjs");
const portableText = await import("./peers/portabletext.mjs");
// Both builds of the package: the server build (pkg/server/, what Node resolves) and the browser build.
const load = async (dir) => {
  const build = await import(pathToFileURL(join(dir, "broadsheet.js")).href);
  build.initSync({ module: readFileSync(join(dir, "broadsheet_bg.wasm")) });
  return build;
};
const bs = await load(join(pkgDir, "server"));
const bsBrowser = await load(pkgDir);

/** Each renderer: how to prepare its input from the corpus formats, and the call timed. */
const RENDERERS = [
  { key: "bs-string", name: "broadsheet server build, JSON string", input: (f) => f.broadsheet, render: (s) => bs.renderArticle(s) },
  { key: "bs-object", name: "broadsheet server build, JS object", input: (f) => JSON.parse(f.broadsheet), render: (o) => bs.renderArticle(o) },
  { key: "bs-browser-string", name: "broadsheet browser build, JSON string", input: (f) => f.broadsheet, render: (s) => bsBrowser.renderArticle(s) },
  { key: "pt-object", name: "@portabletext/to-html, object", input: (f) => JSON.parse(f.portableText), render: (o) => portableText.render(o) },
  { key: "pt-string", name: "@portabletext/to-html, JSON.parse + render", input: (f) => f.portableText, render: (s) => portableText.render(JSON.parse(s)) },
  { key: "mdit-object", name: "markdown-it pipeline, object", input: (f) => JSON.parse(f.broadsheet), render: (o) => markdownIt.render(o) },
  { key: "floor-object", name: "floor (escape + concatenate), object", input: (f) => JSON.parse(f.broadsheet), render: (o) => floor.render(o) },
];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `render(input)` `n` times; milliseconds per call. */
function sample(r, input, n) {
  const start = now();
  for (let i = 0; i < n; i++) flatten(r.render(input));
  return (now() - start) / n;
}

/** Interleaved rounds: every round times each renderer once, in a rotating order. */
function measure(renderers, rounds) {
  const plan = renderers.map((r) => {
    // Warm up, then pick how many calls make one sample of about `sampleMs`.
    const once = Math.max(sample(r, r.prepared, 1), sample(r, r.prepared, 1), 1e-4);
    return { r, n: Math.max(1, Math.round(sampleMs / once)), times: [] };
  });
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < plan.length; i++) {
      const p = plan[(i + round) % plan.length];
      p.times.push(sample(p.r, p.r.prepared, p.n));
    }
  }
  return plan.map((p) => ({ key: p.r.key, name: p.r.name, ms: median(p.times), min: Math.min(...p.times), samples: p.times.length, callsPerSample: p.n }));
}

const results = { machine: machine(), node: process.version, package: pkgDir, sampleMs, loadBefore: os.loadavg()[0], sizes: [], scale: [] };
let failed = false;

const sizes = smoke ? { typical: ARTICLES.typical } : ARTICLES;
for (const [name, make] of Object.entries(sizes)) {
  const model = make();
  const f = formats(model);
  const bytes = Buffer.byteLength(f.broadsheet);
  const only = flag("--only", "").split(",").filter(Boolean);
  const renderers = RENDERERS.filter((r) => !only.length || only.includes(r.key)).map((r) => ({ ...r, prepared: r.input(f) }));
  // Same markup? Compare every output with broadsheet's before timing anything.
  const reference = bs.renderArticle(f.broadsheet);
  const outputs = renderers.map((r) => {
    const html = r.render(r.prepared);
    return { key: r.key, bytes: Buffer.byteLength(html), identical: html === reference };
  });
  // The peers port broadsheet's markup (bench/peers/markup.mjs); when it changes they must follow.
  // A few bytes of drift is reported; more than 5 % fails the run (and the smoke test).
  for (const o of outputs) {
    const mustMatch = o.key !== "floor-object" && o.key !== "mdit-object";
    const drift = Math.abs(o.bytes / Buffer.byteLength(reference) - 1);
    if ((mustMatch && !o.identical) || drift > 0.05) {
      console.error(`${name}: ${o.key} writes different HTML from broadsheet's (${o.bytes} vs ${Buffer.byteLength(reference)} bytes); update bench/peers/`);
      if (drift > 0.05 && o.key !== "floor-object") failed = true;
    }
  }
  const rounds = Number(flag("--rounds", smoke ? 1 : name === "huge" ? 9 : 15));
  const timed = measure(renderers, rounds);
  const base = (timed.find((t) => t.key === "bs-string") ?? timed[0]).ms;
  const rows = timed.map((t) => ({
    ...t,
    ...outputs.find((o) => o.key === t.key),
    perSecond: 1000 / t.ms,
    mbPerSecond: bytes / 1e6 / (t.ms / 1000),
    // How many times longer than broadsheet from a JSON string (> 1: broadsheet is faster).
    vsBroadsheet: t.ms / base,
  }));
  results.sizes.push({ name, inputBytes: bytes, ptInputBytes: Buffer.byteLength(f.portableText), ...stats(model), outputBytes: Buffer.byteLength(reference), rows });
  print(name, bytes, rows);
}

// Linearity: broadsheet (JSON string) per input byte, 10 KB to 10 MB, the same content mix.
if (!smoke && !args.includes("--no-scale")) {
  for (const [name, make] of Object.entries(SCALE)) {
    const f = formats(make());
    const bytes = Buffer.byteLength(f.broadsheet);
    const renderers = [{ ...RENDERERS[0], prepared: f.broadsheet }];
    const [t] = measure(renderers, Number(flag("--rounds", bytes > 5e6 ? 5 : 9)));
    results.scale.push({ name, inputBytes: bytes, ms: t.ms, nsPerByte: (t.ms * 1e6) / bytes, mbPerSecond: bytes / 1e6 / (t.ms / 1000) });
    console.log(`${name.padEnd(11)} ${fmtBytes(bytes).padStart(9)}  ${t.ms.toFixed(3).padStart(9)} ms  ${((t.ms * 1e6) / bytes).toFixed(2)} ns/byte`);
  }
}

results.loadAfter = os.loadavg()[0];
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(results, null, 2));
}
if (failed) process.exit(1);

function print(name, bytes, rows) {
  console.log(`\n${name}: ${fmtBytes(bytes)} of broadsheet JSON`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(44)} ${r.ms < 1 ? (r.ms * 1000).toFixed(1).padStart(8) + " µs" : r.ms.toFixed(2).padStart(8) + " ms"}` +
        `  ${r.mbPerSecond.toFixed(1).padStart(7)} MB/s  ×${r.vsBroadsheet.toFixed(2)}${r.identical ? "  same HTML" : ""}`,
    );
  }
}

function fmtBytes(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`;
}
