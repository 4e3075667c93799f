// The privacy report against real Chromium: for every fixture, the requests to other sites the
// page makes as it loads and as the reader scrolls through it are exactly those the report lists
// before interaction, and playing each video contacts exactly the origins it lists on activation.
// The network is closed: every other site is answered locally (images with a pixel, players with
// an empty page). The page is rendered by the server build, as a server would. Needs pkg/
// (scripts/build.sh).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import init, { privacyReport, renderArticle } from "../../pkg/server/broadsheet.js";
import { launchBrowser, PIXEL_PNG } from "../support/browser.mjs";
import { page as pageWith } from "./harness.mjs";

const ROOT = new URL("../../", import.meta.url);
const ORIGIN = "http://broadsheet.test";
await init(); // The server build: the privacy report is server-side work.

const FIXTURES = new URL("tests/fixtures/", ROOT);
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".options.json"))
  .map((name) => {
    const base = name.slice(0, -".json".length);
    let options;
    try {
      options = JSON.parse(readFileSync(new URL(`${base}.options.json`, FIXTURES), "utf8"));
    } catch {
      options = undefined;
    }
    return { name: base, json: readFileSync(new URL(name, FIXTURES), "utf8"), options };
  });

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const originOf = (url) => new URL(url).origin;
const distinct = (list) => [...new Set(list)].sort();

/** Loads `html` as a page, scrolls to its end, then plays every video; returns the requests to
 * other sites made before the first play and those made by the plays. */
async function visit(html) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const contacted = { load: [], play: [] };
  let phase = "load";
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = request.url();
    if (url === `${ORIGIN}/`) return route.fulfill({ body: html, contentType: "text/html" });
    if (url.startsWith(`${ORIGIN}/pkg/`)) {
      const path = new URL(url).pathname.slice(1);
      const type = path.endsWith(".wasm") ? "application/wasm" : path.endsWith(".js") ? "text/javascript" : "text/css";
      return route.fulfill({ body: readFileSync(new URL(path, ROOT)), contentType: type });
    }
    if (url.startsWith(`${ORIGIN}/`)) return route.fulfill({ body: PIXEL_PNG, contentType: "image/png" });
    contacted[phase].push(url);
    if (request.resourceType() === "document") return route.fulfill({ body: "<!DOCTYPE html><title>player</title>", contentType: "text/html" });
    return route.fulfill({ body: PIXEL_PNG, contentType: "image/png" });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
  await page.waitForFunction(() => customElements.get("broadsheet-article") !== undefined);
  // Lazy images load as the reader scrolls to them: scroll through the whole page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 500) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.waitForLoadState("networkidle");
  phase = "play";
  const controls = await page.locator(".bs-facade__control").count();
  for (let i = 0; i < controls; i++) {
    // A played video's control is replaced by its player; the next one is still the first left.
    await page.locator(".bs-facade__control").first().click();
  }
  await page.waitForLoadState("networkidle");
  const players = await page.locator("iframe").count();
  await context.close();
  return { ...contacted, controls, players };
}

for (const { name, json, options } of fixtures) {
  test(`${name}: the privacy report lists exactly the requests Chromium makes`, async () => {
    const report = privacyReport(json, options);
    const html = renderArticle(json, options);
    const seen = await visit(pageWith(`<broadsheet-article>${html}</broadsheet-article>`));
    const reported = report.beforeInteraction.map((c) => c.url);
    // An image with a srcset loads one of its candidates; every request is one the report names.
    for (const url of seen.load) assert.ok(reported.includes(url), `${url} was requested but is not in the report`);
    assert.deepEqual(distinct(seen.load.map(originOf)), distinct(reported.map(originOf)), "origins contacted before interaction");
    assert.equal(seen.players, seen.controls, "every video played");
    assert.deepEqual(distinct(seen.play.map(originOf)), distinct(report.onActivation.map((c) => c.origin)), "origins contacted on play");
    assert.deepEqual(distinct(seen.play), distinct(report.onActivation.map((c) => c.url)), "player URLs");
  });
}

test("with self-hosted posters and images, nothing is contacted before a video is played", async () => {
  const article = {
    headline: "Nothing before play",
    hero: { type: "image", src: "/hero.jpg", alt: "A street", width: 1600, height: 900 },
    body: [
      { type: "youtube", id: "Bm5lP1dHq9E", title: "The raid" },
      { type: "vimeo", id: "76979871", title: "A Vimeo video" },
    ],
  };
  const options = { poster: "self-hosted" };
  const report = privacyReport(article, options);
  assert.deepEqual(report.beforeInteraction, []);
  const seen = await visit(pageWith(`<broadsheet-article poster="self-hosted">${renderArticle(article, options)}</broadsheet-article>`));
  assert.deepEqual(seen.load, []);
  assert.deepEqual(distinct(seen.play.map(originOf)), ["https://player.vimeo.com", "https://www.youtube-nocookie.com"]);
});
