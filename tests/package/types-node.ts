// Type test for a Node-only project: no DOM library, no @types/node. The renderer's API must
// compile; the DOM-only functions exist but take `never`.
import init, { initSync, renderArticle, validateArticle, releaseMemory, version, type Article, type ValidationResult } from "../../pkg/broadsheet.js";

const article: Article = { headline: "Hello", body: [{ type: "paragraph", text: "Hi" }] };
await init();
initSync({ module: new Uint8Array() });
const html: string = renderArticle(article, { headingShift: 1 });
const result: ValidationResult = validateArticle(JSON.stringify(article));
releaseMemory();
const v: string = version();

export { html, result, v };
