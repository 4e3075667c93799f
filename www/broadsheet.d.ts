// The package's types: the article format, the options, the errors and the API of the entry
// (www/broadsheet.js). They compile without the DOM library; the few declarations that need a
// browser resolve to `never` where its types are absent.

/** Keys starting with `x-` are ignored on every object of an article: room for CMS metadata. */
export interface Extensions {
  [extension: `x-${string}`]: unknown;
}

/**
 * An article in broadsheet format 1.1, a superset of format 1 (docs/format-v1.md). Keys starting
 * with `x-` are ignored anywhere; `null` counts as absent for every optional key.
 */
export interface Article extends Extensions {
  /** The format version: 1, or 1.1 for articles that use what 1.1 adds. */
  schema?: 1 | 1.1 | null;
  /** Prefix for element ids, `[A-Za-z0-9_-]{1,64}`; default: a slug of the headline. */
  id?: string | null;
  /** BCP 47 language tag; default `en`. */
  lang?: string | null;
  dir?: "ltr" | "rtl" | "auto" | null;
  /** Canonical URL, absolute http(s). */
  url?: string | null;
  section?: Section | null;
  headline: string;
  /** Inline Markdown. */
  dek?: string | null;
  authors?: Author[] | null;
  /** RFC 3339 date-time. */
  published?: string | null;
  modified?: string | null;
  tags?: string[] | null;
  hero?: ImageBlock | YouTubeBlock | null;
  body: Block[];
  related?: Related | null;
}

/** The section the article belongs to ("Life"). */
export interface Section extends Extensions {
  name: string;
  url?: string | null;
}

export interface Author extends Extensions {
  name: string;
  /** May be `mailto:`. */
  url?: string | null;
}

/** The "Latest in …" rail: at least one item. */
export interface Related extends Extensions {
  title: string;
  items: RelatedItem[];
}

export interface RelatedItem extends Extensions {
  headline: string;
  url: string;
  /** A thumbnail URL, shown as a decorative image, or (format 1.1) a thumbnail with alt text and size. */
  image?: string | Thumbnail | null;
}

/** Format 1.1: a related item's image with alt text and size. */
export interface Thumbnail extends Extensions {
  src: string;
  /** `""` marks a decorative thumbnail. */
  alt: string;
  width?: number | null;
  height?: number | null;
  srcset?: ImageSource[] | null;
  /** Only with a `srcset`. */
  sizes?: string | null;
}

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ImageBlock
  | YouTubeBlock
  | VimeoBlock
  | EmbedBlock
  | QuoteBlock
  | ListBlock
  | MarkdownBlock
  | DividerBlock;

export interface ParagraphBlock extends Extensions {
  type: "paragraph";
  /** Inline Markdown. */
  text: string;
}

export interface HeadingBlock extends Extensions {
  type: "heading";
  level: 2 | 3 | 4 | 5 | 6;
  /** Inline Markdown. */
  text: string;
  /** The element id as given, `[A-Za-z0-9_-]{1,64}`, unique in the body. */
  id?: string | null;
}

export interface ImageBlock extends Extensions {
  type: "image";
  src: string;
  /** `""` marks a decorative image. */
  alt: string;
  width?: number | null;
  height?: number | null;
  /** Inline Markdown. */
  caption?: string | null;
  credit?: string | null;
  srcset?: ImageSource[] | null;
  /** Only with a `srcset`. */
  sizes?: string | null;
}

/** One `srcset` candidate: a URL and its intrinsic width in pixels. */
export interface ImageSource extends Extensions {
  src: string;
  width: number;
}

/** What every video block holds. Give `id` or `url`, not both. */
export interface VideoFields extends Extensions {
  id?: string | null;
  url?: string | null;
  title: string;
  /** Seconds. */
  start?: number | null;
  /** Inline Markdown. */
  caption?: string | null;
  credit?: string | null;
  /** A self-hosted poster image. */
  poster?: string | null;
}

/** `id`: 11 of `[A-Za-z0-9_-]`. */
export interface YouTubeBlock extends VideoFields {
  type: "youtube";
  /** Format 1.1: when the video was published, an RFC 3339 date-time. */
  uploaded?: string | null;
  /** Format 1.1: how long it runs, in seconds or as an ISO 8601 duration (`PT1M30S`); at most 30 days. */
  duration?: number | string | null;
}

/** Format 1.1. `id`: 1 to 12 digits. No poster but a self-hosted one: Vimeo's own need a request. */
export interface VimeoBlock extends VideoFields {
  type: "vimeo";
}

/** Format 1.1: anything else a story embeds, as a link card (no third-party script, frame or request). */
export interface EmbedBlock extends Extensions {
  type: "embed";
  url: string;
  title: string;
  /** Where it lives: "Bluesky", "Spotify". */
  provider?: string | null;
  /** Inline Markdown. */
  caption?: string | null;
  credit?: string | null;
  /** A self-hosted image for the card. */
  image?: Thumbnail | null;
}

export interface QuoteBlock extends Extensions {
  type: "quote";
  /** Inline Markdown. */
  text: string;
  /** Who said it. */
  cite?: string | null;
  /** Where it was said (URL). */
  source?: string | null;
  style?: "block" | "pull" | null;
}

export interface ListBlock extends Extensions {
  type: "list";
  ordered?: boolean | null;
  /** Inline Markdown each, or (format 1.1) an item with a list nested under it; at least one. */
  items: (string | ListItem)[];
}

/** Format 1.1: a list item with a list nested under it (at most 8 deep, `limits.maxListDepth`). */
export interface ListItem extends Extensions {
  /** Inline Markdown. */
  text: string;
  /** At least one. */
  items?: (string | ListItem)[] | null;
  /** Only with `items`. */
  ordered?: boolean | null;
}

export interface MarkdownBlock extends Extensions {
  type: "markdown";
  /** CommonMark with tables and strikethrough; headings become h2..h6. */
  text: string;
}

export interface DividerBlock extends Extensions {
  type: "divider";
}

export interface Labels {
  by?: string;
  and?: string;
  updated?: string;
  /** `{title}` is replaced by the video's title. */
  playVideo?: string;
  /** The link under a video to its page on its site; `{site}` is replaced by "YouTube" or "Vimeo": "Watch on {site}". */
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
  limits?: { maxInputBytes?: number; maxBlocks?: number; maxStringBytes?: number; maxMarkdownDepth?: number; maxListDepth?: number };
  /** Warning rules to skip, by id (`validateArticle`; docs/warnings.md). */
  warnings?: { off?: string[] };
  /** The site the article is published on: whole pages (`broadsheet render --page`) and `jsonLd`
   * name it (`og:site_name`, `twitter:site`, `og:locale`, the JSON-LD `publisher`). The
   * `<article>` HTML is the same with or without it. */
  site?: Site;
}

/** The site, said once for all its articles. */
export interface Site {
  /** "The Example Times". */
  name: string;
  /** The home page, absolute http(s). */
  url?: string;
  /** The publisher's logo: an absolute http(s) URL and its size in pixels. */
  logo?: { src: string; width?: number; height?: number };
  /** The site's X (Twitter) account: `@example` or `example`. */
  twitter?: string;
  /** Open Graph locale, `language_TERRITORY` (`en_US`): used for articles in that language whose
   * `lang` names no territory. */
  locale?: string;
}

/** Where a problem is: `path` as text and as data, and a JSON syntax error's place in the text. */
export interface ProblemPlace {
  /** JSON path such as `body[3].src`; `""` for the document as a whole. Keys that would read as
   * something else are quoted: `["a.b"]`. */
  path: string;
  /** The same path as data: keys and indices from the root, `["body", 3, "src"]`. */
  pathSegments: (string | number)[];
  /** For a JSON syntax error: the line, from 1. */
  line?: number;
  /** For a JSON syntax error: the column in characters, from 1. */
  column?: number;
}

export interface ArticleProblem extends ProblemPlace {
  message: string;
}

/** Thrown by `renderArticle` and `mount`: `message` is the first `path: message`, and the first
 * problem's place is on the error itself. */
export interface ArticleError extends Error, ProblemPlace {
  errors: ArticleProblem[];
}

/** What is valid but bad for readers (docs/warnings.md lists the rules). */
export interface ArticleWarning {
  path: string;
  pathSegments: (string | number)[];
  message: string;
  /** The rule's id (axe-core's where it has one): `image-alt`, `link-name`, … */
  rule: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: ArticleProblem[];
  /** Only for a valid article. */
  warnings: ArticleWarning[];
}

/** One request to another site, and the part of the article that causes it. */
export interface PrivacyContact {
  /** `https://i.ytimg.com` */
  origin: string;
  url: string;
  /** `hero`, `body[3]`, `related.items[0]`; `""` for the article as a whole. */
  path: string;
}

export interface PrivacyReport {
  /** Made as the page loads (lazy images as the reader scrolls to them). */
  beforeInteraction: PrivacyContact[];
  /** Made when the reader plays a video. */
  onActivation: PrivacyContact[];
}

/** The document formats `importArticle` reads. */
export type ImportFormat = "wordpress" | "ans" | "portable-text" | "html";

export interface ImportOptions {
  /** `wordpress`: a REST API post (`context=edit`) or Gutenberg block markup; `ans`: an Arc XP ANS
   * story; `portable-text`: an array of blocks or a document with a `body` array; `html`: any HTML
   * page holding an article (found as Firefox Reader View finds it). */
  from: ImportFormat;
  /** Used when the source has no headline of its own. */
  headline?: string;
  /** `html` only: the page's own URL (absolute http(s)), which its relative links and images are
   * resolved against. Without it, the page's canonical URL is used, if it has one. */
  url?: string;
}

/** A place in the source that was not mapped exactly (`path` is the source's: `content_elements[3]`, or in an HTML page a CSS-like path, `div#content>p:nth-of-type(3)`). */
export interface ImportNote {
  path: string;
  pathSegments: (string | number)[];
  message: string;
}

export interface ImportResult {
  /** A valid format 1.1 article. */
  article: Article;
  notes: ImportNote[];
}

/** A global type `Name` where the environment's types declare it (the DOM library, @types/node), else `never`. */
type Global<Name extends string> = typeof globalThis extends Record<Name, { prototype: infer T }> ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;
type WasmMemory = typeof globalThis extends { WebAssembly: { Memory: { prototype: infer M } } } ? M : never;

/** Where `init` finds the `.wasm`: a URL or path to fetch, a `Response`, its bytes, or a compiled module. */
export type InitInput = string | Global<"URL"> | Global<"Request"> | Global<"Response"> | ArrayBuffer | ArrayBufferView | WasmModule;
/** What `initSync` compiles: the `.wasm` bytes or a compiled module. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;
/** The loaded module's exports; `memory` is its linear memory. */
export interface InitOutput {
  readonly memory: WasmMemory;
}

/**
 * Loads the renderer. With no argument it fetches `broadsheet_bg.wasm` beside the module, or reads
 * it from disk in Node, Bun and Deno.
 */
export default function init(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
/**
 * Loads the renderer synchronously from the `.wasm` bytes or a compiled `WebAssembly.Module` (edge
 * runtimes: import `broadsheet/server/broadsheet_bg.wasm`). Each build throws if given the other
 * build's module, naming the import to use.
 */
export function initSync(input: { module: SyncInitInput }): InitOutput;
/**
 * Renders an article (an object, JSON text, or JSON as UTF-8 bytes) to HTML; throws an
 * `ArticleError` if it is invalid. Bytes: the server build checks the UTF-8 itself; the browser
 * build decodes them with `TextDecoder` (a `TypeError` if they are not UTF-8).
 */
export function renderArticle(article: Article | string | Uint8Array, options?: RenderOptions): string;
/** Validates an article; never throws on a bad article (invalid options do throw). */
export function validateArticle(article: Article | string | Uint8Array, options?: RenderOptions): ValidationResult;
/** The article's schema.org JSON-LD: a `NewsArticle` with a `VideoObject` per video and, with `options.site`, its `publisher` (what a page from `broadsheet render --page` carries). Server build only (see `importArticle`); the browser build throws. */
export function jsonLd(article: Article | string | Uint8Array, options?: RenderOptions): Record<string, unknown>;
/** Every other site the article's HTML makes a browser contact, and when; throws an `ArticleError` if it is invalid. Server build only (see `importArticle`); the browser build throws. */
export function privacyReport(article: Article | string | Uint8Array, options?: RenderOptions): PrivacyReport;
/**
 * Makes a format 1.1 article of a WordPress post, an ANS story or Portable Text (JSON text, an
 * object, or block markup); throws an `ArticleError` when no valid article can be made. In the
 * server build only (the `node`, `deno`, `bun`, `workerd`, `edge-light` and `worker` conditions,
 * or `broadsheet/server` anywhere); the browser build throws.
 */
export function importArticle(source: string | object, options: ImportOptions): ImportResult;
/** The package version. */
export function version(): string;
/** Gives back the memory the renderer grew to for its largest article: the next call runs in a fresh instance. */
export function releaseMemory(): void;
/** Renders into `element` and makes its video facades interactive; throws an `ArticleError` if the article is invalid. */
export function mount(element: Global<"Element">, article: Article | string | Uint8Array, options?: RenderOptions): void;
/** Makes every video facade under `root` interactive (server-rendered HTML included); safe to call again. */
export function hydrate(root: Global<"Element">): void;
