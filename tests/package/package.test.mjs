// The built package (pkg/, from scripts/build.sh) in plain Node: loads with initSync, renders every
// golden fixture byte-identically from JSON text and from an object, throws errors with paths, and
// ships what its package.json promises. Run with `node --test tests/package/`.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { transformSync } from "esbuild";
import { initSync, renderArticle, validateArticle, version, mount, hydrate } from "../../pkg/broadsheet.js";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
initSync({ module: readFileSync(new URL("pkg/broadsheet_bg.wasm", root)) });

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
      { path: "body[1].id", message: '"short" is not a YouTube video id (11 of A-Z, a-z, 0-9, _ and -)' },
      { path: "body[1].title", message: "must not be empty" },
    ],
  });
  assert.throws(() => renderArticle({ headline: "Hi", body: [] }, { headingShift: "one" }), { path: "options.headingShift" });
});

test("validateArticle never throws", () => {
  assert.deepEqual(validateArticle('{"headline": "Hi", "body": []}'), { ok: true, errors: [] });
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
  const types = read("pkg/broadsheet.d.ts");
  for (const name of ["renderArticle", "validateArticle", "mount", "hydrate", "version", "initSync"]) {
    assert.match(types, new RegExp(`export (default )?function ${name}\\b`), name);
  }
});

test("the element shell stays under 3 KB minified and gzipped", () => {
  const { code } = transformSync(read("pkg/broadsheet-element.js"), { minify: true, format: "esm" });
  const size = gzipSync(code, { level: 9 }).length;
  assert.ok(size < 3 * 1024, `${size} bytes`);
});
