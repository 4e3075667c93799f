// The Node ES module recipe, installed from the packed package: `await init()` with no argument,
// Node gets the server build, and the HTML is the native CLI's, byte for byte.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EXPECTED_HEADLINE, ROOT, prepare, run } from "../support/example.mjs";

test("node render.js prints the article as the native CLI does", () => {
  const dir = prepare("node-esm");
  const article = `${ROOT}examples/support/article.json`;
  const html = run(dir, process.execPath, ["render.js", article]);
  assert.ok(html.includes(EXPECTED_HEADLINE), html);
  assert.equal(html, run(ROOT, `${ROOT}target/release/broadsheet`, ["render", article]));
  const resolved = run(dir, process.execPath, ["--input-type=module", "-e", 'console.log(import.meta.resolve("broadsheet"))']);
  assert.match(resolved.trim(), /\/node_modules\/broadsheet\/server\/broadsheet\.js$/);
});
