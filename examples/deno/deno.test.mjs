// The Deno recipe, with the packages npm installed: Deno uses that node_modules, resolves the
// server build, and the HTML it prints is what Node renders with the same package, byte for byte.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EXPECTED_HEADLINE, ROOT, prepare, run } from "../support/example.mjs";

// Node, in the example's directory, with the article file named as its first argument.
const RENDER_IN_NODE = `import { readFileSync } from "node:fs";
import init, { renderArticle } from "broadsheet";
await init();
console.log(renderArticle(JSON.parse(readFileSync(process.argv[1], "utf8"))));`;

test("deno run main.js prints the article as Node renders it", { timeout: 600_000 }, () => {
  const dir = prepare("deno");
  const deno = `${dir}node_modules/.bin/deno`;
  const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };
  const article = `${ROOT}examples/support/article.json`;
  const html = run(dir, deno, ["run", "--allow-read", "main.js", article], { env });
  assert.ok(html.includes(EXPECTED_HEADLINE), html);
  assert.equal(html, run(dir, process.execPath, ["--input-type=module", "-e", RENDER_IN_NODE, article]));
  const resolved = run(dir, deno, ["eval", 'console.log(import.meta.resolve("broadsheet"))'], { env });
  assert.match(resolved.trim(), /\/node_modules\/broadsheet\/server\/broadsheet\.js$/);
});
