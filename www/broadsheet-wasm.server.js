// What the server build does differently from the browser build (www/broadsheet-wasm.js): it holds
// the importers, the JSON-LD and the privacy report, and reads its .wasm from disk where it can.
import * as core from "./broadsheet-core.js";

/** The core's exports that only this build has. */
export function serverOnly() {
  return core;
}

// How the server build's init() finds its .wasm: read from disk where this module is a file (Node,
// Bun, Deno; their fetch cannot read file: URLs), else fetched by the glue. The file's URL is built
// from import.meta.url alone, on purpose: bundlers rewrite `new URL("…", import.meta.url)` into the
// file's public address (Next.js does so on the server too), which names no file on disk.
// `#read-wasm` (package.json "imports") is Node's file API for runtimes with the `node` condition
// and a stub elsewhere, so bundlers for edge runtimes never meet `node:fs`.
import { readWasm } from "#read-wasm";

export async function wasmOnDisk() {
  const here = import.meta.url;
  if (!here.startsWith("file:")) return undefined;
  return { module_or_path: await readWasm(new URL(here.replace(/[^/]*$/, "broadsheet_bg.wasm"))) };
}
