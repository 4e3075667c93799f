// The pages the consumers read: every fixture as `broadsheet render --page` writes it, with the
// fixture's own options and the site below, into target/consumers/CONSUMER/ (written afresh on
// each run, one folder per test file, so files running at once never share one).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;
const fixtures = join(root, "tests/fixtures");
export const out = join(root, "target/consumers");

/** The site every page is rendered for. */
export const SITE = {
  name: "The Example Times",
  url: "https://news.example.com/",
  logo: { src: "https://news.example.com/logo.png", width: 600, height: 60 },
  twitter: "@exampletimes",
  locale: "en_US",
};

/** Where a page is served from when the article gives no URL of its own. */
export const pageUrl = (name) => `http://127.0.0.1/${name}.html`;

export const names = readdirSync(fixtures)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".options.json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** Renders every page into `target/consumers/${consumer}/`; returns `{ name, article, options,
 * html, file }` for each. */
export function renderPages(consumer) {
  const dir = join(out, consumer);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return names.map((name) => {
    const optionsFile = join(fixtures, `${name}.options.json`);
    const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
    const siteOptions = join(dir, `${name}.options.json`);
    writeFileSync(siteOptions, JSON.stringify({ ...options, site: SITE }));
    const html = execFileSync(join(root, "target/release/broadsheet"), ["render", join(fixtures, `${name}.json`), "--page", "--options", siteOptions], { encoding: "utf8" });
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return { name, article: JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")), options, html, file };
  });
}
