// Bun: `bun main.js article.json` prints the article's HTML.
import init, { renderArticle } from "broadsheet";

await init(); // Reads the .wasm from node_modules: no path to give.
const article = await Bun.file(process.argv[2]).json();
console.log(renderArticle(article));
