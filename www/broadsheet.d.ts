// The package's types: the article format, the options, the errors and the API of the entry
// (www/broadsheet.js). They compile without the DOM library; the few declarations that need a
// browser resolve to `never` where its types are absent.

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

export interface ValidationResult {
  ok: boolean;
  errors: ArticleProblem[];
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
/** Loads the renderer synchronously from the `.wasm` bytes or a compiled `WebAssembly.Module` (edge runtimes). */
export function initSync(input: { module: SyncInitInput }): InitOutput;
/** Renders an article (object or JSON string) to HTML; throws an `ArticleError` if it is invalid. */
export function renderArticle(article: Article | string, options?: RenderOptions): string;
/** Validates an article; never throws on a bad article. */
export function validateArticle(article: Article | string): ValidationResult;
/** The package version. */
export function version(): string;
/** Gives back the memory the renderer grew to for its largest article: the next call runs in a fresh instance. */
export function releaseMemory(): void;
/** Renders into `element` and makes its video facades interactive; throws an `ArticleError` if the article is invalid. */
export function mount(element: Global<"Element">, article: Article | string, options?: RenderOptions): void;
/** Makes every video facade under `root` interactive (server-rendered HTML included); safe to call again. */
export function hydrate(root: Global<"Element">): void;
