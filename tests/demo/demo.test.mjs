// The demo page, end to end: the real server (scripts/serve.mjs) on the assembled site, driven by
// Debian's Chromium. Nothing leaves the machine: YouTube posters and the player are answered
// locally, and every other outside request fails the test. Screenshots go to tests/artifacts/demo/
// (UPDATE_SCREENSHOTS=1 also copies the desktop and phone ones to docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { launchBrowser, axeViolations } from '../support/browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const artifacts = join(root, 'tests/artifacts/demo');
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' https://i.ytimg.com; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; connect-src 'self'; "
  + "base-uri 'none'; form-action 'none'";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 780 };
const POSTER = readFileSync(join(root, 'www/samples/img/press.svg'));
const SEED = JSON.parse(readFileSync(join(root, 'tests/fixtures/seed.json'), 'utf8'));

let server;
let base;
let browser;

before(async () => {
  execFileSync('node', ['scripts/build-site.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(artifacts, { recursive: true });
  server = spawn('node', ['scripts/serve.mjs', '0', 'target/site'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(chunk));
      if (url) resolve(url[0]);
    });
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server?.exitCode === null) server.kill();
});

/** A raw GET (or HEAD) of `path` exactly as written: no client-side `..` clean-up. */
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

/**
 * A fresh context and page on the demo. Records every request, console error and CSP violation;
 * answers YouTube's poster host and player locally and refuses any other outside request.
 */
async function open({ viewport = DESKTOP, colorScheme = 'light', javaScriptEnabled = true } = {}) {
  const deviceScaleFactor = viewport === PHONE ? 2 : 1;
  const context = await browser.newContext({ viewport, deviceScaleFactor, colorScheme, javaScriptEnabled });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await context.route('https://i.ytimg.com/**', (route) => route.fulfill({ contentType: 'image/svg+xml', body: POSTER }));
  await context.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>player</title>' }));
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  if (javaScriptEnabled) {
    await page.waitForFunction(() => customElements.get('broadsheet-article') && document.querySelector('[data-bs-hydrated]'));
  }
  /** Fails on any console error, CSP violation or request to a host the issue does not allow. */
  const checkClean = async (allowed = ['https://i.ytimg.com/vi/']) => {
    if (javaScriptEnabled) assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(base) && !allowed.some((a) => url.startsWith(a))), []);
  };
  return { context, page, requests, errors, checkClean };
}

/** Runs `change`, then waits for the element's next render or error event; returns its detail. */
async function outcome(page, change) {
  const event = page.evaluate(() => new Promise((resolve) => {
    const preview = document.getElementById('preview');
    const done = (e) => resolve({ type: e.type, detail: e.detail });
    preview.addEventListener('broadsheet-render', done, { once: true });
    preview.addEventListener('broadsheet-error', done, { once: true });
  }));
  await change();
  return event;
}

/** Chooses a sample article and waits until the element has taken it. */
function chooseSample(page, name) {
  return outcome(page, () => page.selectOption('#sample', name));
}

const editorSelection = (page) => page.$eval('#json', (e) => ({
  focused: document.activeElement === e,
  text: e.value.slice(e.selectionStart, e.selectionEnd),
}));

test('the server sends the right types, the CSP and nosniff, 404s, and nothing outside the site', async () => {
  const types = {
    '/': 'text/html; charset=utf-8',
    '/demo.js': 'text/javascript; charset=utf-8',
    '/demo.css': 'text/css; charset=utf-8',
    '/pkg/broadsheet.js': 'text/javascript; charset=utf-8',
    '/pkg/broadsheet_bg.wasm': 'application/wasm',
    '/pkg/broadsheet-element.js': 'text/javascript; charset=utf-8',
    '/samples/seed.json': 'application/json; charset=utf-8',
    '/samples/img/press.svg': 'image/svg+xml',
  };
  for (const [path, type] of Object.entries(types)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.headers['content-security-policy'], CSP, path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
  }
  const head = await get('/pkg/broadsheet_bg.wasm', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  for (const path of ['/nope.html', '/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/samples/%00', '/%E0%A4%A']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.equal(res.headers['content-security-policy'], CSP, path);
  }
  assert.equal((await get('/', 'POST')).status, 405);
});

test('the page is valid HTML (Nu Html Checker: no error, no warning)', () => {
  const vnu = join(root, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const run = spawnSync('java', ['-jar', vnu, '--format', 'json', join(root, 'target/site/index.html')], { encoding: 'utf8' });
  const { messages } = JSON.parse(run.stderr);
  assert.deepEqual(messages.filter((m) => m.type === 'error' || m.subType === 'warning').map((m) => `${m.lastLine}: ${m.message}`), []);
});

test('without JavaScript the seed article is there, rendered at build time', async () => {
  const { context, page, checkClean } = await open({ javaScriptEnabled: false });
  assert.equal(await page.textContent('#preview h2.bs-headline'), SEED.headline);
  assert.equal(await page.textContent('#preview .bs-hero figcaption .bs-caption__text'), 'Image via Getty');
  assert.match(await page.getAttribute('#preview a.bs-facade__control', 'href'), /^https:\/\/www\.youtube\.com\/watch\?v=Bm5lP1dHq9E/);
  assert.equal(JSON.parse(await page.inputValue('#json')).headline, SEED.headline);
  assert.match(await page.textContent('#html'), /^<article class="bs-article"/);
  await checkClean();
  await context.close();
});

test('the seed article: hero, facade, quotes and rail, upgraded by the element; then edits, errors, options', async (t) => {
  const { context, page, checkClean } = await open();
  const preview = page.locator('#preview');

  await t.test('opens on the seed article', async () => {
    assert.equal(await preview.locator('h2.bs-headline').textContent(), SEED.headline);
    assert.equal(await preview.locator('.bs-hero img').getAttribute('alt'), 'guzman');
    assert.match(await preview.locator('.bs-hero figcaption').textContent(), /Image via Getty.*Getty/);
    const play = preview.locator('button.bs-facade__control');
    assert.equal(await play.count(), 1, 'the facade is hydrated into a button');
    assert.equal((await play.textContent()).trim(), 'Play video: Body camera footage of the failed raid in Culiacán');
    const cites = await preview.locator('.bs-quote figcaption').allTextContents();
    assert.deepEqual(cites, SEED.body.filter((b) => b.type === 'quote').map((b) => b.cite));
    const rail = preview.locator('aside.bs-related');
    assert.equal(await rail.locator('.bs-related__title').textContent(), 'Latest in Life');
    assert.deepEqual(await rail.locator('a').evaluateAll((links) => links.map((a) => a.href)), SEED.related.items.map((i) => i.url));
  });

  await t.test('editing the JSON re-renders as you type, with the render time', async () => {
    await page.evaluate(() => {
      window.renders = 0;
      document.addEventListener('broadsheet-render', () => { window.renders += 1; });
    });
    const at = (await page.inputValue('#json')).indexOf(`${SEED.headline.slice(-5)}"`) + 5;
    await page.$eval('#json', (e, at) => { e.focus(); e.setSelectionRange(at, at); }, at);
    await page.keyboard.type(', Live');
    await page.waitForFunction(() => document.querySelector('#preview .bs-headline').textContent.endsWith(', Live'));
    assert.match(await page.textContent('#render-time'), /^Rendered in \d+\.\d ms\.$/);
    assert.match(await page.textContent('#html'), /El Chapo's Son, Live<\/h2>/);
    assert.ok(await page.evaluate(() => window.renders) < ', Live'.length, 'renders are debounced');
  });

  await t.test('broken JSON keeps the last good render and lists the problem with its place', async () => {
    await page.$eval('#json', (e) => { e.focus(); e.setSelectionRange(1, 1); });
    const { type, detail } = await outcome(page, () => page.keyboard.type(','));
    assert.equal(type, 'broadsheet-error');
    assert.match(detail.errors[0].message, /^invalid JSON at line 1, column 2/);
    assert.match(await preview.locator('.bs-headline').textContent(), /, Live$/, 'the last good render stays');
    assert.equal(await preview.locator('.bs-error[role=alert]').count(), 1);
    assert.equal(await page.getAttribute('#json', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#status'), /^1 problem;/);
    const problem = page.locator('#problems button');
    assert.match(await problem.textContent(), /invalid JSON at line 1, column 2/);
    await problem.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await editorSelection(page), { focused: true, text: ',' });
  });

  await t.test('a validation error names its path, and choosing it selects the value', async () => {
    const broken = JSON.stringify({ ...SEED, body: SEED.body.map((b, i) => (i === 3 ? { ...b, id: 'oops' } : b)) }, null, 2);
    const { detail } = await outcome(page, () => page.fill('#json', broken));
    assert.deepEqual(detail.errors.map((e) => e.path), ['body[3].id']);
    const problem = page.locator('#problems button');
    assert.match(await problem.textContent(), /^body\[3\]\.id: "oops" is not a YouTube video id/);
    assert.equal(await preview.locator('.bs-error code.bs-error__path').textContent(), 'body[3].id');
    await problem.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await editorSelection(page), { focused: true, text: '"id": "oops"' });
  });

  await t.test('the sample with errors lists each one, and each selects its spot', async () => {
    const { type, detail } = await chooseSample(page, 'errors');
    assert.equal(type, 'broadsheet-error');
    assert.ok(detail.errors.length >= 8, `${detail.errors.length} problems`);
    const expected = {
      'schema': '"schema": 2',
      'body[1].level': '"level": 7',
      'body[2].captoin': '"captoin": "A misspelt key gets a suggestion."',
      'body[4].source': '"source": "javascript:alert(1)"',
      'body[5].items': '"items": []',
      'related.items[0].url': '{ "headline": "An item with no url" }',
    };
    const buttons = page.locator('#problems button');
    for (let i = 0; i < detail.errors.length; i++) {
      await buttons.nth(i).click();
      const { focused, text } = await editorSelection(page);
      assert.ok(focused && text.length > 0, detail.errors[i].path);
      if (expected[detail.errors[i].path]) assert.equal(text, expected[detail.errors[i].path]);
    }
    assert.deepEqual(Object.keys(expected).filter((path) => !detail.errors.some((e) => e.path === path)), []);
  });

  await t.test('every other sample renders: every block type, RTL, long-form, photos, minimal', async () => {
    const samples = await page.$$eval('#sample option', (options) => options.map((o) => o.value));
    assert.ok(samples.length >= 6);
    // The import samples have a test of their own.
    for (const name of samples.filter((s) => s !== 'errors' && !s.startsWith('import-'))) {
      const { type } = await chooseSample(page, name);
      assert.equal(type, 'broadsheet-render', name);
      assert.equal(await page.locator('#problems').isHidden(), true, name);
    }
    await chooseSample(page, 'every-block');
    const types = ['p', 'h2', 'h3', 'figure.bs-figure img', '.bs-facade--wide', '.bs-facade--tall', 'figure.bs-quote', '.bs-quote--pull', 'ul.bs-list', 'ol.bs-list', '.bs-markdown table', 'hr.bs-divider'];
    for (const selector of types) assert.ok(await preview.locator(selector).count() > 0, selector);
    assert.equal(await preview.locator('.bs-facade--tall img').getAttribute('src'), 'samples/img/poster-ink.svg');
    await chooseSample(page, 'arabic-rtl');
    assert.equal(await preview.locator('article').getAttribute('dir'), 'rtl');
    assert.equal(await preview.locator('article').getAttribute('lang'), 'ar');
    await chooseSample(page, 'long-read');
    assert.ok(await preview.locator('.bs-markdown table').count() > 0);
    assert.ok(await preview.locator('.bs-body > *').count() >= 20);
  });

  await t.test('the options: heading shift, poster policy, labels language', async () => {
    await chooseSample(page, 'seed');
    await outcome(page, () => page.selectOption('#heading-shift', '0'));
    assert.equal(await preview.locator('.bs-headline').evaluate((h) => h.tagName), 'H1');
    await outcome(page, () => page.selectOption('#heading-shift', '2'));
    assert.equal(await preview.locator('.bs-headline').evaluate((h) => h.tagName), 'H3');
    assert.match(await page.textContent('#html'), /<h3 class="bs-headline"/);
    await outcome(page, () => page.selectOption('#poster', 'self-hosted'));
    assert.equal(await preview.locator('.bs-facade__poster').count(), 0);
    await outcome(page, () => page.selectOption('#labels', 'es'));
    assert.equal((await preview.locator('.bs-facade__control').textContent()).trim(), 'Reproducir video: Body camera footage of the failed raid in Culiacán');
    assert.equal(await preview.locator('time').textContent(), '31 de octubre de 2019');
    await outcome(page, () => page.selectOption('#labels', 'ar'));
    assert.match(await preview.locator('.bs-facade__control').textContent(), /تشغيل الفيديو/);
  });

  await t.test('"Copy HTML" copies the HTML shown', async () => {
    await page.click('#copy');
    await page.waitForFunction(() => document.getElementById('copy-status').textContent === 'Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.textContent('#html'));
    assert.match(copied, /^<article class="bs-article"/);
  });

  await checkClean();
  await context.close();
});

test('a video plays from the keyboard; before that, nothing leaves the machine but posters', async () => {
  const { context, page, requests, checkClean } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.matches('button.bs-facade__control'))) break;
  }
  assert.ok(await page.evaluate(() => document.activeElement.matches('button.bs-facade__control')), 'Tab reaches the play button');
  const outside = requests.filter((url) => !url.startsWith(base));
  assert.deepEqual([...new Set(outside)], ['https://i.ytimg.com/vi/Bm5lP1dHq9E/hqdefault.jpg']);
  const played = page.waitForRequest((r) => r.url().startsWith('https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1'));
  await page.keyboard.press('Enter');
  await played;
  assert.equal(await page.evaluate(() => document.activeElement.matches('#preview iframe.bs-facade__player')), true);
  await checkClean(['https://i.ytimg.com/vi/', 'https://www.youtube-nocookie.com/embed/']);
  await context.close();
});

test('with self-hosted posters, no sample makes an outside request, even scrolled through', async () => {
  const { context, page, requests, checkClean } = await open();
  await outcome(page, () => page.selectOption('#poster', 'self-hosted'));
  const from = requests.length;
  for (const name of ['every-block', 'seed', 'long-read', 'photo-essay', 'arabic-rtl']) {
    await chooseSample(page, name);
    assert.deepEqual(await page.$$eval('#preview img', (images) => images.map((i) => i.src).filter((src) => !src.startsWith(location.origin))), [], name);
    await page.evaluate(() => new Promise((done) => {
      window.scrollTo(0, document.body.scrollHeight);
      requestAnimationFrame(() => requestAnimationFrame(done));
    }));
  }
  assert.deepEqual(requests.slice(from).filter((url) => !url.startsWith(base)), []);
  await checkClean();
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`axe-core finds no violation on the whole page, ${name}, ${colorScheme}; it fits; screenshots`, async () => {
      const { context, page, checkClean } = await open({ viewport, colorScheme });
      const shot = (suffix) => join(artifacts, `${name}-${colorScheme}${suffix}.png`);
      assert.deepEqual(await axeViolations(page), []);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= viewport.width, 'no sideways scrolling');
      if (name === 'phone') await page.$eval('#preview-title', (h) => h.scrollIntoView());
      await page.screenshot({ path: shot('') });
      await page.screenshot({ path: shot('-full'), fullPage: true });
      if (colorScheme === 'light' && process.env.UPDATE_SCREENSHOTS) {
        mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
        copyFileSync(shot(''), join(root, `docs/screenshots/demo-${name}.png`));
      }
      for (const sample of ['every-block', 'arabic-rtl', 'long-read', 'errors']) {
        await chooseSample(page, sample);
        assert.deepEqual(await axeViolations(page), [], sample);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= viewport.width, `${sample} fits`);
      }
      await page.screenshot({ path: shot('-errors') });
      await checkClean();
      await context.close();
    });
  }
}

test('warnings are listed beside problems, each selecting its spot; the seed warns about its hero alt', async () => {
  const { context, page, checkClean } = await open();
  const event = await chooseSample(page, 'seed');
  assert.deepEqual(event.detail.warnings.map((w) => `${w.path} [${w.rule}]`), ['hero.alt [image-alt]', 'hero.srcset [hero-srcset]', 'body[3].uploaded [video-upload-date]']);
  assert.match(await page.textContent('#status'), /^Valid article; 3 warnings/);
  const items = await page.$$eval('#warnings li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 3);
  assert.match(items[0], /^hero\.alt: alt "guzman" .*\[image-alt\]$/);
  await page.click('#warnings li:first-child button');
  const selection = await editorSelection(page);
  assert.ok(selection.focused && selection.text.includes('"guzman"'), selection.text);
  // An invalid article hides the warnings and lists its problems.
  await outcome(page, () => page.fill('#json', '{"headline": ""}'));
  assert.equal(await page.isVisible('#warnings'), false);
  assert.equal(await page.isVisible('#problems'), true);
  await checkClean();
  await context.close();
});

const IMPORT_SAMPLES = {
  wordpress: 'tests/import/wordpress/rest-post',
  ans: 'tests/import/ans/story',
  'portable-text': 'tests/import/portable-text/post',
  html: 'tests/import/html/story',
};

test('a WordPress post, an ANS story, a Portable Text document and a web page are imported: notes, the article JSON, the article', async () => {
  const { context, page, requests, errors } = await open();
  for (const [format, stem] of Object.entries(IMPORT_SAMPLES)) {
    const expected = JSON.parse(readFileSync(join(root, `${stem}.article.json`), 'utf8'));
    const notes = readFileSync(join(root, `${stem}.notes.txt`), 'utf8').split('\n').filter(Boolean);
    const event = await chooseSample(page, `import-${format}`);
    assert.equal(event.type, 'broadsheet-render', format);
    assert.equal(await page.inputValue('#format'), format);
    assert.equal(await page.isVisible('#import-result'), true);
    assert.deepEqual(JSON.parse(await page.textContent('#imported')), expected, `${format}: the article the importer made`);
    assert.deepEqual(await page.$$eval('#notes li', (items) => items.map((li) => li.textContent)), notes, `${format}: the notes`);
    assert.equal(await page.isVisible('#notes-none'), notes.length === 0);
    assert.equal((await page.textContent('#preview .bs-headline')).trim(), expected.headline);
    // A note selects its place in the source; a page's notes name theirs by a CSS path, as text.
    const withPath = await page.$$eval('#notes li', (items) => items.findIndex((li) => li.querySelector('code')));
    if (format === 'html') {
      assert.ok(withPath >= 0);
      assert.equal(await page.$$eval('#notes li button', (buttons) => buttons.length), 0);
    } else if (withPath >= 0) {
      await page.click(`#notes li:nth-child(${withPath + 1}) button`);
      const selection = await editorSelection(page);
      assert.ok(selection.focused && selection.text.length > 0, `${format}: a note selects its source`);
    }
  }
  // The importers come with the server build, fetched once, on the first import.
  assert.equal(requests.filter((url) => url.endsWith('/pkg/server/broadsheet_bg.wasm')).length, 1);
  // A document the importer cannot read is a problem, like an invalid article; the last good render stays.
  await page.selectOption('#format', 'ans');
  await page.fill('#json', '{"type": "video", "headlines": {"basic": "Not a story"}}');
  // The last sample, read as ANS, is a problem too: wait for the edit's.
  await page.waitForFunction(() => /not an ANS story/.test(document.querySelector('#problems:not([hidden])')?.textContent ?? ''));
  assert.equal(await page.isVisible('#import-result'), false);
  await page.selectOption('#format', 'article');
  assert.equal(await page.textContent('#json-label'), 'Article JSON');
  // The samples' pictures live on their publishers' hosts, which the demo's CSP does not let the
  // page contact: those are refused, and nothing else is.
  const hosts = /^https:\/\/(example\.com|cloudfront\.thegazette\.example|cdn\.sanity\.io|gazette\.example)\//;
  const violations = await page.evaluate(() => window.cspViolations);
  assert.ok(violations.length > 0 && violations.every((v) => v.startsWith('img-src ') && hosts.test(v.slice(8))), violations.join('\n'));
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(base) && !url.startsWith('https://i.ytimg.com/vi/') && !hosts.test(url)), []);
  await context.close();
});

test('the server stops cleanly on SIGINT', async () => {
  server.kill('SIGINT');
  const [code] = await once(server, 'exit');
  assert.equal(code, 0);
});
