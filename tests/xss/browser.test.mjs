// The XSS corpus in a real browser. The xss-corpus program (crates/test-support) injects every
// payload of payloads.json into every string field of base.json; what validation accepts is
// rendered to target/xss/cases.json. It also injects each payload into every string of each
// importer's fullest fixture at once, and as raw HTML into every text and attribute of the HTML
// page fixture (target/xss/import-cases.json: the articles the importers made of them, rendered). tests/hostile.rs puts the same cases through the native oracle.
// Here each rendered article is loaded as part of a page (parsed by Chromium as a server-rendered
// page would be, inside <broadsheet-article> with the package's element, which hydrates the video
// facades), then every element gets the events handlers listen for, and every link and button is
// clicked. Nothing may execute: alert/confirm/prompt/print and the payloads' xss() are hooked,
// a report-only CSP reports any inline script, handler, javascript: URL, style, frame, object or
// form, the browser's own DOM is audited (elements, attributes, and every URL as the browser
// resolved it), and every request is recorded and blocked: the network is closed.
//
// A control page of known-bad HTML proves that each of those detectors fires.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { launchBrowser } from "../support/browser.mjs";

const ROOT = new URL("../../", import.meta.url);
const ORIGIN = "http://broadsheet.test";
const NONCE = "xss-harness";
const CSP = [
  "default-src 'none'",
  `script-src 'self' 'nonce-${NONCE}' 'wasm-unsafe-eval'`,
  "style-src 'none'",
  "img-src http: https:",
  "connect-src 'self'",
  "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "report-uri /csp-report",
].join("; ");
const BATCH = 400;
const HAS_ELEMENT = existsSync(new URL("pkg/broadsheet-element.js", ROOT));

// What the writer writes, and what the element adds (button, iframe after a click).
const ELEMENTS = (
  ("article header footer aside div p span small h1 h2 h3 h4 h5 h6 em strong code s sup sub a img figure " +
    "figcaption blockquote ul ol li hr br table thead tbody tr th td pre time button iframe broadsheet-article main").split(" ")
);
const ATTRIBUTES = (
  ("class id lang dir aria-labelledby aria-label aria-hidden href src srcset sizes alt title width height loading " +
    "decoding fetchpriority datetime cite start rel role tabindex type data-bs-player data-bs-preconnect data-bs-title " +
    "data-bs-hydrated data-bs-listening data-case allow allowfullscreen referrerpolicy").split(" ")
);

/** Runs in every frame before anything else: hooks everything a payload would call. */
function hooks() {
  const hit = (kind, detail) => window.__xssHit?.({ kind, detail: String(detail ?? "").slice(0, 200) });
  for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
    try { Object.defineProperty(window, name, { value: (...args) => hit(name, args[0]), configurable: false }); } catch {}
  }
  window.xss = (...args) => hit("xss()", args[0]);
  window.__xssCanary = "untouched";
  document.addEventListener("securitypolicyviolation", (e) =>
    hit("csp", `${e.violatedDirective} ${e.blockedURI} ${e.sample ?? ""}`), true);
}

/** Runs in the page after load: audits the DOM, fires events at every element, clicks everything. */
async function exercise({ elementList, attributeList, origin, wholePage }) {
  const elements = new Set(elementList);
  const attributes = new Set(attributeList);
  const findings = [];
  const where = (el) => el.closest?.("[data-case]")?.getAttribute("data-case") ?? "page";
  const audit = (phase, selector) => {
    for (const el of document.body.querySelectorAll(selector)) {
      const name = el.localName;
      if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") findings.push([where(el), `${phase}: <${name}> in ${el.namespaceURI}`]);
      if (!elements.has(name)) findings.push([where(el), `${phase}: element <${name}>`]);
      if (name === "iframe") {
        // The two players the shell may frame, each for a video id.
        const url = new URL(el.src);
        const player = { "https://www.youtube-nocookie.com": /^\/embed\/[\w-]{11}$/, "https://player.vimeo.com": /^\/video\/\d{1,12}$/ }[url.origin];
        if (!player?.test(url.pathname)) findings.push([where(el), `${phase}: iframe ${el.src}`]);
      }
      for (const { name: attr, value } of el.attributes) {
        if (attr.startsWith("on") || attr === "style" || !attributes.has(attr)) findings.push([where(el), `${phase}: <${name} ${attr}="${value.slice(0, 80)}">`]);
      }
      // Every URL as the browser resolved it.
      const urls = [];
      const resolve = (value) => { try { return new URL(value, document.baseURI).href; } catch { return `unparsable:${value}`; } };
      const link = ["http:", "https:", "mailto:"];
      for (const attr of ["href", "xlink:href", "cite", "action", "formaction", "data", "poster"]) {
        if (el.hasAttribute(attr)) urls.push([attr, resolve(el.getAttribute(attr)), link]);
      }
      if (el.hasAttribute("src")) urls.push(["src", resolve(el.getAttribute("src")), ["http:", "https:"]]);
      if (name === "img" && el.currentSrc) urls.push(["currentSrc", el.currentSrc, ["http:", "https:"]]);
      for (const [what, url, allowed] of urls) {
        let protocol;
        try { protocol = new URL(url).protocol; } catch { protocol = "unparsable:"; }
        if (!allowed.includes(protocol)) findings.push([where(el), `${phase}: <${name} ${what}=${url.slice(0, 80)}>`]);
      }
    }
    if (document.baseURI !== `${origin}${location.pathname}`) findings.push(["page", `${phase}: base URI ${document.baseURI}`]);
    // A whole page carries its JSON-LD: data, never run, and it must parse.
    const data = wholePage ? ":not([type='application/ld+json'])" : "";
    if (document.querySelectorAll(`script:not([nonce]):not([src^='/pkg/'])${data}`).length) findings.push(["page", `${phase}: a script element`]);
    for (const el of wholePage ? document.querySelectorAll("script[type='application/ld+json']") : []) {
      try { JSON.parse(el.textContent); } catch (e) { findings.push(["page", `${phase}: JSON-LD that does not parse: ${e.message}`]); }
    }
    if (document.body.querySelectorAll("style, link, meta, base, object, embed, form, frame, frameset").length)
      findings.push(["page", `${phase}: a style, link, meta, base, object, embed, form or frame element`]);
    // The element may warm up the player's origins, and nothing else; a whole page also has its
    // own stylesheet, canonical link and descriptive <meta>s, whose URLs must be http(s).
    for (const el of document.head.querySelectorAll("style, link, meta:not([charset]), base")) {
      const preconnect = el.localName === "link" && el.rel === "preconnect" && ["https://www.youtube-nocookie.com", "https://i.ytimg.com"].includes(el.getAttribute("href"));
      const own = wholePage && (
        (el.localName === "link" && ((el.rel === "stylesheet" && el.getAttribute("href") === "/pkg/broadsheet.css") || el.rel === "canonical")) ||
        (el.localName === "meta" && !el.hasAttribute("http-equiv") &&
          /^(viewport|description|author|og:[a-z:_]+|article:[a-z_]+|twitter:[a-z:]+)$/.test(el.getAttribute("name") ?? el.getAttribute("property") ?? "")));
      if (!preconnect && !own) findings.push(["page", `${phase}: ${el.outerHTML.slice(0, 120)} in the head`]);
      const url = el.localName === "link" ? el.href : /^(og:url|og:image|twitter:image)$/.test(el.getAttribute("property") ?? el.getAttribute("name") ?? "") ? el.content : null;
      if (own && url != null && !/^https?:$/.test(new URL(url, document.baseURI).protocol)) findings.push(["page", `${phase}: ${el.outerHTML.slice(0, 120)}`]);
    }
  };
  audit("loaded", "*");
  // Links to allowed places are not followed (the page must stay); anything else is let through,
  // so a javascript: link would run.
  let clicks = 0;
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href], a[*|href]");
    const href = link?.getAttribute("href") ?? link?.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    let protocol = "";
    try { protocol = new URL(href, document.baseURI).protocol; } catch {}
    if (link && ["http:", "https:", "mailto:"].includes(protocol)) event.preventDefault();
  }, true);
  // An element behaves as its own start tag and those of its ancestors in the case say (inline
  // handlers, the shell's delegated listeners, a facade's player built from the facade's
  // attributes): most elements of a case are the base article's, so each distinct chain of start
  // tags gets the events and the click once per page. Every element was audited above.
  const chains = new Map();
  const chainIds = new Map();
  const chain = (el) => {
    if (!el || el === document.body || el.hasAttribute("data-case")) return 0;
    let id = chains.get(el);
    if (id === undefined) {
      const key = `${chain(el.parentElement)} ${el.cloneNode(false).outerHTML}`;
      id = chainIds.get(key) ?? chainIds.size + 1;
      chainIds.set(key, id);
      chains.set(el, id);
    }
    return id;
  };
  const firstOfKind = (seen) => (el) => {
    const id = chain(el);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const events = ["mouseover", "focus", "pointerdown", "keydown", "animationstart", "toggle", "load", "error"];
  for (const el of [...document.body.querySelectorAll("*")].filter(firstOfKind(new Set()))) {
    for (const type of events) el.dispatchEvent(new Event(type, { bubbles: true }));
  }
  const controls = [...document.body.querySelectorAll("a, button, summary, label, [tabindex], [role=button]")];
  for (const el of controls.filter(firstOfKind(new Set()))) {
    if (typeof el.click === "function") el.click();
    else el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    clicks++;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
  // Clicks only add players (and links are not followed): look at those, the head and scripts.
  audit("clicked", "iframe, script, object, embed, [style]");
  return { findings, clicks, canary: window.__xssCanary };
}

/** A page of cases, each in its own <broadsheet-article>, as a server would send it. */
function batchPage(cases, offset) {
  const articles = cases
    .map((c, i) => `<broadsheet-article data-case="${offset + i}">${c.html}</broadsheet-article>`)
    .join("\n");
  const element = HAS_ELEMENT ? `<script type="module" src="/pkg/broadsheet-element.js"></script>` : "";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>xss</title>${element}</head><body><main>${articles}</main></body></html>`;
}

let browser;
before(async () => {
  // Render the corpus first, so the cases are those of the code under test.
  // Built as `cargo test` builds (same profile, same features), so after the native tests this
  // compiles nothing; `cargo run -p` would build the crates again with its own features.
  execFileSync("cargo", ["build", "--profile", "tests", "--quiet", "--all-targets"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync(fileURLToPath(new URL("target/tests/xss-corpus", ROOT)), { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Loads `html` as a page and exercises it; resolves to everything that was caught. */
async function run(html, { wholePage = false } = {}) {
  const context = await browser.newContext();
  const caught = { hits: [], requests: [], reports: [], navigations: [] };
  await context.exposeBinding("__xssHit", (source, hit) => caught.hits.push({ ...hit, frame: source.frame.url() }));
  await context.addInitScript(hooks);
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = request.url();
    if (url === `${ORIGIN}/`) {
      // A whole page links the package's stylesheet; fragments are tested with no style at all.
      const policy = wholePage ? CSP.replace("style-src 'none'", "style-src 'self'") : CSP;
      return route.fulfill({ body: html, contentType: "text/html", headers: { "Content-Security-Policy-Report-Only": policy } });
    }
    if (url.startsWith(`${ORIGIN}/pkg/`) && HAS_ELEMENT) {
      const path = new URL(url).pathname.slice(1);
      const type = path.endsWith(".wasm") ? "application/wasm" : path.endsWith(".js") ? "text/javascript" : "text/css";
      return route.fulfill({ body: readFileSync(new URL(path, ROOT)), contentType: type });
    }
    if (url === `${ORIGIN}/csp-report`) {
      caught.reports.push(request.postData());
      return route.fulfill({ status: 204 });
    }
    const type = request.resourceType();
    const player = type === "document" && /^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\//.test(url) && request.frame() !== request.frame().page()?.mainFrame();
    if (type !== "image" && !player) caught.requests.push(`${type} ${url}`);
    if (player) return route.fulfill({ body: "<!DOCTYPE html><title>player</title>", contentType: "text/html" });
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("dialog", (dialog) => { caught.hits.push({ kind: `dialog ${dialog.type()}`, detail: dialog.message() }); dialog.dismiss().catch(() => {}); });
  page.on("popup", (popup) => caught.hits.push({ kind: "popup", detail: popup.url() }));
  page.on("framenavigated", (frame) => {
    if (!/^(http:|https:|about:blank)/.test(frame.url())) caught.navigations.push(frame.url());
  });
  if (process.env.XSS_DEBUG) page.on("console", (m) => console.error(m.text()));
  page.on("pageerror", (error) => caught.hits.push({ kind: "pageerror", detail: error.message }));
  const t0 = Date.now();
  await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
  const t1 = Date.now();
  if (HAS_ELEMENT) await page.waitForFunction(() => customElements.get("broadsheet-article") !== undefined, null, { timeout: 10_000 }).catch(() => {});
  const result = await page.evaluate(exercise, { elementList: ELEMENTS, attributeList: ATTRIBUTES, origin: ORIGIN, wholePage }).catch((e) => ({ findings: [["page", `exercise failed: ${e.message}`]], clicks: 0 }));
  if (process.env.XSS_DEBUG) console.error(`load ${t1 - t0} ms, exercise ${Date.now() - t1} ms`);
  await context.close();
  return { ...caught, ...result };
}

function problems(result) {
  return [
    ...result.hits.map((h) => `${h.kind}: ${h.detail}`),
    ...result.requests.map((r) => `request ${r}`),
    ...result.reports.map((r) => `CSP report ${r}`),
    ...result.navigations.map((n) => `navigation to ${n}`),
    ...result.findings.map(([where, what]) => `case ${where}: ${what}`),
    ...(result.canary === "untouched" ? [] : [`canary ${result.canary}`]),
  ];
}

test("the detectors catch known-bad HTML (control)", async () => {
  // Each control, and the detector that must report it.
  const controls = [
    [`<script>xss(1)</script>`, /^xss\(\): 1/],
    [`<script>alert(1)</script>`, /^alert: 1/],
    [`<img src="/nothing.png" onerror="xss(2)">`, /^xss\(\): 2/],
    [`<a href="javascript:xss(3)">x</a>`, /^xss\(\): 3/],
    [`<a href="javascript:void(0)">x</a>`, /^csp: script-src-elem inline/],
    [`<div onmouseover="void 0">x</div>`, /^csp: script-src-attr inline/],
    [`<p style="color:red">x</p>`, /^csp: style-src-attr/],
    [`<iframe src="data:text/html,x"></iframe>`, /^csp: frame-src/],
    [`<object data="/x.swf"></object>`, /element <object>/],
    [`<svg><a href="https://example.com/"><text>x</text></a></svg>`, /in http:\/\/www.w3.org\/2000\/svg/],
    [`<svg><a xlink:href="javascript:void(0)"><text>x</text></a></svg>`, /<a xlink:href=javascript:void/],
    [`<a href="data:text/html,x">x</a>`, /<a href=data:text/],
    [`<link rel="stylesheet" href="/evil.css">`, /^request stylesheet/],
  ];
  for (const [html, expected] of controls) {
    const found = problems(await run(batchPage([{ html }], 0)));
    assert.ok(found.some((line) => expected.test(line)), `${html}: expected ${expected}, found ${JSON.stringify(found)}`);
  }
});

/** Loads `cases` in batches, two pages at a time (one per core); every finding names its case. */
async function loadAll(cases) {
  const failures = [];
  let clicks = 0;
  const started = Date.now();
  const limit = Math.min(Number(process.env.XSS_LIMIT ?? cases.length), cases.length);
  const offsets = [];
  for (let offset = 0; offset < limit; offset += BATCH) offsets.push(offset);
  const worker = async () => {
    for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) await check(offset);
  };
  const check = async (offset) => {
    const batch = cases.slice(offset, offset + BATCH);
    const result = await run(batchPage(batch, offset));
    clicks += result.clicks;
    const found = problems(result);
    if (process.env.XSS_DEBUG) console.error(offset, ((Date.now() - started) / 1000).toFixed(1), found.slice(0, 10));
    if (found.length === 0) return;
    // Name the cases: page-wide findings are re-run one case at a time.
    for (const line of found.slice(0, 20)) {
      const at = /^case (\d+):/.exec(line);
      failures.push(at ? `${cases[at[1]].name} in ${cases[at[1]].field}: ${line}` : line);
    }
    if (found.some((line) => !/^case \d+:/.test(line))) {
      for (const [i, c] of batch.entries()) {
        const alone = problems(await run(batchPage([c], offset + i)));
        if (alone.length) failures.push(`${c.name} in ${c.field}: ${alone.join("; ")}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return { failures, clicks, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

test("no XSS payload in any field executes or escapes the policy in Chromium", async (t) => {
  const corpus = JSON.parse(readFileSync(new URL("target/xss/cases.json", ROOT), "utf8"));
  const cases = corpus.cases;
  assert.ok(corpus.payloads >= 150 && cases.length > 1000, "the corpus is too small");
  const { failures, clicks, seconds } = await loadAll(cases);
  t.diagnostic(`${corpus.payloads} payloads x ${corpus.fields} fields: ${corpus.refused} refused by validation, ` +
    `${cases.length} rendered and loaded in Chromium${HAS_ELEMENT ? " (hydrated by the element)" : ""}, ${clicks} clicks, ${seconds} s`);
  assert.deepEqual(failures, []);
});

test("no XSS payload executes in a whole page (head, JSON-LD, link-preview tags), payloads in every field", async (t) => {
  const { pages } = JSON.parse(readFileSync(new URL("target/xss/cases.json", ROOT), "utf8"));
  assert.equal(pages.length, 40);
  const failures = [];
  const started = Date.now();
  const queue = [...pages];
  const worker = async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      const found = problems(await run(c.html, { wholePage: true }));
      if (found.length) failures.push(`${c.name} (${c.field}): ${found.slice(0, 5).join("; ")}`);
    }
  };
  await Promise.all([worker(), worker()]);
  t.diagnostic(`${pages.length} whole pages from render_page loaded in Chromium, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(failures, []);
});

test("no XSS payload in any string of an imported WordPress post, ANS story, Portable Text document or HTML page executes in Chromium", async (t) => {
  const corpus = JSON.parse(readFileSync(new URL("target/xss/import-cases.json", ROOT), "utf8"));
  const cases = corpus.cases;
  assert.ok(corpus.payloads >= 150 && cases.length >= corpus.payloads * 3, "the corpus is too small");
  // The HTML page makes an article of most payloads everywhere (some leave Readability no article).
  const pages = cases.filter((c) => c.field.startsWith("every text and attribute of "));
  assert.ok(pages.length >= corpus.payloads / 2, `only ${pages.length} HTML page cases`);
  const { failures, clicks, seconds } = await loadAll(cases);
  t.diagnostic(`${corpus.payloads} payloads in all ${corpus.positions} source strings at once: ${cases.length} imported documents ` +
    `loaded in Chromium, ${clicks} clicks, ${seconds} s`);
  assert.deepEqual(failures, []);
});
