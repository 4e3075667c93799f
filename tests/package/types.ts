// Type test for pkg/broadsheet.d.ts: `tsc -p tests/package` must pass, and every
// `@ts-expect-error` below must still be an error.
import init, {
  initSync, renderArticle, validateArticle, mount, hydrate, version, importArticle, privacyReport,
  type ImportResult, type PrivacyReport,
  type Article, type RenderOptions, type ArticleError, type ArticleProblem, type ValidationResult,
} from "../../pkg/broadsheet.js";
import type { BroadsheetArticleElement } from "../../pkg/broadsheet-element.js";

const article: Article = {
  headline: "Hello",
  dek: "A *fine* day.",
  hero: { type: "youtube", id: "Bm5lP1dHq9E", title: "The raid", start: 42 },
  body: [
    { type: "paragraph", text: "Hi" },
    { type: "heading", level: 2, text: "More" },
    { type: "image", src: "a.jpg", alt: "", srcset: [{ src: "a-640.jpg", width: 640 }] },
    { type: "quote", text: "Q", style: "pull" },
    { type: "list", ordered: true, items: ["one"] },
    { type: "divider" },
  ],
  "x-cms": { anything: true },
};
const options: RenderOptions = { headingShift: 1, poster: "self-hosted", labels: { playVideo: "Ver: {title}" },
  site: { name: "The Example Times", url: "https://news.example.com/", logo: { src: "https://news.example.com/logo.png", width: 600, height: 60 }, twitter: "@example", locale: "en_US" } };

await init();
await init({ module_or_path: new URL("broadsheet_bg.wasm", import.meta.url) });
initSync({ module: new Uint8Array() });
const html: string = renderArticle(article, options) + renderArticle("{}");
const result: ValidationResult = validateArticle(article);
const problems: ArticleProblem[] = result.errors;
mount(document.body, article);
hydrate(document.body);
const v: string = version();

try {
  renderArticle(article);
} catch (e) {
  const error = e as ArticleError;
  const where: string = error.path;
  const all: ArticleProblem[] = error.errors;
  const message: string = error.message;
}

const element: BroadsheetArticleElement = document.createElement("broadsheet-article");
element.article = article;
element.article = "{}";
element.options = options;
element.addEventListener("broadsheet-render", (event) => { const ms: number = event.detail.durationMs; });
element.addEventListener("broadsheet-error", (event) => { const first: ArticleProblem = event.detail.errors[0]; });

const imported: ImportResult = importArticle("<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->", { from: "wordpress", headline: "Hi" });
const importedArticle: Article = imported.article;
const notePath: string = imported.notes[0].path;
const firstRule: string = validateArticle(article, { warnings: { off: ["image-alt"] } }).warnings[0].rule;
const report: PrivacyReport = privacyReport(article, { poster: "self-hosted" });
const firstOrigin: string = report.beforeInteraction[0].origin;
const page: ImportResult = importArticle("<html><title>T</title><p>Hi</p></html>", { from: "html", url: "https://example.com/a" });
// @ts-expect-error only the four formats
importArticle("{}", { from: "medium" });

// @ts-expect-error headline is required
const noHeadline: Article = { body: [] };
// @ts-expect-error no such block type
const badBlock: Article = { headline: "H", body: [{ type: "paragraf", text: "x" }] };
// @ts-expect-error heading levels are 2 to 6
const badLevel: Article = { headline: "H", body: [{ type: "heading", level: 1, text: "x" }] };
// @ts-expect-error only youtube or self-hosted
const badPoster: RenderOptions = { poster: "vimeo" };
// @ts-expect-error a site has a name
const nameless: RenderOptions = { site: { url: "https://news.example.com/" } };
// @ts-expect-error options are an object
renderArticle(article, 3);
// @ts-expect-error the element's options are RenderOptions
element.options = { headingShift: "1" };

export { html, problems, v, noHeadline, badBlock, badLevel, badPoster, nameless, importedArticle, notePath, firstOrigin, firstRule };
