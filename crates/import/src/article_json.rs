//! The format 1.1 JSON the importers write, and their notes: blocks (objects built with
//! [`broadsheet::json::ObjectBuilder`]), text fit for the format, URLs through the policy, dates,
//! videos and embeds, images. Every importer (and the HTML reader) builds its article here.

use std::borrow::Cow;

use broadsheet::escape::{check_url, UrlUse};
use broadsheet::json::{ObjectBuilder, Value};
use broadsheet::video::VideoSite;
use broadsheet::{Limits, Path, Problem};

use crate::inline;

/// Notes on what was not mapped exactly, and what every reader needs to decide them: for an HTML
/// page, where each of its elements sits (so that a note about an element names its place in the
/// page), and how deep marks may nest under the limits.
#[derive(Debug)]
pub(crate) struct Notes {
    pub(crate) list: Vec<Problem>,
    pub(crate) places: Option<std::rc::Rc<dyn SourcePlaces>>,
    /// [`inline::max_mark_depth`] of the limits the article is imported under.
    pub(crate) max_mark_depth: usize,
}

/// Where the elements of a source sit, by their stamps (an HTML page's elements are stamped
/// with their number in document order).
pub(crate) trait SourcePlaces: std::fmt::Debug {
    /// The path of the element stamped `stamp`, in words a person can find it by.
    fn path(&self, stamp: usize) -> Option<Path>;
}

impl Default for Notes {
    fn default() -> Self {
        Notes::within(&Limits::default())
    }
}

impl Notes {
    /// No notes yet, for an article imported under `limits`.
    pub(crate) fn within(limits: &Limits) -> Self {
        Notes { list: Vec::new(), places: None, max_mark_depth: inline::max_mark_depth(limits) }
    }

    /// Notes of their own for a part read under the same rules.
    pub(crate) fn beside(&self) -> Self {
        Notes { list: Vec::new(), places: self.places.clone(), max_mark_depth: self.max_mark_depth }
    }

    pub(crate) fn add(&mut self, at: &Path, message: impl Into<String>) {
        self.list.push(Problem::new(at.clone(), message.into()));
    }

    /// Where the element stamped `stamp` sits in the source page, when the source is one.
    pub(crate) fn place_of(&self, stamp: &str) -> Option<Path> {
        let places = self.places.as_ref()?;
        places.path(stamp.parse().ok()?)
    }
}

pub(crate) fn string(s: impl Into<String>) -> Value<'static> {
    Value::String(Cow::Owned(s.into()))
}

/// A block `{ "type": kind }`, to add fields to.
pub(crate) fn block(kind: &'static str) -> ObjectBuilder<'static> {
    let mut block = ObjectBuilder::new();
    block.set("type", Value::String(Cow::Borrowed(kind)));
    block
}

/// Plain text fit for the format: characters HTML cannot carry removed, white space trimmed;
/// `None` when nothing is left.
pub(crate) fn plain(text: &str) -> Option<String> {
    let text: String = text.chars().filter(|&c| broadsheet::text::fits_html(c)).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `url` if the URL policy allows it for `usage`; otherwise a note at `at` saying why.
pub(crate) fn url(url: &str, usage: UrlUse, at: &Path, notes: &mut Notes) -> Option<String> {
    let url = url.trim();
    match check_url(url, usage) {
        Ok(()) => Some(url.to_owned()),
        Err(reason) => {
            notes.add(at, format!("the URL \"{}\" was left out: {reason}", shown(url)));
            None
        }
    }
}

/// `text` for a note: control and invisible characters (which would reorder or hide the note's
/// text in a terminal) written as `\u{…}`.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() || broadsheet::escape::is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if hidden(c) { format!("\\u{{{:X}}}", c as u32) } else { c.to_string() }).collect())
}

/// An RFC 3339 date-time for `published` and `modified`; a date without a zone (WordPress's
/// `date_gmt`) is read as UTC. Anything else is left out with a note.
pub(crate) fn date_time(text: &str, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let text = text.trim();
    let zoned = match text.len() == 19 && text.as_bytes().get(10).is_some_and(|b| matches!(b, b'T' | b' ')) {
        true => format!("{text}Z"),
        false => text.to_owned(),
    };
    match broadsheet::date::parse_date_time(&zoned) {
        Some(_) => Some(string(zoned)),
        None => {
            notes.add(at, format!("the date \"{text}\" is not an RFC 3339 date-time; it was left out"));
            None
        }
    }
}

/// What a video or embed in the source says about itself.
#[derive(Debug, Default)]
pub(crate) struct Embedded {
    pub url: String,
    /// Plain text.
    pub title: Option<String>,
    /// Inline Markdown.
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Plain text: the provider's name.
    pub provider: Option<String>,
}

/// A `youtube` or `vimeo` block (a facade) for their URLs; for anything else an `embed` link
/// card. A missing title is a note: the block is titled with what the source does say.
pub(crate) fn video_or_embed(embedded: Embedded, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let Embedded { url: source_url, title, caption, credit, provider } = embedded;
    let video = VideoSite::of_url(&source_url);
    let mut block = block(video.map_or("embed", VideoSite::block_type));
    let Some(link) = url(&source_url, UrlUse::Link, at, notes) else {
        // No link can be made: what the source said stays as a paragraph of text.
        return paragraph([title.as_deref().map(inline::escaped), caption]);
    };
    let title = title.unwrap_or_else(|| {
        let named = provider.clone().unwrap_or_else(|| host(&link).to_owned());
        let title = match video {
            Some(site) => format!("{} video", site.name()),
            None => format!("{named} embed"),
        };
        notes.add(at, format!("the embed has no title in the source; it is called \"{title}\" until an editor names it"));
        title
    });
    block.set("url", string(link)).set("title", string(title));
    if video.is_none() {
        block.set_some("provider", provider.map(string));
    }
    block.set_some("caption", caption.map(string)).set_some("credit", credit.map(string));
    Some(block.into_value())
}

/// A paragraph of the parts there are (inline Markdown), or nothing.
pub(crate) fn paragraph<const N: usize>(parts: [Option<String>; N]) -> Option<Value<'static>> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    if parts.is_empty() {
        return None;
    }
    let mut paragraph = block("paragraph");
    paragraph.set("text", string(parts.join(" — ")));
    Some(paragraph.into_value())
}

/// The host of an absolute URL (`example.com`), or the URL itself.
pub(crate) fn host(url: &str) -> &str {
    match broadsheet::url::Url::parse(url).host() {
        Some(host) if !host.is_empty() => host.trim_start_matches("www."),
        _ => url,
    }
}

/// What the source gives for an image.
#[derive(Debug, Default)]
pub(crate) struct ImageFields {
    pub src: String,
    /// `None` when the source has no alt text: a note, and `""` (decorative) until an editor
    /// writes one, since the format needs the key.
    pub alt: Option<String>,
    pub width: Option<f64>,
    pub height: Option<f64>,
    /// Inline Markdown.
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Responsive sources (`srcset` with width descriptors), each URL as the source gives it.
    pub srcset: Vec<(String, f64)>,
    pub sizes: Option<String>,
}

/// An `image` block, or, when the policy refuses its source, a paragraph of its caption and
/// alt text (with a note), or nothing when it has no text either.
pub(crate) fn image(fields: ImageFields, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let ImageFields { src, alt, width, height, caption, credit, srcset, sizes } = fields;
    let Some(src) = url(&src, UrlUse::Resource, at, notes) else {
        let alt = alt.as_deref().and_then(plain).map(|alt| inline::escaped(&alt));
        return paragraph([alt, caption, credit.map(|credit| inline::escaped(&credit))]);
    };
    let alt = match alt.map(|a| plain(&a).unwrap_or_default()) {
        Some(alt) => alt,
        None => {
            notes.add(at, "the image has no alt text in the source; it is marked decorative (\"alt\": \"\") until an editor describes it");
            String::new()
        }
    };
    let mut image = block("image");
    image.set("src", string(src)).set("alt", string(alt));
    let size = |n: Option<f64>| n.filter(|&n| broadsheet::article::Image::is_side(n)).map(Value::Number);
    // Width and height go together: one alone cannot reserve the box.
    if let (Some(w), Some(h)) = (size(width), size(height)) {
        image.set("width", w).set("height", h);
    }
    image.set_some("caption", caption.map(string)).set_some("credit", credit.map(string));
    // A srcset is kept whole or not at all: one refused candidate drops it, with its note.
    let candidates: Vec<Value<'static>> = srcset
        .iter()
        .filter_map(|(src, width)| {
            let src = url(src, UrlUse::Resource, at, notes).filter(|s| !s.starts_with(',') && !s.ends_with(','))?;
            let width = size(Some(*width))?;
            let mut candidate = ObjectBuilder::new();
            candidate.set("src", string(src)).set("width", width);
            Some(candidate.into_value())
        })
        .collect();
    if !candidates.is_empty() && candidates.len() == srcset.len() {
        image.set("srcset", Value::Array(candidates));
        image.set_some("sizes", sizes.and_then(|s| plain(&s)).map(string));
    }
    Some(image.into_value())
}
