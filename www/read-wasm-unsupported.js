// What browsers and edge runtimes get for "#read-wasm" (package.json's "imports"): their modules
// are not files, so init() fetches the .wasm and never calls this.
export async function readWasm(url) {
  throw new Error(`cannot read ${url} here: pass init() the .wasm's bytes or URL`);
}
