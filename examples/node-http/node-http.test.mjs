// The node:http recipe, installed from the packed package: POST /render answers with the HTML,
// 422 with every problem for an invalid article, 413 over the size limit, 405 otherwise.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ARTICLE, EXPECTED_HEADLINE, freePort, prepare, start } from "../support/example.mjs";

let server;
after(() => server?.stop());

test("the server renders, and refuses what it must", async () => {
  const dir = prepare("node-http");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = await start(dir, process.execPath, ["server.js"], base, { env: { PORT: String(port) } });
  const post = (body) => fetch(`${base}/render`, { method: "POST", body });

  const ok = await post(JSON.stringify(ARTICLE));
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("content-type"), "text/html; charset=utf-8");
  assert.ok((await ok.text()).includes(EXPECTED_HEADLINE));

  const invalid = await post(JSON.stringify({ headline: "", body: [{ type: "paragraf" }] }));
  assert.equal(invalid.status, 422);
  assert.deepEqual((await invalid.json()).errors.map((e) => e.path), ["headline", "body[0].type"]);

  assert.equal((await post("x".repeat((1 << 20) + 1))).status, 413);
  assert.equal((await fetch(`${base}/render`)).status, 405);
});
