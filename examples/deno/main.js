// Deno, using the node_modules npm installed: `deno run --allow-read main.js article.json` prints the HTML.
import init, { renderArticle } from "broadsheet";

await init(); // Reads the .wasm from node_modules: no path to give.
const article = JSON.parse(await Deno.readTextFile(Deno.args[0]));
console.log(renderArticle(article));
