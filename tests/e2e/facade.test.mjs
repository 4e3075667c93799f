// The lazy player end to end, in Debian's Chromium under the strict CSP: a page with two facades
// asks nothing of the player's origins until the reader activates one (click, Enter or Space),
// then gets exactly one player per activation, in the same box, with focus inside; the control
// shows a focus ring and stills its transition for reduced motion; axe-core finds no violation
// before or after, and the CSP is never violated. Needs pkg/ (scripts/build.sh).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, launchBrowser } from "../support/browser.mjs";
import { openPage, page, serve } from "./harness.mjs";

const video = (id, title, extra = {}) => ({ type: "youtube", id, title, ...extra });
const TWO_VIDEOS = {
  headline: "Two videos",
  body: [
    { type: "paragraph", text: "Before the first video." },
    video("Bm5lP1dHq9E", "The raid", { start: 42 }),
    { type: "paragraph", text: "Between the videos." },
    video("dQw4w9WgXcQ", "The song"),
  ],
};
const SELF_HOSTED = {
  headline: "Posters of our own",
  body: [video("Bm5lP1dHq9E", "No poster at all"), video("dQw4w9WgXcQ", "Our poster", { poster: "/poster.svg" })],
};
const VIMEO = {
  headline: "A Vimeo video and an embed",
  body: [
    { type: "vimeo", url: "https://vimeo.com/76979871#t=5s", title: "The Vimeo video", poster: "/poster.svg" },
    { type: "embed", url: "https://bsky.app/profile/example.com/post/3k2", title: "A post on Bluesky", provider: "Bluesky" },
  ],
};
const POSTER = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9"/></svg>';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({
    "/": page('<broadsheet-article src="/two-videos.json"></broadsheet-article>'),
    "/two-videos.json": JSON.stringify(TWO_VIDEOS),
    "/self-hosted/": page(
      `<broadsheet-article poster="self-hosted"><script type="application/json">${JSON.stringify(SELF_HOSTED)}</script></broadsheet-article>`,
    ),
    "/poster.svg": POSTER,
    "/vimeo/": page(`<broadsheet-article><script type="application/json">${JSON.stringify(VIMEO)}</script></broadsheet-article>`),
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const controls = (page) => page.locator("button.bs-facade__control");
/** Where an element sits in the document, whatever the scroll. */
const box = (locator) =>
  locator.evaluate((e) => {
    const { x, y, width, height } = e.getBoundingClientRect();
    return { x: x + scrollX, y: y + scrollY, width, height };
  });

test("two facades: no player request before activation, one player per activation", async () => {
  const rec = await openPage(browser);
  const { page } = rec;
  await page.goto(server.url);
  await controls(page).nth(1).waitFor();
  assert.equal(await page.locator("iframe").count(), 0);
  assert.deepEqual(rec.toPlayer(), []);
  assert.deepEqual(await axeViolations(page), []);

  // Intent warms up the player's origins, once, without loading anything from them.
  await controls(page).first().hover();
  await controls(page).nth(1).hover();
  const preconnects = await page.$$eval("link[rel=preconnect]", (links) => links.map((l) => l.href));
  assert.deepEqual(preconnects, ["https://www.youtube-nocookie.com/", "https://i.ytimg.com/"]);
  assert.deepEqual(rec.toPlayer(), []);

  const first = page.locator(".bs-facade").first();
  const next = page.getByText("Between the videos.");
  const [before, nextBefore] = [await box(first), await box(next)];
  await controls(page).first().click();
  const player = page.locator("iframe");
  await player.waitFor();
  assert.equal(await player.count(), 1);
  assert.deepEqual(await box(player), before, "the player fills the poster's box");
  assert.deepEqual(await box(next), nextBefore, "nothing after it moves");
  assert.equal(await player.getAttribute("src"), "https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1&start=42");
  assert.equal(await player.getAttribute("title"), "The raid");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "IFRAME", "focus moves into the player");
  assert.deepEqual(rec.toPlayer(), ["https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1&start=42"]);
  assert.deepEqual(await axeViolations(page), []);

  // The keyboard: Space on the other control.
  await controls(page).first().focus();
  await page.keyboard.press("Space");
  await player.nth(1).waitFor();
  assert.equal(await controls(page).count(), 0);
  assert.equal(await player.nth(1).getAttribute("src"), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
  assert.equal(await page.evaluate(() => document.activeElement?.title), "The song");

  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});

test("self-hosted posters: no third-party request at all until the reader asks; Enter plays", async () => {
  const rec = await openPage(browser);
  const { page } = rec;
  await page.goto(`${server.url}/self-hosted/`);
  await controls(page).nth(1).waitFor();
  assert.equal(await page.locator(".bs-facade--no-poster").count(), 1);
  await controls(page).first().hover();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  // Each video's caption ends with its watch link, the next stop after its control.
  assert.equal(await page.evaluate(() => document.activeElement?.className), "bs-watch");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Play video: Our poster");
  const { outlineStyle, outlineWidth } = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
  });
  assert.ok(outlineStyle !== "none" && outlineWidth >= 2, `focus ring: ${outlineStyle} ${outlineWidth}px`);
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await page.locator(".bs-facade__play").first().evaluate((e) => getComputedStyle(e).transitionDuration), "0s");
  assert.deepEqual(rec.thirdParty(), [], "not even the poster or a preconnect");
  assert.equal(await page.locator("link[rel=preconnect]").count(), 0);
  assert.deepEqual(await axeViolations(page), []);

  await page.keyboard.press("Enter");
  await page.locator("iframe").waitFor();
  assert.equal(await page.locator("iframe").getAttribute("title"), "Our poster");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "IFRAME");
  assert.deepEqual(rec.thirdParty(), ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});

test("Vimeo: nothing from Vimeo until the reader plays, then its do-not-track player with focus; an embed is a link card", async () => {
  const rec = await openPage(browser);
  const { page } = rec;
  await page.goto(`${server.url}/vimeo/`);
  await controls(page).first().waitFor();
  await controls(page).first().hover();
  assert.equal(await page.locator("link[rel=preconnect]").count(), 0, "a self-hosted poster: no warm-up");
  assert.deepEqual(rec.thirdParty(), [], "no request to vimeo.com, player.vimeo.com or vimeocdn.com");
  assert.equal(await page.locator(".bs-embed__card").getAttribute("href"), "https://bsky.app/profile/example.com/post/3k2");
  assert.equal(await page.locator("iframe").count(), 0);
  assert.deepEqual(await axeViolations(page), []);

  const facade = page.locator(".bs-facade").first();
  const before = await box(facade);
  await controls(page).first().focus();
  await page.keyboard.press("Enter");
  const player = page.locator("iframe");
  await player.waitFor();
  assert.equal(await player.getAttribute("src"), "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=5s");
  assert.equal(await player.getAttribute("title"), "The Vimeo video");
  assert.deepEqual(await box(player), before, "the player fills the poster's box");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "IFRAME");
  assert.equal(await page.locator("a.bs-watch").getAttribute("href"), "https://vimeo.com/76979871#t=5s");
  assert.equal(await page.locator("a.bs-watch").textContent(), "Watch on Vimeo");
  assert.deepEqual(rec.thirdParty(), ["https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=5s"].map((u) => u.replace(/#.*/, "")));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});
