// Types of `broadsheet/element`: <broadsheet-article> (DOM only).
import type { Article, ArticleProblem, ArticleWarning, RenderOptions } from "./broadsheet.js";

/** `<broadsheet-article>`, defined by importing `broadsheet/element`. */
export interface BroadsheetArticleElement extends HTMLElement {
  /** The article, as an object or JSON text; when set it wins over `src` and a child script. */
  article: Article | string | undefined;
  /** Merged over the `heading-shift`, `poster` and `id-prefix` attributes. */
  options: RenderOptions | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    "broadsheet-article": BroadsheetArticleElement;
  }
  interface HTMLElementEventMap {
    /** A render succeeded; `durationMs` is the time spent in `renderArticle`; `warnings` (what
     * is valid but bad for readers) are worked out when first read. */
    "broadsheet-render": CustomEvent<{ durationMs: number; readonly warnings: ArticleWarning[] }>;
    /** The article was invalid or could not be fetched; the shown content was kept. */
    "broadsheet-error": CustomEvent<{ errors: ArticleProblem[] }>;
  }
}
