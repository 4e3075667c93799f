// broadsheet's markup, written the JS way: the peers share it so that every renderer writes the
// same figures, facades, quotes, header, footer and rail (a port of the non-Markdown half of
// src/render.rs). Each peer only brings its own way of turning inline and block text into HTML.
//
// Escaping is broadsheet's: `&`, `<`, `>` in text; also `"` and `'` in attributes. Unlike
// broadsheet, nothing here validates the article or applies a URL policy: the peers trust their
// input, which favours them.

const TEXT = /[&<>]/;
const ATTR = /[&<>"']/;
const ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes a text node: the fast path returns clean strings untouched. */
export function text(s) {
  return TEXT.test(s) ? s.replace(/[&<>]/g, (c) => ENTITY[c]) : s;
}

export function attr(s) {
  return ATTR.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITY[c]) : s;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SIZES = "(min-width: 46rem) 44rem, 100vw";

/** broadsheet's slug: ASCII letters and digits lower-cased, other runs one `-`, at most `max` bytes. */
export function slug(s, max, fallback) {
  let out = "";
  let dash = false;
  for (const c of s) {
    if (out.length >= max) break;
    if (/[A-Za-z0-9]/.test(c)) {
      if (dash && out) out += "-";
      dash = false;
      out += c.toLowerCase();
    } else if (c !== "'" && c !== "\u2019") {
      dash = true;
    }
  }
  return out || fallback;
}

/** Heading levels that never skip and ids that never repeat, per article. */
export class Outline {
  constructor(prefix) {
    this.prefix = prefix;
    this.ids = new Set([prefix + "-title", prefix]);
    this.last = 1;
  }
  level(requested) {
    this.last = Math.min(Math.max(requested, 2), Math.min(this.last + 1, 6));
    return this.last;
  }
  id(textContent) {
    const base = `${this.prefix}-${slug(textContent, 48, "section")}`;
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }
}

export function outline(article) {
  return new Outline(article.id ?? slug(article.headline, 64, "article"));
}

function time(date) {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  return `<time datetime="${attr(date)}">${MONTHS[m - 1]} ${d}, ${y}</time>`;
}

const link = (name, url) => (url ? `<a href="${attr(url)}">${text(name)}</a>` : text(name));

/** `<article>` and its header; `dek` and `hero` come as HTML. */
export function open(a, o, dek, hero) {
  let h = `<article class="bs-article" id="${attr(o.prefix)}" lang="${attr(a.lang ?? "en")}" aria-labelledby="${attr(o.prefix)}-title">\n<header class="bs-header">\n`;
  if (a.section) h += `<p class="bs-section">${link(a.section.name, a.section.url)}</p>\n`;
  h += `<h1 class="bs-headline" id="${attr(o.prefix)}-title">${text(a.headline)}</h1>\n`;
  if (dek !== undefined) h += `<p class="bs-dek">${dek}</p>\n`;
  if (a.authors?.length) {
    h += '<p class="bs-byline">By';
    a.authors.forEach((author, i) => {
      h += i === 0 ? " " : i + 1 === a.authors.length ? " and " : ", ";
      h += link(author.name, author.url);
    });
    h += "</p>\n";
  }
  if (a.published || a.modified) {
    h += '<p class="bs-dates">';
    if (a.published) h += time(a.published);
    if (a.modified) h += `${a.published ? " " : ""}<span class="bs-updated">Updated ${time(a.modified)}</span>`;
    h += "</p>\n";
  }
  return h + "</header>\n" + (hero ?? "") + '<div class="bs-body">\n';
}

/** Closes the body, then the footer, the related rail and the article. */
export function close(a, o) {
  let h = "</div>\n";
  if (a.tags?.length || a.url) {
    h += '<footer class="bs-footer">\n';
    if (a.tags?.length) h += `<ul class="bs-tags" aria-label="Tags">${a.tags.map((t) => `<li>${text(t)}</li>`).join("")}</ul>\n`;
    if (a.url) h += `<p class="bs-permalink"><a rel="bookmark" href="${attr(a.url)}">Permalink</a></p>\n`;
    h += "</footer>\n";
  }
  if (a.related) {
    const id = o.id("related");
    h += `<aside class="bs-related" aria-labelledby="${id}">\n<h2 class="bs-related__title" id="${id}">${text(a.related.title)}</h2>\n<ul class="bs-related__list">\n`;
    for (const item of a.related.items) {
      h += `<li class="bs-related__item"><a class="bs-related__link" href="${attr(item.url)}">`;
      if (item.image) h += `<img class="bs-related__thumb" src="${attr(item.image)}" alt="" loading="lazy" decoding="async">`;
      h += `<span>${text(item.headline)}</span></a></li>\n`;
    }
    h += "</ul>\n</aside>\n";
  }
  return h + "</article>\n";
}

const loading = (hero) => (hero ? ' loading="eager" fetchpriority="high"' : ' loading="lazy" decoding="async"');

/** Caption, credit and, under a video, its watch link (`watch`, a URL). */
function figcaption(caption, credit, watch) {
  if (caption === undefined && !credit && !watch) return "";
  let h = '<figcaption class="bs-caption">';
  if (caption !== undefined) h += `<span class="bs-caption__text">${caption}</span>`;
  if (credit) h += `${caption !== undefined ? " " : ""}<small class="bs-credit"><span class="bs-visually-hidden">Credit: </span>${text(credit)}</small>`;
  if (watch) h += `${caption !== undefined || credit ? " " : ""}<a class="bs-watch" href="${watch}">Watch on YouTube</a>`;
  return h + "</figcaption>\n";
}

/** An image figure; `caption` is HTML. */
export function figure(img, caption, hero = false) {
  let h = `<figure class="bs-figure${hero ? " bs-hero" : ""}">\n<img class="bs-img" src="${attr(img.src)}" alt="${attr(img.alt)}"`;
  if (img.width) h += ` width="${img.width}"`;
  if (img.height) h += ` height="${img.height}"`;
  if (img.srcset?.length) h += ` srcset="${attr(img.srcset.map((s) => `${s.src} ${s.width}w`).join(", "))}" sizes="${attr(img.sizes ?? SIZES)}"`;
  return h + loading(hero) + ">\n" + figcaption(caption, img.credit) + "</figure>\n";
}

/** The YouTube facade; `caption` is HTML. */
export function facade(v, caption, hero = false) {
  const id = attr(v.id);
  const watch = `https://www.youtube.com/watch?v=${id}`;
  return (
    `<figure class="bs-figure bs-video">\n<div class="bs-facade bs-facade--wide" data-bs-player="https://www.youtube-nocookie.com/embed/${id}?autoplay=1" data-bs-title="${attr(v.title)}" data-bs-preconnect>\n` +
    `<a class="bs-facade__control" href="${watch}"><img class="bs-facade__poster" src="https://i.ytimg.com/vi/${id}/hqdefault.jpg" alt="" width="480" height="360"${loading(hero)}>` +
    `<span class="bs-facade__play" aria-hidden="true"></span><span class="bs-facade__label">Play video: ${text(v.title)}</span></a>\n</div>\n` +
    figcaption(caption, v.credit, watch) +
    "</figure>\n"
  );
}

/** A quote figure; `inner` is the quote's HTML. */
export function quote(q, inner) {
  let h = `<figure class="bs-quote${q.style === "pull" ? " bs-quote--pull" : ""}">\n<blockquote${q.source ? ` cite="${attr(q.source)}"` : ""}><p>${inner}</p></blockquote>\n`;
  if (q.cite || q.source) h += `<figcaption class="bs-quote__cite">${link(q.cite ?? "Source", q.source)}</figcaption>\n`;
  return h + "</figure>\n";
}

export function heading(level, id, inner) {
  return `<h${level} id="${attr(id)}">${inner}</h${level}>\n`;
}

/** A body list; `items` are HTML. */
export function list(ordered, items) {
  const tag = ordered ? "ol" : "ul";
  return `<${tag} class="bs-list">\n${items.map((i) => `<li>${i}</li>\n`).join("")}</${tag}>\n`;
}

export const DIVIDER = '<hr class="bs-divider">\n';
