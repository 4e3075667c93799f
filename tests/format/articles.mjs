// Small articles for comparing validators: one valid sample of every object of the format, each
// placed in an article, and variations of each (a key missing, a key unknown, a value of every JSON
// type in each field). The samples say only what a valid value looks like; which keys are required
// and which types fit is what the validators are asked.

const image = {
  type: "image", src: "/a.jpg", alt: "A printing press", width: 640, height: 480,
  caption: "A *caption*", credit: "Staff", srcset: [{ src: "/a-1280.jpg", width: 1280 }], sizes: "100vw",
};
const related = { title: "More in Life", items: [{ headline: "Another story", url: "/life/another", image: "/thumb.jpg" }] };

/** Valid samples of each shape; together they give every key a value (a video's `id` and `url` exclude each other). */
export const samples = {
  paragraph: [{ type: "paragraph", text: "Some *text*." }],
  heading: [{ type: "heading", level: 3, text: "A heading", id: "a-heading" }],
  image: [image],
  youtube: [
    {
      type: "youtube", id: "dQw4w9WgXcQ", title: "A video", start: 5, caption: "A *caption*", credit: "Films",
      poster: "/poster.jpg", uploaded: "2019-10-30T18:00:00Z", duration: "PT2M14S",
    },
    { type: "youtube", url: "https://youtu.be/dQw4w9WgXcQ", title: "A video" },
  ],
  vimeo: [
    { type: "vimeo", id: "76979871", title: "A video", start: 5, caption: "A *caption*", credit: "Films", poster: "/poster.jpg" },
    { type: "vimeo", url: "https://vimeo.com/76979871", title: "A video" },
  ],
  embed: [{
    type: "embed", url: "https://bsky.app/profile/example.com/post/3k2", title: "A post", provider: "Bluesky",
    caption: "A *caption*", credit: "Ana Lima", image: { src: "/card.png", alt: "" },
  }],
  quote: [{ type: "quote", text: "Words.", cite: "Someone", source: "https://example.com/said", style: "pull" }],
  list: [{ type: "list", ordered: true, items: ["One", { text: "Two", items: ["Two and a half"] }] }],
  listItem: [{ text: "An item", ordered: true, items: ["A nested item", { text: "Deeper", items: ["Deepest"] }] }],
  markdown: [{ type: "markdown", text: "# A heading\n\nA *paragraph*." }],
  divider: [{ type: "divider" }],
  section: [{ name: "Life", url: "/life/" }],
  author: [{ name: "Ana Lima", url: "mailto:ana@example.com" }],
  related: [related],
  relatedItem: [related.items[0]],
  thumbnail: [{ src: "/thumb-160.jpg", alt: "A thumbnail", width: 160, height: 90, srcset: [{ src: "/thumb-320.jpg", width: 320 }], sizes: "10rem" }],
  srcsetItem: [image.srcset[0]],
  article: [{
    schema: 1, id: "story", lang: "pt-BR", dir: "rtl", url: "https://example.com/story",
    section: { name: "Life" }, headline: "A headline", dek: "A *dek*.", authors: [{ name: "Ana Lima" }],
    published: "2024-02-29T08:30:00Z", modified: "2024-03-01T12:00:00.5+01:00", tags: ["a tag"],
    hero: image, body: [{ type: "paragraph", text: "Body." }], related,
  }],
};

const headline = "H";
/** An article holding `value` where a `shape` goes (a block in the body; `hero` puts it in the hero). */
export function place(shape, value, where = "body") {
  switch (shape) {
    case "article": return value;
    case "section": return { headline, body: [], section: value };
    case "author": return { headline, body: [], authors: [value] };
    case "related": return { headline, body: [], related: value };
    case "relatedItem": return { headline, body: [], related: { title: "More", items: [value] } };
    case "thumbnail": return { headline, body: [], related: { title: "More", items: [{ headline: "Other", url: "/other", image: value }] } };
    case "listItem": return { headline, body: [{ type: "list", items: [value] }] };
    case "srcsetItem": return { headline, body: [{ type: "image", src: "/a.jpg", alt: "", srcset: [value] }] };
    default: return where === "hero" ? { headline, body: [], hero: value } : { headline, body: [value] };
  }
}

/** A value of each JSON type, with the edges validators tend to differ on (blank text, fractions, empty containers). */
export const values = [null, true, false, 0, 2, 1.5, -1, 1e6, "", " ", "\uFEFF", "x", [], ["x"], [{}], {}, { "x-note": 1 }];

const without = (object, key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));

/**
 * Every variation of every sample, each as `{ name, article }`: the sample itself; each key removed;
 * an unknown key, a near-miss of a known one and an `x-` key added; each key set to each of
 * `values`; each block in the hero; each block given every other block type.
 */
export function variations(blockTypes) {
  const out = [];
  for (const [shape, list] of Object.entries(samples)) {
    list.forEach((sample, n) => {
      const at = `${shape}${list.length > 1 ? `#${n + 1}` : ""}`;
      const add = (what, value) => {
        out.push({ name: `${at}: ${what}`, article: place(shape, value) });
        if (blockTypes.includes(shape)) out.push({ name: `hero ${at}: ${what}`, article: place(shape, value, "hero") });
      };
      add("as given", sample);
      add("with x-note", { ...sample, "x-note": { any: ["thing"] } });
      add("with unknown key zzz", { ...sample, zzz: 1 });
      for (const key of Object.keys(sample)) {
        add(`without ${key}`, without(sample, key));
        add(`with ${key}s`, { ...sample, [`${key}s`]: sample[key] });
        for (const value of values) add(`${key} = ${JSON.stringify(value)}`, { ...sample, [key]: value });
      }
      if (blockTypes.includes(shape)) {
        for (const other of blockTypes) if (other !== shape) add(`type = "${other}"`, { ...sample, type: other });
      }
    });
  }
  return out;
}

/** Values at the edges of what a field allows, where the schema must decide as the validator does. */
export const edges = {
  "article.headline": ["a", " a ", "\t", "\n", "\u00A0", "\u3000", "\u2028", "\uFEFF", "\u200B", "\uFEFFa"],
  "paragraph.text": [" ", "\uFEFF", "*a*"],
  "markdown.text": [" ", "\n\n", "\uFEFF", "a"],
  "image.alt": ["", " ", "\uFEFF"],
  "article.lang": [
    "en", "pt-BR", "zh-Hant-TW", "sl-rozaj-biske", "de-CH-1901", "en-US-u-ca-gregory", "x-whatever", "X-a",
    "es-419", "zh-yue-HK", "zh-yue-abc-def-HK", "en-abcd-GB", "en-a-bbb-x-a-ccc", "en-GB-oed", "i-klingon",
    "e", "x", "x-", "en-x", "english!", "en--US", "en-", "abcd", "abcde", "en-u", "toolonglanguage",
    "zh-abc-def-ghi-jkl", "en-1234", "en-12345", "en-123", "en-a-b", "en-x-123456789", "abcde-abc",
  ],
  "article.published": [
    "2019-10-31T14:05:00Z", "2019-10-31t14:05:00.123456z", "2016-12-31T23:59:60+01:00", "2019-10-31T14:05:60Z",
    "2020-02-29 08:00:00-05:00", "2000-02-29T00:00:00Z", "0000-02-29T00:00:00Z", "2019-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2019-04-31T00:00:00Z", "2019-04-30T00:00:00Z", "2019-13-01T00:00:00Z",
    "2019-00-10T00:00:00Z", "2019-10-00T00:00:00Z", "2019-10-31", "2019-10-31T25:00:00Z", "2019-10-31T14:60:00Z",
    "2019-10-31T14:05:61Z", "2019-10-31T14:05:00", "2019-10-31T14:05:00+0100", "2019-10-31T14:05:00+01",
    "2019-10-31T14:05:00+24:00", "2019-10-31T14:05:00-23:59", "2019-10-31T14:05:00+01:60", "2019-10-31\t14:05:00Z",
    "2019-10-31T14:05:00.Z", "2019-10-31T14:05Z", "19-10-31T14:05:00Z", "2019-10-31T14:05:00ZZ",
  ],
  "article.id": ["a", "a".repeat(64), "a".repeat(65), "Top_10", "x-y", "has space", "é"],
  "article.url": ["https://example.com", "HTTP://example.com/a", "/relative", "example.com", "mailto:a@example.com"],
  "youtube#1.id": ["aqz-KE-bpKQ", "___________", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgXc!"],
  "youtube#1.start": [0, 604800, 604801, 3.5],
  "image.width": [1, 100000, 100001, 0],
  "heading.level": [1, 2, 6, 7, 2.5],
  "srcsetItem.src": ["/a.jpg", ",a.jpg", "a.jpg,", "a,b.jpg"],
  "list.items": [[], [""], ["a", " "]],
  "related.items": [[]],
  "quote.style": ["block", "pull", "Pull", "huge"],
  "article.dir": ["ltr", "rtl", "auto", "LTR"],
  "article.schema": [1, 1.0, 1.1, 1.10, 1.2, "1", "1.1", 2],
  "youtube#1.uploaded": ["2019-10-30T18:00:00Z", "2019-10-30", "yesterday"],
  "youtube#1.duration": [
    0, 2592000, 2592001, 90.5, "PT1M30S", "PT90S", "P1DT2H", "PT1H2M3S", "PT90.5S", "P2D", "P30D", "PT0S",
    "PT2592000S", "PT1234567890S", "", "P", "PT", "1M", "PT1.5M", "P1Y", "P1W", "PT-5S", "PT5", "PT1S2M", "P1DT",
    "PTS", "pt1s", "PT1.S", "PT1.5.5S", "P1DT1H1M1.5S", "P+1D",
  ],
  "relatedItem.image": ["/t.jpg", "", " ", { src: "/t.jpg", alt: "" }, { src: "/t.jpg" }, { alt: "" }],
  "listItem.items": [[], [" "], [{ text: "a", ordered: false }], [{ text: "a", ordered: null }], [{ items: ["a"] }]],
};

/** Each edge value in its field of the first sample of its shape, as `{ name, article }`. */
export function edgeArticles() {
  return Object.entries(edges).flatMap(([field, list]) => {
    const [at, key] = field.split(".");
    const [shape, n = 1] = at.split("#");
    return list.map((value) => ({
      name: `${field} = ${JSON.stringify(value)}`,
      article: place(shape, { ...samples[shape][n - 1], [key]: value }),
    }));
  });
}

/** A list item with lists nested `depth` deep under it. */
const nested = (depth) => (depth === 0 ? "leaf" : { text: `level ${depth}`, items: [nested(depth - 1)] });

/**
 * Rules of the validator that a JSON Schema cannot state (or that this schema leaves out on purpose),
 * each with an article the validator refuses and the schema lets through.
 */
export const beyondSchema = [
  ["control character (HTML cannot carry it)", { headline: "Bell \u0007", body: [] }],
  ["noncharacter (HTML cannot carry it)", { headline: "Non\uFFFEchar", body: [] }],
  ["URL policy: scheme", { headline, body: [{ type: "image", src: "javascript:alert(1)", alt: "" }] }],
  ["URL policy: mailto: is not an image", { headline, body: [{ type: "image", src: "mailto:a@example.com", alt: "" }] }],
  ["URL policy: character reference", { headline, body: [{ type: "quote", text: "q", source: "&#106;avascript:x" }] }],
  ["URL policy: malformed % escape", { headline, section: { name: "S", url: "/a%zz" }, body: [] }],
  ["URL policy: a ':' that is not a scheme", { headline, section: { name: "S", url: "java%73cript:x" }, body: [] }],
  ["URL policy: invisible character", { headline, section: { name: "S", url: "/a\u200Bb" }, body: [] }],
  ["URL policy: http URL without a host", { headline, url: "https:///path", body: [] }],
  ["YouTube URL forms", { headline, body: [{ type: "youtube", url: "https://vimeo.com/123", title: "V" }] }],
  ["Vimeo URL forms", { headline, body: [{ type: "vimeo", url: "https://youtu.be/dQw4w9WgXcQ", title: "V" }] }],
  ["YouTube start disagrees with the url's", { headline, body: [{ type: "youtube", url: "https://youtu.be/dQw4w9WgXcQ?t=10", start: 20, title: "V" }] }],
  ["links in Markdown follow the URL policy", { headline, body: [{ type: "paragraph", text: "[x](javascript:alert(1))" }] }],
  ["heading ids are unique in the body", { headline, body: [{ type: "heading", level: 2, text: "A", id: "same" }, { type: "heading", level: 2, text: "B", id: "same" }] }],
  ["Markdown nesting limit (limits.max_markdown_depth)", { headline, body: [{ type: "markdown", text: `${"> ".repeat(40)}deep` }] }],
  ["list nesting limit (limits.max_list_depth)", { headline, body: [{ type: "list", items: [nested(9)] }] }],
  ["a duration over 30 days in ISO 8601", { headline, body: [{ type: "youtube", id: "dQw4w9WgXcQ", title: "V", duration: "P31D" }] }],
  ["a duration over 30 days in ISO 8601, by adding up", { headline, body: [{ type: "youtube", id: "dQw4w9WgXcQ", title: "V", duration: "P30DT1S" }] }],
  ["URL policy: a thumbnail's URL", { headline, body: [], related: { title: "R", items: [{ headline: "A", url: "/a", image: "javascript:x" }] } }],
];
