// The benchmark corpus: seeded, so every run and every machine renders the same articles.
//
// One content model is generated, then written in each renderer's format:
//   - broadsheet format v1 (inline Markdown in text fields, `markdown` blocks with tables), which
//     is also what the markdown-it pipeline and the floor renderer read;
//   - Portable Text (spans with marks and link markDefs; custom types for figures, videos,
//     quotes, tables and the Markdown sections), for @portabletext/to-html.
//
// Sizes: `typical` (~900 words, ~15 blocks), `long` (~6,000 words, ~80 blocks) and `huge`
// (~1 MB); the linearity series `scale-10k` … `scale-10m` repeats long-form sections to size.
// The benchmarks render sets of distinct articles (`SETS`: 1,000 typical, 50 long-form, one
// ~1 MB), each from its own seed, so no renderer runs one article's text from warm caches.
//
//   node bench/corpus.mjs [out-dir]   writes NAME.json and NAME.pt.json (the first article of each
//                                     set, and the scale series) and NAME.jsonl (every article of a
//                                     set, one JSON text a line) (default target/bench/corpus)

import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** mulberry32: small, fast, good enough for text. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  // Zipf-like: common words come up far more often, as in prose.
  const word = (list) => list[Math.floor(list.length * next() * next())];
  return { next, int, pick, word, chance: (p) => next() < p };
}

const WORDS = (
  "the of and to a in that is was he for it with as his on be at by had are but from or have an " +
  "they which one you were her all she there would their we him been has when who will more no if " +
  "out so said what up its about into than them can only other new some could time these two may " +
  "then do first any my now such like our over man me even most made after also did many before must " +
  "through back years where much your way well down should because each just those people how too " +
  "little state good very make world still own see men work long get here between both life being " +
  "under never day same another know while last might us great old year off come since against go " +
  "came right used take three city police government officials minister council report video " +
  "market prices workers school families residents hospital court judge election voters campaign " +
  "season team coach players match league researchers study data climate water energy power river " +
  "budget housing transport plan policy statement security forces region border capital streets " +
  "morning evening week month spokesperson director company shares investors analysts economy " +
  "inflation rates bank growth jobs wages strike union talks agreement deal decision support " +
  "pressure crisis response emergency service staff members community local national international " +
  "public private officers witnesses footage images camera interview press conference question " +
  "answer history future change risk safety health care children parents teachers students"
).split(" ");
const NAMES = [
  "Culiacán", "Guzmán", "Ana Lima", "Ben Okafor", "Chen Wei", "Zoë Müller", "São Paulo", "Kraków",
  "Ibáñez", "Łódź", "Reykjavík", "Nguyễn", "Søren", "O'Brien", "Dvořák", "Montréal",
];
const APOSTROPHES = ["don't", "it's", "government's", "city's", "wasn't", "they're", "mayor's"];

/** Inline content: runs of text, each plain or with one mark or a link. */
function sentence(r, { links = 0.25, marks = 0.2 } = {}) {
  const n = r.int(7, 24);
  const words = [];
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    words.push(roll < 0.04 ? r.pick(NAMES) : roll < 0.07 ? r.pick(APOSTROPHES) : r.word(WORDS));
    if (i > 2 && i < n - 2 && r.chance(0.08)) words[words.length - 1] += ",";
  }
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  if (r.chance(0.05)) words.splice(r.int(1, n - 1), 0, "&");
  const runs = [];
  let text = "";
  const flush = () => {
    if (text) runs.push({ text });
    text = "";
  };
  for (let i = 0; i < words.length; i++) {
    const sep = i === 0 ? "" : " ";
    const span = r.int(2, 5);
    if (i > 0 && i + span < words.length && r.chance((links + marks) / 6)) {
      text += sep;
      flush();
      const inner = words.slice(i, i + span).join(" ").replace(/,$/, "");
      if (r.chance(links / (links + marks))) {
        runs.push({ text: inner, href: `https://news.example.com/${r.word(WORDS)}/${r.int(1000, 99999)}` });
      } else {
        const mark = r.pick(["em", "em", "strong", "strong", "code", "s"]);
        runs.push({ text: inner, mark });
      }
      if (words[i + span - 1].endsWith(",")) text = ",";
      i += span - 1;
      continue;
    }
    text += sep + words[i];
  }
  text += r.chance(0.1) ? "?" : ".";
  flush();
  return runs;
}

function sentences(r, count, opts) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) runs.push({ text: " " });
    runs.push(...sentence(r, opts));
  }
  // Merge adjacent plain runs so each format sees the same text.
  return runs.reduce((out, run) => {
    const last = out[out.length - 1];
    if (last && !last.mark && !last.href && !run.mark && !run.href) last.text += run.text;
    else out.push({ ...run });
    return out;
  }, []);
}

const plain = (text) => [{ text }];
const words = (runs) => runs.map((r) => r.text).join("").split(/\s+/).filter(Boolean).length;
const title = (r, n) => {
  const t = Array.from({ length: n }, () => r.word(WORDS.slice(40))).join(" ");
  return t[0].toUpperCase() + t.slice(1);
};
const videoId = (r) => Array.from({ length: 11 }, () => r.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")).join("");

function image(r, hero) {
  const name = `${r.word(WORDS)}-${r.int(100, 999)}`;
  return {
    kind: "image",
    src: `https://images.example.com/${name}-1200.jpg`,
    alt: title(r, r.int(4, 9)),
    width: 1200,
    height: 800,
    srcset: [
      { src: `https://images.example.com/${name}-600.jpg`, width: 600 },
      { src: `https://images.example.com/${name}-1200.jpg`, width: 1200 },
    ],
    caption: sentences(r, 1, { links: 0, marks: 0.3 }),
    credit: hero || r.chance(0.7) ? `${r.pick(NAMES)} / Agency` : undefined,
  };
}

function video(r) {
  return { kind: "youtube", id: videoId(r), title: title(r, r.int(4, 8)), caption: sentences(r, 1, { links: 0, marks: 0.2 }), credit: "youtube.com" };
}

function quote(r, pull) {
  return {
    kind: "quote",
    text: sentences(r, r.int(1, 3), { links: 0, marks: 0.1 }),
    cite: r.pick(NAMES),
    source: r.chance(0.4) ? `https://news.example.com/interviews/${r.int(100, 999)}` : undefined,
    pull,
  };
}

function list(r, n, ordered) {
  return { kind: "list", ordered, items: Array.from({ length: n }, () => sentences(r, 1, { links: 0.2, marks: 0.2 })) };
}

/** A Markdown section: a heading, paragraphs, a table with aligned columns, a list. */
function markdown(r) {
  const cols = r.int(3, 5);
  const align = Array.from({ length: cols }, (_, i) => (i === 0 ? "left" : r.pick(["right", "center", "none"])));
  const cell = (i) => (i === 0 ? title(r, r.int(1, 3)) : String(r.int(1, 99999)) + (r.chance(0.3) ? "%" : ""));
  return {
    kind: "markdown",
    parts: [
      { kind: "heading", level: 3, text: plain(title(r, r.int(2, 5))) },
      { kind: "paragraph", text: sentences(r, r.int(2, 4)) },
      {
        kind: "table",
        align,
        head: Array.from({ length: cols }, () => title(r, r.int(1, 2))),
        rows: Array.from({ length: r.int(5, 10) }, () => Array.from({ length: cols }, (_, i) => cell(i))),
      },
      { kind: "paragraph", text: sentences(r, r.int(1, 3)) },
      { kind: "list", items: Array.from({ length: r.int(3, 5) }, () => sentences(r, 1, { links: 0.1, marks: 0.3 })) },
    ],
  };
}

const paragraph = (r, lo, hi) => ({ kind: "paragraph", text: sentences(r, r.int(lo, hi)) });
const heading = (r) => ({ kind: "heading", level: 2, text: plain(title(r, r.int(3, 7))) });

function header(r, n) {
  return {
    id: `story-${n}`,
    lang: "en",
    url: `https://news.example.com/world/story-${n}`,
    section: { name: "World", url: "https://news.example.com/world/" },
    headline: title(r, r.int(8, 14)),
    dek: sentences(r, 1, { links: 0, marks: 0.2 }),
    authors: [{ name: r.pick(NAMES), url: `https://news.example.com/staff/${r.int(1, 99)}` }, { name: r.pick(NAMES) }],
    published: "2024-10-31T16:20:00Z",
    modified: "2024-11-01T09:05:00Z",
    tags: Array.from({ length: 4 }, () => r.word(WORDS.slice(60))),
    hero: image(r, true),
  };
}

function related(r) {
  return {
    title: "Latest in World",
    items: Array.from({ length: 4 }, (_, i) => ({
      headline: title(r, r.int(6, 10)),
      url: `https://news.example.com/world/related-${r.int(1000, 9999)}`,
      image: i % 2 === 0 ? `https://images.example.com/thumb-${r.int(100, 999)}.jpg` : undefined,
    })),
  };
}

/** ~900 words, 15 blocks: the shape of a daily news story. */
function typical(seed) {
  const r = rng(seed);
  const body = [
    paragraph(r, 3, 6), paragraph(r, 3, 6), paragraph(r, 3, 6), image(r), paragraph(r, 3, 6), heading(r),
    paragraph(r, 3, 6), video(r), paragraph(r, 3, 6), quote(r, false), paragraph(r, 3, 6), list(r, 4, false),
    paragraph(r, 3, 6), quote(r, true), paragraph(r, 3, 6),
  ];
  return { ...header(r, seed), body, related: related(r) };
}

/** One long-form section: ~13 blocks, ~1,000 words, with a Markdown table. */
function section(r) {
  const blocks = [heading(r)];
  for (let i = 0; i < 9; i++) blocks.push(paragraph(r, 4, 7));
  blocks.splice(r.int(2, 5), 0, r.chance(0.75) ? image(r) : video(r));
  blocks.splice(r.int(6, 9), 0, r.chance(0.5) ? quote(r, r.chance(0.3)) : list(r, r.int(3, 6), r.chance(0.3)));
  blocks.push(markdown(r));
  return blocks;
}

/** ~6,000 words, ~80 blocks. */
function long(seed) {
  const r = rng(seed);
  const body = [];
  for (let s = 0; s < 6; s++) body.push(...section(r));
  body.push({ kind: "divider" });
  return { ...header(r, seed), body, related: related(r) };
}

/** Long-form sections until the broadsheet JSON reaches `bytes`. */
function sized(seed, bytes) {
  const r = rng(seed);
  const article = { ...header(r, seed), body: [], related: related(r) };
  let size = JSON.stringify(toBroadsheet(article)).length;
  while (size < bytes) {
    const blocks = section(r);
    size += JSON.stringify(toBroadsheet({ headline: "", body: blocks }).body).length;
    article.body.push(...blocks);
  }
  return article;
}

// ---- broadsheet format v1 (Markdown strings) ----

const md = (runs) =>
  runs
    .map(({ text, mark, href }) => {
      if (href) return `[${text}](${href})`;
      switch (mark) {
        case "em": return `*${text}*`;
        case "strong": return `**${text}**`;
        case "code": return `\`${text}\``;
        case "s": return `~~${text}~~`;
        default: return text;
      }
    })
    .join("");

function mdSection(parts) {
  return parts
    .map((p) => {
      switch (p.kind) {
        case "heading": return `${"#".repeat(p.level)} ${md(p.text)}`;
        case "paragraph": return md(p.text);
        case "list": return p.items.map((item) => `- ${md(item)}`).join("\n");
        case "table": {
          const rule = p.align.map((a) => ({ left: ":--", right: "--:", center: ":-:", none: "---" })[a]);
          return [p.head, rule, ...p.rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
        }
      }
    })
    .join("\n\n");
}

function bsBlock(b) {
  switch (b.kind) {
    case "paragraph": return { type: "paragraph", text: md(b.text) };
    case "heading": return { type: "heading", level: b.level, text: md(b.text) };
    case "image": {
      const { kind, caption, credit, ...rest } = b;
      return { type: "image", ...rest, caption: md(caption), ...(credit && { credit }) };
    }
    case "youtube": return { type: "youtube", id: b.id, title: b.title, caption: md(b.caption), credit: b.credit };
    case "quote":
      return { type: "quote", text: md(b.text), cite: b.cite, ...(b.source && { source: b.source }), ...(b.pull && { style: "pull" }) };
    case "list": return { type: "list", ...(b.ordered && { ordered: true }), items: b.items.map(md) };
    case "markdown": return { type: "markdown", text: mdSection(b.parts) };
    case "divider": return { type: "divider" };
  }
}

export function toBroadsheet(a) {
  const out = { schema: 1 };
  for (const key of ["id", "lang", "url", "section", "headline"]) if (a[key] !== undefined) out[key] = a[key];
  if (a.dek) out.dek = md(a.dek);
  for (const key of ["authors", "published", "modified", "tags"]) if (a[key] !== undefined) out[key] = a[key];
  if (a.hero) out.hero = bsBlock(a.hero);
  out.body = a.body.map(bsBlock);
  if (a.related) out.related = { title: a.related.title, items: a.related.items.map((i) => ({ headline: i.headline, url: i.url, ...(i.image && { image: i.image }) })) };
  return out;
}

// ---- Portable Text ----

function ptBlock(runs, key, style = "normal", extra = {}) {
  const markDefs = [];
  const children = runs.map(({ text, mark, href }, i) => {
    const marks = [];
    if (href) {
      const k = `${key}l${i}`;
      markDefs.push({ _key: k, _type: "link", href });
      marks.push(k);
    } else if (mark) {
      marks.push({ em: "em", strong: "strong", code: "code", s: "strike-through" }[mark]);
    }
    return { _type: "span", _key: `${key}s${i}`, text, marks };
  });
  return { _type: "block", _key: key, style, ...extra, markDefs, children };
}

function ptBlocks(b, key) {
  switch (b.kind) {
    case "paragraph": return [ptBlock(b.text, key)];
    case "heading": return [ptBlock(b.text, key, `h${b.level}`)];
    case "image": {
      const { kind, caption, ...rest } = b;
      return [{ _type: "figure", _key: key, ...rest, caption: [ptBlock(caption, `${key}c`)] }];
    }
    case "youtube": return [{ _type: "youtube", _key: key, id: b.id, title: b.title, caption: [ptBlock(b.caption, `${key}c`)], credit: b.credit }];
    case "quote":
      return [{ _type: "quote", _key: key, text: [ptBlock(b.text, `${key}t`)], cite: b.cite, source: b.source, style: b.pull ? "pull" : "block" }];
    case "list":
      return b.items.map((item, i) => ptBlock(item, `${key}i${i}`, "normal", { listItem: b.ordered ? "number" : "bullet", level: 1 }));
    case "markdown":
      return [{
        _type: "section",
        _key: key,
        content: b.parts.flatMap((p, i) => {
          const k = `${key}p${i}`;
          switch (p.kind) {
            case "heading": return [ptBlock(p.text, k, `h${p.level}`)];
            case "paragraph": return [ptBlock(p.text, k)];
            case "list": return p.items.map((item, j) => ptBlock(item, `${k}i${j}`, "normal", { listItem: "bullet", level: 1 }));
            case "table": return [{ _type: "table", _key: k, align: p.align, head: p.head, rows: p.rows.map((cells, j) => ({ _key: `${k}r${j}`, cells })) }];
          }
        }),
      }];
    case "divider": return [{ _type: "divider", _key: key }];
  }
}

export function toPortableText(a) {
  const { body, hero, dek, ...meta } = a;
  return {
    ...meta,
    dek: dek && [ptBlock(dek, "dek")],
    hero: hero && ptBlocks(hero, "hero")[0],
    body: body.flatMap((b, i) => ptBlocks(b, `b${i}`)),
  };
}

// ---- the corpus ----

/** Name → generator of the content model; the seed is fixed per name. */
export const ARTICLES = {
  typical: () => typical(1),
  long: () => long(2),
  huge: () => sized(3, 1 << 20),
};
/** Name → how many distinct articles the benchmarks render, and the generator of the `i`th. */
export const SETS = {
  typical: { count: 1000, make: (i) => typical(1 + i) },
  long: { count: 50, make: (i) => long(2 + 7919 * i) },
  huge: { count: 1, make: () => sized(3, 1 << 20) },
};
export const SCALE = {
  "scale-10k": () => sized(10, 10 << 10),
  "scale-100k": () => sized(10, 100 << 10),
  "scale-1m": () => sized(10, 1 << 20),
  "scale-10m": () => sized(10, 10 << 20),
};

/** The three formats of one article, as JSON strings. */
export function formats(model) {
  return { broadsheet: JSON.stringify(toBroadsheet(model)), portableText: JSON.stringify(toPortableText(model)) };
}

export function stats(model) {
  const all = [];
  const walk = (b) => {
    switch (b.kind) {
      case "paragraph": case "heading": all.push(b.text); break;
      case "image": case "youtube": all.push(b.caption); break;
      case "quote": all.push(b.text); break;
      case "list": all.push(...b.items); break;
      case "markdown": b.parts.forEach((p) => (p.kind === "table" ? all.push(plain([...p.head, ...p.rows.flat()].join(" "))) : p.items ? all.push(...p.items) : all.push(p.text))); break;
    }
  };
  model.body.forEach(walk);
  return { blocks: model.body.length, words: all.reduce((n, runs) => n + words(runs), 0) + words(model.dek ?? []) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "target", "bench", "corpus");
  mkdirSync(out, { recursive: true });
  for (const [name, make] of Object.entries({ ...ARTICLES, ...SCALE })) {
    const model = make();
    const { broadsheet, portableText } = formats(model);
    writeFileSync(join(out, `${name}.json`), broadsheet);
    writeFileSync(join(out, `${name}.pt.json`), portableText);
    const { blocks, words } = stats(model);
    console.log(`${name.padEnd(11)} ${String(broadsheet.length).padStart(9)} bytes  ${String(blocks).padStart(6)} blocks  ${String(words).padStart(8)} words`);
  }
  for (const [name, { count, make }] of Object.entries(SETS)) {
    const texts = Array.from({ length: count }, (_, i) => formats(make(i)).broadsheet);
    writeFileSync(join(out, `${name}.jsonl`), texts.join("\n") + "\n");
    const bytes = texts.reduce((n, t) => n + t.length, 0);
    console.log(`${name}.jsonl ${String(count).padStart(5)} articles, ${(bytes / count / 1024).toFixed(1)} KiB each on average`);
  }
}
