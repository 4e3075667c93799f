// The Cloudflare Worker, installed from the packed package, bundled by esbuild as its README says
// and served by workerd: every answer checked exactly against a node:http origin, then load rounds
// (load.mjs) with workerd's memory measured before and after.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { ARTICLE, EXPECTED_HEADLINE, freePort, prepare, run, start } from "../support/example.mjs";

const LIMIT = 1 << 20; // MAX_BODY_BYTES in config.capnp
const JSON_TYPE = "application/json";
const HTML_TYPE = "text/html; charset=utf-8";
const ARTICLE_TEXT = JSON.stringify(ARTICLE);
const INVALID = { headline: "Bad", body: [{ type: "image", src: "javascript:alert(1)" }] };
/** How the Worker says no to anything but the article's content: one problem about the whole. */
const refusal = (message) => [{ path: "", pathSegments: [], message }];
const INVALID_ERRORS = [
  { path: "body[0].src", pathSegments: ["body", 0, "src"], message: 'URL scheme "javascript" is not allowed here (allowed: https, http, or a relative URL)' },
  { path: "body[0].alt", pathSegments: ["body", 0, "alt"], message: 'is required (describe the image, or "" if it is decorative)' },
];

let origin;
let worker;
after(() => {
  worker?.stop();
  origin?.close();
});

test("the Worker renders on workerd, answers every case exactly, and holds its memory under load", { timeout: 900_000 }, async (t) => {
  const dir = prepare("worker");
  run(dir, "npm", ["run", "build", "--silent"]);
  // esbuild chose the build compiled for speed, by the `workerd` condition.
  assert.ok(readFileSync(`${dir}dist/broadsheet_bg.wasm`).equals(readFileSync(`${dir}node_modules/broadsheet/server/broadsheet_bg.wasm`)));
  const version = JSON.parse(readFileSync(`${dir}node_modules/broadsheet/package.json`, "utf8")).version;

  // The origin: articles as JSON files, and a log of every path the Worker asked for.
  const asked = [];
  const files = {
    "/articles/example.json": ARTICLE_TEXT,
    "/articles/invalid.json": JSON.stringify(INVALID),
    "/articles/huge.json": " ".repeat(LIMIT + 1),
  };
  origin = createServer((request, response) => {
    asked.push(request.url);
    if (request.url === "/articles/broken.json") return response.writeHead(500).end();
    const file = files[request.url];
    if (file === undefined) return response.writeHead(404).end("not found");
    response.writeHead(200, { "Content-Type": JSON_TYPE }).end(file);
  });
  const originPort = await freePort();
  await new Promise((resolve) => origin.listen(originPort, "127.0.0.1", resolve));

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const workerd = createRequire(`${dir}package.json`)("workerd").default; // the binary, not a wrapper
  worker = await start(dir, workerd, ["serve", "config.capnp", "--socket-addr", `http=127.0.0.1:${port}`], `${base}/`, {
    env: { ARTICLE_ORIGIN: `http://127.0.0.1:${originPort}` },
  });
  const pid = pidOf(workerd, `http=127.0.0.1:${port}`);

  const expectErrors = async (answer, status, errors, headers = {}) => {
    assert.equal(answer.status, status);
    assert.equal(answer.headers.get("content-type"), JSON_TYPE);
    for (const [name, value] of Object.entries(headers)) assert.equal(answer.headers.get(name), value);
    assert.deepEqual(await answer.json(), { errors });
  };
  const post = (body, init = {}) => fetch(`${base}/render`, { method: "POST", body, ...init });

  // GET renders the origin's article, with an ETag of the package version and the JSON's bytes.
  const etag = `"${createHash("sha256").update(`broadsheet ${version}\n${ARTICLE_TEXT}`).digest("hex").slice(0, 32)}"`;
  const page = await fetch(`${base}/articles/example`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("content-type"), HTML_TYPE);
  assert.equal(page.headers.get("cache-control"), "public, max-age=60");
  assert.equal(page.headers.get("etag"), etag);
  const html = await page.text();
  assert.ok(html.startsWith('<article class="bs-article" id="from-the-example"'), html);
  assert.ok(html.includes(EXPECTED_HEADLINE), html);

  for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
    const cached = await fetch(`${base}/articles/example`, { headers: { "If-None-Match": ifNoneMatch } });
    assert.equal(cached.status, 304, ifNoneMatch);
    assert.equal(cached.headers.get("etag"), etag);
    assert.equal(cached.headers.get("cache-control"), "public, max-age=60");
    assert.equal(await cached.text(), "");
  }
  const changed = await fetch(`${base}/articles/example`, { headers: { "If-None-Match": '"other"' } });
  assert.equal(changed.status, 200);
  assert.equal(await changed.text(), html);

  const head = await fetch(`${base}/articles/example`, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("etag"), etag);
  assert.equal(await head.text(), "");

  // POST renders the body: the same HTML.
  const posted = await post(ARTICLE_TEXT, { headers: { "Content-Type": JSON_TYPE } });
  assert.equal(posted.status, 200);
  assert.equal(posted.headers.get("content-type"), HTML_TYPE);
  assert.equal(await posted.text(), html);

  // Invalid input: every problem, with its path.
  await expectErrors(await post(JSON.stringify(INVALID)), 422, INVALID_ERRORS);
  await expectErrors(await fetch(`${base}/articles/invalid`), 422, INVALID_ERRORS);
  await expectErrors(await post("{"), 422, [{ path: "", pathSegments: [], line: 1, column: 2, message: "invalid JSON at line 1, column 2: EOF while parsing an object" }]);
  await expectErrors(await post(new Uint8Array([0x7b, 0xff, 0x7d])), 422, refusal("the article is not UTF-8 text"));

  // The size limit: exactly LIMIT bytes renders; one more is refused whether the body declares its
  // length or arrives in chunks (then the Worker stops reading at the limit).
  const atLimit = ARTICLE_TEXT + " ".repeat(LIMIT - ARTICLE_TEXT.length);
  const full = await post(atLimit);
  assert.equal(full.status, 200);
  assert.ok((await full.text()).includes(EXPECTED_HEADLINE));
  await expectErrors(await post(`${atLimit} `), 413, refusal(`the body is ${LIMIT + 1} bytes; the limit is ${LIMIT}`));
  const chunked = (...parts) => new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  const inChunks = await post(chunked(ARTICLE_TEXT.slice(0, 50), ARTICLE_TEXT.slice(50)), { duplex: "half" });
  assert.equal(inChunks.status, 200);
  assert.equal(await inChunks.text(), html);
  const spaces = Array(17).fill(" ".repeat(64 * 1024)); // LIMIT + 64 KiB
  await expectErrors(await post(chunked(...spaces), { duplex: "half" }), 413, refusal(`the body is over the limit of ${LIMIT} bytes`));
  await expectErrors(await fetch(`${base}/articles/huge`), 502, refusal(`the origin's article is over the limit of ${LIMIT} bytes`));

  // The origin's 404 is a 404, its failures a 502; paths that are not article paths never reach it.
  await expectErrors(await fetch(`${base}/articles/missing`), 404, refusal("no article at /articles/missing"));
  await expectErrors(await fetch(`${base}/articles/broken`), 502, refusal("the origin answered 500"));
  await expectErrors(await fetch(`${base}/articles/a%2F..%2Fsecret`), 404, refusal("no article at /articles/a%2F..%2Fsecret"));

  // Wrong methods; GET /render?url=… fetches nothing.
  await expectErrors(await fetch(`${base}/render?url=${encodeURIComponent("https://example.com/a.json")}`), 405, refusal("use POST"), { allow: "POST" });
  await expectErrors(await fetch(`${base}/articles/example`, { method: "PUT", body: ARTICLE_TEXT }), 405, refusal("use GET"), { allow: "GET, HEAD" });
  await expectErrors(await fetch(`${base}/render`, { method: "DELETE" }), 405, refusal("use POST"), { allow: "POST" });

  assert.deepEqual(new Set(asked), new Set([
    "/articles/example.json", "/articles/invalid.json", "/articles/huge.json", "/articles/missing.json", "/articles/broken.json",
  ]));

  // The load: rounds from another process (this one serves the origin). workerd's allocator
  // (tcmalloc) keeps what a first round makes it grow to, as much for a Worker that returns a
  // constant; so a first round warms it up, and the second must not grow it further.
  const loadRound = async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      new URL("load.mjs", import.meta.url).pathname, base, "--requests", "20000", "--concurrency", "8", "--expect", EXPECTED_HEADLINE,
    ]);
    return JSON.parse(stdout);
  };
  const cold = rssKiB(pid);
  const warmUp = await loadRound();
  const before = rssKiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 100);
  const figures = await loadRound().finally(() => clearInterval(sampler));
  const afterLoad = rssKiB(pid);
  const memory = { rssColdMiB: mib(cold), rssBeforeMiB: mib(before), rssPeakMiB: mib(peak), rssAfterMiB: mib(afterLoad) };
  t.diagnostic(`warm-up round: ${JSON.stringify(warmUp)}`);
  t.diagnostic(`measured round: ${JSON.stringify(figures)}`);
  t.diagnostic(`workerd RSS: ${JSON.stringify(memory)}`);
  assert.equal(figures.requests, 20_000);
  assert.ok(afterLoad - before < 64 * 1024, `workerd's RSS grew from ${memory.rssBeforeMiB} to ${memory.rssAfterMiB} MiB`);
  assert.ok(afterLoad < 512 * 1024, `workerd's RSS is ${memory.rssAfterMiB} MiB`);

  // Still answering, exactly as before.
  const again = await fetch(`${base}/articles/example`);
  assert.equal(again.headers.get("etag"), etag);
  assert.equal(await again.text(), html);
});

/** The pid of the process started as `binary` whose arguments include `argument`. */
function pidOf(binary, argument) {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (args[0] === binary && args.includes(argument)) return Number(pid);
    } catch {} // It exited meanwhile.
  }
  throw new Error(`no process ${binary} … ${argument}`);
}

function rssKiB(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m)[1]);
}

const mib = (kib) => Math.round(kib / 102.4) / 10;
