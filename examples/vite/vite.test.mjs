// The Vite recipe, installed from the packed package, with no Vite configuration: `vite build`
// emits the .wasm as an asset and the built page renders under the strict CSP; the dev server
// serves the .wasm too. Both in Chromium: the article, its facade made playable, a quiet console.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { openPage, serve } from "../../tests/e2e/harness.mjs";
import { launchBrowser } from "../../tests/support/browser.mjs";
import { ARTICLE, freePort, prepare, start } from "../support/example.mjs";

let dir, browser;
before(async () => {
  dir = prepare("vite");
  browser = await launchBrowser();
});
after(() => browser?.close());

/**
 * Opens `url` and checks what a reader gets: the article, its facade made playable, the .wasm
 * fetched as WebAssembly, and nothing in the console (nor, with `csp`, any CSP violation).
 */
async function assertRenders(url, { csp = false } = {}) {
  const rec = await openPage(browser);
  try {
    const wasm = [];
    rec.page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(`${r.status()} ${r.headers()["content-type"]}`));
    await rec.page.goto(url);
    await rec.page.locator("button.bs-facade__control").waitFor({ timeout: 60_000 });
    assert.equal(await rec.page.locator("h1").textContent(), "From the example");
    assert.deepEqual((await rec.events()).map((e) => e.type), ["broadsheet-render"]);
    assert.deepEqual(wasm, ["200 application/wasm"]);
    assert.deepEqual(rec.console, []);
    if (csp) assert.deepEqual(await rec.violations(), []);
  } finally {
    await rec.context.close();
  }
}

test("vite build: the .wasm is an asset, and the built page renders under the strict CSP", { timeout: 300_000 }, async (t) => {
  assert.deepEqual(JSON.parse(readFileSync(`${dir}article.json`, "utf8")), ARTICLE);
  const build = spawnSync("npm", ["run", "build", "--silent", "--", "--logLevel=warn"], { cwd: dir, encoding: "utf8" });
  assert.equal(build.status, 0, build.stderr);
  assert.equal(build.stderr, "", "vite build warned");
  assert.equal(readdirSync(`${dir}dist/assets`).filter((file) => file.endsWith(".wasm")).length, 1);

  const server = await serve({}, { "/": pathToFileURL(`${dir}dist/`) });
  t.after(() => server.close());
  await assertRenders(server.url, { csp: true });
});

test("vite (the dev server): the page renders with no configuration", { timeout: 300_000 }, async (t) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const dev = await start(dir, `${dir}node_modules/.bin/vite`, ["--host", "127.0.0.1", "--port", String(port), "--strictPort"], url);
  t.after(() => dev.stop());
  await assertRenders(url);
});
