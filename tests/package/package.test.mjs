// The built package (pkg/, from scripts/build.sh) in plain Node: loads with initSync, renders every
// golden fixture byte-identically from JSON text and from an object, throws errors with paths, and
// ships what its package.json promises. Run with `node --test tests/package/`.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { initSync, renderArticle, validateArticle, version, mount, hydrate, importArticle, jsonLd, privacyReport } from "../../pkg/broadsheet.js";
import * as server from "../../pkg/server/broadsheet.js";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
initSync({ module: readFileSync(new URL("pkg/broadsheet_bg.wasm", root)) });
await server.default(); // Reads the .wasm from disk: Node's fetch cannot.

/** Names of the inputs in a directory, options files left out. */
const inputs = (dir) =>
  readdirSync(new URL(dir, root))
    .filter((file) => file.endsWith(".json") && !file.endsWith(".options.json"))
    .map((file) => file.slice(0, -".json".length))
    .sort();

const display = ({ path, message }) => (path ? `${path}: ${message}` : message);

test("every fixture renders exactly as the native renderer, from text and from an object", () => {
  const names = inputs("tests/fixtures/");
  assert.ok(names.length > 0);
  for (const name of names) {
    const json = read(`tests/fixtures/${name}.json`);
    const optionsFile = `tests/fixtures/${name}.options.json`;
    const options = existsSync(new URL(optionsFile, root)) ? JSON.parse(read(optionsFile)) : undefined;
    const expected = read(`tests/fixtures/${name}.html`);
    assert.equal(renderArticle(json, options), expected, `${name}.json as text`);
    assert.equal(renderArticle(JSON.parse(json), options), expected, `${name}.json as an object`);
  }
});

test("both builds render every fixture from UTF-8 bytes too; the server build's ways out (UTF-16, pieces) give the same HTML", () => {
  const encoder = new TextEncoder();
  for (const name of inputs("tests/fixtures/")) {
    const json = read(`tests/fixtures/${name}.json`);
    const optionsFile = `tests/fixtures/${name}.options.json`;
    const options = existsSync(new URL(optionsFile, root)) ? JSON.parse(read(optionsFile)) : undefined;
    const expected = read(`tests/fixtures/${name}.html`);
    assert.equal(renderArticle(encoder.encode(json), options), expected, `${name}.json as bytes, browser build`);
    assert.equal(server.renderArticle(encoder.encode(json), options), expected, `${name}.json as bytes, server build`);
    assert.equal(server.renderArticle(json, options), expected, `${name}.json as text, server build (UTF-16 out)`);
    assert.equal(server.renderArticle(JSON.parse(json), options), expected, `${name}.json as an object, server build`);
  }
  // Bytes that are not UTF-8: the server build says where; the browser build's TextDecoder refuses them.
  const bad = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
  assert.throws(() => server.renderArticle(bad), { message: "the article is not UTF-8 text: byte 2 starts no character" });
  assert.throws(() => renderArticle(bad), TypeError);
  // Past 4 Mi characters the server build writes the HTML in pieces (and takes text past 1 Mi as bytes).
  const article = JSON.parse(read("tests/fixtures/every-block.json"));
  const text = "Zoë Müller said **it** was [fine](https://example.com/a?b=1&c=2), “mostly” — <not> a tag. ".repeat(30);
  const blocks = Array.from({ length: 2000 }, (_, i) => ({ type: "paragraph", text: `${i}: ${text}` }));
  article.body = [...article.body.slice(0, 10), ...blocks, ...article.body.slice(10)];
  const large = JSON.stringify(article);
  assert.ok(large.length > (4 << 20), `${large.length}`);
  assert.equal(server.renderArticle(large), renderArticle(large));
  server.releaseMemory();
});

test("invalid articles throw an Error with the first path: message, .path and every problem", () => {
  for (const name of inputs("tests/errors/")) {
    const json = read(`tests/errors/${name}.json`);
    const expected = read(`tests/errors/${name}.txt`).trimEnd().split("\n");
    assert.throws(
      () => renderArticle(json),
      (error) => {
        assert.ok(error instanceof Error, name);
        assert.equal(error.message, expected[0], name);
        assert.equal(display(error.errors[0]), expected[0], name);
        assert.equal(typeof error.path, "string", name);
        assert.deepEqual(error.errors.map(display), expected, name);
        return true;
      },
    );
    const result = validateArticle(json);
    assert.equal(result.ok, false, name);
    assert.deepEqual(result.errors.map(display), expected, name);
  }
});

test("errors from an object carry paths", () => {
  const article = { headline: "Hi", body: [{ type: "paragraph", text: "ok" }, { type: "youtube", id: "short", title: "" }] };
  assert.throws(() => renderArticle(article), {
    message: 'body[1].id: "short" is not a YouTube video id (11 of A-Z, a-z, 0-9, _ and -)',
    path: "body[1].id",
    errors: [
      { path: "body[1].id", pathSegments: ["body", 1, "id"], message: '"short" is not a YouTube video id (11 of A-Z, a-z, 0-9, _ and -)' },
      { path: "body[1].title", pathSegments: ["body", 1, "title"], message: "must not be empty" },
    ],
  });
  assert.throws(() => renderArticle({ headline: "Hi", body: [] }, { headingShift: "one" }), { path: "options.headingShift" });
});

test("paths are data: keys that would read as something else are quoted; syntax errors carry line and column", () => {
  const [odd] = validateArticle({ headline: "x", body: [], "a.b": 1 }).errors;
  assert.deepEqual([odd.path, odd.pathSegments], ['["a.b"]', ["a.b"]]);
  assert.match(odd.message, /^unknown key/);
  const [nested] = validateArticle({ headline: "x", body: [{ type: "paragraph", text: "t", "c[0]": 1 }] }).errors;
  assert.deepEqual(nested.pathSegments, ["body", 0, "c[0]"]);
  assert.equal(nested.path, 'body[0]["c[0]"]');
  assert.throws(() => renderArticle('{\n  "headline": "é",\n  "body": [,]\n}'), {
    path: "", pathSegments: [], line: 3, column: 12, message: "invalid JSON at line 3, column 12: expected value",
  });
});

test("validateArticle never throws", () => {
  assert.deepEqual(validateArticle('{"headline": "Hi", "body": []}'), { ok: true, errors: [], warnings: [] });
  for (const bad of [null, 42, "", "{", [], { body: {} }, () => {}]) {
    const result = validateArticle(bad);
    assert.equal(result.ok, false);
    assert.ok(result.errors.length > 0);
  }
});

test("the package describes itself truthfully", () => {
  const manifest = JSON.parse(read("pkg/package.json"));
  const crate = read("Cargo.toml").match(/^version = "(.+)"$/m)[1];
  assert.equal(version(), crate);
  assert.equal(manifest.version, crate);
  assert.equal(manifest.name, "broadsheet");
  for (const file of manifest.files) assert.ok(existsSync(new URL(`pkg/${file}`, root)), file);
  assert.equal(typeof mount, "function");
  assert.equal(typeof hydrate, "function");
  const entry = read("pkg/broadsheet.d.ts");
  for (const name of ["renderArticle", "validateArticle", "jsonLd", "privacyReport", "importArticle", "version", "initSync", "releaseMemory", "mount", "hydrate"]) {
    assert.match(entry, new RegExp(`^export function ${name}\\b`, "m"), name);
  }
  assert.match(entry, /^export default function init\b/m);
  for (const file of ["README.md", "LICENSE", "broadsheet-element.d.ts", "broadsheet-shell.d.ts"]) assert.ok(manifest.files.includes(file) || existsSync(new URL(`pkg/${file}`, root)), file);
});

test("the server build renders every fixture exactly as the browser build", () => {
  for (const name of inputs("tests/fixtures/")) {
    const json = read(`tests/fixtures/${name}.json`);
    const optionsFile = `tests/fixtures/${name}.options.json`;
    const options = existsSync(new URL(optionsFile, root)) ? JSON.parse(read(optionsFile)) : undefined;
    const expected = read(`tests/fixtures/${name}.html`);
    assert.equal(server.renderArticle(json, options), expected, `${name}.json as text`);
    assert.equal(server.renderArticle(JSON.parse(json), options), expected, `${name}.json as an object`);
  }
});

test("jsonLd gives every fixture's JSON-LD exactly as the native one (tests/json-ld/)", () => {
  for (const name of inputs("tests/fixtures/")) {
    const optionsFile = `tests/fixtures/${name}.options.json`;
    const options = existsSync(new URL(optionsFile, root)) ? JSON.parse(read(optionsFile)) : undefined;
    assert.deepEqual(server.jsonLd(read(`tests/fixtures/${name}.json`), options), JSON.parse(read(`tests/json-ld/${name}.json`)), name);
  }
  assert.throws(() => jsonLd(read("tests/fixtures/seed.json")), /jsonLd is in the server build/);
});

test("privacyReport gives every fixture's report exactly as the native one (tests/privacy/)", () => {
  for (const name of inputs("tests/fixtures/")) {
    const json = read(`tests/fixtures/${name}.json`);
    const optionsFile = `tests/fixtures/${name}.options.json`;
    const options = existsSync(new URL(optionsFile, root)) ? JSON.parse(read(optionsFile)) : undefined;
    const report = server.privacyReport(JSON.parse(json), options);
    const lines = [["before interaction", report.beforeInteraction], ["on activation", report.onActivation]].flatMap(([when, contacts]) =>
      contacts.length ? contacts.map((c) => `${when}: ${c.origin}: ${c.path || "article"}: ${c.url}\n`) : [`${when}: none\n`]);
    assert.equal(lines.join(""), read(`tests/privacy/${name}.txt`), name);
  }
  assert.throws(() => server.privacyReport({ headline: "", body: [] }), { path: "headline" });
  assert.throws(() => privacyReport({ headline: "x", body: [] }), /privacyReport is in the server build/);
});

test("importArticle: the server build imports every fixture exactly as the native importer; the browser build says where it is", () => {
  let imported = 0;
  for (const format of ["wordpress", "ans", "portable-text", "html"]) {
    const dir = `tests/import/${format}/`;
    for (const file of readdirSync(new URL(dir, root)).filter((f) => /\.(json|html)$/.test(f) && !f.endsWith(".article.json")).sort()) {
      const stem = file.replace(/\.(json|html)$/, "");
      const source = read(dir + file);
      if (existsSync(new URL(`${dir}${stem}.error.txt`, root))) {
        assert.throws(() => server.importArticle(source, { from: format }), (error) => `${error.message}\n` === read(`${dir}${stem}.error.txt`).split("\n")[0] + "\n", `${dir}${file}`);
        continue;
      }
      const { article, notes } = server.importArticle(source, { from: format });
      assert.deepEqual(article, JSON.parse(read(`${dir}${stem}.article.json`)), `${dir}${file}`);
      assert.equal(notes.map((n) => `${n.path ? `${n.path}: ` : ""}${n.message}\n`).join(""), read(`${dir}${stem}.notes.txt`), `${dir}${file} notes`);
      if (file.endsWith(".json")) assert.deepEqual(server.importArticle(JSON.parse(source), { from: format }).article, article, `${dir}${file} as an object`);
      imported++;
    }
  }
  assert.ok(imported >= 6, `${imported} fixtures imported`);
  // A page's own URL resolves its relative links and images; it is read for pages only.
  const page = server.importArticle(read("tests/import/html/old-site.html"), { from: "html", url: "https://lighthouse.example/gale/1953.html" });
  assert.equal(page.article.body.find((b) => b.type === "image").src, "https://lighthouse.example/gale/images/log-page.gif");
  assert.equal(page.article.url, "https://lighthouse.example/gale/1953.html");
  assert.throws(() => server.importArticle("{}", { from: "ans", url: "https://x.example/" }), { name: "TypeError", message: /`url` is only read with from: "html"/ });
  assert.throws(() => server.importArticle("<p>x</p>", { from: "html", url: "/relative" }), /is not an absolute http\(s\) URL/);
  assert.throws(() => server.importArticle("{}", {}), { name: "TypeError", message: /`from` is required: one of wordpress, ans, portable-text/ });
  assert.throws(() => server.importArticle("{}", { from: "medium" }), { name: "TypeError", message: /unknown source format "medium"/ });
  assert.throws(() => server.importArticle('{"type": "story",', { from: "ans" }), (e) => e.line === 1 && e.column === 18 && /^invalid JSON/.test(e.message));
  assert.throws(() => server.importArticle({ get type() { throw new Error("boom"); } }, { from: "ans" }), { name: "TypeError" });
  assert.throws(() => importArticle("{}", { from: "ans" }), /importArticle is in the server build/);
});

test("the stylesheet ships minified, and holds only rules for markup the writer, the shell or the element produces", () => {
  const source = read("www/broadsheet.css");
  const shipped = read("pkg/broadsheet.css");
  const classes = (css) => new Set(css.match(/\.bs-[\w-]+/g));
  assert.deepEqual(classes(shipped), classes(source));
  assert.ok(!shipped.includes("/*") && !shipped.includes("\n  "), "no comments or indentation");
  assert.ok(shipped.length < source.length * 0.65, `${shipped.length} bytes shipped of ${source.length}`);
  const writers = ["crates/broadsheet/src/render.rs", "crates/broadsheet/src/markdown.rs", "www/broadsheet-shell.js", "www/broadsheet-element.js"].map(read).join("\n");
  const unused = [...classes(source)].filter((name) => !writers.includes(`${name.slice(1)}`));
  assert.deepEqual(unused, []);
});

test("sizes hold their budgets (scripts/sizes.mjs)", () => {
  execFileSync(process.execPath, [fileURLToPath(new URL("scripts/sizes.mjs", root))], { stdio: "inherit" });
});

test("validateArticle gives every fixture's warnings exactly as the native check (tests/warnings/), and options switch rules off", () => {
  for (const name of inputs("tests/fixtures/")) {
    const { ok, warnings } = validateArticle(read(`tests/fixtures/${name}.json`));
    assert.ok(ok, name);
    assert.equal(warnings.map((w) => `${w.path}: ${w.message} [${w.rule}]\n`).join(""), read(`tests/warnings/${name}.txt`), name);
  }
  const seed = read("tests/fixtures/seed.json");
  assert.deepEqual(validateArticle(seed).warnings[0].pathSegments, ["hero", "alt"]);
  const off = ["image-alt", "hero-srcset", "video-upload-date"];
  assert.deepEqual(validateArticle(seed, { warnings: { off } }).warnings, []);
  assert.throws(() => validateArticle(seed, { warnings: { off: ["imag-alt"] } }), { message: 'options.warnings.off[0]: unknown warning "imag-alt"; did you mean "image-alt"?' });
});

test("whatever JS hands over is a problem at its path, never an escaping exception", () => {
  const problems = (article) => validateArticle(article).errors.map(display);
  const boom = () => { throw new Error("boom"); };
  assert.deepEqual(problems({ headline: "x", get body() { return boom(); } }), ["body: could not be read: boom"]);
  const trap = new Proxy({}, {
    get: (_, key) => (key === "headline" ? boom() : undefined),
    ownKeys: () => ["headline"],
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
  });
  assert.deepEqual(problems({ headline: "x", body: [trap] }), ["body[0].headline: could not be read: boom"]);
  assert.deepEqual(problems({ headline: "x", body: [new Proxy({}, { get: boom })] }), ["body[0]: could not be read: boom"]);
  // As in JSON.stringify, toJSON stands for the object: a Date is its ISO text.
  assert.deepEqual(problems({ headline: "x", body: [], published: new Date(Date.UTC(2026, 11, 2)) }), []);
  assert.deepEqual(problems({ headline: "x", body: [], published: new Date(Date.UTC(2026, 11, 2)), dek: () => {} }), ["dek: is a function, which JSON cannot hold"]);
  const throwingToJson = { toJSON: boom };
  assert.deepEqual(problems({ headline: "x", body: [], dek: throwingToJson }), ["dek: could not be read: boom"]);
  assert.deepEqual(problems({ headline: "x", body: [new Proxy({}, { ownKeys: boom })] }), ["body[0]: could not be read: boom"]);
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  assert.match(problems({ headline: "x", body: proxy })[0], /^body: could not be read: /);
  assert.deepEqual(problems({ headline: 1n, body: [] }), ["headline: is a BigInt, which JSON cannot hold"]);
  assert.deepEqual(problems({ headline: Symbol("s"), body: [] }), ["headline: is a symbol, which JSON cannot hold"]);
  assert.deepEqual(problems({ headline: "x", body: [], dek: () => {} }), ["dek: is a function, which JSON cannot hold"]);
  assert.deepEqual(problems({ headline: "x", body: [{ type: "heading", level: NaN, text: "t" }] }), ["body[0].level: is NaN, which JSON cannot hold"]);
  assert.deepEqual(problems({ headline: "x", body: [], throwsAway: 1 / 0 }), ["throwsAway: is an infinite number, which JSON cannot hold"]);
  const cyclic = { headline: "x", body: [] };
  cyclic.body.push(cyclic);
  const [cycle] = validateArticle(cyclic).errors;
  assert.equal(cycle.message, "contains itself (a cycle), which JSON cannot hold");
  assert.match(cycle.path, /^body\[0\](\.body\[0\])+$/);
  // `undefined` properties are absent, as in JSON.stringify.
  assert.deepEqual(validateArticle({ headline: "x", body: [], dek: undefined }), { ok: true, errors: [], warnings: [] });
  assert.throws(() => renderArticle({ headline: "x", get body() { return boom(); } }), { path: "body", message: "body: could not be read: boom" });
  assert.throws(() => renderArticle({ headline: "x", body: [] }, { get headingShift() { return boom(); } }), { path: "options.headingShift" });
});

test("package.json's conditions give Node the server build and bundlers for browsers the small one", async () => {
  const dir = mkdtempSync(join(tmpdir(), "broadsheet-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(fileURLToPath(new URL("pkg/", root)), join(dir, "node_modules", "broadsheet"), "dir");
  writeFileSync(join(dir, "main.mjs"), 'import init, { renderArticle } from "broadsheet";\nawait init();\nconsole.log(import.meta.resolve("broadsheet"), renderArticle({ headline: "Hi", body: [] }).length);\n');
  const [resolved, length] = execFileSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" }).trim().split(" ");
  assert.ok(resolved.endsWith("/pkg/server/broadsheet.js"), resolved);
  assert.ok(Number(length) > 0);
  const bundle = await build({ stdin: { contents: 'export * from "broadsheet";', resolveDir: dir }, bundle: true, write: false, format: "esm", platform: "browser", metafile: true });
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(inputs.some((path) => path.endsWith("pkg/broadsheet-core.js") && !path.includes("server")), inputs.join(" "));
  rmSync(dir, { recursive: true, force: true });
});

test("releaseMemory gives back what a large article made the module grow to", () => {
  const memory = () => server.initSync({ module: new Uint8Array() }).memory.buffer.byteLength; // Already loaded: returns the instance.
  const large = { headline: "Large", body: Array.from({ length: 4000 }, (_, i) => ({ type: "paragraph", text: `Paragraph ${i}: ${"word ".repeat(400)}` })) };
  const html = server.renderArticle(JSON.stringify(large));
  const grown = memory();
  assert.ok(grown > 16 << 20, `${grown} bytes after an 8 MB article`);
  server.releaseMemory();
  assert.ok(server.renderArticle('{"headline": "Small", "body": []}').includes("Small"));
  assert.ok(memory() < 2 << 20, `${memory()} bytes after releaseMemory`);
  assert.equal(server.renderArticle(JSON.stringify(large)), html, "the fresh instance renders the same");
});
