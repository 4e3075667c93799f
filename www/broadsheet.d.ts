// Types of the package's entry: the renderer's own (generated from src/wasm.rs and
// www/broadsheet-types.d.ts) and the shell's.
import type { Article, RenderOptions } from "./broadsheet-core.js";
export { initSync, renderArticle, validateArticle, version } from "./broadsheet-core.js";
export type * from "./broadsheet-core.js";
export { default } from "./broadsheet-core.js";

/** Renders into `element` and makes its video facades interactive; throws an `ArticleError` if the article is invalid. */
export function mount(element: Element, article: Article | string, options?: RenderOptions): void;
/** Makes every video facade under `root` interactive (server-rendered HTML included); safe to call again. */
export function hydrate(root: Element): void;
/** Gives back the memory the renderer grew to for its largest article: the next call runs in a fresh instance. */
export function releaseMemory(): void;
