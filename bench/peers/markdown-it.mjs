// A markdown-it pipeline over the same broadsheet-format article: `renderInline` for inline
// fields, `parse` + `render` for Markdown blocks (with heading ids and alignment classes set on
// the tokens, as markdown-it-anchor does), broadsheet's markup around them. Raw HTML is off
// (`html: false`), so it is escaped as text, as in broadsheet.
//
// Differences that remain: markdown-it puts a newline after block tags inside Markdown blocks,
// escapes `"` in text as `&quot;`, and applies its own link check (`validateLink`) instead of
// broadsheet's URL policy; it validates nothing else.

import MarkdownIt from "markdown-it";
import { open, close, outline, heading, figure, facade, quote, list, DIVIDER } from "./markup.mjs";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Tables scroll inside a focusable region, as broadsheet writes them.
md.renderer.rules.table_open = () => '<div class="bs-table" role="region" tabindex="0" aria-label="Table"><table>\n';
md.renderer.rules.table_close = () => "</table></div>\n";

const inline = (s) => (s === undefined ? undefined : md.renderInline(s));

function markdown(src, o) {
  const env = {};
  const tokens = md.parse(src, env);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "heading_open") {
      const tag = `h${o.level(Math.max(2, Number(t.tag.slice(1))))}`;
      const plain = tokens[i + 1].children.filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
      t.tag = tokens[i + 2].tag = tag;
      t.attrSet("id", o.id(plain));
    } else if ((t.type === "th_open" || t.type === "td_open") && t.attrs) {
      t.attrs = [["class", `bs-align-${t.attrs[0][1].slice("text-align:".length)}`]];
    }
  }
  return `<div class="bs-markdown">${md.renderer.render(tokens, md.options, env)}</div>\n`;
}

function block(b, o, hero = false) {
  switch (b.type) {
    case "paragraph": return `<p>${md.renderInline(b.text)}</p>\n`;
    case "heading": return heading(o.level(b.level), b.id ?? o.id(b.text), md.renderInline(b.text));
    case "image": return figure(b, inline(b.caption), hero);
    case "youtube": return facade(b, inline(b.caption), hero);
    case "quote": return quote(b, md.renderInline(b.text));
    case "list": return list(b.ordered, b.items.map((i) => md.renderInline(i)));
    case "markdown": return markdown(b.text, o);
    case "divider": return DIVIDER;
    default: return "";
  }
}

/** Renders a broadsheet-format article object. */
export function render(a) {
  const o = outline(a);
  let h = open(a, o, inline(a.dek), a.hero && block(a.hero, o, true));
  for (const b of a.body) h += block(b, o);
  return h + close(a, o);
}
