//! Portable Text importer: Sanity's rich text (an array of blocks, or a document with a `body`
//! array and the fields of Sanity's starter `post` schema) becomes an article.

mod blocks;
mod images;
mod lists;
mod spans;

use std::borrow::Cow;

use crate::article_json::{date_time, Notes, plain, string, url};
use broadsheet::{Error, Path, Problem};
use broadsheet::escape::UrlUse;
use broadsheet::json::{field_of, ObjectBuilder, Value};
use broadsheet::Limits;

/// An object's entries.
type Fields<'a> = [(Cow<'a, str>, Value<'a>)];

/// The document fields this importer reads. Others are noted as left out, except Sanity's own
/// metadata (`_id`, `_rev`, …; `_updatedAt` is read).
const DOCUMENT_FIELDS: [&str; 13] =
    ["title", "slug", "subtitle", "excerpt", "author", "authors", "publishedAt", "mainImage", "categories", "tags", "body", "projectId", "dataset"];

/// What reading the blocks needs from the document and the limits.
struct Context {
    /// Where the document's image assets live, when it says.
    project: Option<images::Project>,
    max_list_depth: usize,
}

pub(super) fn article(source: &Value, notes: &mut Notes, limits: &Limits) -> Result<ObjectBuilder<'static>, Error> {
    let root = Path::default();
    let (document, blocks, at) = match source {
        Value::Array(blocks) => (None, blocks, root.clone()),
        Value::Object(fields) => match field_of(fields, "body") {
            Some(Value::Array(blocks)) => (Some(fields.as_slice()), blocks, root.key("body")),
            Some(other) => return Err(not_portable_text(&format!("an object whose `body` is {}", other.kind()))),
            None => return Err(not_portable_text("an object without a `body`")),
        },
        other => return Err(not_portable_text(other.kind())),
    };
    if let Some((i, item)) = blocks.iter().enumerate().find(|(_, block)| !matches!(block, Value::Object(_))) {
        let message = format!("not Portable Text: expected a block (an object with a `_type`), found {}", item.kind());
        return Err(Error::from(Problem::new(at.index(i), message)));
    }
    let context = Context { project: document.and_then(|fields| images::project(fields, notes)), max_list_depth: limits.max_list_depth };
    let mut article = ObjectBuilder::new();
    let mut body = Vec::new();
    if let Some(fields) = document {
        read_document(fields, &context, &mut article, &mut body, notes);
    }
    body.extend(blocks::body(blocks, &at, &context, notes));
    article.set("body", Value::Array(body));
    Ok(article)
}

fn not_portable_text(found: &str) -> Error {
    let message = format!("not Portable Text: expected an array of blocks or an object with a `body` array, found {found}");
    Error::from(Problem::whole(message))
}

/// The document's fields, in the format's key order; a main image that cannot be the hero
/// leaves its text to open the body.
fn read_document(fields: &Fields, context: &Context, article: &mut ObjectBuilder, body: &mut Vec<Value<'static>>, notes: &mut Notes) {
    let root = Path::default();
    let at = |key: &str| root.key(key);
    article.set_some("id", field_of(fields, "slug").and_then(|slug| id(slug, &at("slug"), notes)));
    let headline = field_of(fields, "title").and_then(|title| text(title, &at("title"), notes));
    article.set_some("headline", headline.and_then(|title| title_text(title, &at("title"), notes)).map(string));
    // The dek: the subtitle (the standfirst under the title), or the excerpt. With both, the
    // excerpt stays the dek and the subtitle opens the body, so neither is lost.
    let subtitle = field_of(fields, "subtitle").and_then(|subtitle| spans::inline_text(subtitle, &at("subtitle"), notes));
    let excerpt = field_of(fields, "excerpt").and_then(|excerpt| spans::inline_text(excerpt, &at("excerpt"), notes));
    match (subtitle, excerpt) {
        (Some(subtitle), None) => {
            article.set("dek", string(subtitle));
        }
        (subtitle, excerpt) => {
            article.set_some("dek", excerpt.map(string));
            if let Some(subtitle) = subtitle {
                notes.add(&at("subtitle"), "the document has both a subtitle and an excerpt: the excerpt is the dek, and the subtitle opens the body as a paragraph");
                body.extend(crate::article_json::paragraph([Some(subtitle)]));
            }
        }
    }
    article.set_some("authors", authors(fields, notes));
    for (key, name) in [("publishedAt", "published"), ("_updatedAt", "modified")] {
        let date = field_of(fields, key).and_then(|date| text(date, &at(key), notes));
        article.set_some(name, date.and_then(|date| date_time(date, &at(key), notes)));
    }
    article.set_some("tags", tags(fields, notes));
    match field_of(fields, "mainImage") {
        Some(Value::Object(image)) => match images::image(image, &at("mainImage"), context, notes) {
            Some(hero) if is_block(&hero, "image") => {
                article.set("hero", hero);
            }
            // Its note says why; the text it kept opens the body.
            Some(text) => body.push(text),
            None => {}
        },
        Some(other) => notes.add(&at("mainImage"), format!("is {}, expected an image object; it was left out", other.kind())),
        None => {}
    }
    for (key, _) in fields {
        if !key.starts_with('_') && !DOCUMENT_FIELDS.contains(&key.as_ref()) {
            notes.add(&at(key), "is not a field this importer reads; it was left out");
        }
    }
}

/// The headline: the title as plain text.
fn title_text(title: &str, at: &Path, notes: &mut Notes) -> Option<String> {
    let headline = plain(title);
    if headline.is_none() {
        notes.add(at, "is blank; the article has no headline from the source");
    }
    headline
}

/// The slug (`{ "current": "…" }`, or a string) as the article's id, when it fits one.
fn id(slug: &Value, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let (slug, at) = match slug {
        Value::Object(fields) => (field_of(fields, "current")?, at.key("current")),
        other => (other, at.clone()),
    };
    let slug = text(slug, &at, notes)?;
    if !broadsheet::text::is_id(slug) {
        notes.add(&at, format!("the slug \"{slug}\" cannot be the article's id (1 to 64 of A-Z, a-z, 0-9, _ and -); it was left out"));
        return None;
    }
    Some(string(slug))
}

/// `author` and `authors`: names, author objects, or references (which name no one until the
/// query expands them).
fn authors(fields: &Fields, notes: &mut Notes) -> Option<Value<'static>> {
    let mut authors = Vec::new();
    for key in ["author", "authors"] {
        let at = Path::default().key(key);
        match field_of(fields, key) {
            Some(Value::Array(items)) => {
                authors.extend(items.iter().enumerate().filter_map(|(i, item)| author(item, &at.index(i), notes)));
            }
            Some(one) => authors.extend(author(one, &at, notes)),
            None => {}
        }
    }
    (!authors.is_empty()).then_some(Value::Array(authors))
}

fn author(value: &Value, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let fields = match value {
        Value::String(name) => return plain(name).map(|name| named(name).into_value()),
        Value::Object(fields) => fields,
        Value::Null => return None,
        other => {
            notes.add(at, format!("is {}, expected a name or an author object; it was left out", other.kind()));
            return None;
        }
    };
    if let Some(reference) = field_of(fields, "_ref").and_then(Value::as_str) {
        let message = format!(
            "the author is a reference (\"{reference}\") to a document the source does not include; \
             expand it in the query (`author->{{name}}`) to import the name; it was left out"
        );
        notes.add(at, message);
        return None;
    }
    let name = field_of(fields, "name").and_then(|name| text(name, &at.key("name"), notes)).and_then(plain);
    let Some(name) = name else {
        notes.add(at, "the author has no name; it was left out");
        return None;
    };
    let mut author = named(name);
    let link = field_of(fields, "url").and_then(Value::as_str).and_then(|link| url(link, UrlUse::Link, &at.key("url"), notes));
    author.set_some("url", link.map(string));
    let unread: Vec<String> = fields
        .iter()
        .filter(|(key, value)| !key.starts_with('_') && !matches!(key.as_ref(), "name" | "url") && !matches!(value, Value::Null))
        .map(|(key, _)| format!("`{key}`"))
        .collect();
    if !unread.is_empty() {
        let verb = if unread.len() == 1 { "was" } else { "were" };
        notes.add(at, format!("only the author's name and url are imported; {} {verb} left out", unread.join(", ")));
    }
    Some(author.into_value())
}

fn named(name: String) -> ObjectBuilder<'static> {
    let mut author = ObjectBuilder::new();
    author.set("name", string(name));
    author
}

/// `categories` and `tags` as the article's tags: strings, or category objects with a `title`
/// (references name nothing until the query expands them).
fn tags(fields: &Fields, notes: &mut Notes) -> Option<Value<'static>> {
    let mut tags: Vec<String> = Vec::new();
    for key in ["categories", "tags"] {
        let at = Path::default().key(key);
        let items = match field_of(fields, key) {
            Some(Value::Array(items)) => items,
            Some(other) => {
                notes.add(&at, format!("is {}, expected an array; it was left out", other.kind()));
                continue;
            }
            None => continue,
        };
        for (i, item) in items.iter().enumerate() {
            let at = at.index(i);
            let tag = match item {
                Value::String(tag) => Some(tag.as_ref()),
                Value::Object(category) => match (field_of(category, "title").and_then(Value::as_str), field_of(category, "_ref").and_then(Value::as_str)) {
                    (Some(title), _) => Some(title),
                    (None, Some(reference)) => {
                        let message = format!(
                            "the category is a reference (\"{reference}\") to a document the source does not include; \
                             expand it in the query (`categories[]->{{title}}`) to import it as a tag; it was left out"
                        );
                        notes.add(&at, message);
                        None
                    }
                    (None, None) => {
                        notes.add(&at, "the category has no title; it was left out");
                        None
                    }
                },
                other => {
                    notes.add(&at, format!("is {}, expected a name or a category object; it was left out", other.kind()));
                    None
                }
            };
            // The same tag twice says nothing more.
            if let Some(tag) = tag.and_then(plain).filter(|tag| !tags.contains(tag)) {
                tags.push(tag);
            }
        }
    }
    (!tags.is_empty()).then(|| Value::Array(tags.into_iter().map(string).collect()))
}

/// A value that should be text; anything else is noted.
fn text<'v>(value: &'v Value<'_>, at: &Path, notes: &mut Notes) -> Option<&'v str> {
    match value {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => {
            notes.add(at, format!("is {}, expected text; it was left out", other.kind()));
            None
        }
    }
}

/// Whether `value` is a block of type `kind`.
fn is_block(value: &Value, kind: &str) -> bool {
    matches!(value, Value::Object(fields) if field_of(fields, "type").and_then(Value::as_str) == Some(kind))
}

#[cfg(test)]
mod tests {
    use crate::{import, Source};
    use broadsheet::json::JsonStyle;
    use broadsheet::Limits;

    fn body_of(source: &str) -> String {
        let imported = import(source, Source::PortableText, Some("Given"), &Limits::default()).unwrap();
        imported.json.to_json(JsonStyle::Script)
    }

    #[test]
    fn a_bare_array_of_blocks_takes_the_given_headline() {
        let source = r#"[
            {"_type": "block", "_key": "a", "style": "h2", "markDefs": [], "children": [{"_type": "span", "text": "Intro", "marks": []}]},
            {"_type": "block", "_key": "b", "style": "normal", "markDefs": [], "children": [{"_type": "span", "text": "Hello.", "marks": []}]}
        ]"#;
        let imported = import(source, Source::PortableText, Some("Given"), &Limits::default()).unwrap();
        assert_eq!(
            imported.json.to_json(JsonStyle::Script),
            r#"{"schema":1.1,"headline":"Given","body":[{"type":"heading","level":2,"text":"Intro"},{"type":"paragraph","text":"Hello."}]}"#
        );
        assert!(imported.notes.is_empty());
        assert_eq!(imported.article.headline, "Given");
    }

    #[test]
    fn a_bare_array_without_a_given_headline_is_an_error() {
        let error = import("[]", Source::PortableText, None, &Limits::default()).unwrap_err();
        let expected = "the Portable Text document has no headline; give one (--headline on the command line, `headline` in JS)";
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn what_is_not_portable_text_says_what_it_found() {
        let cases = [
            ("\"text\"", "not Portable Text: expected an array of blocks or an object with a `body` array, found a string"),
            ("{\"title\": \"T\"}", "not Portable Text: expected an array of blocks or an object with a `body` array, found an object without a `body`"),
            ("{\"body\": {}}", "not Portable Text: expected an array of blocks or an object with a `body` array, found an object whose `body` is an object"),
            ("[{\"_type\": \"block\"}, 3]", "[1]: not Portable Text: expected a block (an object with a `_type`), found a number"),
            ("{\"body\": [null]}", "body[0]: not Portable Text: expected a block (an object with a `_type`), found null"),
        ];
        for (source, expected) in cases {
            let error = import(source, Source::PortableText, Some("Given"), &Limits::default()).unwrap_err();
            assert_eq!(error.to_string(), expected, "{source}");
        }
    }

    #[test]
    fn the_document_maps_its_fields_in_the_formats_order() {
        let source = r#"{"_type": "post", "_updatedAt": "2024-02-01T10:00:00Z", "title": "T", "slug": {"current": "t-1"},
            "publishedAt": "2024-01-31T09:30:00.000Z", "excerpt": "A *dek*", "author": {"name": "Ann", "bio": []},
            "categories": [{"title": "News"}, "News", "Sport"], "body": []}"#;
        assert_eq!(
            body_of(source),
            concat!(
                r#"{"schema":1.1,"id":"t-1","headline":"T","dek":"A \\*dek\\*","authors":[{"name":"Ann"}],"#,
                r#""published":"2024-01-31T09:30:00.000Z","modified":"2024-02-01T10:00:00Z","tags":["News","Sport"],"body":[]}"#
            )
        );
    }
}
