// Firefox Reader View's parser (@mozilla/readability, on jsdom) on every fixture page: the
// headline, the byline, the published time, the language, the site and the description, and every
// paragraph of the body in the text it keeps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { Readability } from "@mozilla/readability";
import { renderPages, pageUrl, SITE } from "./pages.mjs";

const words = (text) => text.replace(/\s+/g, " ").trim();

test("Readability reads every fixture page as the article says", () => {
  let paragraphs = 0;
  for (const { name, article, html } of renderPages("readability")) {
    const page = new JSDOM(html, { url: article.url ?? pageUrl(name) }).window.document;
    const read = new Readability(new JSDOM(html, { url: article.url ?? pageUrl(name) }).window.document).parse();
    if (article.body.length === 0) {
      // Nothing to read: Reader View is not offered.
      assert.equal(read, null, name);
      continue;
    }
    assert.equal(read.title, article.headline, name);
    assert.equal(read.byline, article.authors?.length ? article.authors.map((a) => a.name).join(", ") : null, name);
    // The page writes the time as HTML's `datetime` takes it: to the millisecond.
    assert.equal(read.publishedTime && new Date(read.publishedTime).toISOString(), article.published ? new Date(article.published).toISOString() : null, name);
    assert.equal(read.lang, article.lang ?? "en", name);
    assert.equal(read.dir, article.dir ?? null, name);
    assert.equal(read.siteName, SITE.name, name);
    assert.equal(read.excerpt, page.querySelector('meta[name="description"]').content, name);
    const text = words(read.textContent);
    for (const p of page.querySelectorAll(".bs-body p")) {
      assert.ok(text.includes(words(p.textContent)), `${name}: the paragraph "${words(p.textContent)}" is read`);
      paragraphs += 1;
    }
  }
  assert.ok(paragraphs >= 30, `${paragraphs} paragraphs`);
});
