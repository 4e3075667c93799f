// What the browser build does differently from the server build (www/broadsheet-wasm.server.js).
// It leaves out the importers, the JSON-LD and the privacy report (server-side work that would make
// it larger), so asking for them says where they are.
import { renderArticle } from "./broadsheet-core.js";

export function serverOnly(name) {
  throw new Error(`${name} is in the server build: import "broadsheet/server" to use it in a browser`);
}

export const renderCore = renderArticle;
export const stringify = JSON.stringify;
export const jsonBytes = (bytes) => new TextDecoder("utf-8", { fatal: true }).decode(bytes);
export function ownModule(exports) {
  if (!exports || exports.importArticle) throw new Error("broadsheet: the browser build was given another build's .wasm");
  return exports;
}
export const linkError = (error) => (error instanceof WebAssembly.LinkError ? ownModule() : error);

// How the browser build's init() finds its .wasm: it reads no files, so wasm-bindgen's glue fetches
// `new URL("broadsheet_bg.wasm", import.meta.url)`, which bundlers emit and rewrite. No `node:`
// import here or anywhere in this build: a bundler for browsers cannot resolve one.
export async function wasmOnDisk() {
  return undefined;
}
