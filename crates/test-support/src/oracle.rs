//! The oracle: what must hold of every HTML broadsheet writes, whatever the input.
//!
//! Shared, as this one file, by the fuzz targets (`fuzz/src/lib.rs`) and the property tests and
//! corpus replay (`tests/hostile.rs`, through `#[path]`). It reads the output with a real HTML5
//! parser (html5ever, through scraper), the way a browser would, and checks:
//!
//! 1. **Safe**: only the elements and attributes the writer is known to write, all in the HTML
//!    namespace (so no `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<form>`,
//!    `<base>`, `<meta>`, `<svg>`, `<math>`…, no `on*` and no `style` attribute, no comment);
//!    every URL the browser would use (`href`, `src`, `cite`, each `srcset` candidate) passes
//!    the URL policy (`broadsheet::escape::check_url`) *as the parser decoded it*; a facade's
//!    `data-bs-player` is the player's URL for a video id; and the parser reports no error, so
//!    the tree is the one the writer meant.
//! 2. **No text lost**: every text of the input appears, whitespace-normalised, in the text of
//!    the output. What counts as text is listed in [`expected_texts`]; for a Markdown field it is
//!    the text its Markdown holds: each run of Text, Code and raw HTML events of the same source
//!    (what pulldown-cmark yields, read exactly as the writer reads it) between two block
//!    boundaries or hard breaks. An image's description is found in an `alt` attribute.
//! 3. **Inline fields keep block syntax as text**: an inline Markdown field never parses to a
//!    heading, quote, list, code block, table or rule, which the writer would drop.

use std::borrow::Cow;

use broadsheet::article::*;
use broadsheet::escape::{check_url, UrlUse};
use pulldown_cmark::{Event, Options as MarkdownOptions, Parser, Tag, TagEnd};
use scraper::{Html, Node};

/// Elements the writer writes.
const ELEMENTS: &[&str] = &[
    "article", "header", "footer", "aside", "div", "p", "span", "small", "h1", "h2", "h3", "h4",
    "h5", "h6", "em", "strong", "code", "s", "sup", "sub", "a", "img", "figure", "figcaption",
    "blockquote", "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "pre",
    "time",
];

/// Attributes the writer writes. Everything else (`on*`, `style`, `formaction`, `srcdoc`, …) is
/// a finding.
const ATTRIBUTES: &[&str] = &[
    "class", "id", "lang", "dir", "aria-labelledby", "aria-label", "aria-hidden", "href", "src",
    "srcset", "sizes", "alt", "title", "width", "height", "loading", "decoding", "fetchpriority",
    "datetime", "cite", "start", "rel", "role", "tabindex", "data-bs-player", "data-bs-title",
    "data-bs-preconnect",
];

/// What the output of one render holds, as a browser's parser sees it.
pub struct Output {
    /// The text content, whitespace-normalised.
    pub text: String,
    /// Every `alt` attribute, whitespace-normalised.
    pub alts: Vec<String>,
    /// Everything unsafe found.
    pub problems: Vec<String>,
}

/// Parses an HTML fragment as a browser would (in a `<body>`) and checks that it is safe.
pub fn read_fragment(html: &str) -> Output {
    let document = Html::parse_fragment(html);
    let mut out = Output { text: String::new(), alts: Vec::new(), problems: Vec::new() };
    // Characters HTML cannot carry are parse errors by themselves; validation refuses them, and
    // for a model built by hand that holds them only the tree-based checks apply.
    if carries(html) {
        for error in &document.errors {
            out.problems.push(format!("HTML parse error: {error}"));
        }
    }
    let root = document.root_element();
    for node in root.descendants().skip(1) {
        match node.value() {
            Node::Text(text) => out.text.push_str(text),
            Node::Element(element) => check_element(element, &mut out),
            Node::Comment(comment) => out.problems.push(format!("comment <!--{}-->", &**comment)),
            other => out.problems.push(format!("unexpected node {other:?}")),
        }
    }
    out.text = normalize(&out.text);
    out
}

fn check_element(element: &scraper::node::Element, out: &mut Output) {
    let name = element.name();
    if &*element.name.ns != "http://www.w3.org/1999/xhtml" {
        out.problems.push(format!("element <{name}> in namespace {}", &*element.name.ns));
    }
    if !ELEMENTS.contains(&name) {
        out.problems.push(format!("element <{name}> is not one the writer writes"));
    }
    for (key, value) in element.attrs.iter() {
        let attribute = &*key.local;
        if !key.ns.is_empty() || key.prefix.is_some() {
            out.problems.push(format!("namespaced attribute {attribute} on <{name}>"));
        }
        if attribute.starts_with("on") {
            out.problems.push(format!("event handler attribute {attribute}={value:?} on <{name}>"));
        } else if attribute == "style" {
            out.problems.push(format!("style attribute on <{name}>"));
        } else if !ATTRIBUTES.contains(&attribute) {
            out.problems.push(format!("attribute {attribute} on <{name}> is not one the writer writes"));
        }
        let mut url = |url: &str, usage: UrlUse| {
            if let Err(why) = check_url(url, usage) {
                out.problems.push(format!("<{name} {attribute}> URL {url:?} is outside the policy: {why}"));
            }
        };
        match attribute {
            "href" | "cite" => url(value, UrlUse::Link),
            "src" => url(value, UrlUse::Resource),
            "srcset" => srcset_urls(value).into_iter().for_each(|u| url(u, UrlUse::Resource)),
            "data-bs-player" if !is_player_url(value) => {
                out.problems.push(format!("data-bs-player {value:?} is not a player URL for a video id"));
            }
            "data-bs-preconnect" if !value.is_empty() => {
                out.problems.push(format!("data-bs-preconnect has a value, {value:?}"));
            }
            "alt" => out.alts.push(normalize(value)),
            _ => {}
        }
    }
}

/// A player URL the writer makes: YouTube's or Vimeo's, for a real video id.
fn is_player_url(url: &str) -> bool {
    is_youtube_player_url(url) || is_vimeo_player_url(url)
}

/// `https://player.vimeo.com/video/ID?dnt=1&autoplay=1`, with `#t=Ns` after it or not.
fn is_vimeo_player_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://player.vimeo.com/video/") else { return false };
    let Some((id, tail)) = rest.split_once('?') else { return false };
    let start_ok = match tail.strip_prefix("dnt=1&autoplay=1") {
        Some("") => true,
        Some(fragment) => fragment
            .strip_prefix("#t=")
            .and_then(|t| t.strip_suffix('s'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    };
    broadsheet::vimeo::is_video_id(id) && start_ok
}

/// `https://www.youtube-nocookie.com/embed/ID?autoplay=1`, with `&start=N` after it or not.
fn is_youtube_player_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://www.youtube-nocookie.com/embed/") else { return false };
    let (id, query) = rest.split_at(rest.len().min(11));
    let start_ok = match query.strip_prefix("?autoplay=1") {
        Some("") => true,
        Some(rest) => rest.strip_prefix("&start=").is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    };
    broadsheet::youtube::is_video_id(id) && start_ok
}

/// The URLs a browser reads from a `srcset` (HTML's "parse a srcset attribute", without the
/// descriptors' meaning): skip whitespace and commas, take the run up to whitespace as the URL
/// (trailing commas dropped), then skip its descriptors up to a comma outside parentheses.
pub fn srcset_urls(srcset: &str) -> Vec<&str> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\x0C' | '\r');
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c| is_space(c) || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        let (url, after) = rest.split_at(end);
        rest = after;
        let trimmed = url.trim_end_matches(',');
        if !trimmed.is_empty() {
            urls.push(trimmed);
        }
        if trimmed.len() == url.len() {
            let mut depth = 0usize;
            let mut cut = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => {
                        cut = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            rest = &rest[cut..];
        }
    }
}

/// Runs of whitespace become one space; none at either end.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether HTML can carry `text` unchanged: no control characters but tab, line feed and carriage
/// return, and no noncharacters. Validation refuses the rest; the text check holds only for
/// text that passes this.
pub fn carries(text: &str) -> bool {
    text.chars().all(|c| {
        let n = c as u32;
        (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !(0xFDD0..=0xFDEF).contains(&n) && (n & 0xFFFE) != 0xFFFE
    })
}

/// How a field's text must show in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text: in the output's text.
    Text,
    /// An image description: in an `alt` attribute.
    Alt,
    /// Inline Markdown (`dek`, paragraphs, headings, captions, quotes, list items).
    Inline,
    /// A `markdown` block: full CommonMark with tables and strikethrough.
    Block,
}

/// Every text of an article that must appear in its HTML, with where it must show:
/// `section.name`, `headline`, `authors[].name`, `tags[]`, images' `credit`, videos' `title`
/// (in the play control's label) and `credit`, quotes' `cite`, `related.title` and
/// `related.items[].headline` as text; images' `alt` in an `alt` attribute; `dek`, paragraphs,
/// headings, `caption`s, quotes' `text` and list items as inline Markdown; `markdown` blocks as
/// block Markdown. Identifiers, URLs, dates (shown in a localised form), `lang`, `dir`, `sizes`
/// and video ids are not text.
pub fn expected_texts(article: &Article) -> Vec<(Kind, &str)> {
    let mut texts = Vec::new();
    if let Some(section) = &article.section {
        texts.push((Kind::Text, section.name.as_str()));
    }
    texts.push((Kind::Text, article.headline.as_str()));
    if let Some(dek) = &article.dek {
        texts.push((Kind::Inline, dek.0.as_str()));
    }
    for author in &article.authors {
        texts.push((Kind::Text, author.name.as_str()));
    }
    for tag in &article.tags {
        texts.push((Kind::Text, tag.as_str()));
    }
    fn image<'a>(texts: &mut Vec<(Kind, &'a str)>, image: &'a Image) {
        texts.push((Kind::Alt, image.alt.as_str()));
        if let Some(caption) = &image.caption {
            texts.push((Kind::Inline, caption.0.as_str()));
        }
        if let Some(credit) = &image.credit {
            texts.push((Kind::Text, credit.as_str()));
        }
    }
    fn video<'a>(texts: &mut Vec<(Kind, &'a str)>, video: &'a YouTube) {
        texts.push((Kind::Text, video.title.as_str()));
        if let Some(caption) = &video.caption {
            texts.push((Kind::Inline, caption.0.as_str()));
        }
        if let Some(credit) = &video.credit {
            texts.push((Kind::Text, credit.as_str()));
        }
    }
    match &article.hero {
        Some(Media::Image(i)) => image(&mut texts, i),
        Some(Media::YouTube(v)) => video(&mut texts, v),
        None => {}
    }
    for block in &article.body {
        match block {
            Block::Paragraph(text) => texts.push((Kind::Inline, text.0.as_str())),
            Block::Heading(heading) => texts.push((Kind::Inline, heading.text.0.as_str())),
            Block::Image(i) => image(&mut texts, i),
            Block::YouTube(v) => video(&mut texts, v),
            Block::Vimeo(v) => {
                texts.push((Kind::Text, v.title.as_str()));
                texts.extend(v.caption.iter().map(|c| (Kind::Inline, c.0.as_str())));
                texts.extend(v.credit.iter().map(|c| (Kind::Text, c.as_str())));
            }
            Block::Embed(e) => {
                texts.push((Kind::Text, e.title.as_str()));
                texts.extend(e.provider.iter().map(|p| (Kind::Text, p.as_str())));
                texts.extend(e.caption.iter().map(|c| (Kind::Inline, c.0.as_str())));
                texts.extend(e.credit.iter().map(|c| (Kind::Text, c.as_str())));
                texts.extend(e.image.iter().filter(|i| !i.alt.is_empty()).map(|i| (Kind::Alt, i.alt.as_str())));
            }
            Block::Quote(quote) => {
                texts.push((Kind::Inline, quote.text.0.as_str()));
                if let Some(cite) = &quote.cite {
                    texts.push((Kind::Text, cite.as_str()));
                }
            }
            Block::List(list) => list_texts(&mut texts, list),
            Block::Markdown(text) => texts.push((Kind::Block, text.as_str())),
            Block::Divider => {}
        }
    }
    if let Some(related) = &article.related {
        texts.push((Kind::Text, related.title.as_str()));
        for item in &related.items {
            texts.push((Kind::Text, item.headline.as_str()));
            if let Some(image) = item.image.as_ref().filter(|image| !image.alt.is_empty()) {
                texts.push((Kind::Alt, image.alt.as_str()));
            }
        }
    }
    texts
}

/// Every item's text, nested lists included.
fn list_texts<'a>(texts: &mut Vec<(Kind, &'a str)>, list: &'a List) {
    for item in &list.items {
        texts.push((Kind::Inline, item.text.0.as_str()));
        if let Some(nested) = &item.list {
            list_texts(texts, nested);
        }
    }
}

/// A stretch of a Markdown field's text that the output must hold unbroken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    /// Part of an image's description (block Markdown): it belongs in an `alt`, or in the text
    /// when the image itself could not be written.
    pub image: bool,
}

/// The source the writer parses for a Markdown field, and pulldown-cmark's options for it.
pub fn markdown_source(text: &str, kind: Kind) -> (Cow<'_, str>, MarkdownOptions) {
    match kind {
        Kind::Block => (Cow::Borrowed(text), MarkdownOptions::ENABLE_STRIKETHROUGH | MarkdownOptions::ENABLE_TABLES),
        _ => (broadsheet::inline_markdown_source(text), MarkdownOptions::ENABLE_STRIKETHROUGH),
    }
}

/// The runs of text a Markdown field holds (see the module's documentation).
pub fn markdown_runs(text: &str, kind: Kind) -> Vec<Run> {
    let (source, options) = markdown_source(text, kind);
    let block = kind == Kind::Block;
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut image_depth = 0usize;
    let flush = |runs: &mut Vec<Run>, current: &mut String, image: bool| {
        let text = normalize(current);
        current.clear();
        if !text.is_empty() {
            runs.push(Run { text, image });
        }
    };
    for event in Parser::new_ext(&source, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                current.push_str(&t)
            }
            Event::SoftBreak => current.push(' '),
            Event::HardBreak if image_depth > 0 => current.push(' '),
            Event::HardBreak | Event::Rule => flush(&mut runs, &mut current, false),
            Event::FootnoteReference(label) => {
                current.push_str("[^");
                current.push_str(&label);
                current.push(']');
            }
            Event::TaskListMarker(done) => current.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Start(Tag::Image { .. }) if block => {
                if image_depth == 0 {
                    flush(&mut runs, &mut current, false);
                }
                image_depth += 1;
            }
            Event::End(TagEnd::Image) if block => {
                image_depth -= 1;
                if image_depth == 0 {
                    flush(&mut runs, &mut current, true);
                }
            }
            Event::Start(tag) => {
                if image_depth == 0 && !is_phrasing(&tag) {
                    flush(&mut runs, &mut current, false);
                }
            }
            Event::End(tag) => {
                if image_depth == 0 && !is_phrasing_end(tag) {
                    flush(&mut runs, &mut current, false);
                }
            }
        }
    }
    flush(&mut runs, &mut current, false);
    runs
}

fn is_phrasing(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_phrasing_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript | TagEnd::Link | TagEnd::Image
    )
}

/// The block structure an inline field must never parse to, if it does.
pub fn inline_block_structure(text: &str) -> Option<String> {
    let (source, options) = markdown_source(text, Kind::Inline);
    Parser::new_ext(&source, options).find_map(|event| match event {
        Event::Start(
            tag @ (Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::CodeBlock(_) | Tag::Table(_)),
        ) => Some(format!("{tag:?}")),
        Event::Rule => Some("Rule".to_owned()),
        _ => None,
    })
}

/// Checks that `html`, the rendering of `article`, is safe and loses no text; every finding, one
/// per line. The text check is made for texts HTML can carry (see [`carries`]).
pub fn check_article(article: &Article, html: &str) -> Vec<String> {
    let output = read_fragment(html);
    let mut problems = output.problems;
    let in_alt = |text: &str| output.alts.iter().any(|alt| alt.contains(text));
    for (kind, text) in expected_texts(article) {
        if !carries(text) {
            continue;
        }
        match kind {
            Kind::Text => {
                let text = normalize(text);
                if !output.text.contains(&text) {
                    problems.push(format!("text {text:?} is missing from the output"));
                }
            }
            Kind::Alt => {
                let text = normalize(text);
                if !text.is_empty() && !in_alt(&text) {
                    problems.push(format!("alt text {text:?} is missing from every alt attribute"));
                }
            }
            Kind::Inline | Kind::Block => {
                if kind == Kind::Inline {
                    if let Some(structure) = inline_block_structure(text) {
                        problems.push(format!("inline field {text:?} parses to block structure {structure}"));
                    }
                }
                for run in markdown_runs(text, kind) {
                    let found = output.text.contains(&run.text) || (run.image && in_alt(&run.text));
                    if !found {
                        problems.push(format!("Markdown text {:?} (of {text:?}) is missing from the output", run.text));
                    }
                }
            }
        }
    }
    problems
}

/// Checks a whole page from `render_page`: the article inside is checked as by
/// [`check_article`], and outside it there is exactly the page's own head: one module script at
/// `script`, one JSON-LD script that parses and names the headline with no `<` in its text, the
/// stylesheet, the charset, viewport and link-preview `<meta>`s (their URLs absolute and allowed),
/// a title holding the headline and a canonical link only for a URL the policy allows.
pub fn check_page(article: &Article, page: &str, script: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(start) = page.find("<broadsheet-article>") else {
        return vec!["no <broadsheet-article> in the page".into()];
    };
    let Some(end) = page.rfind("</broadsheet-article>") else {
        return vec!["no </broadsheet-article> in the page".into()];
    };
    problems.extend(check_article(article, &page[start + "<broadsheet-article>".len()..end]));
    let document = Html::parse_document(page);
    let mut scripts = 0;
    let mut json_ld_scripts = 0;
    let mut title = None;
    for node in document.root_element().descendants() {
        let Node::Element(element) = node.value() else { continue };
        match element.name() {
            "script" if element.attr("type") == Some("application/ld+json") => {
                json_ld_scripts += 1;
                let text: String = node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                if text.contains('<') {
                    problems.push(format!("a '<' in the JSON-LD: {text}"));
                }
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(value) if value["headline"] == article.headline.as_str() => {}
                    Ok(value) => problems.push(format!("JSON-LD headline {} is not the headline", value["headline"])),
                    Err(e) => problems.push(format!("the JSON-LD does not parse ({e}): {text}")),
                }
            }
            "meta" if matches!(element.attr("property").or(element.attr("name")), Some("og:url" | "og:image" | "twitter:image")) => {
                if let Err(why) = check_url(element.attr("content").unwrap_or(""), UrlUse::Canonical) {
                    problems.push(format!("link-preview URL outside the policy: {why}"));
                }
            }
            "script" => {
                scripts += 1;
                if element.attr("src") != Some(script) || element.attr("type") != Some("module") {
                    problems.push(format!("unexpected script {element:?}"));
                }
            }
            "title" => title = Some(normalize(&node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>())),
            "link" if element.attr("rel") == Some("canonical") => {
                if let Err(why) = check_url(element.attr("href").unwrap_or(""), UrlUse::Canonical) {
                    problems.push(format!("canonical link outside the policy: {why}"));
                }
            }
            "iframe" | "object" | "embed" | "base" | "form" | "style" => problems.push(format!("<{}> in the page", element.name())),
            _ => {}
        }
        if element.attrs().any(|(k, _)| k.starts_with("on") || k == "style") {
            problems.push(format!("handler or style attribute on {element:?}"));
        }
    }
    if scripts != 1 {
        problems.push(format!("{scripts} module scripts in the page, expected 1"));
    }
    if json_ld_scripts != 1 {
        problems.push(format!("{json_ld_scripts} JSON-LD scripts in the page, expected 1"));
    }
    if carries(&article.headline) && title.as_deref() != Some(normalize(&article.headline).as_str()) {
        problems.push(format!("page title {title:?} is not the headline"));
    }
    problems
}
