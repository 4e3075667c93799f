// What the server build does differently from the browser build (www/broadsheet-wasm.js): it holds
// the importers, the JSON-LD and the privacy report, and reads its .wasm from disk where it can.
import * as core from "./broadsheet-core.js";

/** The core's exports that only this build has. */
export function serverOnly() {
  return core;
}

/**
 * The instance's exports, once they are known to be this build's: a bundler that pairs this
 * script with the browser build's .wasm (wrangler resolves `broadsheet/broadsheet_bg.wasm` as a
 * file path, which names the browser build's) gets an error that says which file to import,
 * instead of a renderer that runs the module compiled for size.
 */
export function ownModule(exports) {
  if (typeof exports?.renderArticleUtf16 !== "function") {
    throw new Error(
      'broadsheet: the server build was given the browser build\'s .wasm; import "broadsheet/server/broadsheet_bg.wasm" (the server build\'s own) and pass that',
    );
  }
  return exports;
}

/** The other build's module usually fails to link to this build's script: said the same way. */
export const linkError = (error) => (error instanceof WebAssembly.LinkError ? ownModule() : error);

// Node and Bun make a string of UTF-16 by copying it, about ten times faster than they decode
// UTF-8 (measured: BENCHMARKS.md), so there the HTML comes out of wasm as UTF-16. Not for very
// large articles, whose UTF-16 HTML would take twice the memory; nor where `Buffer` is missing.
const NodeBuffer = typeof globalThis.Buffer === "function" ? globalThis.Buffer : undefined;
const UTF16_UP_TO = 1 << 22; // input length, in UTF-16 units or bytes
// Text past this length goes in as UTF-8 bytes encoded here, at their exact size: wasm-bindgen's
// glue would reserve three bytes a character in wasm memory, which never shrinks, to encode it.
const BYTES_FROM = 1 << 20;
const encoder = new TextEncoder();

/** Renders JSON text, UTF-8 bytes or (when JSON.stringify could not take it) an object. */
export function renderCore(article, options) {
  if (typeof article === "string" && article.length > BYTES_FROM) article = encoder.encode(article);
  const size = typeof article === "string" ? article.length : article instanceof Uint8Array ? article.byteLength : Infinity;
  // Large HTML comes in pieces: see renderArticlePieces (src/wasm.rs).
  if (size > UTF16_UP_TO) return core.renderArticlePieces(article, options).join("");
  if (NodeBuffer === undefined) return core.renderArticle(article, options);
  const utf16 = core.renderArticleUtf16(article, options); // UTF-16LE bytes
  return NodeBuffer.from(utf16.buffer, utf16.byteOffset, utf16.byteLength).toString("utf16le");
}

/** UTF-8 bytes go into wasm as they are; the renderer checks that they are UTF-8. */
export const jsonBytes = (bytes) => bytes;

// The browser build (www/broadsheet-wasm.js) uses JSON.stringify with the entry's replacer, which
// stops at the first value JSON cannot hold. A replacer takes V8 off JSON.stringify's fast path;
// here a walk that only looks at types (`plain`, a few microseconds for a typical article) lets
// plain data take the fast path, and anything it is unsure of goes the replacer's way.
/** JSON.stringify(value, replacer), without calling the replacer where it would change nothing. */
export function stringify(value, replacer) {
  return plain(value, 0) ? JSON.stringify(value) : JSON.stringify(value, replacer);
}

/**
 * Whether JSON.stringify would write `value` without meeting anything the replacer refuses:
 * strings, booleans, finite numbers, null and undefined, in arrays and objects without `toJSON`,
 * at most 64 levels deep (deeper, and cycles, go the replacer's way).
 */
function plain(value, depth) {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (value === null) return true;
      if (depth > 64 || typeof value.toJSON === "function") return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!plain(value[i], depth + 1)) return false;
      } else {
        for (const key in value) if (!plain(value[key], depth + 1)) return false;
      }
      return true;
    default:
      return false;
  }
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
