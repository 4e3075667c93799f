// The CommonJS recipe, installed from the packed package: require() of the package and of the
// element (no top-level await anywhere), then the same HTML as the ES module recipe.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EXPECTED_HEADLINE, ROOT, prepare, run } from "../support/example.mjs";

test("require('broadsheet') and require('broadsheet/element') work, and render", () => {
  const dir = prepare("node-cjs");
  const article = `${ROOT}examples/support/article.json`;
  const html = run(dir, process.execPath, ["render.js", article]);
  assert.ok(html.includes(EXPECTED_HEADLINE), html);
  assert.equal(html, run(ROOT, `${ROOT}target/release/broadsheet`, ["render", article]));
});
