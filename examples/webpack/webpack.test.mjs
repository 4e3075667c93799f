// The webpack recipe, installed from the packed package: a production build emits the stylesheet
// and the .wasm with no copy step, and the page renders the article from JSON in Chromium.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname } from "node:path";
import { test } from "node:test";
import { ARTICLE, freePort, prepare, run } from "../support/example.mjs";
import { launchBrowser, PIXEL_PNG } from "../../tests/support/browser.mjs";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/** Serves `dir` on 127.0.0.1; resolves to `{ url, stop }`. */
async function serve(dir) {
  const server = createServer((request, response) => {
    const name = new URL(request.url, "http://x").pathname.slice(1) || "index.html";
    if (!readdirSync(dir).includes(name)) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": TYPES[extname(name)] ?? "application/octet-stream" });
    response.end(readFileSync(`${dir}${name}`));
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.close() };
}

test("webpack bundles the element, its stylesheet and its .wasm; the page renders the article", { timeout: 600_000 }, async () => {
  const dir = prepare("webpack");
  assert.deepEqual(JSON.parse(readFileSync(`${dir}src/article.json`, "utf8")), ARTICLE);
  try {
    run(dir, `${dir}node_modules/.bin/webpack`, ["--mode", "production"]);
  } catch (error) {
    throw new Error(`webpack failed:\n${error.stdout}${error.stderr}`); // webpack reports on stdout.
  }
  const dist = `${dir}dist/`;
  const files = readdirSync(dist);
  const css = files.filter((file) => file.endsWith(".css")).map((file) => readFileSync(`${dist}${file}`, "utf8")).join("");
  assert.match(css, /\.bs-facade\b[^{]*\{/, `no .bs-facade rules in ${files}`);
  assert.equal(files.filter((file) => file.endsWith(".wasm")).length, 1, files.join(" "));

  const server = await serve(dist);
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route((target) => !target.href.startsWith(server.url), (route) => route.fulfill({ contentType: "image/png", body: PIXEL_PNG }));
    await page.goto(server.url);
    await page.locator("broadsheet-article [data-bs-player] > button.bs-facade__control").waitFor();
    assert.equal(await page.locator("broadsheet-article h1").textContent(), "From the example");
    await page.waitForLoadState("networkidle");
    assert.equal(requests.filter((request) => new URL(request).pathname.endsWith(".wasm")).length, 1, requests.join("\n"));
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    server.stop();
  }
});
