//! Gutenberg blocks into format 1.1 blocks: one method per core block the format has a form for;
//! containers are read through, and any other block is read as the HTML it saved, with a note.

use std::collections::HashSet;

use super::classic::{self, heading_level, img_as_saved, link_dropped, MORE_LEFT_OUT, PAGE_BREAK_LEFT_OUT};
use super::grammar::{Block, Document, Piece};
use broadsheet::Path;
use crate::html::{self, Element, Node};
use crate::article_json::{block, Embedded, Notes, plain, string, video_or_embed};
use broadsheet::json::Value;

/// Reads blocks; holds what must be known across them.
pub(super) struct PostBlockReader<'n> {
    notes: &'n mut Notes,
    max_list_depth: usize,
    /// Heading ids given so far (the format wants them unique).
    heading_ids: HashSet<String>,
    /// Whether HTML outside blocks is classic content, whose blank lines make paragraphs as
    /// WordPress's `wpautop` makes them; rendered HTML (`content.rendered`) already has them.
    classic: bool,
    /// The post's footnotes (HTML, from `meta.footnotes`), until the `footnotes` block writes them.
    footnotes: Vec<String>,
}

impl<'n> PostBlockReader<'n> {
    pub fn new(notes: &'n mut Notes, max_list_depth: usize, classic: bool, footnotes: Vec<String>) -> Self {
        PostBlockReader { notes, max_list_depth, heading_ids: HashSet::new(), classic, footnotes }
    }

    /// The body: every top-level block at `at[i]` (`content.raw[3]`), HTML between blocks
    /// counting as one block (WordPress's classic block); content with no blocks at all is `at`.
    pub fn document(&mut self, document: &Document, at: &Path) -> Vec<Value<'static>> {
        for problem in &document.problems {
            self.notes.add(at, problem.clone());
        }
        let mut out = Vec::new();
        if document.content.iter().any(|piece| matches!(piece, Piece::Block(_))) {
            let mut index = 0;
            for piece in &document.content {
                match piece {
                    Piece::Html(html) if html.trim().is_empty() => continue,
                    Piece::Html(html) => out.extend(self.freeform(html, &at.index(index))),
                    Piece::Block(block) => out.extend(self.block(block, &at.index(index))),
                }
                index += 1;
            }
        } else {
            let html: String = document.content.iter().filter_map(|p| if let Piece::Html(h) = p { Some(*h) } else { None }).collect();
            out = self.freeform(&html, at);
        }
        if !self.footnotes.is_empty() {
            let at = Path::default().key("meta").key("footnotes");
            self.notes.add(&at, "the post has footnotes but no footnotes block to place them; they were written at the end");
            out.extend(self.footnotes(&at));
        }
        out
    }

    /// The footnotes as a numbered list, once.
    fn footnotes(&mut self, at: &Path) -> Option<Value<'static>> {
        let items: Vec<Value<'static>> = std::mem::take(&mut self.footnotes).iter().filter_map(|html| html::inline_of(html, at, self.notes)).map(string).collect();
        if items.is_empty() {
            return None;
        }
        self.notes.add(at, "the footnotes were written as a numbered list; their marks in the text read [1], [2] … and link nowhere");
        let mut list = block("list");
        list.set("ordered", Value::Bool(true)).set("items", Value::Array(items));
        Some(list.into_value())
    }

    /// One block at `at`.
    fn block(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        for problem in &b.problems {
            self.notes.add(at, problem.clone());
        }
        let notes_before = self.notes.list.len();
        let out = match b.name {
            "paragraph" | "html" | "code" | "table" | "video" | "audio" => self.html(b.body, at),
            "freeform" => self.freeform(b.body, at),
            "shortcode" => classic::blocks(b.body, at, self.notes, self.max_list_depth),
            "footnotes" => self.footnotes(at).into_iter().collect(),
            "heading" => self.heading(b, at),
            "list" => self.list(b, at),
            "list-item" => {
                self.notes.add(at, "a list item outside a list was read as a list of its own");
                self.list(b, at)
            }
            "image" => self.image(b, at),
            "gallery" => self.gallery(b, at),
            "quote" => self.quote(b, at, false),
            "pullquote" => self.quote(b, at, true),
            "separator" => vec![block("divider").into_value()],
            "embed" => self.embed(b, at),
            name if name.starts_with("core-embed/") => self.embed(b, at),
            "group" | "columns" => {
                self.notes.add(at, format!("the {} block was flattened: its inner blocks were read one after another, its layout not kept", b.name));
                self.container(b, at)
            }
            // Columns are read with the `columns` block that holds them, noted there.
            "column" => self.container(b, at),
            "buttons" => {
                self.notes.add(at, "the buttons were written as paragraphs with their links");
                self.container(b, at)
            }
            "button" => self.html(b.body, at),
            "preformatted" | "verse" => {
                self.notes.add(at, format!("the {} block was written as preformatted text: its lines are kept, any bold, italics or links in it are not", b.name));
                self.html(b.body, at)
            }
            "spacer" | "more" | "nextpage" => {
                let what = match b.name {
                    "spacer" => "the spacer (empty space for layout) was left out",
                    "more" => MORE_LEFT_OUT,
                    _ => PAGE_BREAK_LEFT_OUT,
                };
                self.notes.add(at, what);
                return Vec::new();
            }
            "block" => {
                let reference = b.attr("ref").map_or_else(String::new, |r| format!(" {}", r.to_json(broadsheet::json::JsonStyle::Script)));
                self.notes.add(at, format!("the reusable block{reference} is stored apart from the post, so its content is not here; it was left out"));
                return Vec::new();
            }
            _ => return self.other(b, at),
        };
        if !matches!(b.name, "group" | "columns" | "column" | "buttons" | "gallery") {
            // The block was read from its saved HTML; its inner blocks' own problems still count.
            self.inner_problems(b, at);
        }
        if out.is_empty() && self.notes.list.len() == notes_before {
            self.notes.add(at, format!("the {} block holds no text; it was left out", b.name));
        }
        out
    }

    /// The problems of `b`'s inner blocks, at their paths.
    fn inner_problems(&mut self, b: &Block, at: &Path) {
        for (index, inner) in b.inner_blocks().enumerate() {
            let at = at.key("innerBlocks").index(index);
            for problem in &inner.problems {
                self.notes.add(&at, problem.clone());
            }
            self.inner_problems(inner, &at);
        }
    }

    /// A block's HTML parsed, its footnote marks made text.
    fn parse(&mut self, html: &str, at: &Path) -> Vec<Node> {
        footnote_marks(html::parse(html, at, self.notes))
    }

    /// HTML read as blocks.
    fn html(&mut self, html: &str, at: &Path) -> Vec<Value<'static>> {
        let nodes = self.parse(html, at);
        html::blocks(&nodes, at, self.notes, self.max_list_depth)
    }

    /// HTML outside blocks: classic content, or rendered HTML.
    fn freeform(&mut self, html: &str, at: &Path) -> Vec<Value<'static>> {
        if self.classic {
            return classic::blocks(html, at, self.notes, self.max_list_depth);
        }
        let nodes = without_embed_wrappers(self.parse(html, at));
        html::blocks(&nodes, at, self.notes, self.max_list_depth)
    }

    /// A block the format has no form for: its inner blocks read in order with the HTML around
    /// them, or, when it saved nothing (a dynamic block WordPress fills in when the page is
    /// shown), nothing.
    fn other(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        if b.body.trim().is_empty() {
            self.notes.add(at, format!("the {} block has no content in the post (WordPress makes it when the page is shown); it was left out", b.name));
            return Vec::new();
        }
        self.notes.add(at, format!("the {} block is not one the format has; its content was read as HTML", b.name));
        let out = self.container(b, at);
        if out.is_empty() {
            self.notes.add(at, format!("the {} block holds no text; it was left out", b.name));
        }
        out
    }

    /// A block's own HTML and its inner blocks (at `at.innerBlocks[i]`), in order.
    fn container(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        let mut out = Vec::new();
        let mut index = 0;
        for piece in &b.content {
            match piece {
                Piece::Html(html) => out.extend(self.html(html, at)),
                Piece::Block(inner) => {
                    out.extend(self.block(inner, &at.key("innerBlocks").index(index)));
                    index += 1;
                }
            }
        }
        out
    }

    /// A heading: its level from the `level` attribute (default 2), its anchor as its id.
    fn heading(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        let nodes = self.parse(b.body, at);
        let Some(position) = nodes.iter().position(|node| matches!(node, Node::Element(e) if heading_level(&e.name).is_some())) else {
            return html::blocks(&nodes, at, self.notes, self.max_list_depth);
        };
        let mut rest = nodes;
        let Node::Element(element) = rest.remove(position) else { return Vec::new() };
        let tag_level = heading_level(&element.name).unwrap_or(2);
        let level = match b.attr("level") {
            Some(Value::Number(n)) if n.fract() == 0.0 && (1.0..=6.0).contains(n) => *n as u8,
            Some(other) => {
                self.notes.add(at, format!("the heading's level {} is not 1 to 6; its tag's, {tag_level}, was used", other.to_json(broadsheet::json::JsonStyle::Script)));
                tag_level
            }
            None => tag_level,
        };
        if level == 1 {
            self.notes.add(at, "a level 1 heading in the body is written as level 2 (the headline is the article's h1)");
        }
        let mut out = Vec::new();
        if let Some(text) = html::inline(&element.children, at, self.notes) {
            let mut heading = block("heading");
            heading.set("level", Value::Number(f64::from(level.max(2)))).set("text", string(text));
            if let Some(id) = element.attr("id").filter(|id| !id.is_empty()) {
                if !broadsheet::text::is_id(id) {
                    self.notes.add(at, format!("the heading's anchor \"{id}\" is not an id the format allows ([A-Za-z0-9_-], 1 to 64 characters); it was left out"));
                } else if !self.heading_ids.insert(id.to_owned()) {
                    self.notes.add(at, format!("the heading's anchor \"{id}\" is used by an earlier heading; it was left out"));
                } else {
                    heading.set("id", string(id));
                }
            }
            out.push(heading.into_value());
        }
        // Anything saved beside the heading element keeps its text.
        out.extend(html::blocks(&rest, at, self.notes, self.max_list_depth));
        out
    }

    /// A list, in either saved form: `<li>`s in the list's HTML, or `list-item` inner blocks.
    /// The `ordered` attribute decides the kind; a start other than 1 and counting down are noted.
    fn list(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        let mut nodes = self.parse(b.body, at);
        let ordered = matches!(b.attr("ordered"), Some(Value::Bool(true)));
        if b.name == "list-item" {
            nodes = vec![Node::Element(Element { name: "ul".into(), attrs: Vec::new(), children: nodes })];
        }
        if ordered {
            for node in &mut nodes {
                if let Node::Element(e) = node {
                    if e.name == "ul" {
                        e.name = "ol".into();
                    }
                }
            }
        }
        match b.attr("start") {
            Some(Value::Number(n)) if *n != 1.0 => self.notes.add(at, format!("the list starts at {n} in the source; the format numbers lists from 1")),
            _ => {}
        }
        if matches!(b.attr("reversed"), Some(Value::Bool(true))) {
            self.notes.add(at, "the list counts down in the source; the format counts up");
        }
        html::blocks(&nodes, at, self.notes, self.max_list_depth)
    }

    /// An image with its caption; its size from the `<img>`, or else from the attributes.
    fn image(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        let nodes = self.parse(b.body, at);
        let Some(img) = html::find(&nodes, "img") else {
            self.notes.add(at, "the image block holds no <img>; its content was read as HTML");
            return html::blocks(&nodes, at, self.notes, self.max_list_depth);
        };
        let mut img = img_as_saved(img);
        for name in ["width", "height"] {
            if img.attr(name).is_none() {
                if let Some(size) = b.attr(name).and_then(pixels) {
                    img.attrs.push((name.to_owned(), size.to_string()));
                }
            }
        }
        if let Some(link) = html::find(&nodes, "a").filter(|a| a.find("img").is_some()) {
            link_dropped(link, at, self.notes);
        }
        let caption = html::find(&nodes, "figcaption").and_then(|c| html::inline(&c.children, at, self.notes));
        html::image_element(&img, caption, at, self.notes).into_iter().collect()
    }

    /// A gallery: its images one after another (inner `image` blocks, or the `<figure>`s of the
    /// older saved form), then its caption as a paragraph.
    fn gallery(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        self.notes.add(at, "the gallery's images were written one after another");
        let own_html: String = b.content.iter().filter_map(|p| if let Piece::Html(h) = p { Some(*h) } else { None }).collect();
        let nodes = self.parse(&own_html, at);
        let gallery = html::find(&nodes, "figure");
        let mut out = Vec::new();
        if b.inner_blocks().next().is_some() {
            for (index, inner) in b.inner_blocks().enumerate() {
                out.extend(self.block(inner, &at.key("innerBlocks").index(index)));
            }
        } else {
            self.figures(gallery.map_or(&nodes[..], |g| &g.children), None, at, &mut out);
        }
        let caption = gallery.and_then(|g| {
            g.children.iter().find_map(|n| match n {
                Node::Element(e) if e.name == "figcaption" => Some(e),
                _ => None,
            })
        });
        if let Some(text) = caption.and_then(|c| html::inline(&c.children, at, self.notes)) {
            self.notes.add(at, "the gallery's caption was written as a paragraph after its images");
            let mut paragraph = block("paragraph");
            paragraph.set("text", string(text));
            out.push(paragraph.into_value());
        }
        out
    }

    /// The images under `nodes`, each with the caption of the `<figure>` it is in.
    fn figures(&mut self, nodes: &[Node], caption: Option<&Element>, at: &Path, out: &mut Vec<Value<'static>>) {
        for node in nodes {
            let Node::Element(e) = node else { continue };
            match e.name.as_str() {
                "img" => {
                    let caption = caption.and_then(|c| html::inline(&c.children, at, self.notes));
                    out.extend(html::image_element(&img_as_saved(e), caption, at, self.notes));
                }
                "figure" => {
                    let own = e.children.iter().find_map(|n| match n {
                        Node::Element(c) if c.name == "figcaption" => Some(c),
                        _ => None,
                    });
                    self.figures(&e.children, own, at, out);
                }
                "figcaption" => {}
                "a" if e.find("img").is_some() => {
                    link_dropped(e, at, self.notes);
                    self.figures(&e.children, caption, at, out);
                }
                _ => self.figures(&e.children, caption, at, out),
            }
        }
    }

    /// A quote or pullquote: its text, and who said it from its `<cite>`.
    fn quote(&mut self, b: &Block, at: &Path, pull: bool) -> Vec<Value<'static>> {
        let nodes = self.parse(b.body, at);
        let Some(quoted) = html::find(&nodes, "blockquote") else {
            return html::blocks(&nodes, at, self.notes, self.max_list_depth);
        };
        let Some(mut quote) = html::quote(quoted, at, self.notes) else { return Vec::new() };
        if pull && quote.field("type").and_then(Value::as_str) == Some("quote") {
            if let Value::Object(entries) = &mut quote {
                entries.push(("style".into(), string("pull")));
            }
        }
        vec![quote]
    }

    /// An embed: a YouTube or Vimeo video as a facade, anything else as a link card.
    fn embed(&mut self, b: &Block, at: &Path) -> Vec<Value<'static>> {
        let nodes = self.parse(b.body, at);
        let caption = html::find(&nodes, "figcaption").and_then(|c| html::inline(&c.children, at, self.notes));
        let url = match b.attr("url") {
            Some(Value::String(url)) => url.trim().to_owned(),
            // Without the attribute, the URL is what the block saved in its wrapper.
            _ => html::text(&without(&nodes, "figcaption")),
        };
        let slug = match b.attr("providerNameSlug") {
            Some(Value::String(slug)) => Some(slug.to_string()),
            _ => b.name.strip_prefix("core-embed/").map(str::to_owned),
        };
        if url.is_empty() {
            self.notes.add(at, "the embed has no URL; only its caption was kept");
            return crate::article_json::paragraph([caption]).into_iter().collect();
        }
        let embedded = Embedded { url, caption, provider: slug.as_deref().and_then(|slug| plain(&provider_name(slug))), ..Embedded::default() };
        video_or_embed(embedded, at, self.notes).into_iter().collect()
    }
}


/// A size attribute: a number, or a string of pixels (`"640px"`).
fn pixels(value: &Value) -> Option<u32> {
    let n = match value {
        Value::Number(n) => *n,
        Value::String(s) => s.trim().strip_suffix("px").unwrap_or(s.trim()).parse().ok()?,
        _ => return None,
    };
    broadsheet::article::Image::is_side(n).then_some(n as u32)
}

/// `nodes` with WordPress's footnote marks (`<sup data-fn="…"><a href="#…">1</a></sup>`) as the
/// text `[1]`: the anchors they link to are not in the article.
fn footnote_marks(nodes: Vec<Node>) -> Vec<Node> {
    nodes
        .into_iter()
        .map(|node| match node {
            Node::Element(e) if e.name == "sup" && e.attr("data-fn").is_some() => Node::Text(format!("[{}]", html::text(&e.children))),
            Node::Element(mut e) => {
                e.children = footnote_marks(e.children);
                Node::Element(e)
            }
            text => text,
        })
        .collect()
}

/// Rendered HTML with the `<div>` WordPress wraps an embed's frame in replaced by its content,
/// so the frame and the caption of the `<figure>` around it are read together.
fn without_embed_wrappers(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Element(e) if e.name == "div" && e.has_class("wp-block-embed__wrapper") => out.extend(without_embed_wrappers(e.children)),
            Node::Element(mut e) => {
                e.children = without_embed_wrappers(e.children);
                out.push(Node::Element(e));
            }
            text => out.push(text),
        }
    }
    out
}

/// `nodes` without their elements named `name` (at any depth).
fn without(nodes: &[Node], name: &str) -> Vec<Node> {
    nodes
        .iter()
        .filter(|n| !matches!(n, Node::Element(e) if e.name == name))
        .map(|n| match n {
            Node::Element(e) => Node::Element(Element { children: without(&e.children, name), ..e.clone() }),
            text => text.clone(),
        })
        .collect()
}

/// The name of an embed provider from WordPress's slug for it (the embed block's variations).
fn provider_name(slug: &str) -> String {
    const NAMES: [(&str, &str); 34] = [
        ("amazon-kindle", "Amazon Kindle"),
        ("animoto", "Animoto"),
        ("bluesky", "Bluesky"),
        ("cloudup", "Cloudup"),
        ("crowdsignal", "Crowdsignal"),
        ("dailymotion", "Dailymotion"),
        ("facebook", "Facebook"),
        ("flickr", "Flickr"),
        ("imgur", "Imgur"),
        ("instagram", "Instagram"),
        ("issuu", "Issuu"),
        ("kickstarter", "Kickstarter"),
        ("mixcloud", "Mixcloud"),
        ("pinterest", "Pinterest"),
        ("pocket-casts", "Pocket Casts"),
        ("polldaddy", "Polldaddy"),
        ("reddit", "Reddit"),
        ("reverbnation", "ReverbNation"),
        ("screencast", "Screencast"),
        ("scribd", "Scribd"),
        ("smugmug", "SmugMug"),
        ("soundcloud", "SoundCloud"),
        ("speaker-deck", "Speaker Deck"),
        ("spotify", "Spotify"),
        ("ted", "TED"),
        ("tiktok", "TikTok"),
        ("tumblr", "Tumblr"),
        ("twitter", "Twitter"),
        ("videopress", "VideoPress"),
        ("vimeo", "Vimeo"),
        ("wolfram-cloud", "Wolfram Cloud"),
        ("wordpress", "WordPress"),
        ("wordpress-tv", "WordPress.tv"),
        ("youtube", "YouTube"),
    ];
    NAMES.iter().find(|(s, _)| *s == slug).map_or_else(|| slug.to_owned(), |(_, name)| (*name).to_owned())
}
