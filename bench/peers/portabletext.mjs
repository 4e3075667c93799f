// @portabletext/to-html with components that write broadsheet's markup: figures, facades,
// quotes and tables as custom types, headings with ids, `<s>` for strike-through, and
// broadsheet's text escaping (`escapeHTML`). Captions and quotes are Portable Text too, rendered
// by nested `toHTML` calls, as Sanity front ends do. A `section` type groups what a broadsheet
// `markdown` block holds, so it gets the same `<div class="bs-markdown">`.
//
// Differences that remain: links use the library's `uriLooksSafe` instead of broadsheet's URL
// policy, and nothing else is validated.

import { toHTML, uriLooksSafe } from "@portabletext/to-html";
import { open, close, outline, text, attr, figure, facade, quote, heading, DIVIDER } from "./markup.mjs";

/** The article being rendered: components read its outline (heading levels and ids). */
let current;

const plain = (block) => block.children.map((c) => c.text).join("");
const marks = {
  "strike-through": ({ children }) => `<s>${children}</s>`,
  link: ({ children, value }) => (uriLooksSafe(value?.href ?? "") ? `<a href="${attr(value.href)}">${children}</a>` : children),
};
const headings = (suffix) =>
  Object.fromEntries(
    [2, 3, 4, 5, 6].map((n) => [`h${n}`, ({ children, value }) => {
      const level = current.level(n);
      return heading(level, current.id(plain(value)), children).slice(0, -1) + suffix;
    }]),
  );

/** Inline fields: a block's children only. */
const inlineComponents = { escapeHTML: text, marks, block: { normal: ({ children }) => children } };
const inline = (blocks) => (blocks === undefined ? undefined : toHTML(blocks, { components: inlineComponents }));

/** Inside a Markdown section: plain tags, no newlines, as broadsheet writes Markdown blocks. */
const align = { left: ' class="bs-align-left"', right: ' class="bs-align-right"', center: ' class="bs-align-center"', none: "" };
const sectionComponents = {
  escapeHTML: text,
  marks,
  block: { normal: ({ children }) => `<p>${children}</p>`, ...headings("") },
  list: { bullet: ({ children }) => `<ul>${children}</ul>`, number: ({ children }) => `<ol>${children}</ol>` },
  listItem: ({ children }) => `<li>${children}</li>`,
  types: {
    table: ({ value }) => {
      let h = '<div class="bs-table" role="region" tabindex="0" aria-label="Table"><table><thead><tr>';
      value.head.forEach((c, i) => (h += `<th${align[value.align[i]]}>${text(c)}</th>`));
      h += "</tr></thead><tbody>";
      for (const row of value.rows) {
        h += "<tr>";
        row.cells.forEach((c, i) => (h += `<td${align[value.align[i]]}>${text(c)}</td>`));
        h += "</tr>";
      }
      return h + "</tbody></table></div>";
    },
  },
};

const bodyComponents = {
  escapeHTML: text,
  marks,
  block: { normal: ({ children }) => `<p>${children}</p>\n`, ...headings("\n") },
  list: {
    bullet: ({ children }) => `<ul class="bs-list">\n${children}</ul>\n`,
    number: ({ children }) => `<ol class="bs-list">\n${children}</ol>\n`,
  },
  listItem: ({ children }) => `<li>${children}</li>\n`,
  types: {
    figure: ({ value }) => figure(value, inline(value.caption)),
    youtube: ({ value }) => facade(value, inline(value.caption)),
    quote: ({ value }) => quote(value, inline(value.text)),
    section: ({ value }) => `<div class="bs-markdown">${toHTML(value.content, { components: sectionComponents })}</div>\n`,
    divider: () => DIVIDER,
  },
};

/** Renders an article whose rich text is Portable Text. */
export function render(a) {
  const o = (current = outline(a));
  const hero = a.hero && (a.hero._type === "youtube" ? facade(a.hero, inline(a.hero.caption), true) : figure(a.hero, inline(a.hero.caption), true));
  return open(a, o, inline(a.dek), hero) + toHTML(a.body, { components: bodyComponents }) + close(a, o);
}
