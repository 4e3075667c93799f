// What the browser build does differently from the server build (www/broadsheet-wasm.server.js).
// It holds no importers (they would make it larger), so `importArticle` says where they are.
export const importCore = undefined;

// How the browser build's init() finds its .wasm: it reads no files, so wasm-bindgen's glue fetches
// `new URL("broadsheet_bg.wasm", import.meta.url)`, which bundlers emit and rewrite. No `node:`
// import here or anywhere in this build: a bundler for browsers cannot resolve one.
export async function wasmOnDisk() {
  return undefined;
}
