// Lighthouse 12 on three representative fixture pages, in Debian's Chromium, with its default
// settings (a phone on a slow 4G network, simulated): 100 in accessibility, best practices and
// SEO, and no layout shift. The performance score is printed, not asserted: its paint and
// blocking-time metrics are this machine's CPU time scaled up, so they measure the machine's load
// as much as the page (a loaded machine scored 99 where an idle one scores 100); `make bench`
// reports them, as every other timing. Everything is served from 127.0.0.1: the package's
// stylesheet and scripts as shipped, with brotli; every image as a JPEG of the size the page
// declares for it (its width and height, each srcset candidate at its width), smooth as a photo
// compresses. Image URLs of other hosts are served from the same server, under /HOST/.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import jpeg from "jpeg-js";
import { JSDOM } from "jsdom";
import { PIXEL_PNG } from "../support/browser.mjs";
import { renderPages, root } from "./pages.mjs";

// A hero image and a YouTube facade; every block; format 1.1's videos, embeds and thumbnails.
const PAGES = ["seed", "every-block", "format-1-1"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** The page with other hosts' image URLs (in src and srcset) moved under /HOST/ on this server. */
const localImages = (html) =>
  html.replace(/ (src|srcset)="([^"]*)"/g, (_, name, value) => ` ${name}="${value.replace(/https?:\/\//g, "/")}"`);

/** The size the page declares for each image path: its width and height, each srcset candidate
 * at its own width (and the height of the same shape); a 16:9 box when it declares none. */
function declaredSizes(html, base) {
  const sizes = new Map();
  for (const img of new JSDOM(html).window.document.querySelectorAll("img")) {
    const width = Number(img.getAttribute("width")) || 1280;
    const height = Number(img.getAttribute("height")) || Math.round((width * 9) / 16);
    const path = (src) => new URL(src, base).pathname;
    sizes.set(path(img.getAttribute("src")), [width, height]);
    for (const candidate of (img.getAttribute("srcset") ?? "").split(",").filter(Boolean)) {
      const [src, w] = candidate.trim().split(/\s+/);
      const cw = parseInt(w, 10);
      sizes.set(path(src), [cw, Math.round((cw * height) / width)]);
    }
  }
  return sizes;
}

/** A JPEG of `width`×`height`: soft gradients, as a photo's bytes go. */
function photo(width, height) {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = 60 + (120 * x) / width;
      data[i + 1] = 90 + (80 * y) / height;
      data[i + 2] = 140 + 60 * Math.sin((x + y) / 90);
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 70).data;
}

const pages = new Map(renderPages("lighthouse").filter((p) => PAGES.includes(p.name)).map((p) => [p.name, localImages(p.html)]));
const sizes = new Map(); // path → [width, height]
const images = new Map(); // path → JPEG bytes
const shipped = Object.fromEntries(
  ["broadsheet.css", "broadsheet-element.js", "broadsheet-shell.js"].map((file) => [`/${file}`, brotliCompressSync(readFileSync(join(root, "pkg", file)))]),
);

const server = createServer((request, response) => {
  const path = new URL(request.url, "http://127.0.0.1").pathname;
  const name = path.slice(1, -".html".length);
  if (pages.has(name)) {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    return response.end(pages.get(name));
  }
  if (shipped[path]) {
    const type = path.endsWith(".css") ? "text/css" : "text/javascript";
    response.writeHead(200, { "Content-Type": type, "Content-Encoding": "br", "Cache-Control": "public, max-age=31536000, immutable" });
    return response.end(shipped[path]);
  }
  if (images.has(path)) {
    response.writeHead(200, { "Content-Type": "image/jpeg", "Cache-Control": "public, max-age=31536000, immutable" });
    return response.end(images.get(path));
  }
  // The site's icon, which every browser asks for.
  if (path === "/favicon.ico") return response.writeHead(200, { "Content-Type": "image/png" }).end(PIXEL_PNG);
  response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
for (const [, html] of pages) for (const [path, size] of declaredSizes(html, origin)) sizes.set(path, size);
// Made before any page loads: Lighthouse estimates the server's latency from every response of
// the origin, and an image encoded on request would slow the page's own in its estimate.
for (const [path, size] of sizes) images.set(path, photo(...size));

const profile = mkdtempSync(join(tmpdir(), "broadsheet-lighthouse-"));
const chrome = await launch({
  chromePath: "/usr/bin/chromium",
  userDataDir: profile,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
after(async () => {
  await chrome.kill();
  server.close();
  rmSync(profile, { recursive: true, force: true });
});

// Scored by what the page is, not by how busy the machine is.
const ASSERTED = ["accessibility", "best-practices", "seo"];

for (const name of PAGES) {
  test(`Lighthouse scores ${name} 100 in accessibility, best practices and SEO, with no layout shift`, async () => {
    const { lhr } = await lighthouse(`${origin}/${name}.html`, { port: chrome.port, logLevel: "error", onlyCategories: CATEGORIES });
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)]));
    const metric = (id) => Math.round(lhr.audits[id].numericValue);
    console.log(`${name}: ${JSON.stringify(scores)} benchmarkIndex ${lhr.environment.benchmarkIndex} FCP ${metric("first-contentful-paint")} ms LCP ${metric("largest-contentful-paint")} ms TBT ${metric("total-blocking-time")} ms mainthread ${metric("mainthread-work-breakdown")} ms`);
    // On a miss, what cost the points.
    const misses = ASSERTED.flatMap((id) =>
      lhr.categories[id].auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => `${id}: ${ref.id} ${lhr.audits[ref.id].score} ${lhr.audits[ref.id].displayValue ?? ""} ${JSON.stringify(lhr.audits[ref.id].details?.items?.slice(0, 3) ?? [])}`),
    );
    const asserted = Object.fromEntries(ASSERTED.map((id) => [id, scores[id]]));
    assert.deepEqual(asserted, Object.fromEntries(ASSERTED.map((id) => [id, 100])), misses.join("\n"));
    assert.equal(lhr.audits["cumulative-layout-shift"].numericValue, 0, "the page moves as it loads");
  });
}
