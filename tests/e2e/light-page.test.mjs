// The budgets of a server-rendered page, measured in Debian's Chromium under the strict CSP, with
// every response brotli-compressed as a real server sends it:
// - a page of four server-rendered videos costs at most 3 KiB of JavaScript on the wire before
//   the reader plays one (only broadsheet-element.js and broadsheet-shell.js), never loads the
//   WebAssembly renderer, and asks nothing of YouTube; every facade is a button and every video
//   keeps its "Watch on YouTube" link; click, Enter and Space each swap in exactly one player, in
//   the facade's box, with focus inside; axe-core, the CSP and the console stay clean throughout;
// - the shell frames nothing but a youtube-nocookie.com embed of an 11-character id, whatever the
//   markup says;
// - pages that do render JSON load the renderer and its .wasm once, however many elements and
//   renders they have.
// Needs pkg/ (scripts/build.sh).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { initSync, renderArticle } from "../../pkg/broadsheet.js";
import { axeViolations, launchBrowser } from "../support/browser.mjs";
import { brotli, openPage, page, serve } from "./harness.mjs";

initSync({ module: readFileSync(new URL("../../pkg/broadsheet_bg.wasm", import.meta.url)) });

/** The budget for JavaScript sent before the reader plays a video, in brotli bytes. */
const JS_BUDGET = 3072;
const PKG = new URL("../../pkg/", import.meta.url);
const ALLOW = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share";

const video = (id, title, extra = {}) => ({ type: "youtube", id, title, ...extra });
const FOUR_VIDEOS = {
  headline: "Four videos, no JavaScript to speak of",
  body: [
    { type: "paragraph", text: "Before the videos." },
    video("Bm5lP1dHq9E", "The raid", { start: 42, caption: "From the police body camera." }),
    { type: "paragraph", text: "After the raid." },
    video("dQw4w9WgXcQ", "The song", { poster: "/poster.svg" }),
    video("M7lc1UVf-VE", "The player demo"),
    { type: "youtube", url: "https://youtube.com/shorts/aqz-KE-bpKQ", title: "The short" },
    { type: "paragraph", text: "After the videos." },
  ],
};
/** What each video's facade must play and its watch link must open, in page order. */
const EXPECTED = [
  { title: "The raid", player: "https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1&start=42", watch: "https://www.youtube.com/watch?v=Bm5lP1dHq9E&t=42s" },
  { title: "The song", player: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" },
  { title: "The player demo", player: "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1", watch: "https://www.youtube.com/watch?v=M7lc1UVf-VE" },
  { title: "The short", player: "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1", watch: "https://www.youtube.com/shorts/aqz-KE-bpKQ" },
];
const POSTER = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9"/></svg>';

// Player URLs the shell must refuse to frame, written into otherwise genuine server markup.
const UNTRUSTED = [
  "https://evil.example/embed/Bm5lP1dHq9E",
  "javascript:alert(1)",
  "https://www.youtube-nocookie.com/embed/Bm5lP1dHq9?autoplay=1", // a 10-character id
  "https://www.youtube-nocookie.com.evil.example/embed/Bm5lP1dHq9E",
  "http://www.youtube-nocookie.com/embed/Bm5lP1dHq9E",
  " https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E", // the browser would trim the space
];
const attribute = (text) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
const UNTRUSTED_HTML = renderArticle({
  headline: "Tampered facades",
  body: [...UNTRUSTED.map((_, i) => video("Bm5lP1dHq9E", `Untrusted ${i}`)), video("Bm5lP1dHq9E", "Genuine")],
}).replace(/data-bs-player="[^"]*" data-bs-title="Untrusted (\d)"/g, (_, i) =>
  `data-bs-player="${attribute(UNTRUSTED[i])}" data-bs-title="Untrusted ${i}"`);

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve(
    {
      "/": page(`<broadsheet-article>${renderArticle(FOUR_VIDEOS)}</broadsheet-article>`),
      "/poster.svg": POSTER,
      "/untrusted/": page(`<broadsheet-article>${UNTRUSTED_HTML}</broadsheet-article>`),
      "/two.json": JSON.stringify(FOUR_VIDEOS),
      "/one.json": JSON.stringify({ headline: "One video", body: [video("Bm5lP1dHq9E", "The raid")] }),
      "/client/": page('<broadsheet-article src="/two.json"></broadsheet-article><broadsheet-article src="/one.json"></broadsheet-article>'),
    },
    undefined,
    { compress: true },
  );
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` and resolves, once the network is idle, to the recorder and every request made. */
async function open(path) {
  const rec = await openPage(browser);
  const all = [];
  rec.context.on("request", (request) => all.push(request));
  await rec.page.goto(server.url + path, { waitUntil: "networkidle" });
  return { rec, all };
}

const pathOf = (request) => new URL(request.url()).pathname;
/** Requests for the WebAssembly renderer or the modules that load it. */
const renderer = (requests) =>
  requests.map((r) => r.url()).filter((url) => /\.wasm$|\/broadsheet(-core)?\.js$/.test(new URL(url).pathname));
/** Where an element sits in the document, whatever the scroll. */
const box = (locator) =>
  locator.evaluate((e) => {
    const { x, y, width, height } = e.getBoundingClientRect();
    return { x: x + scrollX, y: y + scrollY, width, height };
  });

/** Every facade is a hydrated button, and every video's caption ends with its watch link. */
async function assertFacades(page) {
  const facades = page.locator(".bs-facade");
  assert.equal(await facades.count(), EXPECTED.length);
  assert.equal(await page.locator(".bs-facade[data-bs-hydrated]").count(), EXPECTED.length);
  assert.equal(await page.locator("a.bs-facade__control").count(), 0, "no control is left a link");
  const watch = await page.locator("figure.bs-video").evaluateAll((figures) =>
    figures.map((f) => {
      const link = f.querySelector(":scope > figcaption > a.bs-watch:last-child");
      return link && { href: link.getAttribute("href"), text: link.textContent };
    }));
  assert.deepEqual(watch, EXPECTED.map(({ watch }) => ({ href: watch, text: "Watch on YouTube" })));
}

test("a server-rendered page: ≤ 3 KiB of JS before play, no .wasm, nothing from YouTube; each activation plays", async () => {
  const { rec, all } = await open("/");
  const { page } = rec;

  // The JavaScript on the wire: the element and the shell, nothing else, within the budget.
  const scripts = all.filter((r) => r.resourceType() === "script");
  assert.deepEqual(scripts.map(pathOf).sort(), ["/pkg/broadsheet-element.js", "/pkg/broadsheet-shell.js"]);
  let bytes = 0;
  for (const script of scripts) {
    const response = await script.response();
    assert.equal(await response.headerValue("content-encoding"), "br", pathOf(script));
    // Playwright reports the body as received, that is compressed: the very bytes the server sent.
    const { responseBodySize } = await script.sizes();
    assert.equal(responseBodySize, brotli(readFileSync(new URL(pathOf(script).slice("/pkg/".length), PKG))).length, pathOf(script));
    bytes += responseBodySize;
  }
  console.log(`JavaScript before play: ${bytes} bytes brotli (${scripts.map(pathOf).join(", ")}); budget ${JS_BUDGET}`);
  assert.ok(bytes <= JS_BUDGET, `${bytes} bytes of JavaScript, over the ${JS_BUDGET}-byte budget`);
  assert.deepEqual(renderer(all), [], "no .wasm, no broadsheet.js, no broadsheet-core.js");
  assert.deepEqual(rec.toPlayer(), [], "nothing from YouTube before play");
  assert.equal(await page.locator("iframe").count(), 0);
  await assertFacades(page);
  assert.deepEqual(await axeViolations(page), []);

  // Click, Enter, Space, click: one player per activation, in the facade's box, with focus.
  const ways = ["click", "Enter", "Space", "click"];
  for (const [i, way] of ways.entries()) {
    const facade = page.locator(".bs-facade").nth(i);
    const control = facade.locator("button.bs-facade__control");
    const caption = page.locator("figure.bs-video").nth(i).locator("figcaption");
    const [before, captionBefore] = [await box(facade), await box(caption)];
    if (way === "click") await control.click();
    else {
      await control.focus();
      await page.keyboard.press(way);
    }
    const player = facade.locator("iframe");
    await player.waitFor();
    assert.equal(await player.count(), 1, `${way}: one player`);
    assert.equal(await page.locator("iframe").count(), i + 1, `${way}: no other player`);
    assert.equal(await control.count(), 0, `${way}: the control is gone`);
    const { title, player: src } = EXPECTED[i];
    assert.deepEqual(
      await player.evaluate((f) => Object.fromEntries([...f.attributes].map((a) => [a.name, a.value]))),
      { class: "bs-facade__player", src, title, allow: ALLOW, allowfullscreen: "", referrerpolicy: "strict-origin-when-cross-origin" },
      way,
    );
    assert.equal(await player.evaluate((f) => document.activeElement === f), true, `${way}: focus is in the player`);
    assert.deepEqual(await box(player), before, `${way}: the player fills the poster's box`);
    assert.deepEqual(await box(caption), captionBefore, `${way}: the caption below does not move`);
  }
  assert.deepEqual(rec.toPlayer(), EXPECTED.map(({ player }) => player), "one player request per activation");

  assert.deepEqual(all.filter((r) => r.resourceType() === "script").map(pathOf).sort(), ["/pkg/broadsheet-element.js", "/pkg/broadsheet-shell.js"]);
  assert.deepEqual(renderer(all), [], "still no renderer after playing");
  await assertFacades(page);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});

test("the shell frames nothing but a youtube-nocookie.com embed of an 11-character id", async () => {
  const { rec } = await open("/untrusted/");
  const { page } = rec;
  // A facade whose player URL the shell refuses is left as the server wrote it: a link to the video.
  for (const [i, player] of UNTRUSTED.entries()) {
    const facade = page.locator(`[data-bs-title="Untrusted ${i}"]`);
    assert.equal(await facade.getAttribute("data-bs-hydrated"), null, player);
    assert.equal(await facade.locator("a.bs-facade__control").getAttribute("href"), "https://www.youtube.com/watch?v=Bm5lP1dHq9E", player);
  }
  assert.equal(await page.locator("button.bs-facade__control").count(), 1, "only the genuine facade is a button");

  // Markup changed after hydration is checked again when the reader plays.
  const genuine = page.locator('[data-bs-title="Genuine"]');
  const requests = rec.requests.length;
  for (const player of UNTRUSTED) {
    await genuine.evaluate((e, player) => e.setAttribute("data-bs-player", player), player);
    await genuine.locator("button.bs-facade__control").click();
    await genuine.locator("button.bs-facade__control").focus();
    await page.keyboard.press("Enter");
    await page.waitForTimeout(100);
    assert.equal(await page.locator("iframe").count(), 0, player);
  }
  assert.equal(await page.locator("link[rel=preconnect]").count(), 0, "not even a preconnect");
  assert.deepEqual(rec.requests.slice(requests), [], "no request at all");

  await genuine.evaluate((e) => e.setAttribute("data-bs-player", "https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1"));
  // Restored, it plays: the clicks above did reach the shell.
  await page.locator('[data-bs-title="Genuine"] button.bs-facade__control').click();
  await page.locator("iframe").waitFor();
  assert.equal(await page.locator("iframe").count(), 1);
  assert.equal(await page.locator('[data-bs-title="Genuine"] iframe').getAttribute("src"), "https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1");
  assert.deepEqual(rec.toPlayer(), ["https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1"]);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});

test("client rendering loads the renderer and its .wasm once: two elements, then a new .article", async () => {
  const { rec, all } = await open("/client/");
  const { page } = rec;
  await page.waitForFunction(() => window.__events.length >= 2);
  assert.deepEqual((await rec.events()).map((e) => e.type), ["broadsheet-render", "broadsheet-render"]);
  assert.equal(await page.locator("broadsheet-article h1").count(), 2);
  await page.locator("broadsheet-article").nth(1).evaluate((e) => {
    e.article = { headline: "Changed", body: [{ type: "youtube", id: "dQw4w9WgXcQ", title: "The song" }] };
  });
  await page.waitForFunction(() => window.__events.length >= 3);
  assert.equal((await rec.events())[2].type, "broadsheet-render");
  assert.equal(await page.locator("broadsheet-article").nth(1).locator("h1").textContent(), "Changed");
  await page.waitForLoadState("networkidle");

  const count = (suffix) => all.filter((r) => r.url().endsWith(suffix)).length;
  assert.equal(count("/broadsheet_bg.wasm"), 1, "one .wasm request");
  assert.equal(count("/pkg/broadsheet.js"), 1);
  assert.equal(count("/pkg/broadsheet-core.js"), 1);
  assert.equal(await page.locator(".bs-facade[data-bs-hydrated] > button.bs-facade__control").count(), EXPECTED.length + 1);
  assert.deepEqual(rec.toPlayer(), []);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console, []);
  await rec.context.close();
});
