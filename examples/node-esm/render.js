// Node, ES modules: `node render.js article.json` prints the article's HTML.
import { readFileSync } from "node:fs";
import init, { renderArticle } from "broadsheet";

await init(); // Reads the .wasm from node_modules: no path to give.
process.stdout.write(renderArticle(readFileSync(process.argv[2], "utf8")));
