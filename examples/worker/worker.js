// A rendering service on Cloudflare Workers (workerd), in ES module syntax.
//   GET /articles/raid  renders ARTICLE_ORIGIN/articles/raid.json: 200 with an ETag, 304 when it
//                       matches If-None-Match; 404 when the origin has no such article
//   POST /render        renders the posted JSON
// An invalid article gets 422 and every problem as { errors: [{ path, pathSegments, message }] }
// (the package's own problems), a body over MAX_BODY_BYTES 413, any other method 405; those and
// the other refusals answer in the same shape. Nothing but ARTICLE_ORIGIN is ever fetched.
import wasm from "broadsheet/server/broadsheet_bg.wasm"; // the server build's own module, by a path no other file has
import { initSync, releaseMemory, renderArticle, version } from "broadsheet";

initSync({ module: wasm }); // workerd hands over the compiled module: no fetch, no await.
const VERSION = version();
const DEFAULT_MAX_BODY_BYTES = 1 << 20;
// Path segments of letters, digits, ".", "_" and "-" that start with a letter or digit: no "..".
const ARTICLE_PATH = /^(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const limit = Number(env.MAX_BODY_BYTES ?? DEFAULT_MAX_BODY_BYTES);
    if (pathname === "/render") {
      if (request.method !== "POST") return problem(405, "use POST", { Allow: "POST" });
      return renderPosted(request, limit);
    }
    if (request.method !== "GET" && request.method !== "HEAD") return problem(405, "use GET", { Allow: "GET, HEAD" });
    if (!ARTICLE_PATH.test(pathname)) return problem(404, `no article at ${pathname}`);
    return renderFromOrigin(request, pathname, env.ARTICLE_ORIGIN, limit);
  },
};

async function renderPosted(request, limit) {
  const declared = Number(request.headers.get("Content-Length")); // 0 when absent (chunked)
  if (declared > limit) return problem(413, `the body is ${declared} bytes; the limit is ${limit}`);
  const bytes = await readAtMost(request.body, limit);
  if (bytes === null) return problem(413, `the body is over the limit of ${limit} bytes`);
  return render(bytes, limit, {});
}

async function renderFromOrigin(request, pathname, origin, limit) {
  if (!origin) return problem(500, "ARTICLE_ORIGIN is not set");
  // Redirects are not followed: the Worker reads the configured origin and nothing else.
  let answer;
  try {
    answer = await fetch(`${origin.replace(/\/$/, "")}${pathname}.json`, { redirect: "manual" });
  } catch {
    return problem(502, "the origin did not answer");
  }
  if (!answer.ok) {
    await answer.body?.cancel();
    return answer.status === 404 ? problem(404, `no article at ${pathname}`) : problem(502, `the origin answered ${answer.status}`);
  }
  const bytes = await readAtMost(answer.body, limit);
  if (bytes === null) return problem(502, `the origin's article is over the limit of ${limit} bytes`);

  const etag = await entityTag(bytes);
  const headers = { ETag: etag, "Cache-Control": "public, max-age=60" };
  if (matches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  return render(bytes, limit, headers);
}

function render(bytes, limit, headers) {
  let json;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return problem(422, "the article is not UTF-8 text");
  }
  try {
    const html = renderArticle(json, { limits: { maxInputBytes: limit } });
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });
  } catch (error) {
    if (Array.isArray(error.errors)) return errorList(422, error.errors);
    releaseMemory(); // Not the article's fault: start the next request in a fresh instance.
    throw error;
  }
}

/** The body's bytes, or null as soon as there are more than `limit` (the rest is never read). */
async function readAtMost(body, limit) {
  if (body === null) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A strong ETag: SHA-256 of the package version and the article's bytes (same input, same HTML). */
async function entityTag(bytes) {
  const prefix = new TextEncoder().encode(`broadsheet ${VERSION}\n`);
  const input = new Uint8Array(prefix.byteLength + bytes.byteLength);
  input.set(prefix);
  input.set(bytes, prefix.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  return `"${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

function matches(ifNoneMatch, etag) {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(",").some((tag) => {
    tag = tag.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag; // If-None-Match compares weakly.
  });
}

function problem(status, message, headers = {}) {
  return errorList(status, [{ path: "", pathSegments: [], message }], headers);
}

function errorList(status, errors, headers = {}) {
  return new Response(JSON.stringify({ errors }), { status, headers: { "Content-Type": "application/json", ...headers } });
}
