//! Importers: a WordPress post, an Arc XP ANS story or a Portable Text document becomes a format
//! 1.1 article (as JSON) plus notes, each naming the place in the source that was not mapped
//! exactly. The article then goes through the same validation as any other.
//!
//! Every importer follows the same rules: no text of the source is lost (what cannot be mapped
//! becomes the closest safe form, with a note); HTML in the source is data, read by the `html` module;
//! every URL passes the URL policy; YouTube and Vimeo become facades, other embeds link cards.

mod ans;
mod article_json;
pub(crate) mod html;
pub(crate) mod inline;
mod portable_text;
mod wordpress;

use std::borrow::Cow;

use broadsheet::json::{self, Value};
use broadsheet::{Article, Error, Limits, Path, Problem};

use crate::article_json::{plain, string, Notes, ObjectBuilder};

/// The formats `broadsheet import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A post from the WordPress REST API (`context=edit`), or Gutenberg block markup alone.
    WordPress,
    /// An Arc XP ANS story (0.10.x).
    Ans,
    /// Sanity's Portable Text: an array of blocks, or a document with a `body` array.
    PortableText,
}

impl Source {
    /// Every source, with its name.
    pub const ALL: [(Source, &'static str); 3] =
        [(Source::WordPress, "wordpress"), (Source::Ans, "ans"), (Source::PortableText, "portable-text")];

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

/// Reads `source` as a document of format `from` and makes an article of it; `headline` is used
/// when the source has none. An error says why no valid article could be made: the text is not
/// that format (or not JSON), or what the source holds does not make a valid article.
pub fn import(source: &str, from: Source, headline: Option<&str>, limits: &Limits) -> Result<Imported, Error> {
    broadsheet::check_input_size(source, from.document(), limits)?;
    let mut notes = Notes::default();
    let article = match from {
        Source::WordPress => wordpress::article(source, &mut notes, limits)?,
        Source::Ans => ans::article(&json::parse(source)?, &mut notes, limits)?,
        Source::PortableText => portable_text::article(&json::parse(source)?, &mut notes, limits)?,
    };
    let json = with_headline(article, headline, from, &mut notes)?;
    let article = broadsheet::from_value(&json, limits).map_err(|error| {
        let problems = error.problems().iter().map(|problem| {
            let message = format!("the imported article is not valid: {problem}");
            Problem::whole(message)
        });
        Error::new(problems.collect())
    })?;
    Ok(Imported { json, article, notes: notes.0 })
}

/// The article with its headline: the source's, or else the one given.
fn with_headline(article: ObjectBuilder, headline: Option<&str>, from: Source, notes: &mut Notes) -> Result<Value<'static>, Error> {
    let mut entries = article.0;
    let has_headline = entries.iter().any(|(key, _)| key == "headline");
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

