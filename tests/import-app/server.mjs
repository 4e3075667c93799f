// Server-side rendering with the same package: `node server.mjs` prints the article's HTML.
import { readFileSync } from "node:fs";
import { initSync, renderArticle } from "broadsheet";

initSync({ module: readFileSync(new URL(import.meta.resolve("broadsheet/broadsheet_bg.wasm"))) });
process.stdout.write(renderArticle(readFileSync(new URL("article.json", import.meta.url), "utf8")));
