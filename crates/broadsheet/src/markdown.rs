//! Markdown fields to HTML, through pulldown-cmark's event stream.
//!
//! Two flavours: *inline* fields (captions, paragraphs, list items) allow emphasis, strong, code,
//! strikethrough and links, and keep block syntax as text; `markdown` blocks get full CommonMark
//! with tables and strikethrough. In both, raw HTML is written as text and every URL goes through
//! the URL policy.

use std::borrow::Cow;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options as ParseOptions, Parser, Tag, TagEnd};

use crate::escape::{check_url, AllowedUrl, UrlUse};
use crate::html::Html;
use crate::outline::Outline;

/// Which Markdown a field allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Inline,
    Block,
}

fn parser(source: &str, flavor: Flavor) -> Parser<'_> {
    let options = match flavor {
        Flavor::Inline => ParseOptions::ENABLE_STRIKETHROUGH,
        Flavor::Block => ParseOptions::ENABLE_STRIKETHROUGH | ParseOptions::ENABLE_TABLES,
    };
    Parser::new_ext(source, options)
}

/// The text pulldown-cmark should see: for inline fields, block syntax at the start of a line is
/// backslash-escaped so that it stays text.
fn source(text: &str, flavor: Flavor) -> Cow<'_, str> {
    match flavor {
        Flavor::Block => Cow::Borrowed(text),
        Flavor::Inline => escape_block_syntax(text),
    }
}

/// Escapes what would start a block (heading, quote, list, rule, fence, setext underline,
/// reference definition) and drops leading indentation (an indented code block).
pub fn escape_block_syntax(text: &str) -> Cow<'_, str> {
    // CommonMark ends a line at `\n`, `\r` or `\r\n`; each line keeps its own ending.
    if !lines(text).any(|line| block_marker_at(line).is_some() || line.starts_with([' ', '\t'])) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for piece in text.split_inclusive(['\n', '\r']) {
        let (line, ending) = piece.split_at(piece.trim_end_matches(['\n', '\r']).len());
        let line = line.trim_start_matches([' ', '\t']);
        match block_marker_at(line) {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push('\\');
                out.push_str(&line[at..]);
            }
            None => out.push_str(line),
        }
        out.push_str(ending);
    }
    Cow::Owned(out)
}

/// `text.split(['\n', '\r'])`, but searched a word at a time (`memchr`) rather than char by char;
/// both are ASCII, so every cut falls on a char boundary.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let has_cr = text.contains('\r');
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let line = rest?;
        let end = match has_cr {
            true => line.bytes().position(|b| b == b'\n' || b == b'\r'),
            false => line.find('\n'),
        };
        match end {
            Some(end) => {
                rest = Some(&line[end + 1..]);
                Some(&line[..end])
            }
            None => {
                rest = None;
                Some(line)
            }
        }
    })
}

/// Where a backslash must go to keep `line` (leading whitespace already removed) from starting a
/// block, if anywhere.
fn block_marker_at(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    // pulldown-cmark counts vertical tab and form feed as blank too.
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c');
    let next_is_blank = |at: usize| bytes.get(at).is_none_or(is_blank);
    let only = |c: u8| bytes.iter().all(|b| *b == c || is_blank(b));
    let run = bytes.iter().take_while(|&&b| b == first).count();
    match first {
        b'#' | b'>' | b'=' | b'|' => Some(0),
        // A line of `-` alone, however short, underlines a setext heading.
        b'-' if only(first) => Some(0),
        b'-' | b'+' | b'*' | b'_' if next_is_blank(1) || (run >= 3 && only(first)) || (only(first) && line.matches(first as char).count() >= 3) => Some(0),
        b'~' if run >= 3 => Some(0),
        b'`' if run >= 3 && !line[run..].contains('`') => Some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && next_is_blank(digits + 1))
                .then_some(digits)
        }
        b'[' => {
            let close = line.find(']')?;
            (line.as_bytes().get(close + 1) == Some(&b':')).then_some(0)
        }
        _ => None,
    }
}

/// What a reader reads in an inline Markdown field, as plain text: marks and link destinations
/// left out, raw HTML as the text it is shown as, white space as single spaces. For metadata
/// (search engines' descriptions) and for warnings about what the text says.
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in parser(&source(text, Flavor::Inline), Flavor::Inline) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    collapse_spaces(&out)
}

/// A link or picture as a reader meets it: the words it is announced by (collapsed to single
/// spaces) and the URL it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub words: String,
    pub url: String,
}

/// What a reader meets in a Markdown field besides its prose, in reading order, for warnings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Landmarks {
    /// Each link the writer writes as a link (in inline fields an image is one): its words (the
    /// alt text of a picture inside counts) and destination.
    pub links: Vec<Reference>,
    /// A `markdown` block's pictures: their alt text and source.
    pub pictures: Vec<Reference>,
    /// A `markdown` block's headings: their words (a picture inside lends its alt text).
    pub headings: Vec<String>,
}

/// The links, pictures and headings of a Markdown field, read with the writer's parser settings
/// and its rules: a link inside a link, or one whose URL the policy refuses, is written as text
/// only; in inline fields an image is a link to it; in a picture's description everything is alt.
pub fn landmarks(text: &str, flavor: Flavor) -> Landmarks {
    let mut found = Landmarks::default();
    // The policy's verdict on URLs, exactly as the writer gets it.
    let mut checks = Checks::new(flavor, usize::MAX);
    // For each open link or inline image: where its words go in `found.links`, if it is written as a link.
    let mut open_links: Vec<Option<usize>> = Vec::new();
    // An open picture: its index in `found.pictures`, and how many images are open inside it.
    let mut picture: Option<(usize, usize)> = None;
    let mut heading: Option<String> = None;
    for event in parser(&source(text, flavor), flavor) {
        let url_allowed = checks.see(&event);
        let words: Option<Cow<str>> = match &event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                Some(Cow::Borrowed(t))
            }
            Event::SoftBreak | Event::HardBreak => Some(Cow::Borrowed(" ")),
            _ => None,
        };
        if let Some(words) = words {
            let link = open_links.iter().rev().find_map(|at| *at);
            if let Some(link) = link.and_then(|at| found.links.get_mut(at)) {
                link.words.push_str(&words);
            }
            if let Some(picture) = picture.and_then(|(at, _)| found.pictures.get_mut(at)) {
                picture.words.push_str(&words);
            }
            if let Some(heading) = &mut heading {
                heading.push_str(&words);
            }
            continue;
        }
        if let Some((at, depth)) = &mut picture {
            match event {
                Event::Start(Tag::Image { .. }) => *depth += 1,
                Event::End(TagEnd::Image) if *depth > 1 => *depth -= 1,
                Event::End(TagEnd::Image) => {
                    if let Some(picture) = found.pictures.get_mut(*at) {
                        picture.words = collapse_spaces(&picture.words);
                    }
                    picture = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let url = link_href(link_type, &dest_url).into_owned();
                open_link(&mut found.links, &mut open_links, url, url_allowed);
            }
            Event::Start(Tag::Image { dest_url, .. }) if flavor == Flavor::Inline => {
                open_link(&mut found.links, &mut open_links, dest_url.into_string(), url_allowed);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.pictures.push(Reference { words: String::new(), url: dest_url.into_string() });
                picture = Some((found.pictures.len() - 1, 1));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(link) = open_links.pop().flatten().and_then(|at| found.links.get_mut(at)) {
                    link.words = collapse_spaces(&link.words);
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(words) = heading.take() {
                    found.headings.push(collapse_spaces(&words));
                }
            }
            _ => {}
        }
    }
    found
}

/// Opens a link in [`landmarks`]: written as a link only outside every other written link, and
/// only if the URL policy allows it (as the writer decides).
fn open_link(links: &mut Vec<Reference>, open: &mut Vec<Option<usize>>, url: String, url_allowed: bool) {
    let written = url_allowed && open.iter().all(Option::is_none);
    if written {
        links.push(Reference { words: String::new(), url });
    }
    open.push(written.then(|| links.len() - 1));
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Everything wrong with a Markdown field: disallowed URLs and nesting past `max_depth`.
pub fn problems(text: &str, flavor: Flavor, max_depth: usize) -> Vec<String> {
    if flavor == Flavor::Inline && max_depth > 0 && is_plain_inline(text) {
        return Vec::new();
    }
    let mut checks = Checks::new(flavor, max_depth);
    for event in parser(&source(text, flavor), flavor) {
        checks.see(&event);
    }
    checks.problems
}

/// Validation's Markdown rules, as a filter over the event stream: nesting past `max_depth`, and
/// link and image URLs the policy refuses. [`problems`] collects what it finds; the writer runs
/// every event through it too, so the rules exist once and each URL is checked once.
struct Checks {
    flavor: Flavor,
    depth: usize,
    max_depth: usize,
    problems: Vec<String>,
}

impl Checks {
    fn new(flavor: Flavor, max_depth: usize) -> Self {
        Checks { flavor, depth: 0, max_depth, problems: Vec::new() }
    }

    /// Checks one event; `false` when it starts a link or image whose URL is refused.
    #[inline]
    fn see(&mut self, event: &Event) -> bool {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => {
                self.depth -= 1;
                true
            }
            _ => true,
        }
    }

    fn start(&mut self, tag: &Tag) -> bool {
        self.depth += 1;
        if self.depth - 1 == self.max_depth {
            let max_depth = self.max_depth;
            self.problems.push(format!("Markdown nests deeper than {max_depth} levels (limits.max_markdown_depth)"));
        }
        let (what, url, usage) = match tag {
            Tag::Link { link_type, dest_url, .. } => ("link", link_href(*link_type, dest_url), UrlUse::Link),
            Tag::Image { dest_url, .. } if self.flavor == Flavor::Block => ("image", Cow::Borrowed(&**dest_url), UrlUse::Resource),
            // In inline fields an image is written as a link to it.
            Tag::Image { dest_url, .. } => ("image", Cow::Borrowed(&**dest_url), UrlUse::Link),
            _ => return true,
        };
        match check_url(&url, usage) {
            Ok(()) => true,
            Err(why) => {
                self.problems.push(format!("{what} \"{url}\": {why}"));
                false
            }
        }
    }
}

/// An email autolink's destination comes without its scheme.
fn link_href<'a>(link_type: LinkType, dest: &'a str) -> Cow<'a, str> {
    match link_type {
        LinkType::Email => Cow::Owned(format!("mailto:{dest}")),
        _ => Cow::Borrowed(dest),
    }
}

/// Appends the HTML for an inline Markdown field.
#[cfg(test)]
pub fn write_inline(out: &mut Html, text: &str) {
    write_inline_checked(out, text, &mut Outline::new("a".into(), 0), usize::MAX);
}

/// Like [`write_inline`], and `false` when [`problems`] would find something: a refused URL or
/// nesting past `max_depth` (then the output is not to be used).
pub fn write_inline_checked(out: &mut Html, text: &str, outline: &mut Outline, max_depth: usize) -> bool {
    if max_depth > 0 && is_plain_inline(text) {
        out.text(text);
        return true;
    }
    MarkdownHtmlWriter::new(out, Flavor::Inline, outline, max_depth).run(text)
}

/// Whether pulldown-cmark reads inline `text` as one paragraph of one text run, which the writer
/// writes as the text escaped, nothing else: one line, no byte that Markdown gives a meaning
/// inside a line (`\`, `` ` ``, `*`, `_`, `~`, `[`, `]`, `<`, `&`, line breaks and other control
/// characters), nothing that starts a block at its start, and no space or tab at either end
/// (trimmed from a paragraph). Most headings and many captions and list items are such text;
/// writing them directly saves a parser's set-up per field. `tests/inline_fast_path.rs` and the
/// `inline_fast_path` fuzz target compare this with pulldown-cmark.
pub fn is_plain_inline(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    first > b' '
        && last > b' '
        && !matches!(first, b'#' | b'>' | b'=' | b'|' | b'-' | b'+' | b'0'..=b'9')
        && !bytes.iter().any(|&b| INLINE_SIGNIFICANT[b as usize])
}

/// The bytes [`is_plain_inline`] refuses anywhere in the text.
const INLINE_SIGNIFICANT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let marks = b"\\`*_~[]<&\x7f";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// Appends the HTML for a `markdown` block; its headings join the article's outline. Tables
/// scroll inside a focusable region named `table_label`, so keyboard users can scroll them too.
#[cfg(test)]
pub fn write_block(out: &mut Html, text: &str, outline: &mut Outline, table_label: &str) {
    write_block_checked(out, text, outline, table_label, usize::MAX);
}

/// Like [`write_block`], and `false` when [`problems`] would find something.
pub fn write_block_checked(out: &mut Html, text: &str, outline: &mut Outline, table_label: &str, max_depth: usize) -> bool {
    let mut writer = MarkdownHtmlWriter::new(out, Flavor::Block, outline, max_depth);
    writer.table_label = table_label;
    writer.run(text)
}

/// One pass over the events; state is only what a closing tag needs to know.
struct MarkdownHtmlWriter<'w> {
    out: &'w mut Html,
    flavor: Flavor,
    /// The article's headings and ids: block headings join it; `#id` links follow its prefix.
    outline: &'w mut Outline,
    paragraphs: usize,
    /// Inside a block image: its description goes into `alt`, not the output, until the
    /// image ends and the `<img>` can be written.
    image_depth: usize,
    image_src: String,
    /// Whether the policy allows `image_src`.
    image_allowed: bool,
    image_title: String,
    alt: String,
    /// An open heading: where its content starts in `out`, and its plain text for the id.
    heading: Option<(usize, String)>,
    /// Links whose URL the policy refused are written as their text alone.
    link_written: Vec<bool>,
    /// `<a>` elements open. HTML links cannot nest, so a link inside one (in inline fields an
    /// image becomes a link, and its description may hold links) is written as its text.
    links_open: usize,
    table_label: &'w str,
    table_alignments: Vec<Alignment>,
    table_cell: usize,
    in_table_head: bool,
    table_body_open: bool,
    /// Validation's rules, applied to every event; what they find makes the output unusable.
    checks: Checks,
}

impl<'w> MarkdownHtmlWriter<'w> {
    fn new(out: &'w mut Html, flavor: Flavor, outline: &'w mut Outline, max_depth: usize) -> Self {
        MarkdownHtmlWriter {
            out,
            table_label: "",
            flavor,
            outline,
            paragraphs: 0,
            image_depth: 0,
            image_src: String::new(),
            image_allowed: false,
            image_title: String::new(),
            alt: String::new(),
            heading: None,
            link_written: Vec::new(),
            links_open: 0,
            table_alignments: Vec::new(),
            table_cell: 0,
            in_table_head: false,
            table_body_open: false,
            checks: Checks::new(flavor, max_depth),
        }
    }

    /// Writes `text`; `false` if [`problems`] would report something about it.
    fn run(mut self, text: &str) -> bool {
        let source = source(text, self.flavor);
        for event in parser(&source, self.flavor) {
            self.event(event);
        }
        self.checks.problems.is_empty()
    }

    fn event(&mut self, event: Event<'_>) {
        let url_allowed = self.checks.see(&event);
        if self.image_depth > 0 {
            return self.image_description(event);
        }
        match event {
            Event::Start(tag) => self.start(tag, url_allowed),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.out.markup("<code>");
                self.text(&code);
                self.out.markup("</code>");
            }
            // Raw HTML is shown as the text it is, never passed through.
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => {
                self.text("[^");
                self.text(&label);
                self.text("]");
            }
            Event::SoftBreak => self.out.markup("\n"),
            Event::HardBreak => self.out.markup("<br>"),
            Event::Rule => self.block("<hr>"),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, plain)) = &mut self.heading {
            plain.push_str(text);
        }
        self.out.text(text);
    }

    /// Block tags are written in `markdown` blocks only; inline fields keep just their content.
    fn block(&mut self, markup: &'static str) {
        if self.flavor == Flavor::Block {
            self.out.markup(markup);
        }
    }

    /// `url_allowed`: the policy's verdict on a link's or image's URL.
    fn start(&mut self, tag: Tag<'_>, url_allowed: bool) {
        match tag {
            Tag::Paragraph => match self.flavor {
                Flavor::Block => self.out.markup("<p>"),
                Flavor::Inline => {
                    // Separate paragraphs of an inline field stay visibly apart.
                    if self.paragraphs > 0 {
                        self.out.markup("<br>");
                    }
                    self.paragraphs += 1;
                }
            },
            Tag::Heading { .. } if self.flavor == Flavor::Block => {
                self.heading = Some((self.out.len(), String::new()));
            }
            Tag::BlockQuote(_) => self.block("<blockquote>"),
            Tag::CodeBlock(kind) => {
                if self.flavor == Flavor::Inline {
                    return;
                }
                match kind {
                    CodeBlockKind::Fenced(info) if !info.trim().is_empty() => {
                        let language = info.split_whitespace().next().unwrap_or_default();
                        self.out.markup("<pre tabindex=\"0\"><code");
                        self.out.attr("class", &format!("language-{language}"));
                        self.out.markup(">");
                    }
                    _ => self.out.markup("<pre tabindex=\"0\"><code>"),
                }
            }
            Tag::HtmlBlock => self.block("<p>"),
            Tag::List(Some(start)) if start != 1 && self.flavor == Flavor::Block => {
                self.out.markup("<ol");
                self.out.number_attr("start", start);
                self.out.markup(">");
            }
            Tag::List(Some(_)) => self.block("<ol>"),
            Tag::List(None) => self.block("<ul>"),
            Tag::Item => self.block("<li>"),
            Tag::Table(alignments) => {
                self.table_alignments = alignments;
                self.table_body_open = false;
                if self.flavor == Flavor::Block {
                    self.out.markup("<div class=\"bs-table\" role=\"region\" tabindex=\"0\"");
                    self.out.attr("aria-label", self.table_label);
                    self.out.markup("><table>");
                }
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.table_cell = 0;
                self.block("<thead><tr>");
            }
            Tag::TableRow => {
                self.table_cell = 0;
                if !self.table_body_open {
                    self.table_body_open = true;
                    self.block("<tbody>");
                }
                self.block("<tr>");
            }
            Tag::TableCell => {
                let element = if self.in_table_head { "<th" } else { "<td" };
                let class = match self.table_alignments.get(self.table_cell) {
                    Some(Alignment::Left) => " class=\"bs-align-left\">",
                    Some(Alignment::Center) => " class=\"bs-align-center\">",
                    Some(Alignment::Right) => " class=\"bs-align-right\">",
                    _ => ">",
                };
                self.block(element);
                self.block(class);
            }
            Tag::Emphasis => self.out.markup("<em>"),
            Tag::Strong => self.out.markup("<strong>"),
            Tag::Strikethrough => self.out.markup("<s>"),
            Tag::Superscript => self.out.markup("<sup>"),
            Tag::Subscript => self.out.markup("<sub>"),
            Tag::Link { link_type, dest_url, title, .. } => {
                let href = link_href(link_type, &dest_url);
                self.open_link(&href, &title, url_allowed);
            }
            Tag::Image { dest_url, title, .. } => match self.flavor {
                Flavor::Block => {
                    self.image_depth = 1;
                    self.image_src = dest_url.into_string();
                    self.image_allowed = url_allowed;
                    self.image_title = title.into_string();
                    self.alt.clear();
                }
                Flavor::Inline => self.open_link(&dest_url, &title, url_allowed),
            },
            Tag::Heading { .. }
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn open_link(&mut self, href: &str, title: &str, url_allowed: bool) {
        // A link inside a link is written as its text: HTML links cannot nest.
        let written = self.links_open == 0 && url_allowed;
        if written {
            self.links_open += 1;
            let href = self.outline.local_link(href);
            self.out.markup("<a");
            // The checks passed this link's URL (a `#id` made local stays a fragment).
            self.out.url_attr("href", AllowedUrl::allowed_before(&href));
            if !title.is_empty() {
                self.out.attr("title", title);
            }
            self.out.markup(">");
        }
        self.link_written.push(written);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.block("</p>"),
            TagEnd::Heading(level) => self.close_heading(level as u8),
            TagEnd::BlockQuote(_) => self.block("</blockquote>"),
            TagEnd::CodeBlock => self.block("</code></pre>"),
            TagEnd::HtmlBlock => self.block("</p>"),
            TagEnd::List(true) => self.block("</ol>"),
            TagEnd::List(false) => self.block("</ul>"),
            TagEnd::Item => self.block("</li>"),
            TagEnd::Table => {
                if self.table_body_open {
                    self.block("</tbody>");
                }
                self.block("</table></div>");
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                self.block("</tr></thead>");
            }
            TagEnd::TableRow => self.block("</tr>"),
            TagEnd::TableCell => {
                self.block(if self.in_table_head { "</th>" } else { "</td>" });
                self.table_cell += 1;
            }
            TagEnd::Emphasis => self.out.markup("</em>"),
            TagEnd::Strong => self.out.markup("</strong>"),
            TagEnd::Strikethrough => self.out.markup("</s>"),
            TagEnd::Superscript => self.out.markup("</sup>"),
            TagEnd::Subscript => self.out.markup("</sub>"),
            TagEnd::Link | TagEnd::Image => {
                if self.link_written.pop() == Some(true) {
                    self.links_open -= 1;
                    self.out.markup("</a>");
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Moves the heading's content behind an opening tag that carries its level and id.
    fn close_heading(&mut self, requested: u8) {
        let Some((start, plain)) = self.heading.take() else { return };
        let outline = &mut *self.outline;
        let content = self.out.split_off(start);
        let level = outline.body_level(requested.max(2));
        let id = outline.generate(&plain);
        self.out.markup("<h");
        self.out.number(level.into());
        self.out.attr("id", &id);
        self.out.markup(">");
        self.out.append(&content);
        self.out.markup("</h");
        self.out.number(level.into());
        self.out.markup(">");
    }

    /// Inside a block image: collect the description as plain text, then write the `<img>`.
    fn image_description(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => {
                self.image_depth -= 1;
                if self.image_depth == 0 {
                    self.write_image();
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.alt.push_str(&text)
            }
            Event::SoftBreak | Event::HardBreak => self.alt.push(' '),
            _ => {}
        }
    }

    fn write_image(&mut self) {
        let alt = std::mem::take(&mut self.alt);
        if self.image_allowed {
            self.out.markup("<img");
            // The checks passed this image's URL.
            self.out.url_attr("src", AllowedUrl::allowed_before(&self.image_src));
            self.out.attr("alt", &alt);
            if !self.image_title.is_empty() {
                self.out.attr("title", &self.image_title);
            }
            self.out.markup(" loading=\"lazy\" decoding=\"async\">");
        } else {
            self.text(&alt);
        }
        self.alt = alt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(text: &str) -> String {
        let mut out = Html::default();
        write_inline(&mut out, text);
        out.into_string()
    }

    fn block(text: &str) -> String {
        let mut out = Html::default();
        write_block(&mut out, text, &mut Outline::new("a".into(), 0), "Table");
        out.into_string()
    }

    #[test]
    fn inline_fields_allow_phrasing_only() {
        assert_eq!(inline("*em* **strong** `code` ~~gone~~ [link](https://x.example/)"),
            "<em>em</em> <strong>strong</strong> <code>code</code> <s>gone</s> <a href=\"https://x.example/\">link</a>");
        assert_eq!(inline("# not a heading"), "# not a heading");
        assert_eq!(inline("> not a quote\n- not a list\n1. not ordered\n---"),
            "&gt; not a quote\n- not a list\n1. not ordered\n---");
        assert_eq!(inline("    not code"), "not code");
        assert_eq!(inline("```\nnot a fence\n```"), "```\nnot a fence\n```");
        assert_eq!(inline("[ref]: https://x.example"), "[ref]: https://x.example");
        assert_eq!(inline("*starts with emphasis*"), "<em>starts with emphasis</em>");
        assert_eq!(inline("one\n\ntwo"), "one<br>two");
        assert_eq!(inline("![a picture](/p.png)"), "<a href=\"/p.png\">a picture</a>");
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(inline("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(block("<div onclick=x>\nhi\n</div>"), "<p>&lt;div onclick=x&gt;\nhi\n&lt;/div&gt;</p>");
    }

    #[test]
    fn refused_urls_keep_their_text() {
        assert_eq!(inline("[click](javascript:alert(1))"), "click");
        assert_eq!(
            problems("[click](javascript:alert(1)) <javascript:x> ![i](data:x)", Flavor::Block, 32),
            vec![
                "link \"javascript:alert(1)\": URL scheme \"javascript\" is not allowed here (allowed: https, http, mailto, or a relative URL)",
                "link \"javascript:x\": URL scheme \"javascript\" is not allowed here (allowed: https, http, mailto, or a relative URL)",
                "image \"data:x\": URL scheme \"data\" is not allowed here (allowed: https, http, or a relative URL)",
            ]
        );
        assert_eq!(problems(&">".repeat(40), Flavor::Block, 32), vec!["Markdown nests deeper than 32 levels (limits.max_markdown_depth)"]);
    }

    #[test]
    fn blocks_get_full_commonmark() {
        assert_eq!(block("# Top\n\n### Deep"), "<h2 id=\"a-top\">Top</h2><h3 id=\"a-deep\">Deep</h3>");
        assert_eq!(
            block("| a | b |\n|:--|--:|\n| 1 | 2 |"),
            "<div class=\"bs-table\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table><thead><tr><th class=\"bs-align-left\">a</th><th class=\"bs-align-right\">b</th></tr></thead><tbody><tr><td class=\"bs-align-left\">1</td><td class=\"bs-align-right\">2</td></tr></tbody></table></div>"
        );
        assert_eq!(block("![a *b*](/i.png \"t\")"), "<p><img src=\"/i.png\" alt=\"a b\" title=\"t\" loading=\"lazy\" decoding=\"async\"></p>");
        assert_eq!(block("3. x\n4. y"), "<ol start=\"3\"><li>x</li><li>y</li></ol>");
        assert_eq!(block("```rust\nfn main() {}\n```"), "<pre tabindex=\"0\"><code class=\"language-rust\">fn main() {}\n</code></pre>");
    }

    fn reference(words: &str, url: &str) -> Reference {
        Reference { words: words.into(), url: url.into() }
    }

    #[test]
    fn landmarks_are_what_the_writer_writes() {
        let inline = landmarks("[the *full*\nreport](/r) and <https://e.test/x> ![a map](/m.png) [](/empty) [x](javascript:y)", Flavor::Inline);
        assert_eq!(inline.links, vec![reference("the full report", "/r"), reference("https://e.test/x", "https://e.test/x"), reference("a map", "/m.png"), reference("", "/empty")]);
        assert!(inline.pictures.is_empty() && inline.headings.is_empty());
        // In inline fields an image's description may hold a link: it is written as text.
        assert_eq!(landmarks("![see [here](/h)](/i.png)", Flavor::Inline).links, vec![reference("see here", "/i.png")]);
        assert_eq!(landmarks("<me@e.test>", Flavor::Inline).links, vec![reference("me@e.test", "mailto:me@e.test")]);
        // `#` stays text in inline fields.
        assert!(landmarks("# not a heading", Flavor::Inline).headings.is_empty());

        let block = landmarks("# Top [link](/a)\n\n##\n\n## ![Logo](/l.png)\n\n[![IMG_1.jpg](/i.jpg) more](/b)\n\n![a [b](/c)](/d.png)", Flavor::Block);
        assert_eq!(block.headings, vec!["Top link", "", "Logo"]);
        assert_eq!(block.pictures, vec![reference("Logo", "/l.png"), reference("IMG_1.jpg", "/i.jpg"), reference("a b", "/d.png")]);
        assert_eq!(block.links, vec![reference("link", "/a"), reference("IMG_1.jpg more", "/b")]);
    }

    #[test]
    fn plain_text_is_what_a_reader_reads() {
        assert_eq!(plain_text("A **bold** [link](https://e.test/)  and `code`\nnext <b>raw</b>\n\n# not a heading"), "A bold link and code next <b>raw</b> # not a heading");
    }
}
