#!/usr/bin/env node
// Assembles the demo site in target/site/ from www/, the samples, the seed fixture and the built
// package (run scripts/build.sh first). The seed article is rendered into the page by the native
// CLI, so it reads without JavaScript; the element then upgrades it in place.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';

process.chdir(new URL('..', import.meta.url).pathname);
const site = 'target/site';
const cli = 'target/release/broadsheet';
for (const built of ['pkg/broadsheet.js', 'pkg/broadsheet_bg.wasm', 'pkg/broadsheet-element.js', cli]) {
  if (!existsSync(built)) throw new Error(`${built} is missing: run scripts/build.sh first`);
}

rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync('pkg', `${site}/pkg`, { recursive: true, dereference: true });
cpSync('www/samples', `${site}/samples`, { recursive: true });
for (const file of ['demo.js', 'demo.css', 'favicon.svg']) cpSync(`www/${file}`, `${site}/${file}`);

// The seed's pictures are on a made-up host; the demo ships stand-ins so it makes no request.
const seed = readFileSync('tests/fixtures/seed.json', 'utf8')
  .replace(/https:\/\/images\.example\.com\/([\w-]+)\.jpg/g, 'samples/img/$1.svg');
writeFileSync(`${site}/samples/seed.json`, seed);

// The importers' samples are their fullest test fixtures. The page loads the package's server build
// for them as served files, with no bundler to resolve its `#read-wasm` import: there it is the stub
// (a browser reads no files).
const IMPORT_SAMPLES = {
  wordpress: 'tests/import/wordpress/rest-post.json',
  ans: 'tests/import/ans/story.json',
  'portable-text': 'tests/import/portable-text/post.json',
  html: 'tests/import/html/story.html',
};
for (const [format, source] of Object.entries(IMPORT_SAMPLES)) cpSync(source, `${site}/samples/import-${format}${extname(source)}`);
const serverEntry = `${site}/pkg/server/broadsheet-wasm.js`;
writeFileSync(serverEntry, readFileSync(serverEntry, 'utf8').replace('"#read-wasm"', '"../read-wasm-unsupported.js"'));

// Every sample but the one about errors must be valid, or the demo would open on a problem list.
const valid = readdirSync(`${site}/samples`)
  .filter((name) => name.endsWith('.json') && name !== 'errors.json' && !name.startsWith('import-'))
  .map((name) => `${site}/samples/${name}`);
execFileSync(cli, ['check', ...valid], { stdio: 'inherit' });

// Rendered with the options the page gives the element, so that the upgrade changes nothing.
const template = readFileSync('www/index.html', 'utf8');
const headingShift = Number(/<broadsheet-article [^>]*heading-shift="(\d)"/.exec(template)[1]);
writeFileSync('target/demo-options.json', JSON.stringify({ headingShift }));
const article = execFileSync(cli, ['render', `${site}/samples/seed.json`, '--options', 'target/demo-options.json'], { encoding: 'utf8' });
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = template
  .replace('<!-- seed:json -->', () => escape(seed))
  .replace('<!-- seed:article -->', () => article)
  .replace('<!-- seed:html -->', () => escape(article));
writeFileSync(`${site}/index.html`, page);
console.log(`site: ${site}/`);
