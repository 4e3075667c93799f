// A browser app that takes broadsheet from npm the usual way; Vite bundles it with its .wasm.
import { validateArticle, version } from "broadsheet";
import "broadsheet/element"; // Defines <broadsheet-article> once the wasm has loaded.
import "broadsheet/broadsheet.css";
import article from "./article.json";

const element = document.querySelector("broadsheet-article");
element.dataset.version = version();
if (validateArticle(article).ok) element.article = article;
