// Throughput in Node as an app sees it: the npm package imported the way a Node app imports it
// (`import … from "broadsheet"`, so the server build and `await init()`), against
// @portabletext/to-html rendering the same content from its own objects and from its JSON text.
//
//   node bench/node.mjs [--pkg DIR] [--json FILE] [--rounds N] [--sets typical,long,huge]
//                       [--only KEY,…] [--browser] [--peers all] [--one] [--flatten] [--clock wall]
//                       [--before DIR] [--no-scale] [--smoke]
//
// What is measured (BENCHMARKS.md, "Method"):
// - a corpus of many distinct seeded articles (bench/corpus.mjs `SETS`: 1,000 typical, 50
//   long-form, one ~1 MB), each renderer given its own input (its own parsed objects, or text);
// - interleaved rounds in one process: every round runs each renderer once over the whole set, in
//   a rotating order, with a full GC (untimed) before each pass, so no renderer pays for
//   another's garbage;
// - CPU time of the process (user + system, `process.cpuUsage`) per pass, divided by the
//   articles in it; medians over the rounds; each ratio is the median of the rounds' own ratios
//   (two renderers timed in the same round under the same conditions).
// The old benchmark's way is still there, to show what it changed: `--one` renders only the
// first article of each set again and again, `--flatten` flattens every output string inside
// the timed region (V8's %FlattenString), `--clock wall` times wall-clock instead of CPU time.
// `--browser` adds the browser build (JSON text), `--peers all` the markdown-it pipeline and the
// floor (escape and concatenate). `--before DIR` times another build of the package (an earlier
// commit's pkg/) in the same rounds, for before/after tables. `--smoke` checks the renderers agree on a few articles and times
// one short round (the test command runs it).

import { readFileSync, writeFileSync, mkdirSync, symlinkSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";

const needs = ["--allow-natives-syntax", "--expose-gc"];
if (!needs.every((f) => process.execArgv.includes(f))) {
  const child = spawnSync(process.execPath, [...needs, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
const flattenNative = new Function("s", "return %FlattenString(s)");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes("--smoke");
const one = args.includes("--one");
const flatten = args.includes("--flatten");
const wall = flag("--clock", "cpu") === "wall";
const pkgDir = resolve(root, flag("--pkg", "pkg"));
const jsonOut = flag("--json", smoke ? undefined : join(root, "target", "bench", "node.json"));
const only = flag("--only", "").split(",").filter(Boolean);

const { SETS, SCALE, formats, stats } = await import("./corpus.mjs");
const floor = await import("./peers/floor.mjs");
const markdownIt = await import("./peers/markdown-it.mjs");
const portableText = await import("./peers/portabletext.mjs");

/**
 * The package in `dir` as a Node app gets it: a node_modules/broadsheet (a link to the built
 * package) beside an app module that imports "broadsheet"; Node's resolution picks the build.
 */
async function nodeApp(dir, name) {
  const app = join(root, "target", "bench", name);
  mkdirSync(join(app, "node_modules"), { recursive: true });
  rmSync(join(app, "node_modules", "broadsheet"), { force: true, recursive: true });
  symlinkSync(relative(join(app, "node_modules"), dir), join(app, "node_modules", "broadsheet"), "dir");
  writeFileSync(join(app, "app.mjs"), 'export * from "broadsheet";\nexport { default } from "broadsheet";\nexport const resolved = import.meta.resolve("broadsheet");\n');
  const build = await import(pathToFileURL(join(app, "app.mjs")).href);
  await build.default();
  const resolved = relative(dir, fileURLToPath(build.resolved));
  if (resolved !== join("server", "broadsheet.js")) throw new Error(`Node resolved "broadsheet" to ${resolved}, not the server build`);
  return build;
}
const bs = await nodeApp(pkgDir, "app");
const resolvedBuild = join("server", "broadsheet.js");
const browser = await import(pathToFileURL(join(pkgDir, "broadsheet.js")).href);
browser.initSync({ module: readFileSync(join(pkgDir, "broadsheet_bg.wasm")) });
// Does this package take a Uint8Array of JSON? (Measured when it does.)
const takesBytes = (() => {
  try {
    return typeof bs.renderArticle(new TextEncoder().encode('{"headline":"h","body":[]}')) === "string";
  } catch {
    return false;
  }
})();
// `--before DIR`: another build of the package (an earlier commit's pkg/), timed in the same rounds.
const beforeDir = flag("--before", undefined);
const before = beforeDir && (await nodeApp(resolve(root, beforeDir), "app-before"));
let beforeBrowser;
if (before && args.includes("--browser")) {
  beforeBrowser = await import(pathToFileURL(join(resolve(root, beforeDir), "broadsheet.js")).href);
  beforeBrowser.initSync({ module: readFileSync(join(resolve(root, beforeDir), "broadsheet_bg.wasm")) });
}

const encoder = new TextEncoder();
/** Each renderer: its own input made from the corpus formats, and the call timed. */
const RENDERERS = [
  { key: "bs-object", name: "broadsheet, JS object", input: (f) => JSON.parse(f.broadsheet), render: (o) => bs.renderArticle(o) },
  { key: "bs-text", name: "broadsheet, JSON text", input: (f) => f.broadsheet, render: (s) => bs.renderArticle(s) },
  ...(takesBytes ? [{ key: "bs-bytes", name: "broadsheet, JSON bytes (Uint8Array)", input: (f) => encoder.encode(f.broadsheet), render: (b) => bs.renderArticle(b) }] : []),
  { key: "pt-object", name: "@portabletext/to-html, its objects", input: (f) => JSON.parse(f.portableText), render: (o) => portableText.render(o) },
  { key: "pt-text", name: "@portabletext/to-html, JSON.parse + render", input: (f) => f.portableText, render: (s) => portableText.render(JSON.parse(s)) },
  ...(args.includes("--browser") || only.includes("bs-browser-text")
    ? [{ key: "bs-browser-text", name: "broadsheet browser build, JSON text", input: (f) => f.broadsheet, render: (s) => browser.renderArticle(s) }]
    : []),
  ...(before
    ? [
        { key: "before-object", name: "before: broadsheet, JS object", input: (f) => JSON.parse(f.broadsheet), render: (o) => before.renderArticle(o) },
        { key: "before-text", name: "before: broadsheet, JSON text", input: (f) => f.broadsheet, render: (s) => before.renderArticle(s) },
      ]
    : []),
  ...(beforeBrowser
    ? [{ key: "before-browser-text", name: "before: browser build, JSON text", input: (f) => f.broadsheet, render: (s) => beforeBrowser.renderArticle(s) }]
    : []),
  ...(flag("--peers", "") === "all" || only.some((k) => k === "mdit-object" || k === "floor-object")
    ? [
        { key: "mdit-object", name: "markdown-it pipeline, object", input: (f) => JSON.parse(f.broadsheet), render: (o) => markdownIt.render(o) },
        { key: "floor-object", name: "floor (escape + concatenate), object", input: (f) => JSON.parse(f.broadsheet), render: (o) => floor.render(o) },
      ]
    : []),
].filter((r) => !only.length || only.includes(r.key));

/** The rows of the issue: our throughput over Portable Text's (time over time), and object ÷ text. */
const RATIOS = [
  { key: "object-vs-pt-object", name: "JS object in, against PT from its objects", ours: "bs-object", theirs: "pt-object" },
  { key: "text-vs-pt-object", name: "JSON text in, against PT from its objects", ours: "bs-text", theirs: "pt-object" },
  { key: "text-vs-pt-text", name: "JSON text in, against PT from JSON text (JSON.parse + render)", ours: "bs-text", theirs: "pt-text" },
  { key: "bytes-vs-pt-object", name: "JSON bytes in, against PT from its objects", ours: "bs-bytes", theirs: "pt-object" },
  { key: "object-vs-text", name: "object path ÷ text path (throughput)", ours: "bs-object", theirs: "bs-text" },
  { key: "before-object-vs-pt-object", name: "before: JS object in, against PT from its objects", ours: "before-object", theirs: "pt-object" },
  { key: "before-text-vs-pt-object", name: "before: JSON text in, against PT from its objects", ours: "before-text", theirs: "pt-object" },
  { key: "before-text-vs-pt-text", name: "before: JSON text in, against PT from JSON text", ours: "before-text", theirs: "pt-text" },
  { key: "before-object-vs-text", name: "before: object path ÷ text path (throughput)", ours: "before-object", theirs: "before-text" },
  { key: "object-speedup", name: "JS object in: this build's speed over the before build's", ours: "bs-object", theirs: "before-object" },
  { key: "text-speedup", name: "JSON text in: this build's speed over the before build's", ours: "bs-text", theirs: "before-text" },
  { key: "browser-speedup", name: "browser build, JSON text: this build's speed over the before build's", ours: "bs-browser-text", theirs: "before-browser-text" },
];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const clock = wall ? () => performance.now() : cpuMs;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One pass of `r` over its inputs, `repeat` times; milliseconds per article. */
function pass(r, repeat) {
  globalThis.gc();
  const inputs = r.inputs;
  const start = clock();
  for (let k = 0; k < repeat; k++) {
    if (flatten) for (let i = 0; i < inputs.length; i++) flattenNative(r.render(inputs[i]));
    else for (let i = 0; i < inputs.length; i++) r.render(inputs[i]);
  }
  return (clock() - start) / (repeat * inputs.length);
}

/** Interleaved rounds: every round times each renderer once, in a rotating order. */
function measure(renderers, rounds, passMs) {
  const plan = renderers.map((r) => {
    pass(r, 1); // warm-up, and how many passes make one sample of at least `passMs`
    const once = pass(r, 1) * r.inputs.length;
    return { r, repeat: Math.max(1, Math.ceil(passMs / Math.max(once, 1e-3))), times: [] };
  });
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < plan.length; i++) {
      const p = plan[(i + round) % plan.length];
      p.times.push(pass(p.r, p.repeat));
    }
  }
  return plan;
}

const results = {
  machine: machine(), node: process.version, package: pkgDir, resolvedBuild, clock: wall ? "wall" : "cpu", one, flatten,
  loadBefore: os.loadavg()[0], sizes: [], scale: [],
};
let failed = false;

const setNames = flag("--sets", smoke ? "typical" : Object.keys(SETS).join(",")).split(",");
for (const name of setNames) {
  const set = SETS[name];
  const count = smoke ? 20 : one ? 1 : set.count;
  const models = Array.from({ length: count }, (_, i) => set.make(i));
  const all = models.map(formats);
  const bytes = all.reduce((n, f) => n + Buffer.byteLength(f.broadsheet), 0) / count;
  const renderers = RENDERERS.map((r) => ({ ...r, inputs: all.map(r.input) }));
  // Same markup? Every output is compared with broadsheet's before anything is timed.
  let outputBytes = 0;
  for (let i = 0; i < count; i++) {
    const reference = bs.renderArticle(all[i].broadsheet);
    outputBytes += Buffer.byteLength(reference);
    for (const r of renderers) {
      const html = r.render(r.inputs[i]);
      const mustMatch = r.key !== "floor-object" && r.key !== "mdit-object";
      const drift = Math.abs(Buffer.byteLength(html) / Buffer.byteLength(reference) - 1);
      if ((mustMatch && html !== reference) || drift > 0.05) {
        // The peers port broadsheet's markup (bench/peers/markup.mjs); when it changes they must follow.
        console.error(`${name} #${i}: ${r.key} writes different HTML from broadsheet's (${Buffer.byteLength(html)} vs ${Buffer.byteLength(reference)} bytes); update bench/peers/`);
        if (mustMatch || r.key !== "floor-object") failed = true;
      }
    }
  }
  const rounds = Number(flag("--rounds", smoke ? 1 : name === "typical" ? 15 : 21));
  const passMs = smoke ? 1 : name === "typical" ? 50 : 30;
  const plan = measure(renderers, rounds, passMs);
  const time = (key) => plan.find((p) => p.r.key === key);
  const rows = plan.map((p) => ({
    key: p.r.key, name: p.r.name, ms: median(p.times), min: Math.min(...p.times), samples: p.times.length,
    articlesPerSample: p.repeat * count, mbPerSecond: bytes / 1e6 / (median(p.times) / 1000),
  }));
  const ratios = RATIOS.filter((q) => time(q.ours) && time(q.theirs)).map((q) => {
    const perRound = time(q.ours).times.map((t, i) => time(q.theirs).times[i] / t);
    return { key: q.key, name: q.name, ratio: median(perRound), low: Math.min(...perRound), high: Math.max(...perRound) };
  });
  const s = stats(models[0]);
  results.sizes.push({ name, articles: count, inputBytes: bytes, ptInputBytes: all.reduce((n, f) => n + Buffer.byteLength(f.portableText), 0) / count, outputBytes: outputBytes / count, words: s.words, blocks: s.blocks, rows, ratios });
  print(name, count, bytes, rows, ratios);
}

// Linearity: broadsheet (JSON text) per input byte, 10 KB to 10 MB, the same content mix.
if (!smoke && !args.includes("--no-scale")) {
  for (const [name, make] of Object.entries(SCALE)) {
    const f = formats(make());
    const bytes = Buffer.byteLength(f.broadsheet);
    const r = { ...RENDERERS.find((x) => x.key === "bs-text"), inputs: [f.broadsheet] };
    const [p] = measure([r], bytes > 5e6 ? 5 : 9, 30);
    const ms = median(p.times);
    results.scale.push({ name, inputBytes: bytes, ms, nsPerByte: (ms * 1e6) / bytes, mbPerSecond: bytes / 1e6 / (ms / 1000) });
    console.log(`${name.padEnd(11)} ${fmtBytes(bytes).padStart(9)}  ${ms.toFixed(3).padStart(9)} ms  ${((ms * 1e6) / bytes).toFixed(2)} ns/byte`);
  }
}

results.loadAfter = os.loadavg()[0];
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(results, null, 2));
}
if (failed) process.exit(1);

function print(name, count, bytes, rows, ratios) {
  console.log(`\n${name}: ${count} article${count > 1 ? "s" : ""}, ${fmtBytes(bytes)} of broadsheet JSON each on average (${wall ? "wall-clock" : "CPU"} time${one ? ", one article again and again" : ""}${flatten ? ", outputs flattened" : ""})`);
  for (const r of rows) {
    const t = r.ms < 1 ? `${(r.ms * 1000).toFixed(1).padStart(8)} µs` : `${r.ms.toFixed(2).padStart(8)} ms`;
    console.log(`  ${r.name.padEnd(46)} ${t}  ${r.mbPerSecond.toFixed(1).padStart(7)} MB/s`);
  }
  for (const q of ratios) console.log(`  ${q.name.padEnd(64)} ${q.ratio.toFixed(2)}x  (rounds ${q.low.toFixed(2)}–${q.high.toFixed(2)})`);
}

function fmtBytes(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`;
}
