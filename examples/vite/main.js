// The page's script, built by Vite: defines <broadsheet-article> and gives it an article.
import "broadsheet/element"; // Loads the renderer (a chunk of its own, and the .wasm) only to render.
import "broadsheet/broadsheet.css";
import article from "./article.json";

document.querySelector("broadsheet-article").article = article;
