//! broadsheet turns an article in JSON (format v1) into one accessible, safe HTML fragment.
//!
//! Data flows one way: JSON text → [`json::Value`] → validated [`Article`] → HTML string.
//!
//! ```
//! let json = r#"{"headline": "Hello", "body": [{"type": "paragraph", "text": "A *fine* day."}]}"#;
//! let html = broadsheet::render_json(json, &broadsheet::Options::default()).unwrap();
//! assert!(html.contains("<h1 class=\"bs-headline\" id=\"hello-title\">Hello</h1>"));
//! assert!(html.contains("<p>A <em>fine</em> day.</p>"));
//!
//! let error = broadsheet::render_json(r#"{"headline": "", "body": [], "dek": 3}"#, &Default::default()).unwrap_err();
//! assert_eq!(error.to_string(), "headline: must not be empty\ndek: expected a string, found a number");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod article;
pub mod date;
mod error;
pub mod escape;
pub mod html;
pub mod json;
mod json_ld;
mod markdown;
mod options;
mod outline;
pub mod privacy;
mod render;
pub mod text;
pub mod url;
mod validate;
pub mod video;
pub mod vimeo;
mod warnings;
pub mod youtube;

pub use article::Article;
pub use error::{Error, Path, Problem, Segment, TextPosition};
pub use options::{Labels, Limits, Logo, Options, PosterPolicy, Site};
pub use warnings::{Rule, Warning, RULES};

/// The JSON Schema of format v1.
pub const JSON_SCHEMA: &str = include_str!("../../../schema/article-v1.schema.json");

/// Parses and validates JSON text as an article, reporting every problem with its path.
pub fn parse(json: &str, limits: &Limits) -> Result<Article, Error> {
    check_input_size(json, "article", limits)?;
    from_value(&json::parse(json)?, limits)
}

/// Refuses `text` past `limits.max_input_bytes`; `document` names what it is in the message
/// ("the WordPress post is N bytes; …").
pub fn check_input_size(text: &str, document: &str, limits: &Limits) -> Result<(), Error> {
    check_input_len(text.len(), document, limits)
}

/// Refuses `len` bytes past `limits.max_input_bytes`.
#[inline(always)]
pub fn check_input_len(len: usize, document: &str, limits: &Limits) -> Result<(), Error> {
    if len > limits.max_input_bytes {
        return Err(Error::from(Problem::whole(format!(
            "the {document} is {len} bytes; the limit is {} (limits.max_input_bytes)",
            limits.max_input_bytes
        ))));
    }
    Ok(())
}

/// Validates an already parsed JSON value as an article.
pub fn from_value(value: &json::Value, limits: &Limits) -> Result<Article, Error> {
    validate::article(value, limits)
}

impl Options {
    /// Options from JSON with camelCase keys (`headingShift`, `idPrefix`, `poster`: `"youtube"`
    /// or `"self-hosted"`, `labels: { by, and, updated, playVideo, watchVideo, credit, source, tags,
    /// permalink, table, date, months }`, `defaultSizes`, `limits: { maxInputBytes, maxBlocks,
    /// maxStringBytes, maxMarkdownDepth, maxListDepth }`, `warnings: { off: ["image-alt", …] }`,
    /// `site: { name, url, logo: { src, width, height }, twitter, locale }`);
    /// what is not given keeps its default. Paths in errors start at `options`; a warning id that is
    /// no rule's is an error that suggests the closest.
    pub fn from_json_value(value: &json::Value) -> Result<Options, Error> {
        validate::options(value)
    }
}

/// What is valid but bad for readers in a valid article: alt text that is a file name, link
/// words that say nothing, a generic video title, an image without a size… Each warning names
/// its path and its rule (one of [`RULES`], documented in `docs/warnings.md`), in input order;
/// rules whose ids are in `off` (as in [`Options::warnings_off`]) are skipped. Warnings never
/// change the HTML.
///
/// ```
/// let json = r#"{"headline": "Hello", "body": [
///     {"type": "image", "src": "/IMG_0042.jpg", "alt": "IMG_0042.jpg", "width": 800, "height": 600},
///     {"type": "paragraph", "text": "The budget is [here](https://e.test/budget)."}]}"#;
/// let article = broadsheet::parse(json, &Default::default()).unwrap();
/// let lines: Vec<String> = broadsheet::warnings(&article, &[]).iter().map(|w| w.to_string()).collect();
/// assert_eq!(lines, [
///     "body[0].alt: alt \"IMG_0042.jpg\" is a file name, not a description; say what the image shows (who or what, doing what, where), or write \"\" if it is only decoration [image-alt]",
///     "body[1].text: link text \"here\" (to \"https://e.test/budget\") does not say where the link goes, and screen reader users often hear links listed on their own; put the link on words that name what it opens [link-name]",
/// ]);
/// assert!(broadsheet::warnings(&article, &["image-alt".into(), "link-name".into()]).is_empty());
/// ```
pub fn warnings(article: &Article, off: &[String]) -> Vec<Warning> {
    warnings::warnings(article, off)
}

/// Writes a valid article as one `<article>` element.
pub fn render(article: &Article, options: &Options) -> String {
    render::article(article, options)
}

/// Which other sites the article's HTML makes a reader's browser contact, before any interaction
/// and when a video is played, each with the part of the article that causes it.
///
/// ```
/// let json = r#"{"headline": "H", "body": [{"type": "youtube", "id": "dQw4w9WgXcQ", "title": "T"}]}"#;
/// let article = broadsheet::parse(json, &Default::default()).unwrap();
/// let report = broadsheet::privacy_report(&article, &Default::default());
/// assert_eq!(report.origins_before_interaction(), ["https://i.ytimg.com"]);
/// assert_eq!(report.origins_on_activation(), ["https://www.youtube-nocookie.com"]);
/// assert_eq!(report.before_interaction[0].path.to_string(), "body[0]");
/// ```
pub fn privacy_report(article: &Article, options: &Options) -> privacy::PrivacyReport {
    privacy::report(article, options)
}

/// Writes a valid article as a whole page that links `stylesheet` and the JS shell at `script`.
/// Its `<head>` says what the article is for search engines and link previews: a description, the
/// authors, Open Graph and Twitter card tags (with the site of `options.site`: `og:site_name`,
/// `twitter:site`; `og:locale` from the article's language), and [`json_ld`] in a
/// `<script type="application/ld+json">`.
pub fn render_page(article: &Article, options: &Options, stylesheet: &str, script: &str) -> String {
    render::page(article, options, stylesheet, script)
}

/// What the article is, as schema.org JSON-LD for search engines: one `NewsArticle` (headline,
/// the dek as `description` (else the first paragraph's text, cut to 160 characters), dates,
/// authors, the site of `options.site` as `publisher`, the lead image (the hero's, else the first
/// body image, else the first video's poster; every size its `srcset` gives), section, tags) with
/// a `VideoObject` under `video` for each YouTube and Vimeo video, hero first, so videos behind
/// facades are still found. Only what the article and the options say is written; relative URLs
/// are made absolute against the article's `url`, or left out when it has none. A video's
/// `thumbnailUrl` is the poster its facade shows under `options.poster`.
///
/// For a page that renders the fragment itself: write
/// `value.to_json(JsonStyle::Script)` inside `<script type="application/ld+json">`, which
/// escapes `<`, `>`, `&`, U+2028 and U+2029 so the text cannot end the element.
/// [`render_page`] does this.
///
/// ```
/// use broadsheet::json::JsonStyle;
///
/// let json = r#"{
///   "headline": "Raid footage released", "url": "https://news.example.com/raid",
///   "published": "2019-10-31T16:20:00Z",
///   "body": [{ "type": "youtube", "id": "Bm5lP1dHq9E", "title": "Body camera footage",
///              "poster": "/media/raid.jpg", "duration": 134 }]
/// }"#;
/// let article = broadsheet::parse(json, &Default::default()).unwrap();
/// let value = broadsheet::json_ld(&article, &broadsheet::Options::default());
/// assert_eq!(
///     value.to_json(JsonStyle::Script),
///     concat!(
///         r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Raid footage released","#,
///         r#""datePublished":"2019-10-31T16:20:00Z","#,
///         r#""image":{"@type":"ImageObject","url":"https://news.example.com/media/raid.jpg"},"#,
///         r#""mainEntityOfPage":"https://news.example.com/raid","#,
///         r#""video":[{"@type":"VideoObject","name":"Body camera footage","description":"Body camera footage","#,
///         r#""thumbnailUrl":"https://news.example.com/media/raid.jpg","duration":"PT2M14S","#,
///         r#""embedUrl":"https://www.youtube.com/embed/Bm5lP1dHq9E","url":"https://www.youtube.com/watch?v=Bm5lP1dHq9E"}]}"#,
///     )
/// );
/// ```
pub fn json_ld(article: &Article, options: &Options) -> json::Value<'static> {
    json_ld::Metadata::of(article, options).json_ld()
}

/// The Markdown source the writer parses for an inline field (`dek`, paragraphs, headings,
/// captions, quotes, list items): `text` with block syntax at the start of a line
/// backslash-escaped and leading indentation dropped, so that it stays text. Parse it with
/// pulldown-cmark and `ENABLE_STRIKETHROUGH` to read an inline field exactly as the writer does
/// (the fuzzing oracle does).
///
/// ```
/// assert_eq!(broadsheet::inline_markdown_source("# not a heading"), "\\# not a heading");
/// ```
pub fn inline_markdown_source(text: &str) -> std::borrow::Cow<'_, str> {
    markdown::escape_block_syntax(text)
}

/// What a reader reads in an inline Markdown field, as plain text: marks and link destinations
/// left out, escapes undone, white space as single spaces.
///
/// ```
/// assert_eq!(broadsheet::inline_plain_text("A *fine*  \\[day\\]"), "A fine [day]");
/// ```
pub fn inline_plain_text(text: &str) -> String {
    markdown::plain_text(text)
}

/// Whether the writer writes inline `text` without parsing it: text that pulldown-cmark would read
/// as one paragraph holding one run of text, written as that text escaped. Public for the tests
/// and the fuzz target that compare it with pulldown-cmark (`tests/inline_fast_path.rs`,
/// `fuzz/fuzz_targets/inline_fast_path.rs`).
#[doc(hidden)]
pub fn inline_is_plain(text: &str) -> bool {
    markdown::is_plain_inline(text)
}

/// Parses, validates and renders in one call. The JSON tree is freed before the HTML is written,
/// so the two never take memory at once (a syntax tree is about as large as its text).
pub fn render_json(json: &str, options: &Options) -> Result<String, Error> {
    check_input_size(json, "article", &options.limits)?;
    let deferred = validate::article_deferring_markdown(&json::parse(json)?, &options.limits);
    if let Some(html) = deferred.ok().and_then(|(article, fields)| render_checked(&article, fields, options)) {
        return Ok(html);
    }
    // A Markdown check failed: validate the text again in full, to report every problem in order.
    parse(json, &options.limits).map(|article| render(&article, options))
}

/// [`render_json`] for a caller that owns the text and can hand it over again: the text is freed
/// with the JSON tree, before the HTML is written, so that the HTML can take their place (the
/// WebAssembly face: its memory never shrinks, so what is freed first is what keeps it small).
/// `Ok(None)`: the article has a problem; [`render_json`] on the same text reports every one.
///
/// With `piece_bytes` > 0 the HTML comes in pieces of about that size, so that it can take the
/// place of the text and the tree even where those left memory in pieces.
#[cfg(feature = "server")]
pub fn render_json_freeing(json: String, options: &Options, piece_bytes: usize) -> Result<Option<Vec<String>>, Error> {
    check_input_size(&json, "article", &options.limits)?;
    let deferred = validate::article_deferring_markdown(&json::parse(&json)?, &options.limits);
    drop(json);
    let Ok((article, markdown_fields)) = deferred else { return Ok(None) };
    let (mut pieces, last) = match piece_bytes {
        0 => (Vec::new(), render::article_checked(&article, options)),
        _ => render::article_checked_in_pieces(&article, options, piece_bytes),
    };
    if !(last.markdown_clean && last.markdown_fields == markdown_fields) {
        return Ok(None);
    }
    pieces.push(last.html);
    Ok(Some(pieces))
}

/// Validates and renders an already parsed JSON value; the same result as [`from_value`] then
/// [`render`], but each Markdown field is parsed once: the writer runs validation's Markdown
/// checks (`markdown::Checks`: URL policy, depth) over the events it writes. Only an article that
/// fails a check is validated again in full, to report every problem in input order.
pub fn render_value(value: &json::Value, options: &Options) -> Result<String, Error> {
    let deferred = validate::article_deferring_markdown(value, &options.limits);
    if let Some(html) = deferred.ok().and_then(|(article, fields)| render_checked(&article, fields, options)) {
        return Ok(html);
    }
    from_value(value, &options.limits).map(|article| render(&article, options))
}

/// The HTML of an article whose Markdown fields (`markdown_fields` of them) validation left to the
/// writer; `None` if one fails validation's Markdown checks.
fn render_checked(article: &Article, markdown_fields: usize, options: &Options) -> Option<String> {
    let written = render::article_checked(article, options);
    (written.markdown_clean && written.markdown_fields == markdown_fields).then_some(written.html)
}
