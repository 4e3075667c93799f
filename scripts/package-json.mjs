// Prints pkg/package.json: the published package's manifest, versioned like the crate. Servers
// and edge runtimes get the build compiled for speed (pkg/server/), browsers the small one.
import { readFileSync } from "node:fs";

const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.+)"$`, "m"))[1];
// Conditions are tried in this order; "browser" comes before "worker" so that a web worker
// bundled for the browser gets the browser build.
const SERVER_CONDITIONS = ["workerd", "edge-light", "deno", "bun", "node"];
const byBuild = (file) => ({
  ...Object.fromEntries(SERVER_CONDITIONS.map((condition) => [condition, `./server/${file}`])),
  browser: `./${file}`,
  worker: `./server/${file}`,
  default: `./${file}`,
});
const manifest = {
  name: "broadsheet",
  version: field("version"),
  description: "Article JSON to accessible, safe, fast HTML, with lazy YouTube facades (WebAssembly)",
  keywords: ["article", "html", "renderer", "json", "markdown", "youtube", "facade", "accessibility", "webassembly", "web-component"],
  homepage: field("repository"),
  repository: { type: "git", url: field("repository") },
  license: field("license"),
  engines: { node: ">=20" },
  type: "module",
  main: "broadsheet.js",
  types: "broadsheet.d.ts",
  // The server build's way to read its .wasm from disk: Node's file API where the `node` condition
  // holds (Node, Bun, Deno), a stub elsewhere, so bundlers for edge runtimes never meet `node:fs`.
  imports: {
    "#read-wasm": { node: "./read-wasm.js", default: "./read-wasm-unsupported.js" },
  },
  exports: {
    ".": { types: "./broadsheet.d.ts", ...byBuild("broadsheet.js") },
    // The server build by name, for browsers that need what only it has (importArticle).
    "./server": { types: "./broadsheet.d.ts", default: "./server/broadsheet.js" },
    "./element": { types: "./broadsheet-element.d.ts", default: "./broadsheet-element.js" },
    "./shell": { types: "./broadsheet-shell.d.ts", default: "./broadsheet-shell.js" },
    "./broadsheet.css": "./broadsheet.css",
    "./broadsheet_bg.wasm": byBuild("broadsheet_bg.wasm"),
    // Each build's .wasm by a path that names one file only: what to import where a bundler
    // resolves the path as a file (wrangler does: "broadsheet/broadsheet_bg.wasm" is then the
    // browser build's, whatever the conditions say).
    "./server/broadsheet_bg.wasm": "./server/broadsheet_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "broadsheet.js", "broadsheet.d.ts", "broadsheet-core.js", "broadsheet-wasm.js", "broadsheet_bg.wasm", "broadsheet-shell.js",
    "broadsheet-shell.d.ts", "broadsheet-element.js", "broadsheet-element.d.ts", "broadsheet.css", "read-wasm.js", "read-wasm-unsupported.js", "server/",
  ],
  sideEffects: ["./broadsheet-element.js", "*.css"],
};
console.log(JSON.stringify(manifest, null, 2));
