// How init() reads the .wasm where modules are files (Node, Bun, Deno): package.json's "imports"
// give this file to the `node` condition only.
import { readFile } from "node:fs/promises";

export const readWasm = (url) => readFile(url);
