//! Importers: a WordPress post, an Arc XP ANS story or a Portable Text document becomes a format
//! 1.1 article (as JSON) plus notes, each naming the place in the source that was not mapped
//! exactly. The article then goes through the same validation as any other.
//!
//! Every importer follows the same rules: no text of the source is lost (what cannot be mapped
//! becomes the closest safe form, with a note); HTML in the source is data, read by the `html` module;
//! every URL passes the URL policy; YouTube and Vimeo become facades, other embeds link cards.

mod ans;
mod article_json;
#[cfg(not(target_arch = "wasm32"))]
mod bytes;
pub(crate) mod html;
pub(crate) mod inline;
mod page;
mod portable_text;
mod resolve;
mod wordpress;

use std::borrow::Cow;

use broadsheet::json::{self, ObjectBuilder, Value};
use broadsheet::{Article, Error, Limits, Path, Problem};

use crate::article_json::{plain, string, Notes};

/// The formats `broadsheet import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A post from the WordPress REST API (`context=edit`), or Gutenberg block markup alone.
    WordPress,
    /// An Arc XP ANS story (0.10.x).
    Ans,
    /// Sanity's Portable Text: an array of blocks, or a document with a `body` array.
    PortableText,
    /// Any HTML page holding an article: the article is found as Firefox Reader View finds it.
    Html,
}

impl Source {
    /// Every source, with its name.
    pub const ALL: [(Source, &'static str); 4] =
        [(Source::WordPress, "wordpress"), (Source::Ans, "ans"), (Source::PortableText, "portable-text"), (Source::Html, "html")];

    /// The source named `name` (`wordpress`, `ans`, `portable-text`).
    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.iter().find(|(_, n)| *n == name).map(|(source, _)| *source)
    }

    /// Its name on the command line and in JS.
    pub fn name(self) -> &'static str {
        Source::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, name)| name)
    }

    /// What a document of this format is called, for messages.
    fn document(self) -> &'static str {
        match self {
            Source::WordPress => "WordPress post",
            Source::Ans => "ANS story",
            Source::PortableText => "Portable Text document",
            Source::Html => "HTML page",
        }
    }
}

/// An imported article: the validated model, its format 1.1 JSON, and the notes.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The article as format 1.1 JSON (keys in the format's order).
    pub json: Value<'static>,
    /// The same article, validated.
    pub article: Article,
    /// What was not mapped exactly, each at its path in the source (`content_elements[3]`).
    pub notes: Vec<Problem>,
}

/// What the caller knows that the source may not say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    /// The headline, used when the source has none.
    pub headline: Option<&'a str>,
    /// For an HTML page: the URL it was fetched from (absolute http(s)), which relative links and
    /// images are resolved against. Other sources carry their own URLs; it is not read for them.
    pub url: Option<&'a str>,
}

/// Reads `source` as a document of format `from` and makes an article of it; `headline` is used
/// when the source has none. An error says why no valid article could be made: the text is not
/// that format (or not JSON), or what the source holds does not make a valid article.
pub fn import(source: &str, from: Source, headline: Option<&str>, limits: &Limits) -> Result<Imported, Error> {
    import_with(source, from, Given { headline, url: None }, limits)
}

/// [`import`] with everything the caller can give: the headline, and an HTML page's URL.
pub fn import_with(source: &str, from: Source, given: Given, limits: &Limits) -> Result<Imported, Error> {
    broadsheet::check_input_size(source, from.document(), limits)?;
    let mut notes = Notes::within(limits);
    let article = match from {
        Source::WordPress => wordpress::article(source, &mut notes, limits)?,
        Source::Ans => ans::article(&json::parse(source)?, &mut notes, limits)?,
        Source::PortableText => portable_text::article(&json::parse(source)?, &mut notes, limits)?,
        Source::Html => page::article(source, given.url, &mut notes, limits)?,
    };
    if given.url.is_some() && from != Source::Html {
        notes.add(&Path::default(), format!("the URL given is only read for HTML pages; a {} carries its own", from.document()));
    }
    let json = with_headline(article, given.headline, from, &mut notes)?;
    let article = broadsheet::from_value(&json, limits).map_err(|error| {
        let problems = error.problems().iter().map(|problem| {
            let message = format!("the imported article is not valid: {problem}");
            Problem::whole(message)
        });
        Error::new(problems.collect())
    })?;
    Ok(Imported { json, article, notes: notes.list })
}

/// [`import_with`] for a page's bytes (an HTML page as saved or fetched): they are decoded as a
/// browser decodes them (a byte order mark, `<meta charset>`, valid UTF-8 whatever the page
/// declares), and what cannot be decoded is replaced and noted by its byte offset
/// (`bytes[1234]`). Other formats must be UTF-8. Native only (in WebAssembly the page is a JS
/// string).
#[cfg(not(target_arch = "wasm32"))]
pub fn import_bytes(source: &[u8], from: Source, given: Given, limits: &Limits) -> Result<Imported, Error> {
    if source.len() > limits.max_input_bytes {
        let message = format!("the {} is {} bytes; the limit is {} (limits.max_input_bytes)", from.document(), source.len(), limits.max_input_bytes);
        return Err(Error::from(Problem::whole(message)));
    }
    if from != Source::Html {
        let text = std::str::from_utf8(source).map_err(|e| {
            let path = Path::default().key("bytes").index(e.valid_up_to());
            Error::from(Problem::new(path, format!("the {} is not UTF-8 text", from.document())))
        })?;
        return import_with(text, from, given, limits);
    }
    let (text, mut notes) = bytes::decode_page(source);
    let mut imported = import_with(&text, from, given, limits)?;
    notes.append(&mut imported.notes);
    imported.notes = notes;
    Ok(imported)
}

/// The article with its headline: the source's, or else the one given.
fn with_headline(article: ObjectBuilder<'static>, headline: Option<&str>, from: Source, notes: &mut Notes) -> Result<Value<'static>, Error> {
    let mut entries = article.into_entries();
    let has_headline = json::field_of(&entries, "headline").is_some();
    match (has_headline, headline.and_then(plain)) {
        (true, Some(given)) => notes.add(&Path::default(), format!("the source has a headline; the one given (\"{given}\") was not used")),
        (true, None) => {}
        (false, Some(given)) => entries.insert(0, (Cow::Borrowed("headline"), string(given))),
        (false, None) => {
            return Err(Error::from(Problem::whole(format!(
                "the {} has no headline; give one (--headline on the command line, `headline` in JS)",
                from.document()
            ))))
        }
    }
    // The format's key order: schema first, then as the importer wrote them.
    entries.insert(0, (Cow::Borrowed("schema"), Value::Number(1.1)));
    Ok(Value::Object(entries))
}

