/** An article in broadsheet format v1. Keys starting with `x-` are ignored anywhere. */
export interface Article {
  schema?: 1;
  /** Prefix for element ids, `[A-Za-z0-9_-]{1,64}`; default: a slug of the headline. */
  id?: string;
  /** BCP 47 language tag; default `en`. */
  lang?: string;
  dir?: "ltr" | "rtl" | "auto";
  /** Canonical URL, absolute http(s). */
  url?: string;
  section?: { name: string; url?: string };
  headline: string;
  /** Inline Markdown. */
  dek?: string;
  authors?: { name: string; url?: string }[];
  /** RFC 3339 date-time. */
  published?: string;
  modified?: string;
  tags?: string[];
  hero?: ImageBlock | YouTubeBlock;
  body: Block[];
  related?: { title: string; items: { headline: string; url: string; image?: string }[] };
  [extension: `x-${string}`]: unknown;
}

export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; level: 2 | 3 | 4 | 5 | 6; text: string; id?: string }
  | ImageBlock
  | YouTubeBlock
  | { type: "quote"; text: string; cite?: string; source?: string; style?: "block" | "pull" }
  | { type: "list"; ordered?: boolean; items: string[] }
  | { type: "markdown"; text: string }
  | { type: "divider" };

export interface ImageBlock {
  type: "image";
  src: string;
  /** `""` marks a decorative image. */
  alt: string;
  width?: number;
  height?: number;
  caption?: string;
  credit?: string;
  srcset?: { src: string; width: number }[];
  sizes?: string;
}

/** Give `id` or `url`, not both. */
export interface YouTubeBlock {
  type: "youtube";
  id?: string;
  url?: string;
  title: string;
  start?: number;
  caption?: string;
  credit?: string;
  poster?: string;
}

export interface Labels {
  by?: string;
  and?: string;
  updated?: string;
  /** `{title}` is replaced by the video's title. */
  playVideo?: string;
  /** The link under a video to its page on YouTube: "Watch on YouTube". */
  watchVideo?: string;
  credit?: string;
  source?: string;
  tags?: string;
  permalink?: string;
  /** Names the scrolling region around a Markdown table. */
  table?: string;
  /** `{month} {day}, {year}` */
  date?: string;
  /** Twelve month names, January first. */
  months?: string[];
}

export interface RenderOptions {
  /** Added to every heading level; 1 when the page already owns the `<h1>`. Default 0. */
  headingShift?: number;
  /** Prefix for element ids; default the article's `id`, else a slug of the headline. */
  idPrefix?: string;
  /** `"self-hosted"`: no poster from YouTube, so no third-party request before play. Default `"youtube"`. */
  poster?: "youtube" | "self-hosted";
  labels?: Labels;
  /** `sizes` for images with a `srcset` and no `sizes`. */
  defaultSizes?: string;
  limits?: { maxInputBytes?: number; maxBlocks?: number; maxStringBytes?: number; maxMarkdownDepth?: number };
}

export interface ArticleProblem {
  /** JSON path such as `body[3].src`; `""` for the document as a whole. */
  path: string;
  message: string;
}

/** Thrown by `renderArticle` and `mount`: `message` is the first `path: message`. */
export interface ArticleError extends Error {
  path: string;
  errors: ArticleProblem[];
}

export interface ValidationResult {
  ok: boolean;
  errors: ArticleProblem[];
}

/** Renders an article (object or JSON string) to HTML; throws an `ArticleError` if it is invalid. */
export function renderArticle(article: Article | string, options?: RenderOptions): string;
/** Validates an article; never throws on a bad article. */
export function validateArticle(article: Article | string): ValidationResult;
/** The package version. */
export function version(): string;

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
    /** A render succeeded; `durationMs` is the time spent in `renderArticle`. */
    "broadsheet-render": CustomEvent<{ durationMs: number }>;
    /** The article was invalid or could not be fetched; the shown content was kept. */
    "broadsheet-error": CustomEvent<{ errors: ArticleProblem[] }>;
  }
}
