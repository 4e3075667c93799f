// The floor: the cheapest renderer that writes the same markup. It escapes every text and
// concatenates fixed tags; Markdown is not interpreted (it is shown as escaped text), nothing is
// validated. No real renderer can be faster than this by more than its JS engine allows, so it
// marks the limit.

import { open, close, outline, text, figure, facade, quote, heading, list, DIVIDER } from "./markup.mjs";

const opt = (s) => (s === undefined ? undefined : text(s));

function block(b, o, hero = false) {
  switch (b.type) {
    case "paragraph": return `<p>${text(b.text)}</p>\n`;
    case "heading": return heading(o.level(b.level), b.id ?? o.id(b.text), text(b.text));
    case "image": return figure(b, opt(b.caption), hero);
    case "youtube": return facade(b, opt(b.caption), hero);
    case "quote": return quote(b, text(b.text));
    case "list": return list(b.ordered, b.items.map(text));
    case "markdown": return `<div class="bs-markdown">${text(b.text)}</div>\n`;
    case "divider": return DIVIDER;
    default: return "";
  }
}

/** Renders a broadsheet-format article object. */
export function render(a) {
  const o = outline(a);
  let h = open(a, o, opt(a.dek), a.hero && block(a.hero, o, true));
  for (const b of a.body) h += block(b, o);
  return h + close(a, o);
}
