// The Next.js recipe, installed from the packed package: a server component renders the article
// with `await init()` and no wasm config, and the browser makes its facades playable without wasm.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ARTICLE, EXPECTED_HEADLINE, freePort, prepare, run, start } from "../support/example.mjs";
import { launchBrowser, PIXEL_PNG } from "../../tests/support/browser.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

test("next build + next start serve the article; the element hydrates it with no .wasm", { timeout: 600_000 }, async () => {
  const dir = prepare("next");
  assert.deepEqual(JSON.parse(readFileSync(`${dir}app/article.json`, "utf8")), ARTICLE);
  run(dir, `${dir}node_modules/.bin/next`, ["build"], { env });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await start(dir, `${dir}node_modules/.bin/next`, ["start", "-p", String(port), "-H", "127.0.0.1"], url, { env });
  let browser;
  try {
    const html = await (await fetch(url)).text();
    assert.ok(html.includes(EXPECTED_HEADLINE), html);
    assert.match(html, /<broadsheet-article>.*data-bs-player=/s);

    browser = await launchBrowser();
    const page = await browser.newPage();
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.route((target) => !target.href.startsWith(url), (route) => route.fulfill({ contentType: "image/png", body: PIXEL_PNG }));
    await page.goto(url);
    await page.locator("broadsheet-article [data-bs-player] > button.bs-facade__control").waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(requests.filter((request) => new URL(request).pathname.endsWith(".wasm")), []);
  } finally {
    await browser?.close();
    server.stop();
  }
});
