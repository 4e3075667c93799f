// Every golden fixture, wrapped as a page by the CLI, must be valid HTML (Nu Html Checker: no
// error) and accessible (axe-core: no violation of WCAG 2.2 AA or best practices), in light
// and dark colour schemes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser, axeViolations, PIXEL_PNG } from "../support/browser.mjs";

const root = new URL("../..", import.meta.url).pathname;
const fixtures = join(root, "tests/fixtures");
const out = join(root, "target/pages");
const names = readdirSync(fixtures)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".options.json"))
  .map((f) => f.slice(0, -".json".length));

before(() => {
  mkdirSync(out, { recursive: true });
  copyFileSync(join(root, "www/broadsheet.css"), join(out, "broadsheet.css"));
  for (const name of names) {
    const optionsFile = join(fixtures, `${name}.options.json`);
    const args = ["render", join(fixtures, `${name}.json`), "--page"];
    if (existsSync(optionsFile)) args.push("--options", optionsFile);
    let page = execFileSync(join(root, "target/release/broadsheet"), args, { encoding: "utf8" });
    // Shifted headings are for pages that own the <h1>: give the page one, as its host would.
    if (existsSync(optionsFile) && JSON.parse(readFileSync(optionsFile, "utf8")).headingShift) {
      page = page.replace("<main>", "<header><h1>Host page</h1></header>\n<main>");
    }
    writeFileSync(join(out, `${name}.html`), page);
  }
});

test("the Nu Html Checker finds no error in any fixture page", () => {
  const vnu = join(root, "node_modules/vnu-jar/build/dist/vnu.jar");
  const pages = names.map((name) => join(out, `${name}.html`));
  const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--format", "json", ...pages], { encoding: "utf8" });
  const { messages } = JSON.parse(run.stderr || '{"messages": []}');
  const errors = messages.map((m) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
  assert.equal(run.status, 0);
});

let browser;
before(async () => { browser = await launchBrowser(); });
after(() => browser?.close());

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violation in any fixture page (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    // Nothing leaves the machine: images are a local pixel, the shell script is not loaded.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.endsWith(".html") || url.endsWith(".css")) return route.continue();
      return route.request().resourceType() === "image"
        ? route.fulfill({ contentType: "image/png", body: PIXEL_PNG })
        : route.abort();
    });
    const page = await context.newPage();
    const found = [];
    for (const name of names) {
      await page.goto(pathToFileURL(join(out, `${name}.html`)).href);
      for (const line of await axeViolations(page)) found.push(`${name}: ${line}`);
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}
