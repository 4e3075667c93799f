//! ANS content elements (a story's `content_elements`, and those inside quotes, groups and
//! galleries) as format 1.1 blocks.

use super::{an_element, element_type, texts, with, StoryReader};
use broadsheet::Path;
use crate::html::{self, Element, Node};
use crate::inline::{escaped, InlineMarkdown, Mark};
use crate::article_json::{block, paragraph, string};
use broadsheet::json::{ObjectBuilder, Value};

/// The note on an item that only holds a nested list.
const ELLIPSIS_NOTE: &str = "a list item with no text of its own holds a nested list; the item reads \"…\"";

/// A list item under construction: its text (inline Markdown) and the list nested under it.
struct Item {
    text: Option<String>,
    nested: Option<Nested>,
    at: Path,
}

struct Nested {
    ordered: bool,
    items: Vec<Value<'static>>,
}

impl StoryReader<'_> {
    /// The blocks of `elements`, the one at index `i` noted at `at[i]`.
    pub(super) fn elements(&mut self, elements: &[Value], at: &Path) -> Vec<Value<'static>> {
        elements.iter().enumerate().flat_map(|(i, element)| self.element(element, &at.index(i))).collect()
    }

    /// The blocks one content element becomes.
    pub(super) fn element(&mut self, element: &Value, at: &Path) -> Vec<Value<'static>> {
        let Some(kind) = element_type(element) else {
            let what = format!("expected an element (an object with a `type`), found {}", element.kind());
            if let Value::String(text) = element {
                self.notes.add(at, format!("{what}; its text was kept as a paragraph"));
                return self.inline(text, at).and_then(|text| paragraph([Some(text)])).into_iter().collect();
            }
            return self.unknown(element, &what, at);
        };
        let one = |block: Option<Value<'static>>| block.into_iter().collect();
        match kind {
            "text" => one(self.text(element, at).and_then(|text| paragraph([Some(text)]))),
            "header" => one(self.heading(element, at)),
            "list" => one(self.list(element, at)),
            "image" => one(self.image(element, at)),
            "quote" => one(self.quote(element, at)),
            "blockquote" => one(self.blockquote(element, at)),
            "divider" => vec![block("divider").into_value()],
            "oembed_response" => one(self.oembed(element, at)),
            "video" => one(self.video(element, at)),
            "raw_html" => self.raw_html(element, at),
            "correction" => one(self.correction(element, at)),
            "interstitial_link" => one(self.interstitial_link(element, at).and_then(|link| paragraph([Some(link)]))),
            "code" => one(self.code(element, at)),
            "table" => one(self.table(element, at)),
            "link_list" => self.link_list(element, at),
            "gallery" => self.gallery(element, at),
            "element_group" => {
                let content = self.array(element, "content_elements", at);
                self.elements(content, &at.key("content_elements"))
            }
            "endorsement" => {
                // A rating or recommendation ("Recommended", "Critic's pick"): plain text.
                let text = self.string(element, "endorsement", at).and_then(|text| self.plain_text(text, &at.key("endorsement")));
                match text {
                    Some(text) => {
                        self.notes.add(at, "an endorsement element is written as a paragraph of its text, in bold");
                        let mut bold = InlineMarkdown::new(self.notes.max_mark_depth);
                        let _ = bold.open(Mark::Strong);
                        bold.text(&text);
                        bold.close(&Mark::Strong);
                        paragraph([bold.finish()]).into_iter().collect()
                    }
                    None => {
                        self.notes.add(at, "an endorsement element without text was left out");
                        Vec::new()
                    }
                }
            }
            "reference" => {
                let referent = element.field("referent");
                let id = referent.and_then(|r| r.field("id")).and_then(Value::as_str).map_or(String::new(), |id| format!(" \"{id}\""));
                let message = format!("a reference{id} the Content API did not fill in was left out (it holds no text)");
                self.notes.add(at, message);
                Vec::new()
            }
            other => self.unknown(element, &format!("{} is not something the format has", an_element(other)), at),
        }
    }

    /// A `text` element's (or a cell's) `content`, as inline Markdown.
    fn text(&mut self, element: &Value, at: &Path) -> Option<String> {
        let content = self.string(element, "content", at)?;
        self.inline(content, at)
    }

    /// What an element the importer does not map is: `what` says why (the note's words). Its
    /// text is kept as paragraphs.
    fn unknown(&mut self, element: &Value, what: &str, at: &Path) -> Vec<Value<'static>> {
        let found = texts(element);
        if found.is_empty() {
            self.notes.add(at, format!("{what}; it holds no text and was left out"));
            return Vec::new();
        }
        self.notes.add(at, format!("{what}; its text was kept as paragraphs"));
        found.into_iter().filter_map(|text| self.inline(text, at)).filter_map(|text| paragraph([Some(text)])).collect()
    }

    /// The text of an element that is not a text element, where only text can go (a quote's
    /// line, a list item, a table cell): noted.
    fn text_of_other(&mut self, element: &Value, place: &str, at: &Path) -> Option<String> {
        let what = element_type(element).map_or_else(|| format!("{} value", element.kind()), an_element);
        let found = match element {
            Value::String(text) => vec![text.as_ref()],
            _ => texts(element),
        };
        let kept = if found.is_empty() { "it holds no text and was left out" } else { "its text was kept" };
        self.notes.add(at, format!("{what} cannot be {place}; {kept}"));
        let parts: Vec<String> = found.into_iter().filter_map(|text| self.inline(text, at)).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// A `header`: `level` 2 to 6 (the headline is the only level 1), `content` its text.
    fn heading(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let level = match element.field("level") {
            None => 2.0,
            Some(Value::Number(n)) if n.fract() == 0.0 && (2.0..=6.0).contains(n) => *n,
            Some(Value::Number(n)) if *n == 1.0 => {
                self.notes.add(at, "a level 1 header is written as level 2 (the headline is the article's only level 1)");
                2.0
            }
            Some(Value::Number(n)) => {
                let level = n.round().clamp(2.0, 6.0);
                self.notes.add(&at.key("level"), format!("{n} is not a heading level (2 to 6); it is written as level {level}"));
                level
            }
            Some(other) => {
                self.notes.add(&at.key("level"), format!("expected a number, found {}; the heading is level 2", other.kind()));
                2.0
            }
        };
        let text = self.text(element, at)?;
        let mut heading = block("heading");
        heading.set("level", Value::Number(level)).set("text", string(text));
        Some(heading.into_value())
    }

    /// A `list`: its `items` are text elements and lists; a list nests under the text item
    /// before it, and lists nested past `max_list_depth` become text of their parent item.
    fn list(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let ordered = self.ordered(element, at);
        let items = self.list_items(element, at, 1);
        if items.is_empty() {
            return None;
        }
        let mut list = block("list");
        if ordered {
            list.set("ordered", Value::Bool(true));
        }
        list.set("items", Value::Array(items));
        Some(list.into_value())
    }

    /// `list_type`: `ordered`, or else unordered.
    fn ordered(&mut self, list: &Value, at: &Path) -> bool {
        match self.string(list, "list_type", at) {
            Some("ordered") => true,
            Some("unordered") | None => false,
            Some(other) => {
                let message = format!("\"{other}\" is neither \"ordered\" nor \"unordered\"; the list is written unordered");
                self.notes.add(&at.key("list_type"), message);
                false
            }
        }
    }

    /// The items of a list `depth` lists deep.
    fn list_items(&mut self, list: &Value, at: &Path, depth: usize) -> Vec<Value<'static>> {
        let elements = self.array(list, "items", at);
        let mut items: Vec<Item> = Vec::new();
        for (i, element) in elements.iter().enumerate() {
            let at = at.key("items").index(i);
            match element_type(element) {
                Some("text") => items.push(Item { text: self.text(element, &at), nested: None, at }),
                Some("list") if depth >= self.max_list_depth => {
                    let max = self.max_list_depth;
                    self.notes.add(&at, format!("a list nested deeper than {max} levels was flattened into its parent item"));
                    let words: Vec<String> = texts(element).into_iter().filter_map(super::plain_words).collect();
                    let flat = escaped(&words.join(" "));
                    match items.last_mut() {
                        Some(Item { text: Some(text), .. }) => {
                            text.push(' ');
                            text.push_str(&flat);
                        }
                        Some(item) => item.text = Some(flat),
                        None => items.push(Item { text: Some(flat), nested: None, at }),
                    }
                }
                Some("list") => {
                    let ordered = self.ordered(element, &at);
                    let sub_items = self.list_items(element, &at, depth + 1);
                    if sub_items.is_empty() {
                        continue;
                    }
                    let nested = Nested { ordered, items: sub_items };
                    match items.last_mut() {
                        // The format nests one list under an item; a second one joins the first.
                        Some(Item { nested: Some(first), .. }) => first.items.extend(nested.items),
                        Some(item) => {
                            if item.text.is_none() {
                                self.notes.add(&item.at, ELLIPSIS_NOTE);
                            }
                            item.nested = Some(nested);
                        }
                        None => {
                            self.notes.add(&at, ELLIPSIS_NOTE);
                            items.push(Item { text: None, nested: Some(nested), at });
                        }
                    }
                }
                _ => {
                    let text = self.text_of_other(element, "a list item", &at);
                    items.push(Item { text, nested: None, at });
                }
            }
        }
        items.into_iter().filter_map(|item| self.list_item(item)).collect()
    }

    fn list_item(&mut self, item: Item) -> Option<Value<'static>> {
        let Item { text, nested, .. } = item;
        let Some(nested) = nested else { return text.map(string) };
        let text = text.unwrap_or_else(|| "…".to_owned());
        let mut item = ObjectBuilder::new();
        item.set("text", string(text)).set("items", Value::Array(nested.items));
        if nested.ordered {
            item.set("ordered", Value::Bool(true));
        }
        Some(item.into_value())
    }

    /// A `quote`: its `content_elements` are the quoted text (paragraphs as line breaks),
    /// `citation` who said it; the `pullquote` subtype is a pull quote.
    fn quote(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let content = self.array(element, "content_elements", at);
        let content_at = at.key("content_elements");
        let mut lines = Vec::new();
        for (i, line) in content.iter().enumerate() {
            let at = content_at.index(i);
            let text = match element_type(line) {
                Some("text") => self.text(line, &at),
                _ => self.text_of_other(line, "part of a quote", &at),
            };
            lines.extend(text);
        }
        let cite = self.citation(element, at);
        let text = (!lines.is_empty()).then(|| lines.join("\\\n"));
        self.quote_block(element, text, cite, at)
    }

    /// A `blockquote` (deprecated in ANS): its `content` is HTML, read as a `<blockquote>`.
    fn blockquote(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let content = self.string(element, "content", at)?;
        let children = html::parse(content, at, self.notes);
        let quote = Element { name: "blockquote".into(), attrs: Vec::new(), children };
        let citation = self.citation(element, at);
        let quote = html::quote(&quote, at, self.notes)?;
        if super::block_type(&quote) != Some("quote") {
            return Some(quote);
        }
        let quote = match citation {
            Some(cite) if quote.field("cite").is_none() => with(quote, "cite", string(cite)),
            _ => quote,
        };
        Some(match self.is_pull_quote(element) {
            true => with(quote, "style", string("pull")),
            false => quote,
        })
    }

    fn is_pull_quote(&self, element: &Value) -> bool {
        element.field("subtype").and_then(Value::as_str) == Some("pullquote")
    }

    /// `citation`: a text element (ANS) or a string, as plain text.
    fn citation(&mut self, element: &Value, at: &Path) -> Option<String> {
        let at = at.key("citation");
        let text = match element.field("citation")? {
            Value::String(text) => text.as_ref(),
            citation => self.string(citation, "content", &at)?,
        };
        self.plain_text(text, &at)
    }

    fn quote_block(&mut self, element: &Value, text: Option<String>, cite: Option<String>, at: &Path) -> Option<Value<'static>> {
        let Some(text) = text else {
            let cite = cite.map(|cite| escaped(&cite));
            if cite.is_some() {
                self.notes.add(at, "the quote has no text; its citation was kept as a paragraph");
            }
            return paragraph([cite]);
        };
        let mut quote = block("quote");
        quote.set("text", string(text)).set_some("cite", cite.map(string));
        if self.is_pull_quote(element) {
            quote.set("style", string("pull"));
        }
        Some(quote.into_value())
    }

    /// `raw_html`: read as data, never passed through; its text and the blocks the format has are kept.
    fn raw_html(&mut self, element: &Value, at: &Path) -> Vec<Value<'static>> {
        let Some(content) = self.string(element, "content", at) else { return Vec::new() };
        if content.trim().is_empty() {
            return Vec::new();
        }
        let nodes = html::parse(content, at, self.notes);
        let blocks = html::blocks(&nodes, at, self.notes, self.max_list_depth);
        self.notes.add(at, match blocks.is_empty() {
            true => "raw HTML was read as data: it holds no text, so nothing of it was kept",
            false => "raw HTML was read as data: its text and the blocks the format has were kept; nothing of it runs",
        });
        blocks
    }

    /// A `correction`: a paragraph "**Correction:** text", labelled by its `correction_type`.
    fn correction(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let kind = self.string(element, "correction_type", at).and_then(crate::article_json::plain);
        let label = match kind {
            Some(kind) => {
                let mut chars = kind.chars();
                chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or(kind)
            }
            None => "Correction".to_owned(),
        };
        let text = self.string(element, "text", at);
        let Some(text) = text.and_then(|text| self.inline(text, at)) else {
            self.notes.add(at, "the correction has no text; it was left out");
            return None;
        };
        let mut markdown = InlineMarkdown::new(self.notes.max_mark_depth);
        // A mark at the start of an empty field is refused only when the limits allow no marks;
        // the text is kept either way.
        let _ = markdown.open(Mark::Strong);
        markdown.text(&format!("{label}:"));
        markdown.close(&Mark::Strong);
        paragraph([Some(format!("{} {text}", markdown.finish().unwrap_or_default()))])
    }

    /// An `interstitial_link`: its `content` linked to its `url`, then its `description`.
    fn interstitial_link(&mut self, element: &Value, at: &Path) -> Option<String> {
        let content = self.string(element, "content", at);
        let href = self.string(element, "url", at).map(|href| self.on_site(href));
        let link = match (content, href) {
            (Some(content), Some(href)) => {
                let children = html::parse(content, at, self.notes);
                let link = Element { name: "a".into(), attrs: vec![("href".into(), href)], children };
                html::inline(&[Node::Element(link)], at, self.notes)
            }
            (Some(content), None) => {
                self.notes.add(at, "the link has no url; its text was kept");
                self.inline(content, at)
            }
            (None, Some(href)) => {
                self.notes.add(at, "the link has no text; its URL is its text");
                let link = Element { name: "a".into(), attrs: vec![("href".into(), href.clone())], children: vec![Node::Text(href)] };
                html::inline(&[Node::Element(link)], at, self.notes)
            }
            (None, None) => None,
        };
        let description = element.field("description").and_then(|d| match d {
            Value::String(text) => Some(text.as_ref()),
            d => d.field("content").and_then(Value::as_str),
        });
        let description = description.and_then(|d| self.inline(d, &at.key("description")));
        let parts: Vec<String> = [link, description].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(" — "))
    }

    /// A `code` sample as a fenced code block, tagged with its `language`.
    fn code(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let code = self.string(element, "content", at)?;
        let code: String = code.chars().filter(|&c| broadsheet::text::fits_html(c)).collect();
        if code.trim().is_empty() {
            return None;
        }
        let language = self.string(element, "language", at).map(str::trim).filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || "+-_#.".contains(c)));
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let mut markdown = block("markdown");
        markdown.set("text", string(format!("{fence}{}\n{}\n{fence}", language.unwrap_or(""), code.trim_end_matches('\n'))));
        Some(markdown.into_value())
    }

    /// A `table` as a Markdown table; without a `header`, its first row heads it (noted).
    fn table(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let header = self.array(element, "header", at);
        let header_at = at.key("header");
        let mut header: Vec<String> = header.iter().enumerate().map(|(i, cell)| self.cell(cell, &header_at.index(i))).collect();
        let rows_at = at.key("rows");
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (r, row) in self.array(element, "rows", at).iter().enumerate() {
            let cells = match row {
                Value::Array(cells) => cells.iter().enumerate().map(|(c, cell)| self.cell(cell, &rows_at.index(r).index(c))).collect(),
                other => vec![self.cell(other, &rows_at.index(r))],
            };
            rows.push(cells);
        }
        if header.iter().all(String::is_empty) {
            if rows.is_empty() {
                return None;
            }
            self.notes.add(at, "the table has no header row; its first row heads it");
            header = rows.remove(0);
        }
        let columns = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
        let line = |cells: &[String]| {
            let cells: Vec<&str> = (0..columns).map(|i| cells.get(i).map_or("", String::as_str)).collect();
            format!("| {} |", cells.join(" | "))
        };
        let mut lines = vec![line(&header), format!("|{}", " --- |".repeat(columns))];
        lines.extend(rows.iter().map(|row| line(row)));
        let mut markdown = block("markdown");
        markdown.set("text", string(lines.join("\n")));
        Some(markdown.into_value())
    }

    /// A table cell (a text element, or a `table_cell` of elements) as inline Markdown on one line.
    fn cell(&mut self, cell: &Value, at: &Path) -> String {
        let text = match element_type(cell) {
            Some("text") => self.text(cell, at),
            Some("table_cell") => {
                let content = self.array(cell, "content_elements", at);
                let parts: Vec<String> = content.iter().enumerate().filter_map(|(i, e)| {
                    let at = at.key("content_elements").index(i);
                    match element_type(e) {
                        Some("text") => self.text(e, &at),
                        _ => self.text_of_other(e, "in a table cell", &at),
                    }
                }).collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
            _ => self.text_of_other(cell, "in a table cell", at),
        };
        // A line break would end the row.
        text.map_or(String::new(), |text| text.replace("\\\n", " "))
    }

    /// A `link_list`: its `title` as a paragraph, its links as a list.
    fn link_list(&mut self, element: &Value, at: &Path) -> Vec<Value<'static>> {
        let title = self.string(element, "title", at);
        let title = title.and_then(|title| self.plain_text(title, &at.key("title")));
        let links = self.array(element, "items", at);
        let mut items = Vec::new();
        for (i, link) in links.iter().enumerate() {
            let at = at.key("items").index(i);
            let text = match element_type(link) {
                Some("interstitial_link") => self.interstitial_link(link, &at),
                Some("text") => self.text(link, &at),
                _ => self.text_of_other(link, "a link in a link list", &at),
            };
            items.extend(text.map(string));
        }
        let mut blocks: Vec<Value<'static>> = paragraph([title.map(|title| escaped(&title))]).into_iter().collect();
        if !items.is_empty() {
            let mut list = block("list");
            list.set("items", Value::Array(items));
            blocks.push(list.into_value());
        }
        blocks
    }

    /// A `gallery`: its headline and description as a paragraph, then its images.
    fn gallery(&mut self, element: &Value, at: &Path) -> Vec<Value<'static>> {
        self.notes.add(at, "a gallery was written as its images, one after another");
        let headline = self.headline(element, at).map(|headline| escaped(&headline));
        let description_at = at.key("description");
        let description = self.object(element, "description", at).and_then(|d| self.string(d, "basic", &description_at));
        let description = description.and_then(|d| self.inline(d, &description_at.key("basic")));
        let mut blocks: Vec<Value<'static>> = paragraph([headline, description]).into_iter().collect();
        let images = self.array(element, "content_elements", at);
        blocks.extend(self.elements(images, &at.key("content_elements")));
        blocks
    }
}
