// structured-data-testing-tool with its Google, Twitter and Facebook presets on every fixture
// page: what each fails or warns about is exactly what the fixture lists below, and each entry is
// explained by the article itself (no URL: no og:url; no authors: no author). Nothing is invented
// to pass a check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { renderPages } from "./pages.mjs";

const require = createRequire(import.meta.url);
const { structuredDataTest } = require("structured-data-testing-tool");
const { Google, Twitter, Facebook } = require("structured-data-testing-tool/presets");

// What every article lacks, whatever it says: the format has no X account per author.
const ALWAYS = ["warning twitter:creator"];
const NOTHING_TO_SHARE = ["image", "og:image", "twitter:image", "og:image:alt", "twitter:image:alt"];
const NO_URL = ["og:url", "warning mainEntityOfPage"];
const UNDATED = ["datePublished", "warning dateModified"];

/** Per fixture: each failure, and each warning (as `warning KEY`), beyond ALWAYS. */
const EXPECTED = {
  "every-block": [],
  // A poster is shared: the article does not describe it, so there is no alt text.
  "format-1-1": ["author", ...UNDATED, ...NO_URL, "og:image:alt", "twitter:image:alt"],
  "heading-shift": ["author", ...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE],
  // The hero video's poster is relative and the article has no URL to resolve it against.
  "hero-video": ["author", ...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE],
  "inline-markdown": ["author", ...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE],
  "labels-es": ["og:image:alt", "twitter:image:alt"],
  // No body at all: nothing to describe the article with either.
  minimal: ["author", ...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE, "twitter:description", "warning og:description"],
  "poster-self-hosted": ["author", ...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE],
  // Arabic, with no territory named, and the site's locale is for English.
  rtl: [...UNDATED, ...NO_URL, ...NOTHING_TO_SHARE, "warning og:locale"],
  seed: ["author", "warning dateModified"],
};

/** Why the article explains each entry: a fact about the page's article. */
const REASONS = {
  author: (a) => !a.authors?.length,
  datePublished: (a) => !a.published,
  "warning dateModified": (a) => !a.modified,
  "og:url": (a) => !a.url,
  "warning mainEntityOfPage": (a) => !a.url,
  ...Object.fromEntries(NOTHING_TO_SHARE.slice(0, 3).map((key) => [key, (a, o) => sharedImage(a, o) === undefined])),
  "og:image:alt": (a, o) => !sharedImage(a, o)?.alt,
  "twitter:image:alt": (a, o) => !sharedImage(a, o)?.alt,
  "twitter:description": (a) => !a.dek && !a.body.some((b) => b.type === "paragraph"),
  "warning og:description": (a) => !a.dek && !a.body.some((b) => b.type === "paragraph"),
  "warning og:locale": (a) => !/^[a-z]{2,3}-[A-Z]{2}$/.test(a.lang ?? "en") && (a.lang ?? "en") !== "en",
};

/** The image a page can share, as the article gives it: the hero's, else the first body image,
 * else the first video poster; each only if it has an absolute URL or the article one to resolve
 * it against, and a YouTube poster only under the fixture's poster option. `{ alt }` for an
 * image, `{}` for a poster. */
function sharedImage(article, options) {
  const usable = (src) => src !== undefined && (/^https?:/.test(src) || article.url !== undefined);
  const youtubes = options.poster !== "self-hosted";
  const poster = (v) => (v.type === "youtube" && youtubes ? v.poster ?? `https://i.ytimg.com/vi/${v.id}/hqdefault.jpg` : v.poster);
  const hero = article.hero;
  if (hero?.type === "image" && usable(hero.src)) return { alt: hero.alt };
  if (hero?.type === "youtube" && usable(poster(hero))) return {};
  const image = article.body.find((b) => b.type === "image" && usable(b.src));
  if (image) return { alt: image.alt };
  return article.body.some((b) => (b.type === "youtube" || b.type === "vimeo") && usable(poster(b))) ? {} : undefined;
}

const key = ({ test }) => test.match(/^"([^"]+)"/)?.[1] ?? test.replace(/^\w+\[\d+\]\./, "");

test("structured-data-testing-tool (Google, Twitter, Facebook) fails and warns only where the article explains it", async () => {
  const pages = renderPages("structured-data");
  assert.deepEqual(pages.map((p) => p.name).sort(), Object.keys(EXPECTED).sort(), "every fixture is listed");
  for (const { name, article, options, html } of pages) {
    // The tool rejects when a test fails, with the same result.
    const result = await structuredDataTest(html, { presets: [Google, Twitter, Facebook] }).catch((error) => error.res);
    assert.ok(result?.passed?.length > 0, `${name}: the tool ran its tests`);
    const found = [...result.failed.map(key), ...result.warnings.map((t) => `warning ${key(t)}`)];
    assert.deepEqual(found.sort(), [...ALWAYS, ...EXPECTED[name]].sort(), name);
    for (const entry of EXPECTED[name]) assert.ok(REASONS[entry](article, options), `${name}: ${entry} is not explained by the article`);
    // The site is read wherever a preset looks for it.
    assert.ok(result.passed.some((t) => key(t) === "publisher.logo.url"), `${name}: publisher`);
    assert.ok(result.passed.some((t) => key(t) === "og:site_name") && result.passed.some((t) => key(t) === "twitter:site"), name);
  }
});
