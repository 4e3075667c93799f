// What every browser test of the package needs: a static server that sends the strict CSP, and a
// page whose every request, CSP violation and console message is recorded. The network is
// closed: YouTube posters and the player are fulfilled locally, anything else off-origin fails.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { PIXEL_PNG } from "../support/browser.mjs";

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https://i.ytimg.com",
  "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
  "connect-src 'self'",
].join("; ");

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml" };

/** A page with the package's stylesheet and element; `body` goes inside `<main>`. */
export const page = (body, title = "broadsheet test") =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="stylesheet" href="/pkg/broadsheet.css"><script type="module" src="/pkg/broadsheet-element.js"></script>` +
  `</head><body><main>${body}</main></body></html>`;

/** What a production server sends: brotli at its highest quality. */
export const brotli = (body) =>
  brotliCompressSync(Buffer.from(body), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });

/**
 * Serves `routes` (path → body; the type follows the extension, `/` is HTML) and the files of
 * each directory in `dirs` (URL prefix → file URL), all with the CSP. With `compress`, every body
 * goes out brotli-compressed (`brotli`) to a request that accepts br, as a real server sends it.
 * Resolves to the base URL and a `close()`.
 */
export async function serve(routes, dirs = { "/pkg/": new URL("../../pkg/", import.meta.url) }, { compress = false } = {}) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    let body = routes[path];
    const prefix = Object.keys(dirs).find((p) => path.startsWith(p));
    if (body == null && prefix && !path.includes("..")) {
      body = await readFile(new URL(path.slice(prefix.length) || "index.html", dirs[prefix])).catch(() => null);
    }
    const type = TYPES[extname(path)] ?? (path.endsWith("/") ? TYPES[".html"] : "application/octet-stream");
    const status = body == null ? 404 : 200;
    const headers = { "Content-Type": type, "Content-Security-Policy": CSP };
    body ??= "Not found";
    if (compress) {
      headers.Vary = "Accept-Encoding";
      const accepted = (request.headers["accept-encoding"] ?? "").split(",").map((coding) => coding.trim().split(";")[0]);
      if (accepted.includes("br")) {
        body = brotli(body);
        headers["Content-Encoding"] = "br";
      }
    }
    // A whole body with its length, not chunks: the encoded size is then the body's own.
    body = Buffer.from(body);
    headers["Content-Length"] = body.length;
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Third-party hosts a page must not contact before the reader plays a video. */
export const PLAYER_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|googlevideo\.com|vimeo\.com|vimeocdn\.com)$/;

/**
 * A fresh context and page on `browser`, recording into the returned object: `requests` (URLs),
 * `violations` (CSP, from the page's own `securitypolicyviolation` events and the console),
 * `console` (every error and warning, and uncaught exceptions) and `events` (broadsheet-render
 * and -error, with detail).
 */
export async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const record = { page, context, requests: [], console: [] };
  context.on("request", (request) => record.requests.push(request.url()));
  page.on("console", (message) => {
    // The player's allow list is YouTube's own; Chromium on Linux has no Web Share to allow.
    if (message.text() === "Unrecognized feature: 'web-share'.") return;
    if (message.type() === "error" || message.type() === "warning") record.console.push(message.text());
  });
  page.on("pageerror", (error) => record.console.push(`uncaught: ${error.message}`));
  // The last route added wins: everything off-origin fails but posters and the player.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await context.route(/^https:\/\/i\.ytimg\.com\//, (route) => route.fulfill({ contentType: "image/png", body: PIXEL_PNG }));
  await context.route(/^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\//, (route) =>
    route.fulfill({ contentType: "text/html", body: '<!DOCTYPE html><html lang="en"><title>Player</title></html>' }),
  );
  // Init scripts run before the page's own and are not subject to its CSP.
  await page.addInitScript(() => {
    window.__violations = [];
    window.__events = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    for (const type of ["broadsheet-render", "broadsheet-error"]) {
      document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
    }
  });
  record.thirdParty = () => record.requests.filter((url) => !url.startsWith("http://127.0.0.1"));
  record.toPlayer = () => record.requests.filter((url) => PLAYER_HOSTS.test(new URL(url).hostname));
  record.violations = async () => [
    ...(await page.evaluate(() => window.__violations)),
    ...record.console.filter((text) => /Content.Security.Policy/i.test(text)),
  ];
  record.events = () => page.evaluate(() => window.__events);
  return record;
}
