// The page's script, bundled by esbuild: defines <broadsheet-article> and gives it an article.
import "broadsheet/element"; // Loads the renderer (a chunk of its own, and the .wasm) only to render.
import "broadsheet/broadsheet.css"; // Bundled into main.css.
import article from "./article.json";

// esbuild does not follow the renderer's `new URL("broadsheet_bg.wasm", import.meta.url)`, so the
// build script names the package's .wasm as an entry point that esbuild copies beside the chunks.
document.querySelector("broadsheet-article").article = article;
