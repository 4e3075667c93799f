// A bounded load round against any server that renders articles: REQUESTS requests from
// CONCURRENCY keep-alive clients, a mix of `GET BASE/articles/example` and `POST BASE/render` (the
// article as its body), every answer checked for status 200 and a body containing EXPECT.
// Prints one JSON line: {"requests":…,"concurrency":…,"seconds":…,"rps":…,"p50":…,"p99":…}, the
// latencies in milliseconds; exits 1 at the first wrong answer.
//
//   node load.mjs http://127.0.0.1:8787
//   node load.mjs http://127.0.0.1:8080 --get-share 0      # POST only (examples/node-http)
//   options: --requests 20000 --concurrency 8 --get /articles/example --post /render
//            --get-share 0.5 --article ../support/article.json --expect '<article '
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** Runs the round; resolves to its figures, rejects at the first wrong answer. */
export async function load({
  base, requests = 20_000, concurrency = 8, get = "/articles/example", post = "/render", getShare = 0.5,
  article = readFileSync(new URL("../support/article.json", import.meta.url)), expect = "<article ",
}) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = Buffer.from(article);
  const latencies = new Float64Array(requests);
  let next = 0;
  let failure = null;

  // Request i is a GET when the running count of GETs, i * getShare, passes a whole number.
  const isGet = (i) => Math.floor((i + 1) * getShare) > Math.floor(i * getShare);
  const client = async () => {
    while (next < requests && failure === null) {
      const i = next++;
      const started = performance.now();
      const answer = isGet(i) ? await send(agent, "GET", base + get) : await send(agent, "POST", base + post, body);
      latencies[i] = performance.now() - started;
      if (answer.status !== 200 || !answer.text.includes(expect)) {
        failure ??= new Error(`request ${i} (${isGet(i) ? "GET" : "POST"}): ${answer.status} ${answer.text.slice(0, 300)}`);
      }
    }
  };

  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  if (failure !== null) throw failure;
  latencies.sort();
  const percentile = (p) => round(latencies[Math.max(0, Math.ceil(p * requests) - 1)]);
  return { requests, concurrency, seconds: round(seconds), rps: Math.round(requests / seconds), p50: percentile(0.5), p99: percentile(0.99) };
}

function send(agent, method, url, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { "Content-Type": "application/json", "Content-Length": body.length } : {};
    const req = request(url, { method, agent, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const round = (x) => Math.round(x * 1000) / 1000;

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: "string" }, concurrency: { type: "string" }, get: { type: "string" }, post: { type: "string" },
      "get-share": { type: "string" }, article: { type: "string" }, expect: { type: "string" },
    },
  });
  if (positionals.length !== 1) {
    console.error("usage: node load.mjs BASE_URL [--requests N] [--concurrency N] [--get PATH] [--post PATH] [--get-share 0..1] [--article FILE] [--expect TEXT]");
    process.exit(2);
  }
  const number = (text) => (text === undefined ? undefined : Number(text));
  try {
    const figures = await load({
      base: positionals[0].replace(/\/$/, ""), requests: number(values.requests), concurrency: number(values.concurrency),
      get: values.get, post: values.post, getShare: number(values["get-share"]),
      article: values.article === undefined ? undefined : readFileSync(values.article), expect: values.expect,
    });
    console.log(JSON.stringify(figures));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
