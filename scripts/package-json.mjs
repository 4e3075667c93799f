// Prints pkg/package.json: the published package's manifest, versioned like the crate.
import { readFileSync } from "node:fs";

const version = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8").match(/^version = "(.+)"$/m)[1];
const manifest = {
  name: "broadsheet",
  version,
  description: "Article JSON to accessible, safe, fast HTML, with lazy YouTube facades (WebAssembly)",
  license: "MIT",
  type: "module",
  main: "broadsheet.js",
  types: "broadsheet.d.ts",
  exports: {
    ".": { types: "./broadsheet.d.ts", default: "./broadsheet.js" },
    "./element": "./broadsheet-element.js",
    "./broadsheet.css": "./broadsheet.css",
    "./broadsheet_bg.wasm": "./broadsheet_bg.wasm",
  },
  files: ["broadsheet.js", "broadsheet.d.ts", "broadsheet_bg.wasm", "broadsheet_bg.wasm.d.ts", "broadsheet-element.js", "broadsheet.css"],
  sideEffects: ["./broadsheet-element.js"],
};
console.log(JSON.stringify(manifest, null, 2));
