// <broadsheet-article> as pages use it, in Chromium under the strict CSP: each article source in
// its order of priority, the option attributes and property, server-rendered content, the
// error box and the events. Needs pkg/ (scripts/build.sh).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { initSync, renderArticle, validateArticle } from "../../pkg/broadsheet.js";
import { axeViolations, launchBrowser } from "../support/browser.mjs";
import { openPage, page, serve } from "./harness.mjs";

initSync({ module: readFileSync(new URL("../../pkg/broadsheet_bg.wasm", import.meta.url)) });

const ARTICLE = {
  headline: "From the server",
  body: [{ type: "paragraph", text: "Hello." }, { type: "youtube", id: "Bm5lP1dHq9E", title: "The raid" }],
};
const OTHER = { headline: "From the property", body: [{ type: "paragraph", text: "Bye." }] };
const INVALID = '{\n  "<img src=x>": 1,\n  "headline": "",\n  "body": [{ "type": "paragraf" }]\n}';
const SERVER_HTML = renderArticle(ARTICLE);

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({
    "/article.json": JSON.stringify(ARTICLE),
    "/invalid.json": INVALID,
    "/broken.json": '{"headline": "x",\n "body": [}',
    "/src/": page('<broadsheet-article src="/article.json"></broadsheet-article>'),
    "/inline/": page(`<broadsheet-article><script type="application/json">${JSON.stringify(ARTICLE)}</script></broadsheet-article>`),
    "/server/": page(`<broadsheet-article>${SERVER_HTML}</broadsheet-article>`),
    "/server-invalid/": page(`<broadsheet-article src="/invalid.json">${SERVER_HTML}</broadsheet-article>`),
    "/broken/": page('<broadsheet-article src="/broken.json"></broadsheet-article>'),
    "/missing/": page('<broadsheet-article src="/missing.json"></broadsheet-article>'),
    "/early/": page('<broadsheet-article src="/article.json"></broadsheet-article><script src="/early.js"></script>'),
    "/early.js": `document.querySelector("broadsheet-article").article = ${JSON.stringify(OTHER)};`,
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` and waits until the element has rendered or failed (or, `quiet`, hydrated). */
async function open(path, quiet = false) {
  const rec = await openPage(browser);
  await rec.page.goto(server.url + path);
  await rec.page.waitForFunction((quiet) => (quiet ? document.querySelector("[data-bs-hydrated]") : window.__events.length > 0), quiet);
  return rec;
}

/** The page made no third-party request, broke no CSP rule and logged nothing (`allowed` aside). */
async function clean(rec, allowed = []) {
  assert.deepEqual(rec.thirdParty().filter((url) => !url.startsWith("https://i.ytimg.com/")), []);
  assert.deepEqual(await rec.violations(), []);
  assert.deepEqual(rec.console.filter((text) => !allowed.includes(text)), []);
  await rec.context.close();
}

const html = (rec, selector = "broadsheet-article") => rec.page.locator(selector).evaluate((e) => e.innerHTML);
const waitForEvents = (rec, n) => rec.page.waitForFunction((n) => window.__events.length >= n, n);

test("src: fetched, rendered into light DOM and hydrated; broadsheet-render reports the time and the warnings", async () => {
  const rec = await open("/src/");
  const [event] = await rec.events();
  assert.equal(event.type, "broadsheet-render");
  assert.ok(event.detail.durationMs >= 0 && event.detail.durationMs < 1000, JSON.stringify(event.detail));
  const { warnings } = validateArticle(ARTICLE);
  assert.deepEqual(warnings.map((w) => w.rule), ["video-upload-date"]);
  assert.deepEqual(event.detail.warnings, warnings);
  assert.equal(await html(rec, "h1"), "From the server");
  assert.equal(await rec.page.locator("button.bs-facade__control").textContent(), "Play video: The raid");
  assert.equal(await rec.page.locator("iframe").count(), 0);
  assert.deepEqual(await axeViolations(rec.page), []);
  await clean(rec);
});

test("a child script: rendered in place of the script", async () => {
  const rec = await open("/inline/");
  assert.equal((await rec.events())[0].type, "broadsheet-render");
  assert.equal(await rec.page.locator("broadsheet-article script").count(), 0);
  assert.equal(await html(rec, "h1"), "From the server");
  await clean(rec);
});

test("no source: server-rendered content stays as it is and only its facades are hydrated", async () => {
  const rec = await open("/server/", true);
  assert.deepEqual(await rec.events(), [], "nothing was rendered");
  // The only changes: the control's link becomes a button and the facade is marked hydrated (the
  // browser writes the valueless data-bs-preconnect back as data-bs-preconnect="").
  assert.match(SERVER_HTML, /<div class="bs-facade[^>]* data-bs-preconnect>\n<a class="bs-facade__control"/);
  const expected = SERVER_HTML.replace(
    /<div class="bs-facade([^"]*)"([^>]*) data-bs-preconnect>\n<a class="bs-facade__control" href="[^"]*">(.*?)<\/a>/s,
    '<div class="bs-facade$1"$2 data-bs-preconnect="" data-bs-hydrated="">\n<button type="button" class="bs-facade__control">$3</button>',
  );
  assert.equal(await html(rec), expected);
  await clean(rec);
});

test("the property wins over src and the options re-render, attributes under the .options property", async () => {
  const rec = await open("/src/");
  const element = rec.page.locator("broadsheet-article");
  await element.evaluate((e, article) => { e.article = article; }, OTHER);
  await waitForEvents(rec, 2);
  assert.equal(await html(rec, "h1"), "From the property");

  await element.evaluate((e) => { e.article = undefined; e.setAttribute("heading-shift", "1"); e.setAttribute("id-prefix", "embed"); });
  await waitForEvents(rec, 3);
  assert.equal(await rec.page.locator("h2.bs-headline").getAttribute("id"), "embed-title", "back to src, shifted and prefixed");

  await element.evaluate((e) => { e.setAttribute("poster", "self-hosted"); e.options = { headingShift: 2, labels: { playVideo: "Ver: {title}" } }; });
  await waitForEvents(rec, 4);
  assert.equal(await rec.page.locator("h3.bs-headline").count(), 1, ".options wins over heading-shift");
  assert.equal(await rec.page.locator(".bs-facade__control").textContent(), "Ver: The raid");
  assert.equal(await rec.page.locator(".bs-facade--no-poster").count(), 1);
  assert.equal(rec.requests.filter((url) => url.endsWith("/article.json")).length, 1, "option changes do not fetch again");
  await clean(rec);
});

test("a property set before the element is defined still counts", async () => {
  const rec = await open("/early/");
  assert.equal(await html(rec, "h1"), "From the property");
  assert.equal(rec.requests.filter((url) => url.endsWith("/article.json")).length, 0);
  await clean(rec);
});

test("an invalid article keeps the server's content and shows every problem above it", async () => {
  const rec = await open("/server-invalid/");
  const [event] = await rec.events();
  assert.equal(event.type, "broadsheet-error");
  assert.deepEqual(event.detail.errors.map((e) => e.path), ['["<img src=x>"]', "headline", "body[0].type"]);
  assert.deepEqual(event.detail.errors.map((e) => e.pathSegments), [["<img src=x>"], ["headline"], ["body", 0, "type"]]);
  const text = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const items = event.detail.errors.map(({ path, message }) => `<li><code class="bs-error__path">${text(path)}</code> ${text(message)}</li>`);
  assert.equal(
    await rec.page.locator("broadsheet-article > :first-child").evaluate((e) => e.outerHTML),
    '<div class="bs-error" role="alert"><p class="bs-error__title">This article could not be shown</p>' +
      `<ul class="bs-error__list">${items.join("")}</ul></div>`,
  );
  assert.equal(await rec.page.locator("broadsheet-article img[src=x]").count(), 0, "error text is text");
  assert.equal(await html(rec, "h1"), "From the server", "the server's content is still there");
  assert.equal(await rec.page.locator("button.bs-facade__control").count(), 1, "and hydrated");
  assert.deepEqual(await axeViolations(rec.page), []);

  // A second failure replaces the box; a good render removes it.
  await rec.page.locator("broadsheet-article").evaluate((e) => { e.article = { headline: "" }; });
  await waitForEvents(rec, 2);
  assert.equal(await rec.page.locator(".bs-error").count(), 1);
  assert.equal(await rec.page.locator(".bs-error li").count(), 2);
  await rec.page.locator("broadsheet-article").evaluate((e, article) => { e.article = article; }, OTHER);
  await waitForEvents(rec, 3);
  assert.equal(await rec.page.locator(".bs-error").count(), 0);
  assert.equal(await html(rec, "h1"), "From the property");
  await clean(rec);
});

test("JSON syntax errors name the line and column", async () => {
  const rec = await open("/broken/");
  const [event] = await rec.events();
  assert.deepEqual(event.detail.errors, [{ path: "", pathSegments: [], line: 2, column: 11, message: "invalid JSON at line 2, column 11: expected value" }]);
  // A problem with the whole document has no path, so the item shows the message alone.
  assert.equal(await rec.page.locator(".bs-error__list li").innerHTML(), "invalid JSON at line 2, column 11: expected value");
  await clean(rec);
});

test("a failed fetch is reported with the URL and HTTP status", async () => {
  const rec = await open("/missing/");
  const [event] = await rec.events();
  assert.deepEqual(event, { type: "broadsheet-error", detail: { errors: [{ path: "", message: "Could not load /missing.json: HTTP 404 Not Found" }] } });
  assert.equal(await rec.page.locator(".bs-error").getAttribute("role"), "alert");
  await clean(rec, ["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
});
