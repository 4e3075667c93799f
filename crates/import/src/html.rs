//! HTML in a source document, read as data: a small, forgiving parser into a tree, and the
//! conversions importers need. Only the inline subset the format has (strong/b, em/i, code,
//! s/del, a href, br) becomes Markdown; other markup is dropped with its text kept and a note;
//! `<script>` and `<style>` hold code, not text, and are dropped with a note. Text and attribute
//! values have their character references decoded once, as they are read.

use std::borrow::Cow;

use super::inline::{InlineMarkdown, Mark};
use crate::article_json::{block, Embedded, image, ImageFields, Notes, plain, string, url, video_or_embed};
use broadsheet::text::decode_character_references;
use broadsheet::Path;
use broadsheet::escape::UrlUse;
use broadsheet::json::{ObjectBuilder, Value};

/// How deep elements nest in the tree; deeper start tags are ignored (their content is kept in
/// the element at the limit), so no input can exhaust the stack.
pub const MAX_HTML_DEPTH: usize = 48;

/// One node of a parsed fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    /// Text with character references decoded.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lower case.
    pub name: String,
    /// Names lower case, values decoded.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first descendant named `name`, depth first.
    pub fn find(&self, name: &str) -> Option<&Element> {
        find(&self.children, name)
    }

    /// Whether the `class` attribute holds `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == class))
    }
}

/// The first element named `name` in `nodes` or under them, depth first.
pub fn find<'n>(nodes: &'n [Node], name: &str) -> Option<&'n Element> {
    nodes.iter().find_map(|node| match node {
        Node::Element(e) if e.name == name => Some(e),
        Node::Element(e) => e.find(name),
        Node::Text(_) => None,
    })
}

/// Elements with no content and no end tag.
fn is_void(name: &str) -> bool {
    matches!(name, "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "source" | "track" | "wbr")
}

/// Elements whose content is code, read up to their end tag and never shown.
fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes")
}

/// Elements a `<p>` cannot contain: their start tag ends an open paragraph.
fn closes_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "ul" | "ol" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figure" | "table" | "pre" | "hr" | "section" | "article" | "aside" | "header" | "footer" | "dl" | "form" | "nav" | "details"
    )
}

/// Parses an HTML fragment. Never fails: what is not markup is text. `at` is where the HTML
/// sits in the source, for the note about nesting past [`MAX_HTML_DEPTH`].
pub fn parse(html: &str, at: &Path, notes: &mut Notes) -> Vec<Node> {
    let mut tree = Tree { stack: vec![Element { name: String::new(), attrs: Vec::new(), children: Vec::new() }], too_deep: false };
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            tree.text(&decode_character_references(rest));
            break;
        };
        tree.text(&decode_character_references(&rest[..lt]));
        rest = &rest[lt..];
        rest = if let Some(after) = rest.strip_prefix("<!--") {
            after.find("-->").map_or("", |end| &after[end + 3..])
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            rest.find('>').map_or("", |end| &rest[end + 1..])
        } else if let Some(after) = rest.strip_prefix("</") {
            match tag_name(after) {
                Some(name) => {
                    tree.end(&name.to_ascii_lowercase());
                    after.find('>').map_or("", |end| &after[end + 1..])
                }
                None => {
                    tree.text("</");
                    after
                }
            }
        } else {
            match start_tag(&rest[1..]) {
                Some((StartTag { element, self_closing }, after)) => {
                    let name = element.name.clone();
                    let leaf = self_closing || is_void(&name);
                    tree.start(element, leaf);
                    if is_raw_text(&name) && !leaf {
                        let end = find_end_tag(after, &name);
                        tree.text(&after[..end]);
                        tree.end(&name);
                        let closing = &after[end..];
                        closing.find('>').map_or("", |i| &closing[i + 1..])
                    } else {
                        after
                    }
                }
                None => {
                    tree.text("<");
                    &rest[1..]
                }
            }
        };
    }
    if tree.too_deep {
        notes.add(at, format!("elements nest deeper than {MAX_HTML_DEPTH} levels; the deeper ones were read as text of the one at the limit"));
    }
    while tree.stack.len() > 1 {
        tree.close_top();
    }
    tree.stack.pop().map(|root| root.children).unwrap_or_default()
}

struct Tree {
    /// Open elements; the first is the fragment's root.
    stack: Vec<Element>,
    too_deep: bool,
}

impl Tree {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let children = &mut self.stack.last_mut().expect("the root stays").children;
        match children.last_mut() {
            Some(Node::Text(last)) => last.push_str(text),
            _ => children.push(Node::Text(text.to_owned())),
        }
    }

    /// Opens `tag`, or adds it as a childless leaf (void elements, `<x/>`).
    fn start(&mut self, tag: Element, leaf: bool) {
        if closes_paragraph(&tag.name) && self.open("p") {
            self.end("p");
        }
        if tag.name == "li" {
            // A new item ends the open one, within the innermost list.
            let item = self.stack.iter().rposition(|e| e.name == "li");
            let list = self.stack.iter().rposition(|e| e.name == "ul" || e.name == "ol");
            if item.is_some() && item > list {
                self.end("li");
            }
        }
        if leaf {
            self.stack.last_mut().expect("the root stays").children.push(Node::Element(tag));
            return;
        }
        if self.stack.len() > MAX_HTML_DEPTH {
            self.too_deep = true;
            // Its children go to the element at the limit; a matching end tag finds nothing to close.
            return;
        }
        self.stack.push(tag);
    }

    fn open(&self, name: &str) -> bool {
        self.stack.iter().skip(1).any(|e| e.name == name)
    }

    /// Closes the innermost open `name` and everything opened inside it; a stray end tag is ignored.
    fn end(&mut self, name: &str) {
        if name == "br" {
            // `</br>` is read as `<br>` by browsers.
            self.stack.last_mut().expect("the root stays").children.push(Node::Element(Element { name: "br".into(), attrs: Vec::new(), children: Vec::new() }));
            return;
        }
        let Some(at) = self.stack.iter().skip(1).rposition(|e| e.name == name) else { return };
        while self.stack.len() > at + 1 {
            self.close_top();
        }
    }

    fn close_top(&mut self) {
        let element = self.stack.pop().expect("close_top is called with an element open");
        self.stack.last_mut().expect("the root stays").children.push(Node::Element(element));
    }
}

/// The tag name at the start of `s`: a letter, then letters, digits and `-`.
fn tag_name(s: &str) -> Option<&str> {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':')).unwrap_or(s.len());
    Some(&s[..end])
}

struct StartTag {
    element: Element,
    self_closing: bool,
}

/// A start tag after its `<`, and the text after its `>`; `None` if `s` does not start one.
fn start_tag(s: &str) -> Option<(StartTag, &str)> {
    let name = tag_name(s)?;
    let mut rest = &s[name.len()..];
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut self_closing = false;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('>') {
            rest = after;
            break;
        }
        if let Some(after) = rest.strip_prefix("/>") {
            self_closing = true;
            rest = after;
            break;
        }
        if let Some(after) = rest.strip_prefix('/') {
            rest = after;
            continue;
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/')).unwrap_or(rest.len()).max(1);
        let attr_name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let (raw, next) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(quote).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_character_references(raw).into_owned();
            rest = next;
        }
        // The first of two attributes with one name wins, as in browsers.
        if !attrs.iter().any(|(n, _)| *n == attr_name) {
            attrs.push((attr_name, value));
        }
    }
    let element = Element { name: name.to_ascii_lowercase(), attrs, children: Vec::new() };
    Some((StartTag { element, self_closing }, rest))
}

/// Where the end tag `</name` starts in `s` (case-insensitive), or the end of `s`.
fn find_end_tag(s: &str, name: &str) -> usize {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        let candidate = &s[at + 2..];
        if candidate.len() >= name.len()
            && candidate.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !candidate.as_bytes().get(name.len()).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

/// Plain text of `nodes`: white space collapsed as a browser shows it, `<br>` and block ends as
/// spaces, `<script>` and `<style>` left out.
pub fn text(nodes: &[Node]) -> String {
    let mut out = String::new();
    collect_text(nodes, &mut out);
    out.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if is_raw_text(&e.name) => {}
            Node::Element(e) if e.name == "img" => {
                out.push(' ');
                out.push_str(e.attr("alt").unwrap_or(""));
                out.push(' ');
            }
            // Inline elements run on with the words around them (`<i>Dune</i>:` reads "Dune:").
            Node::Element(e) if is_phrasing(&e.name) => collect_text(&e.children, out),
            Node::Element(e) => {
                out.push(' ');
                collect_text(&e.children, out);
                out.push(' ');
            }
        }
    }
}

/// Elements that sit inside a line of text; every other element separates words.
fn is_phrasing(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr" | "b" | "bdi" | "bdo" | "cite" | "code" | "data" | "del" | "dfn" | "em" | "font" | "i" | "ins" | "kbd" | "mark" | "q" | "s" | "samp" | "small" | "span" | "strike" | "strong" | "sub" | "sup" | "time" | "u" | "var"
    )
}

/// Plain text of an HTML string (a WordPress title, an ANS caption's credit).
pub fn text_of(html: &str, at: &Path, notes: &mut Notes) -> Option<String> {
    plain(&text(&parse(html, at, notes)))
}

/// Inline Markdown of an HTML string; `None` when it holds no text.
pub fn inline_of(html: &str, at: &Path, notes: &mut Notes) -> Option<String> {
    inline(&parse(html, at, notes), at, notes)
}

/// Inline Markdown of `nodes`: the supported inline elements become Markdown, block elements
/// become line breaks, everything else keeps its text (one note names the markup dropped).
pub fn inline(nodes: &[Node], at: &Path, notes: &mut Notes) -> Option<String> {
    let mut writer = PhrasingMarkdownWriter { markdown: InlineMarkdown::new(notes.max_mark_depth), dropped: Vec::new(), at, notes };
    writer.nodes(nodes);
    let PhrasingMarkdownWriter { markdown, dropped, .. } = writer;
    if !dropped.is_empty() {
        notes.add(at, format!("markup the format does not have was dropped, its text kept: {}", dropped.join(", ")));
    }
    markdown.finish()
}

/// Writes HTML's phrasing content (text, `<b>`, `<a>`, `<code>` …) as one inline Markdown field.
struct PhrasingMarkdownWriter<'n> {
    markdown: InlineMarkdown,
    /// Names of the elements dropped (`<span>`), each once, for one note.
    dropped: Vec<String>,
    at: &'n Path,
    notes: &'n mut Notes,
}

impl PhrasingMarkdownWriter<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => self.text(text),
                Node::Element(e) => self.element(e),
            }
        }
    }

    /// Runs of white space read as one space, as a browser shows them.
    fn text(&mut self, text: &str) {
        let mut last_space = false;
        let collapsed: String = text
            .chars()
            .filter_map(|c| {
                let space = c.is_ascii_whitespace();
                let keep = !(space && last_space);
                last_space = space;
                keep.then_some(if space { ' ' } else { c })
            })
            .collect();
        self.markdown.text(&collapsed);
    }

    fn element(&mut self, e: &Element) {
        let mark = match e.name.as_str() {
            "strong" | "b" => Some(Mark::Strong),
            "em" | "i" => Some(Mark::Emphasis),
            "code" => Some(Mark::Code),
            "s" | "del" | "strike" => Some(Mark::Strike),
            "a" => e.attr("href").and_then(|href| url(href, UrlUse::Link, self.at, self.notes)).map(Mark::Link),
            _ => None,
        };
        match e.name.as_str() {
            "br" => return self.markdown.line_break(),
            "script" | "style" | "template" => {
                self.notes.add(self.at, format!("a <{}> element was dropped (it holds code, not text)", e.name));
                return;
            }
            "img" => {
                let alt = e.attr("alt").and_then(plain);
                self.notes.add(self.at, match &alt {
                    Some(_) => "an image inside text cannot be kept there; its alt text is kept as text".to_owned(),
                    None => "an image inside text without alt text was left out".to_owned(),
                });
                if let Some(alt) = alt {
                    self.markdown.text(&alt);
                }
                return;
            }
            "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "ul" | "ol" | "figure" | "figcaption" | "pre" | "tr" | "table" | "section"
            | "dl" | "dt" | "dd" | "caption" | "summary" | "details" | "address" | "center" | "article" | "aside" | "header" | "footer" | "hgroup" => {
                if !matches!(e.name.as_str(), "p" | "div") {
                    self.drop(&e.name);
                }
                self.markdown.line_break();
                self.nodes(&e.children);
                self.markdown.line_break();
                return;
            }
            "a" if mark.is_none() && e.attr("href").is_none() => self.drop("a without href"),
            "a" => {}
            _ if mark.is_none() => self.drop(&e.name),
            _ => {}
        }
        let applied = match mark.clone().map(|m| self.markdown.open(m)) {
            Some(Err(refused)) => {
                self.notes.add(self.at, format!("<{}> kept as text only: {}", e.name, refused.reason()));
                false
            }
            Some(Ok(())) => true,
            None => false,
        };
        self.nodes(&e.children);
        if let (true, Some(mark)) = (applied, &mark) {
            self.markdown.close(mark);
        }
    }

    fn drop(&mut self, name: &str) {
        let name = format!("<{name}>");
        if !self.dropped.contains(&name) {
            self.dropped.push(name);
        }
    }
}

/// Format 1.1 blocks for an HTML fragment that holds blocks (a classic WordPress post, an
/// `html` block, ANS `raw_html`): paragraphs, headings, lists, quotes, images, figures, rules,
/// preformatted text, YouTube and Vimeo frames (facades) and other frames (link cards). Inline
/// content between blocks becomes a paragraph; other containers are read through.
pub fn blocks(nodes: &[Node], at: &Path, notes: &mut Notes, max_list_depth: usize) -> Vec<Value<'static>> {
    let mut out = Vec::new();
    let mut loose: Vec<Node> = Vec::new();
    let nodes = lift_media(nodes, at, notes);
    for node in nodes.iter() {
        let is_block = matches!(node, Node::Element(e) if is_block_element(&e.name));
        if !is_block {
            loose.push(node.clone());
            continue;
        }
        flush_paragraph(&mut loose, &mut out, at, notes);
        if let Node::Element(e) = node {
            let here = place(e, at, notes);
            block_element(e, &mut out, &here, notes, max_list_depth);
        }
    }
    flush_paragraph(&mut loose, &mut out, at, notes);
    out
}

/// The attribute the HTML page importer stamps on each element of a page with its number, so
/// that notes can name the element's place in the page (the stamps never reach the output).
pub const STAMP: &str = "data-broadsheet-at";

/// Where `e` sits in the source: its own place when the importer knows it (an HTML page, whose
/// elements it stamped), else `at`, the place of the HTML around it.
fn place(e: &Element, at: &Path, notes: &Notes) -> Path {
    e.attr(STAMP).and_then(|stamp| notes.place_of(stamp)).unwrap_or_else(|| at.clone())
}

fn is_block_element(name: &str) -> bool {
    closes_paragraph(name)
        || matches!(
            name,
            "img" | "picture" | "iframe" | "script" | "style" | "template" | "main" | "figcaption" | "video" | "audio"
                | "dt" | "dd" | "li" | "summary" | "center" | "address" | "hgroup" | "fieldset" | "legend" | "menu" | "dialog" | "caption"
        )
}

/// Whether `nodes` hold an image, a frame or a player anywhere.
fn holds_media(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Element(e) => is_media(&e.name) || holds_media(&e.children),
        Node::Text(_) => false,
    })
}

fn is_media(name: &str) -> bool {
    matches!(name, "img" | "picture" | "iframe" | "video" | "audio")
}

/// `nodes` with the inline elements that hold media (`<a><img></a>`, `<span><img></span>`)
/// replaced by their content, so the media become blocks of their own; a link dropped that way
/// is noted.
fn lift_media<'n>(nodes: &'n [Node], at: &Path, notes: &mut Notes) -> Cow<'n, [Node]> {
    let lifts = |node: &Node| matches!(node, Node::Element(e) if is_phrasing(&e.name) && holds_media(&e.children));
    if !nodes.iter().any(lifts) {
        return Cow::Borrowed(nodes);
    }
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Element(e) if lifts(node) => {
                if e.name == "a" && e.attr("href").is_some() {
                    let here = place(e, at, notes);
                    notes.add(&here, "the link around the image was dropped (images link nowhere in the format)");
                }
                out.extend(lift_media(&e.children, at, notes).iter().cloned());
            }
            other => out.push(other.clone()),
        }
    }
    Cow::Owned(out)
}

fn flush_paragraph(loose: &mut Vec<Node>, out: &mut Vec<Value<'static>>, at: &Path, notes: &mut Notes) {
    if let Some(text) = inline(loose, at, notes) {
        let mut paragraph = block("paragraph");
        paragraph.set("text", string(text));
        out.push(paragraph.into_value());
    }
    loose.clear();
}

fn block_element(e: &Element, out: &mut Vec<Value<'static>>, at: &Path, notes: &mut Notes, max_list_depth: usize) {
    match e.name.as_str() {
        "p" => {
            // Images inside a paragraph become blocks of their own, in place.
            if holds_media(&e.children) {
                return out.extend(blocks(&e.children, at, notes, max_list_depth));
            }
            flush_paragraph(&mut e.children.clone(), out, at, notes);
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = f64::from(e.name.as_bytes()[1] - b'0');
            if level == 1.0 {
                notes.add(at, "an <h1> in the body is written as a level 2 heading (the headline is the article's h1)");
            }
            if let Some(text) = inline(&e.children, at, notes) {
                let mut heading = block("heading");
                heading.set("level", Value::Number(level.max(2.0))).set("text", string(text));
                out.push(heading.into_value());
            }
        }
        "ul" | "ol" => out.extend(list(e, at, notes, max_list_depth)),
        "blockquote" => out.extend(quote(e, at, notes)),
        "hr" => out.push(block("divider").into_value()),
        "img" => out.extend(image_element(e, None, at, notes)),
        "picture" => match find(&e.children, "img") {
            Some(img) => out.extend(picture_image(e, img, None, None, at, notes)),
            None => notes.add(at, "a <picture> without an <img> was left out"),
        },
        "iframe" => out.extend(frame(e, None, at, notes)),
        "figure" => figure(e, out, at, notes, max_list_depth),
        "pre" => {
            let code = text_keeping_lines(&e.children);
            if !code.trim().is_empty() {
                let fence = "`".repeat(longest_backtick_run(&code).max(2) + 1);
                let language = code_language(e).unwrap_or_default();
                let mut markdown = block("markdown");
                markdown.set("text", string(format!("{fence}{language}\n{}\n{fence}", code.trim_end_matches('\n'))));
                out.push(markdown.into_value());
            }
        }
        "script" | "style" | "template" => notes.add(at, format!("a <{}> element was dropped (it holds code, not text)", e.name)),
        "video" | "audio" => {
            notes.add(at, format!("a <{}> element cannot be played by the format; its source is kept as a link card", e.name));
            let src = e.attr("src").map(str::to_owned).or_else(|| find(&e.children, "source").and_then(|s| s.attr("src")).map(str::to_owned));
            match src {
                Some(src) => out.extend(video_or_embed(Embedded { url: src, title: e.attr("title").and_then(plain), ..Embedded::default() }, at, notes)),
                None => out.extend(blocks(&e.children, at, notes, max_list_depth)),
            }
        }
        "table" => table(e, out, at, notes, max_list_depth),
        "dt" | "dd" | "summary" | "legend" | "caption" | "address" => {
            if holds_blocks(&e.children) {
                out.extend(blocks(&e.children, at, notes, max_list_depth));
            } else {
                flush_paragraph(&mut e.children.clone(), out, at, notes);
            }
        }
        "li" => {
            notes.add(at, "a list item outside a list was read as a paragraph");
            out.extend(blocks(&e.children, at, notes, max_list_depth));
        }
        _ => {
            if !matches!(e.name.as_str(), "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "center" | "hgroup" | "dl" | "details") {
                notes.add(at, format!("<{}> is not a block the format has; its content was read as blocks", e.name));
            }
            out.extend(blocks(&e.children, at, notes, max_list_depth));
        }
    }
}

/// Whether `nodes` hold block elements (so they read as blocks, not as one paragraph).
fn holds_blocks(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| matches!(n, Node::Element(c) if is_block_element(&c.name)))
}

/// The language a `<pre>` says its code is in (`<pre><code class="language-rust">`), for the
/// fence's info string.
fn code_language(e: &Element) -> Option<String> {
    let classes = [e.attr("class"), find(&e.children, "code").and_then(|c| c.attr("class"))];
    classes.into_iter().flatten().flat_map(str::split_ascii_whitespace).find_map(|class| {
        let language = class.strip_prefix("language-").or_else(|| class.strip_prefix("lang-"))?;
        let fit = !language.is_empty() && language.len() <= 32 && language.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '#'));
        fit.then(|| language.to_owned())
    })
}

/// One row of a table: its cells, and whether they are all header cells.
struct Row<'e> {
    cells: Vec<&'e Element>,
    header: bool,
}

/// The rows of `table`, in order (`<thead>`, `<tbody>`, `<tfoot>` or none), not those of
/// tables nested in it.
fn rows(table: &Element) -> Vec<Row<'_>> {
    fn collect<'e>(e: &'e Element, in_head: bool, out: &mut Vec<Row<'e>>) {
        for child in &e.children {
            let Node::Element(child) = child else { continue };
            match child.name.as_str() {
                "tr" => {
                    let cells: Vec<&Element> = child
                        .children
                        .iter()
                        .filter_map(|c| match c {
                            Node::Element(c) if c.name == "td" || c.name == "th" => Some(c),
                            _ => None,
                        })
                        .collect();
                    let header = in_head || (!cells.is_empty() && cells.iter().all(|c| c.name == "th"));
                    out.push(Row { cells, header });
                }
                "thead" => collect(child, true, out),
                "tbody" | "tfoot" => collect(child, false, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    collect(table, false, &mut out);
    out
}

/// A `<table>`: a table of data becomes a Markdown table; one used for layout (nested tables,
/// a single row or column, cells that hold blocks, `role="presentation"`) is read as the blocks
/// in its cells, in order.
fn table(e: &Element, out: &mut Vec<Value<'static>>, at: &Path, notes: &mut Notes, max_list_depth: usize) {
    let rows = rows(e);
    let columns = rows.iter().map(|r| r.cells.iter().map(|c| span(c, "colspan")).sum::<usize>()).max().unwrap_or(0);
    let cell_holds_blocks = rows.iter().flat_map(|r| &r.cells).any(|c| {
        c.children.iter().any(|n| matches!(n, Node::Element(b) if is_block_element(&b.name) && b.name != "p"))
            || c.children.iter().filter(|n| matches!(n, Node::Element(p) if p.name == "p")).count() > 1
    });
    let layout = e.attr("role") == Some("presentation") || find(&e.children, "table").is_some() || rows.len() < 2 || columns < 2 || cell_holds_blocks || columns > 64;
    let caption = find(&e.children, "caption").and_then(|c| inline(&c.children, at, notes));
    if layout {
        if let Some(caption) = caption {
            let mut paragraph = block("paragraph");
            paragraph.set("text", string(caption));
            out.push(paragraph.into_value());
        }
        for row in &rows {
            for cell in &row.cells {
                let here = place(cell, at, notes);
                out.extend(blocks(&cell.children, &here, notes, max_list_depth));
            }
        }
        if !rows.is_empty() {
            notes.add(at, "a table used for layout (not a table of data) was read as the blocks in its cells");
        }
        return;
    }
    let mut lines = Vec::new();
    if let Some(caption) = caption {
        lines.push(caption.replace("\\\n", " "));
        lines.push(String::new());
    }
    let mut spanned = false;
    let write_row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut body = rows.iter().peekable();
    let header: Vec<String> = match body.peek() {
        Some(row) if row.header => {
            let row = body.next().expect("peeked");
            row_cells(row, columns, at, notes, &mut spanned)
        }
        _ => vec![String::new(); columns],
    };
    lines.push(write_row(header));
    lines.push(format!("|{}", " --- |".repeat(columns)));
    for row in body {
        let cells = row_cells(row, columns, at, notes, &mut spanned);
        lines.push(write_row(cells));
    }
    if spanned {
        notes.add(at, "cells that span rows or columns were written once, in their first row and column");
    }
    let mut markdown = block("markdown");
    markdown.set("text", string(lines.join("\n")));
    out.push(markdown.into_value());
}

/// A cell's `colspan` or `rowspan`, 1 to 64.
fn span(cell: &Element, name: &str) -> usize {
    cell.attr(name).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 64)
}

/// A row's cells as inline Markdown fit for a table cell, padded to `columns`.
fn row_cells(row: &Row, columns: usize, at: &Path, notes: &mut Notes, spanned: &mut bool) -> Vec<String> {
    let mut cells = Vec::new();
    for cell in &row.cells {
        let text = inline(&cell.children, at, notes).unwrap_or_default();
        cells.push(table_cell(&text));
        let colspan = span(cell, "colspan");
        *spanned |= colspan > 1 || span(cell, "rowspan") > 1;
        cells.extend(std::iter::repeat_n(String::new(), colspan - 1));
    }
    cells.resize(columns.max(cells.len()), String::new());
    cells.truncate(columns);
    cells
}

/// Inline Markdown made fit for one table cell: line breaks become spaces, and every `|` not
/// already escaped is (a table splits its cells before it reads links or code).
fn table_cell(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut backslashes = 0;
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'\n') && backslashes % 2 == 0 => {
                chars.next();
                out.push(' ');
                backslashes = 0;
                continue;
            }
            '\n' => out.push(' '),
            '|' if backslashes % 2 == 0 => out.push_str("\\|"),
            c => out.push(c),
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    out
}

/// Text with its line breaks, for `<pre>`.
fn text_keeping_lines(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name == "br" => out.push('\n'),
            Node::Element(e) if is_raw_text(&e.name) => {}
            Node::Element(e) => out.push_str(&text_keeping_lines(&e.children)),
        }
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A `<ul>` or `<ol>` as a list block; lists nested past `max_list_depth` are flattened into
/// their parent item's text, with a note.
pub fn list(e: &Element, at: &Path, notes: &mut Notes, max_list_depth: usize) -> Option<Value<'static>> {
    let items = list_items(e, at, notes, 1, max_list_depth);
    if items.is_empty() {
        return None;
    }
    let mut list = block("list");
    if e.name == "ol" {
        list.set("ordered", Value::Bool(true));
    }
    list.set("items", Value::Array(items));
    Some(list.into_value())
}

fn list_items(e: &Element, at: &Path, notes: &mut Notes, depth: usize, max_depth: usize) -> Vec<Value<'static>> {
    let mut items = Vec::new();
    for child in &e.children {
        let li = match child {
            Node::Element(li) if li.name == "li" => li,
            // Text or elements straight inside a list read as an item of their own.
            other => {
                if let Some(text) = inline(std::slice::from_ref(other), at, notes) {
                    items.push(string(text));
                }
                continue;
            }
        };
        let (nested, own): (Vec<&Node>, Vec<&Node>) =
            li.children.iter().partition(|n| matches!(n, Node::Element(c) if c.name == "ul" || c.name == "ol"));
        let own: Vec<Node> = own.into_iter().cloned().collect();
        let mut text = inline(&own, at, notes);
        let mut sublists = Vec::new();
        for sub in nested {
            let Node::Element(sub) = sub else { continue };
            if depth >= max_depth {
                notes.add(at, format!("a list nested deeper than {max_depth} levels was flattened into its parent item"));
                let flat = text_of_list(sub);
                text = Some([text.unwrap_or_default(), super::inline::escaped(&flat)].join(" ").trim().to_owned());
                continue;
            }
            let sub_items = list_items(sub, at, notes, depth + 1, max_depth);
            if !sub_items.is_empty() {
                sublists.push((sub.name == "ol", sub_items));
            }
        }
        let text = match text {
            Some(text) if !text.is_empty() => text,
            _ if sublists.is_empty() => continue,
            _ => {
                notes.add(at, "a list item with no text of its own holds a nested list; the item reads \"…\"");
                "…".to_owned()
            }
        };
        if sublists.is_empty() {
            items.push(string(text));
            continue;
        }
        // The format nests one list under an item; further sublists join the first.
        let ordered = sublists[0].0;
        let sub_items: Vec<Value<'static>> = sublists.into_iter().flat_map(|(_, items)| items).collect();
        let mut item = ObjectBuilder::new();
        item.set("text", string(text)).set("items", Value::Array(sub_items));
        if ordered {
            item.set("ordered", Value::Bool(true));
        }
        items.push(item.into_value());
    }
    items
}

fn text_of_list(e: &Element) -> String {
    text(&e.children)
}

/// A `<blockquote>` as a quote; a `<cite>` or `<footer>` in it names who said it.
pub fn quote(e: &Element, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let (cite, said): (Vec<&Node>, Vec<&Node>) =
        e.children.iter().partition(|n| matches!(n, Node::Element(c) if c.name == "cite" || c.name == "footer"));
    let said: Vec<Node> = said.into_iter().cloned().collect();
    let cite: Vec<Node> = cite.into_iter().cloned().collect();
    let text = inline(&said, at, notes);
    let cite = plain(&text_stripping_dash(&cite));
    let Some(text) = text else {
        return crate::article_json::paragraph([cite.map(|c| super::inline::escaped(&c))]);
    };
    let mut quote = block("quote");
    quote.set("text", string(text)).set_some("cite", cite.map(string));
    if let Some(source) = e.attr("cite").and_then(|s| url(s, UrlUse::Link, at, notes)) {
        quote.set("source", string(source));
    }
    Some(quote.into_value())
}

/// The text of a citation, without the dash people put before a name.
fn text_stripping_dash(nodes: &[Node]) -> String {
    text(nodes).trim_start_matches(['—', '–', '-', ' ']).to_owned()
}

/// An `<img>` as an image block, with a caption when it has one.
pub fn image_element(e: &Element, caption: Option<String>, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    picture_image(e, e, caption, None, at, notes)
}

/// Attributes lazy-loading scripts keep the real source in, until the image scrolls into view.
const LAZY_SOURCES: [&str; 6] = ["data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src"];
const LAZY_SRCSETS: [&str; 3] = ["data-srcset", "data-lazy-srcset", "data-original-set"];

/// An image from `img` inside `picture` (the same element for a bare `<img>`): its source is
/// `src`, or where a lazy loader keeps it (`data-src` …, the widest `srcset` candidate, a
/// `<source>` of the picture) when `src` is missing or a placeholder (`data:`); `srcset` with
/// width descriptors is kept as the image's responsive sources.
fn picture_image(picture: &Element, img: &Element, caption: Option<String>, credit: Option<String>, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let number = |name: &str| img.attr(name).and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok());
    let given = img.attr("src").map(str::trim).filter(|s| !s.is_empty() && !s.to_ascii_lowercase().starts_with("data:"));
    let srcset_text = img
        .attr("srcset")
        .or_else(|| LAZY_SRCSETS.iter().find_map(|name| img.attr(name)))
        .or_else(|| {
            let sources = picture.children.iter().filter_map(|n| match n {
                Node::Element(s) if s.name == "source" && s.attr("media").is_none() => s.attr("srcset").or_else(|| s.attr("data-srcset")),
                _ => None,
            });
            sources.into_iter().next()
        })
        .filter(|s| !s.trim().is_empty());
    let candidates = srcset_text.map(parse_srcset).unwrap_or_default();
    let lazy = LAZY_SOURCES.iter().find_map(|name| img.attr(name)).map(str::trim).filter(|s| !s.is_empty());
    let widest = candidates.iter().filter(|c| c.1.is_some()).max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal)).or(candidates.first()).map(|c| c.0.as_str());
    // A `data:` placeholder with nothing better is what the image has (the URL policy speaks).
    let Some(src) = given.or(lazy).or(widest).or(img.attr("src")) else {
        notes.add(at, "an <img> without src was left out");
        return crate::article_json::paragraph([img.attr("alt").and_then(plain).map(|a| super::inline::escaped(&a)), caption]);
    };
    if given.is_none() && img.attr("src").is_some_and(|s| s != src) {
        notes.add(at, "the image's src is a placeholder; its real source was taken from where its lazy loader keeps it");
    }
    let srcset = match candidates.iter().all(|c| c.1.is_some()) {
        true => candidates.iter().map(|(src, width)| (src.clone(), width.unwrap_or(0.0))).collect(),
        false => Vec::new(),
    };
    let fields = ImageFields {
        src: src.to_owned(),
        alt: img.attr("alt").map(str::to_owned),
        width: number("width"),
        height: number("height"),
        caption,
        credit,
        sizes: if srcset.is_empty() { None } else { img.attr("sizes").map(str::to_owned) },
        srcset,
    };
    image(fields, at, notes)
}

/// A `srcset`'s candidates: each URL with its width when it has a `w` descriptor.
pub fn parse_srcset(srcset: &str) -> Vec<(String, Option<f64>)> {
    let mut out = Vec::new();
    let mut rest = srcset.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
    while !rest.is_empty() {
        let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let mut url = &rest[..end];
        rest = &rest[end..];
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let stop = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..stop].trim();
            rest = rest.get(stop + 1..).unwrap_or("");
        }
        let width = descriptor.strip_suffix('w').and_then(|w| w.parse::<f64>().ok());
        if !url.is_empty() {
            out.push((url.to_owned(), width));
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
    }
    out
}

/// An `<iframe>`: a YouTube or Vimeo player becomes a facade, anything else a link card.
fn frame(e: &Element, caption: Option<String>, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let Some(src) = e.attr("src") else {
        notes.add(at, "an <iframe> without src was left out");
        return None;
    };
    let embedded = Embedded { url: src.to_owned(), title: e.attr("title").and_then(plain), caption, ..Embedded::default() };
    video_or_embed(embedded, at, notes)
}

/// A `<figure>`: an image, a picture or a frame with its `<figcaption>` (a credit in it, marked
/// by its class or a `<cite>`, is the credit); anything else is read as blocks, the caption as a
/// paragraph after them.
fn figure(e: &Element, out: &mut Vec<Value<'static>>, at: &Path, notes: &mut Notes, max_list_depth: usize) {
    let figcaption = find(&e.children, "figcaption");
    let (caption, credit) = figcaption.map(|c| caption_and_credit(c, at, notes)).unwrap_or_default();
    let content: Vec<Node> = e.children.iter().filter(|n| !matches!(n, Node::Element(c) if c.name == "figcaption")).cloned().collect();
    let mut media = Vec::new();
    collect_media(&content, &mut media);
    if let [(element, picture)] = media[..] {
        if matches!(element.name.as_str(), "img" | "iframe") && !has_text(&content) {
            if find_link(&content) {
                notes.add(at, "the link around the image was dropped (images link nowhere in the format)");
            }
            let block = match element.name.as_str() {
                "img" => picture_image(picture.unwrap_or(element), element, caption, credit, at, notes),
                _ => frame(element, with_credit(caption, credit), at, notes),
            };
            return out.extend(block);
        }
    }
    out.extend(blocks(&content, at, notes, max_list_depth));
    if let Some(caption) = with_credit(caption, credit) {
        let mut paragraph = block("paragraph");
        paragraph.set("text", string(caption));
        out.push(paragraph.into_value());
    }
}

/// The caption joined with its credit, for where a block has no credit of its own.
fn with_credit(caption: Option<String>, credit: Option<String>) -> Option<String> {
    match (caption, credit.map(|c| super::inline::escaped(&c))) {
        (Some(caption), Some(credit)) => Some(format!("{caption} {credit}")),
        (caption, credit) => caption.or(credit),
    }
}

/// Images (with the `<picture>` around each, if any), frames and players in `nodes`.
fn collect_media<'n>(nodes: &'n [Node], out: &mut Vec<(&'n Element, Option<&'n Element>)>) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        match e.name.as_str() {
            "picture" => {
                if let Some(img) = find(&e.children, "img") {
                    out.push((img, Some(e)));
                }
            }
            "img" | "iframe" | "video" | "audio" => out.push((e, None)),
            _ => collect_media(&e.children, out),
        }
    }
}

/// Whether `nodes` hold text a reader sees (an image's alt aside).
fn has_text(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Text(text) => !text.trim().is_empty(),
        Node::Element(e) if is_raw_text(&e.name) || e.name == "img" => false,
        Node::Element(e) => has_text(&e.children),
    })
}

fn find_link(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| matches!(node, Node::Element(e) if (e.name == "a" && e.attr("href").is_some()) || find_link(&e.children)))
}

/// Words in a class or id that mark an image's credit.
const CREDIT_CLASSES: [&str; 6] = ["credit", "copyright", "photographer", "attribution", "byline", "courtesy"];

/// A `<figcaption>`'s caption (inline Markdown) and credit (plain text): the credit is what sits
/// in elements whose class says so (`credit`, `copyright` …) or in a `<cite>`.
fn caption_and_credit(figcaption: &Element, at: &Path, notes: &mut Notes) -> (Option<String>, Option<String>) {
    fn is_credit(e: &Element) -> bool {
        let marked = |v: Option<&str>| v.is_some_and(|v| v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| CREDIT_CLASSES.contains(&w.to_ascii_lowercase().as_str())));
        e.name == "cite" || marked(e.attr("class")) || marked(e.attr("id"))
    }
    fn split(nodes: &[Node], caption: &mut Vec<Node>, credits: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Element(e) if is_credit(e) => credits.extend(plain(&text(&e.children))),
                Node::Element(e) if !is_phrasing(&e.name) && e.children.iter().any(|n| matches!(n, Node::Element(c) if is_credit(c))) => {
                    let mut inner = Vec::new();
                    split(&e.children, &mut inner, credits);
                    caption.push(Node::Element(Element { name: e.name.clone(), attrs: e.attrs.clone(), children: inner }));
                }
                other => caption.push(other.clone()),
            }
        }
    }
    let (mut caption, mut credits) = (Vec::new(), Vec::new());
    split(&figcaption.children, &mut caption, &mut credits);
    let credit = plain(&credits.join(" "));
    (inline(&caption, at, notes), credit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::json::JsonStyle;

    fn inline_md(html: &str) -> (Option<String>, Vec<String>) {
        let mut notes = Notes::default();
        let md = inline_of(html, &Path::default(), &mut notes);
        (md, notes.list.iter().map(|n| n.to_string()).collect())
    }

    fn blocks_json(html: &str) -> String {
        let mut notes = Notes::default();
        let nodes = parse(html, &Path::default(), &mut notes);
        Value::Array(blocks(&nodes, &Path::default(), &mut notes, 8)).to_json(JsonStyle::Script)
    }

    #[test]
    fn inline_subset_becomes_markdown() {
        let (md, notes) = inline_md("<b>Bold</b> and <em>it*</em>, <code>x &lt; y</code> <a href=\"https://e.test/\">link</a><br>next <span class=x>span</span>");
        assert_eq!(md.unwrap(), "**Bold** and *it\\**, `x < y` [link](<https://e.test/>)\\\nnext span");
        assert_eq!(notes, ["markup the format does not have was dropped, its text kept: <span>"]);
    }

    #[test]
    fn refused_links_and_scripts_keep_text_and_are_noted() {
        let (md, notes) = inline_md("<a href=\"javascript:alert(1)\">click</a><script>alert(2)</script> <img src=x onerror=alert(3) alt=\"A cat\">");
        assert_eq!(md.unwrap(), "click A cat");
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].contains("javascript:alert(1)"), "{notes:?}");
    }

    #[test]
    fn plain_text_runs_inline_elements_on() {
        let nodes = parse("<i>Dune</i>: Part <b>Two</b>'s <span>re</span>view<br>next<p>para</p><td>a</td><td>b</td>", &Path::default(), &mut Notes::default());
        assert_eq!(text(&nodes), "Dune: Part Two's review next para a b");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let (md, notes) = inline_md(&html);
        assert_eq!(md.unwrap(), "deep");
        assert!(notes[0].contains("nest deeper"), "{notes:?}");
        let bold = "<b><i>".repeat(5_000) + "x";
        assert_eq!(inline_md(&bold).0.unwrap().matches('x').count(), 1);
    }

    #[test]
    fn blocks_from_a_classic_post() {
        assert_eq!(
            blocks_json("Intro <b>text</b><h2>Head</h2><ul><li>one<ul><li>two</li></ul></li><li>three</ul><figure><img src=\"/a.jpg\" alt=\"A\" width=4 height=3><figcaption>Cap</figcaption></figure><blockquote><p>Said</p><cite>— Ann</cite></blockquote><hr><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"T\"></iframe>"),
            concat!(
                r#"[{"type":"paragraph","text":"Intro **text**"},{"type":"heading","level":2,"text":"Head"},"#,
                r#"{"type":"list","items":[{"text":"one","items":["two"]},"three"]},"#,
                r#"{"type":"image","src":"/a.jpg","alt":"A","width":4,"height":3,"caption":"Cap"},"#,
                r#"{"type":"quote","text":"Said","cite":"Ann"},{"type":"divider"},"#,
                r#"{"type":"youtube","url":"https://www.youtube.com/embed/dQw4w9WgXcQ","title":"T"}]"#
            )
        );
    }
}
