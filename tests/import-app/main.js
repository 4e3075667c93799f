// A browser app that takes broadsheet from npm the usual way; Vite bundles it with its .wasm.
import init, { validateArticle, version } from "broadsheet";
import "broadsheet/element"; // Defines <broadsheet-article>; it loads the renderer when it needs it.
import "broadsheet/broadsheet.css";
import article from "./article.json";

await init(); // This page calls the renderer itself, so it loads it first.
const element = document.querySelector("broadsheet-article");
element.dataset.version = version();
if (validateArticle(article).ok) element.article = article;
