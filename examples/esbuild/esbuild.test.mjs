// The esbuild recipe, installed from the packed package: `npm run build` bundles the page, esbuild
// copies the package's .wasm beside the renderer's chunk, and the page renders the article in
// Chromium under the strict CSP, with its video facade made playable and nothing in the console.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { openPage, serve } from "../../tests/e2e/harness.mjs";
import { launchBrowser } from "../../tests/support/browser.mjs";
import { ARTICLE, prepare } from "../support/example.mjs";

test("the esbuild bundle renders the article in Chromium", { timeout: 600_000 }, async (t) => {
  const dir = prepare("esbuild");
  assert.deepEqual(JSON.parse(readFileSync(`${dir}article.json`, "utf8")), ARTICLE);
  const build = spawnSync("npm", ["run", "build", "--silent", "--", "--log-level=warning"], { cwd: dir, encoding: "utf8" });
  assert.equal(build.status, 0, build.stderr);
  assert.equal(build.stderr, "", "esbuild warned");

  const server = await serve({}, { "/": pathToFileURL(`${dir}dist/`) });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const rec = await openPage(browser);
  const wasm = [];
  rec.page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(`${r.status()} ${r.headers()["content-type"]}`));
  await rec.page.goto(server.url);
  await rec.page.locator("button.bs-facade__control").waitFor({ timeout: 60_000 });
  assert.equal(await rec.page.locator("h1").textContent(), "From the example");
  assert.deepEqual((await rec.events()).map((e) => e.type), ["broadsheet-render"]);
  assert.deepEqual(wasm, ["200 application/wasm"]);
  assert.deepEqual(rec.console, []);
  assert.deepEqual(await rec.violations(), []);
});
