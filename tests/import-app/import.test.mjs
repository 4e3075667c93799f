// The package as an app gets it: this directory's app, with `broadsheet` installed in its
// node_modules (a link to pkg/, as `npm install ../../pkg` makes), is bundled by Vite and runs in
// Chromium under the strict CSP; and server.mjs renders on the server with initSync, exactly as the
// native CLI does. Needs pkg/ and the CLI (scripts/build.sh).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { launchBrowser } from "../support/browser.mjs";
import { openPage, serve } from "../e2e/harness.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const app = `${root}target/import-app/`;

// A copy outside the source tree, so node_modules and dist never land in tests/.
rmSync(app, { recursive: true, force: true });
cpSync(fileURLToPath(new URL(".", import.meta.url)), app, { recursive: true, filter: (path) => !path.endsWith(".test.mjs") });
mkdirSync(`${app}node_modules`);
symlinkSync(`${root}pkg`, `${app}node_modules/broadsheet`, "dir");

test("server.mjs renders with initSync exactly as the native CLI", () => {
  const fromPackage = execFileSync("node", ["server.mjs"], { cwd: app, encoding: "utf8" });
  const fromCli = execFileSync(`${root}target/release/broadsheet`, ["render", `${app}article.json`], { encoding: "utf8" });
  assert.equal(fromPackage, fromCli);
  assert.match(fromPackage, /<h1 class="bs-headline"[^>]*>Bundled<\/h1>/);
});

test("Vite bundles the package with its .wasm, and the bundle renders under the strict CSP", async () => {
  await build({ root: app, logLevel: "warn", build: { outDir: "dist" } });
  const assets = readdirSync(`${app}dist/assets`);
  assert.ok(assets.some((file) => file.endsWith(".wasm")), `no .wasm in ${assets}`);
  assert.ok(assets.some((file) => file.endsWith(".css")), `no .css in ${assets}`);

  const server = await serve({}, { "/": new URL(`file://${app}dist/`) });
  const browser = await launchBrowser();
  try {
    const rec = await openPage(browser);
    await rec.page.goto(server.url);
    await rec.page.locator("button.bs-facade__control").waitFor();
    assert.equal(await rec.page.locator("h1").textContent(), "Bundled");
    const { version } = JSON.parse(readFileSync(`${root}pkg/package.json`, "utf8"));
    assert.equal(await rec.page.locator("broadsheet-article").getAttribute("data-version"), version);
    assert.deepEqual((await rec.events()).map((e) => e.type), ["broadsheet-render"]);
    assert.deepEqual(rec.toPlayer(), []);
    assert.deepEqual(await rec.violations(), []);
    assert.deepEqual(rec.console, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
