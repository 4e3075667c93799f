// What link previews read (metascraper 5 with its title, description, image, author, date, URL,
// publisher and language rules) from every fixture page: what the page's article and the site say.
import { test } from "node:test";
import assert from "node:assert/strict";
import createMetascraper from "metascraper";
import title from "metascraper-title";
import description from "metascraper-description";
import image from "metascraper-image";
import author from "metascraper-author";
import date from "metascraper-date";
import url from "metascraper-url";
import publisher from "metascraper-publisher";
import lang from "metascraper-lang";
import { JSDOM } from "jsdom";
import { renderPages, pageUrl, SITE } from "./pages.mjs";

const scrape = createMetascraper([title(), description(), image(), author(), date({ datePublished: true }), url(), publisher(), lang()]);
// metascraper typesets straight quotes as curly ones.
const typeset = (text) => text?.replace(/'/g, "’") ?? null;
const iso = (date) => (date ? new Date(date).toISOString() : null);

test("metascraper reads every fixture page as the article and the site say", async () => {
  for (const { name, article, html } of renderPages("metascraper")) {
    const address = article.url ?? pageUrl(name);
    const read = await scrape({ html, url: pageUrl(name) });
    const head = new JSDOM(html).window.document;
    const content = (selector) => head.querySelector(selector)?.content ?? null;
    assert.equal(read.title, typeset(article.headline), name);
    assert.equal(read.description, typeset(content('meta[name="description"]')), name);
    assert.equal(read.author, article.authors?.[0]?.name ?? null, name);
    // Its `date` is the last change; `datePublished` the first publication.
    assert.equal(read.date, iso(article.modified ?? article.published), name);
    assert.equal(read.datePublished, iso(article.published), name);
    assert.equal(read.url, address, name);
    assert.equal(read.publisher, SITE.name, name);
    assert.equal(read.lang, (article.lang ?? "en").split("-")[0], name);
    // The shared image when the page names one; else metascraper's own pick from the page's
    // images (resolved against the page's address), or none.
    const shared = content('meta[property="og:image"]');
    if (shared) assert.equal(read.image, shared, name);
    else {
      const shown = [...head.querySelectorAll("img")].map((img) => new URL(img.getAttribute("src"), pageUrl(name)).href);
      assert.ok(read.image === null || shown.includes(read.image), `${name}: ${read.image}`);
    }
  }
});
