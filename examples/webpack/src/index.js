// <broadsheet-article> renders an article from JSON in the browser; webpack emits the .wasm it loads.
import "broadsheet/broadsheet.css";
import "broadsheet/element";
import article from "./article.json";

const element = document.createElement("broadsheet-article");
element.article = article;
document.body.append(element);
