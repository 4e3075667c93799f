// In WebAssembly a panic is a trap that leaves the module unusable. Feed the package every bad
// input we have (the fuzz corpus, the XSS corpus, pathological and non-JSON JS values), then
// check that it still renders an article exactly as before. Needs pkg/ (scripts/build.sh).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { initSync, renderArticle, validateArticle } from "../../pkg/broadsheet.js";

const ROOT = new URL("../../", import.meta.url);
initSync({ module: readFileSync(new URL("pkg/broadsheet_bg.wasm", ROOT)) });

const fixture = readFileSync(new URL("tests/fixtures/every-block.json", ROOT), "utf8");
const expected = renderArticle(fixture);

/** JS exceptions thrown by the input itself (a getter, a proxy) pass through the module. */
const foreign = [];

/** Calls `f`; a thrown value must be an Error with a path (a bad article), never a trap. */
function call(f, what, input) {
  try {
    f();
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `${what}: the module trapped: ${error}`);
    if (/^(getter|proxy|keys)$/.test(error?.message)) return foreign.push(`${what}: ${error.message}`);
    assert.ok(error instanceof Error && typeof error.path === "string", `${what}: threw ${error}`);
  }
}

function* inputs() {
  for (const target of ["render_json", "render_markdown"]) {
    const dir = new URL(`fuzz/corpus/${target}/`, ROOT);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(new URL(name, dir), "utf8");
      yield [`${target}/${name}`, target === "render_json" ? text : JSON.stringify({ headline: text, body: [{ type: "markdown", text }] })];
    }
  }
  const xss = JSON.parse(readFileSync(new URL("tests/xss/payloads.json", ROOT), "utf8"));
  for (const [category, payloads] of Object.entries(xss.payloads)) {
    for (const payload of payloads) {
      yield [`xss ${category}`, { headline: payload, dek: payload, body: [{ type: "markdown", text: payload }, { type: "image", src: payload, alt: payload }] }];
    }
  }
  // Pathological JSON text and JS values.
  yield ["deep JSON", "[".repeat(100_000)];
  yield ["deep object JSON", '{"a":'.repeat(50_000)];
  let deep = {};
  for (let i = 0, node = deep; i < 100_000; i++) node = node.a = {};
  yield ["deep JS object", deep];
  const cyclic = { headline: "x", body: [] };
  cyclic.body.push(cyclic);
  cyclic.self = cyclic;
  yield ["cyclic JS object", cyclic];
  yield ["throwing getter", { get headline() { throw new Error("getter"); }, body: [] }];
  yield ["proxy", new Proxy({}, { get() { throw new Error("proxy"); }, ownKeys() { throw new Error("keys"); } })];
  yield ["bigint", { headline: 10n, body: [] }];
  yield ["symbol", { headline: Symbol("x"), body: [] }];
  yield ["function", { headline: () => 1, body: [] }];
  yield ["lone surrogates", { headline: "\uD800x\uDFFF", body: [{ type: "paragraph", text: "\uDC00" }] }];
  yield ["lone surrogate text", '{"headline": "\\ud800", "body": []}'];
  yield ["NaN and Infinity", { headline: "x", body: [{ type: "heading", level: NaN, text: "x" }, { type: "image", src: "/a", alt: "", width: Infinity }] }];
  yield ["huge number", { headline: "x", body: [{ type: "heading", level: 1e308, text: "x" }] }];
  yield ["sparse array", { headline: "x", body: new Array(100_000) }];
  yield ["typed array", { headline: "x", body: new Uint8Array(10) }];
  yield ["map", new Map([["headline", "x"]])];
  yield ["too many blocks", { headline: "x", body: Array.from({ length: 20_001 }, () => ({ type: "divider" })) }];
  yield ["long string", { headline: "x".repeat((4 << 20) + 1), body: [] }];
  yield ["long markdown nesting", { headline: "x", body: [{ type: "markdown", text: ">".repeat(100_000) }] }];
  yield ["equal headings", { headline: "x", body: [{ type: "markdown", text: "# a\n".repeat(50_000) }] }];
  for (const value of [undefined, null, 0, -1, true, "", "null", "[]", "{}", [], {}, "\u0000", "{\"headline\":\"x\",\"body\":[],\"headline\":\"y\"}"]) {
    yield [`value ${JSON.stringify(value)}`, value];
  }
}

const badOptions = [
  { limits: { maxInputBytes: 0 } }, { limits: { maxBlocks: -1 } }, { limits: { maxMarkdownDepth: 1e20 } },
  { headingShift: 99 }, { labels: { months: ["x"] } }, { labels: { playVideo: "<script>xss()</script>{title}" } },
  { poster: "nope" }, { idPrefix: "\" onclick=x" }, "not options", 42, { x: 1 },
];

test("the wasm package survives every bad input and still renders exactly", () => {
  let count = 0;
  for (const [what, input] of inputs()) {
    call(() => renderArticle(input), what);
    call(() => {
      const result = validateArticle(input);
      assert.equal(typeof result.ok, "boolean");
    }, `validate ${what}`);
    count++;
  }
  for (const options of badOptions) {
    call(() => renderArticle(fixture, options), `options ${JSON.stringify(options)}`);
  }
  assert.ok(count > 1000, `only ${count} inputs`);
  assert.equal(renderArticle(fixture), expected, "the module renders differently after the bad inputs");
  assert.equal(validateArticle(fixture).ok, true);
  assert.ok(foreign.length <= 4, foreign.join("\n"));
});
