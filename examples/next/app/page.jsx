// A server component: the article is rendered to HTML on the server; the browser loads no wasm.
import init, { renderArticle } from "broadsheet";
import article from "./article.json";
import Facades from "./facades";

export default async function Page() {
  await init(); // Reads the .wasm from node_modules: no path to give.
  const html = renderArticle(article);
  return (
    <main>
      <broadsheet-article dangerouslySetInnerHTML={{ __html: html }} />
      <Facades />
    </main>
  );
}
