// The Worker bundled by wrangler (4.164, run from npm, offline: a dry run writes the bundle and
// uploads nothing) pairs the server build's script with the server build's own .wasm, and runs on
// workerd (wrangler's own). wrangler resolves `.wasm` imports as file paths after the package's
// export conditions, so "broadsheet/broadsheet_bg.wasm" gets the browser build's module: that
// pairing is refused at once, with a message that names the import to use.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, test } from "node:test";
import { ARTICLE, EXPECTED_HEADLINE, freePort, prepare, run, start } from "../support/example.mjs";

let worker;
after(() => worker?.stop());

/** wrangler's bundle into `outdir` (its bin asks for Node 22; its bundler runs on Node 20 as well). */
function bundle(dir, main, outdir) {
  run(dir, process.execPath, [`${dir}node_modules/wrangler/wrangler-dist/cli.js`, "deploy", main, "--dry-run", "--outdir", outdir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  const wasm = readdirSync(`${dir}${outdir}`).filter((name) => name.endsWith(".wasm"));
  assert.equal(wasm.length, 1, wasm.join(" "));
  return { wasm: wasm[0], bytes: readFileSync(`${dir}${outdir}/${wasm[0]}`) };
}

test("wrangler pairs the server build's script with its own .wasm; a wrong pair is refused at once", { timeout: 600_000 }, async () => {
  const dir = prepare("wrangler");
  const pkg = `${dir}node_modules/broadsheet/`;
  const server = readFileSync(`${pkg}server/broadsheet_bg.wasm`);
  const browser = readFileSync(`${pkg}broadsheet_bg.wasm`);

  const { wasm, bytes } = bundle(dir, "worker.js", "dist");
  assert.ok(bytes.equals(server), "the bundle carries the server build's .wasm");
  assert.match(readFileSync(`${dir}dist/worker.js`, "utf8"), /renderArticleUtf16/, "and the server build's script");

  // It runs on workerd: the bundle's modules as wrangler names them.
  writeFileSync(`${dir}config.capnp`, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = (
    modules = [(name = "worker.js", esModule = embed "dist/worker.js"), (name = "${wasm}", wasm = embed "dist/${wasm}")],
    compatibilityDate = "2026-11-01"))],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);
`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const workerd = createRequire(`${dir}node_modules/wrangler/package.json`)("workerd").default;
  worker = await start(dir, workerd, ["serve", "config.capnp", "--socket-addr", `http=127.0.0.1:${port}`], `${base}/`);
  const answer = await fetch(`${base}/`, { method: "POST", body: JSON.stringify(ARTICLE) });
  assert.equal(answer.status, 200);
  assert.ok((await answer.text()).includes(EXPECTED_HEADLINE));
  const invalid = await fetch(`${base}/`, { method: "POST", body: '{"headline": ""}' });
  assert.equal(invalid.status, 422);
  assert.deepEqual((await invalid.json()).errors.map((e) => e.path), ["headline", "body"]);
  worker.stop();

  // The package's top-level path: wrangler takes the browser build's module…
  writeFileSync(`${dir}worker-top.js`, readFileSync(`${dir}worker.js`, "utf8").replace("broadsheet/server/broadsheet_bg.wasm", "broadsheet/broadsheet_bg.wasm"));
  assert.ok(bundle(dir, "worker-top.js", "dist-top").bytes.equals(browser), "wrangler resolves the top-level path as a file");
  // …which the server build's script refuses when it is given it, saying what to import.
  const { initSync } = await import(`${pkg}server/broadsheet.js`);
  assert.throws(() => initSync({ module: new WebAssembly.Module(browser) }), {
    message: `broadsheet: the server build was given the browser build's .wasm; import "broadsheet/server/broadsheet_bg.wasm" (the server build's own) and pass that`,
  });
  // And the other way round: the browser build refuses the server build's module.
  const top = await import(`${pkg}broadsheet.js`);
  assert.throws(() => top.initSync({ module: new WebAssembly.Module(server) }), { message: "broadsheet: the browser build was given another build's .wasm" });
});
