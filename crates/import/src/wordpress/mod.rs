//! WordPress: a post from the REST API (`context=edit`, or `context=view` with a note), or
//! Gutenberg block markup alone. The markup is read by [`grammar`] into blocks, [`blocks`] maps
//! them, and HTML outside blocks is classic content ([`classic`]).

mod blocks;
mod classic;
mod grammar;

use super::html;
use crate::article_json::{date_time, image, ImageFields, Notes, plain, string, url};
use broadsheet::{Error, Path, Problem};
use broadsheet::escape::UrlUse;
use broadsheet::json::{self, ObjectBuilder, Value};
use broadsheet::Limits;

/// What the error says when the input is not WordPress.
const EXPECTED: &str = "expected a JSON object with `content.raw` (a post from the REST API), or Gutenberg block markup";

/// The article a WordPress post (JSON) or its block markup holds.
pub(super) fn article(source: &str, notes: &mut Notes, limits: &Limits) -> Result<ObjectBuilder<'static>, Error> {
    // A byte order mark is no part of the text (editors on Windows write one).
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let text = source.trim_start();
    if text.starts_with('{') {
        return post(&json::parse(source)?, notes, limits);
    }
    // A JSON array is not a post; text that merely starts with `[` (a shortcode) is markup.
    if text.starts_with('[') {
        if let Ok(value) = json::parse(source) {
            return Err(not_wordpress(format!("found {}", value.kind())));
        }
    }
    let mut article = ObjectBuilder::new();
    article.set("body", Value::Array(body(source, &Path::default(), true, Vec::new(), notes, limits)));
    Ok(article)
}

fn not_wordpress(found: String) -> Error {
    Error::from(Problem::whole(format!("not a WordPress post: {EXPECTED}; {found}")))
}

/// Format 1.1 blocks of a post's markup at `at`, with its footnotes (HTML).
fn body(markup: &str, at: &Path, classic: bool, footnotes: Vec<String>, notes: &mut Notes, limits: &Limits) -> Vec<Value<'static>> {
    let document = grammar::parse(markup);
    blocks::PostBlockReader::new(notes, limits.max_list_depth, classic, footnotes).document(&document, at)
}

/// The footnotes WordPress keeps in `meta.footnotes`: a JSON string of `[{ "id", "content" }]`,
/// each content HTML.
fn footnotes(post: &Value, notes: &mut Notes) -> Vec<String> {
    let Some(text) = post.field("meta").and_then(|m| m.field("footnotes")).and_then(Value::as_str).filter(|t| !t.trim().is_empty()) else {
        return Vec::new();
    };
    let at = Path::default().key("meta").key("footnotes");
    match json::parse(text) {
        Ok(Value::Array(items)) => items.iter().filter_map(|item| item.field("content").and_then(Value::as_str).map(str::to_owned)).collect(),
        Ok(other) => {
            notes.add(&at, format!("expected a JSON array of footnotes, found {}; they were left out", other.kind()));
            Vec::new()
        }
        Err(error) => {
            notes.add(&at, format!("the footnotes are not valid JSON ({}); they were left out", error.first().message));
            Vec::new()
        }
    }
}

/// A post from the REST API.
fn post(post: &Value, notes: &mut Notes, limits: &Limits) -> Result<ObjectBuilder<'static>, Error> {
    let Value::Object(_) = post else { return Err(not_wordpress(format!("found {}", post.kind()))) };
    let Some(content) = post.field("content") else {
        let hint = if post.field("content_elements").is_some() {
            " (it looks like an Arc XP ANS story: import it as `ans`)"
        } else if post.field("_type").is_some() || post.field("body").is_some() {
            " (it looks like a Portable Text document: import it as `portable-text`)"
        } else {
            ""
        };
        return Err(not_wordpress(format!("this object has no `content`{hint}")));
    };
    let Some(content) = text_field(content, &Path::default().key("content")) else {
        let problem = Problem::new(Path::default().key("content"), format!("not a WordPress post: {EXPECTED}; `content` is {}", describe(content)));
        return Err(Error::from(problem));
    };

    let mut article = ObjectBuilder::new();
    if let Some(link) = post.field("link").and_then(Value::as_str) {
        article.set_some("url", url(link, UrlUse::Canonical, &Path::default().key("link"), notes).map(string));
    }
    let terms = Terms::read(post, notes);
    article.set_some("section", terms.section);
    if let Some(title) = optional_text(post, "title", notes) {
        if title.rendered {
            notes.add(&title.at, "the post has no `title.raw` (it was fetched without `context=edit`); the rendered title was read");
        }
        article.set_some("headline", headline(title.text, &title.at, notes).map(string));
    }
    if let Some(excerpt) = optional_text(post, "excerpt", notes) {
        if excerpt.rendered {
            notes.add(&excerpt.at, "the post has no `excerpt.raw`; the rendered excerpt was read (WordPress makes one from the post's opening when none was written, so it may repeat it)");
        }
        article.set_some("dek", html::inline_of(excerpt.text, &excerpt.at, notes).map(string));
    }
    article.set_some("authors", authors(post, notes));
    article.set_some("published", date(post, "date_gmt", "date", notes));
    article.set_some("modified", date(post, "modified_gmt", "modified", notes));
    if !terms.tags.is_empty() {
        article.set("tags", Value::Array(terms.tags.into_iter().map(string).collect()));
    }
    let hero = featured_media(post, notes);
    if content.rendered {
        notes.add(&content.at, "the post has no `content.raw` (it was fetched without `context=edit`); the HTML WordPress rendered was read instead, so embeds, galleries and other blocks are read as the HTML made of them");
    }
    if matches!(post.field("content").and_then(|c| c.field("protected")), Some(Value::Bool(true))) {
        notes.add(&Path::default().key("content").key("protected"), "the post is password-protected in WordPress; the article is not");
    }
    let footnotes = footnotes(post, notes);
    let mut body = body(content.text, &content.at, !content.rendered, footnotes, notes, limits);
    match hero {
        Some(hero) if hero.field("type").and_then(Value::as_str) == Some("image") => {
            article.set("hero", hero);
        }
        // An image the policy refused is a paragraph of its text, at the top of the body.
        Some(paragraph) => body.insert(0, paragraph),
        None => {}
    }
    article.set("body", Value::Array(body));
    Ok(article)
}

fn describe(value: &Value) -> String {
    match value {
        Value::Object(_) => "an object with neither `raw` nor `rendered` text".to_owned(),
        other => other.kind().to_owned(),
    }
}

/// The text of `title`, `content` or `excerpt` and where it was read.
struct TextField<'v> {
    text: &'v str,
    at: Path,
    /// Read from `rendered`: there was no `raw`.
    rendered: bool,
}

/// `raw`, or else `rendered`, of a `{ raw, rendered }` object (a plain string is read as is).
fn text_field<'v>(value: &'v Value, at: &Path) -> Option<TextField<'v>> {
    if let Value::String(text) = value {
        return Some(TextField { text, at: at.clone(), rendered: false });
    }
    for (key, rendered) in [("raw", false), ("rendered", true)] {
        if let Some(text) = value.field(key).and_then(Value::as_str) {
            return Some(TextField { text, at: at.key(key), rendered });
        }
    }
    None
}

/// [`text_field`] of `post[key]`; a value with no text is noted.
fn optional_text<'v>(post: &'v Value, key: &str, notes: &mut Notes) -> Option<TextField<'v>> {
    let value = post.field(key)?;
    let text = text_field(value, &Path::default().key(key));
    if text.is_none() {
        notes.add(&Path::default().key(key), format!("expected an object with `raw` text, found {}; it was left out", describe(value)));
    }
    text
}

/// The headline: the title's text; markup in it is noted, since a headline is plain.
fn headline(title: &str, at: &Path, notes: &mut Notes) -> Option<String> {
    let nodes = html::parse(title, at, notes);
    if nodes.iter().any(|n| matches!(n, html::Node::Element(_))) {
        notes.add(at, "the title holds markup; the headline is its plain text");
    }
    plain(&html::text(&nodes))
}

/// `published` or `modified` from the UTC field; the local one alone cannot be placed in time.
fn date(post: &Value, utc: &str, local: &str, notes: &mut Notes) -> Option<Value<'static>> {
    match post.field(utc) {
        Some(Value::String(text)) => date_time(text, &Path::default().key(utc), notes),
        Some(other) => {
            notes.add(&Path::default().key(utc), format!("expected a date, found {}; it was left out", other.kind()));
            None
        }
        None => {
            if post.field(local).is_some() {
                notes.add(&Path::default().key(local), format!("the post has no `{utc}` (it is not published yet), and `{local}` is in the site's time zone, which the post does not give; it was left out"));
            }
            None
        }
    }
}

/// The authors, from `_embedded.author` (a post fetched with `_embed`).
fn authors(post: &Value, notes: &mut Notes) -> Option<Value<'static>> {
    let embedded = post.field("_embedded").and_then(|e| e.field("author"));
    let Some(Value::Array(users)) = embedded else {
        if let Some(Value::Number(id)) = post.field("author").filter(|id| !matches!(id, Value::Number(n) if *n == 0.0)) {
            notes.add(&Path::default().key("author"), format!("the author is WordPress user {id}, whose name is not in the post (fetch it with `_embed` to include it); no author was set"));
        }
        return None;
    };
    let mut authors = Vec::new();
    for (i, user) in users.iter().enumerate() {
        let at = Path::default().key("_embedded").key("author").index(i);
        let Some(name) = user.field("name").and_then(Value::as_str).and_then(|n| html::text_of(n, &at.key("name"), notes)) else {
            notes.add(&at, "the author has no name (WordPress may have refused to share the user); it was left out");
            continue;
        };
        let mut author = ObjectBuilder::new();
        author.set("name", string(name));
        if let Some(link) = user.field("link").and_then(Value::as_str) {
            author.set_some("url", url(link, UrlUse::Link, &at.key("link"), notes).map(string));
        }
        authors.push(author.into_value());
    }
    (!authors.is_empty()).then_some(Value::Array(authors))
}

/// The section and tags, from the terms in `_embedded["wp:term"]`.
#[derive(Default)]
struct Terms {
    section: Option<Value<'static>>,
    tags: Vec<String>,
}

impl Terms {
    fn read(post: &Value, notes: &mut Notes) -> Terms {
        let mut terms = Terms::default();
        let embedded = post.field("_embedded").and_then(|e| e.field("wp:term"));
        let Some(Value::Array(groups)) = embedded else {
            for key in ["categories", "tags"] {
                if let Some(Value::Array(ids)) = post.field(key).filter(|ids| !matches!(ids, Value::Array(a) if a.is_empty())) {
                    let ids: Vec<String> = ids.iter().map(|id| id.to_json(json::JsonStyle::Script)).collect();
                    notes.add(&Path::default().key(key), format!("the post's {key} are given by id ({}); their names are not in the post (fetch it with `_embed` to include them)", ids.join(", ")));
                }
            }
            return terms;
        };
        let mut categories = Vec::new();
        for (i, group) in groups.iter().enumerate() {
            let Value::Array(group) = group else { continue };
            for (j, term) in group.iter().enumerate() {
                let at = Path::default().key("_embedded").key("wp:term").index(i).index(j);
                let Some(name) = term.field("name").and_then(Value::as_str).and_then(|n| plain(&broadsheet::text::decode_character_references(n))) else { continue };
                match term.field("taxonomy").and_then(Value::as_str) {
                    Some("category") => categories.push((name, term.field("link").and_then(Value::as_str).and_then(|l| url(l, UrlUse::Link, &at.key("link"), notes)))),
                    Some("post_tag") => terms.tags.push(name),
                    other => {
                        let taxonomy = other.unwrap_or("an unnamed taxonomy");
                        notes.add(&at, format!("the term \"{name}\" of {taxonomy} was added to the tags"));
                        terms.tags.push(name);
                    }
                }
            }
        }
        let mut categories = categories.into_iter();
        if let Some((name, link)) = categories.next() {
            let mut section = ObjectBuilder::new();
            section.set("name", string(name.clone())).set_some("url", link.map(string));
            terms.section = Some(section.into_value());
            let others: Vec<String> = categories.map(|(name, _)| name).collect();
            if !others.is_empty() {
                let at = Path::default().key("_embedded").key("wp:term");
                notes.add(&at, format!("the post is in more than one category; the first, \"{name}\", is its section, and the others ({}) were added to the tags", others.join(", ")));
                terms.tags.splice(0..0, others);
            }
        }
        let mut seen = std::collections::HashSet::new();
        terms.tags.retain(|tag| seen.insert(tag.clone()));
        terms
    }
}

/// The featured image, from `_embedded["wp:featuredmedia"]`, as the hero.
fn featured_media(post: &Value, notes: &mut Notes) -> Option<Value<'static>> {
    let id = match post.field("featured_media") {
        Some(Value::Number(id)) if *id != 0.0 => *id,
        _ => return None,
    };
    let at = Path::default().key("_embedded").key("wp:featuredmedia").index(0);
    let media = post.field("_embedded").and_then(|e| e.field("wp:featuredmedia")).and_then(|m| match m {
        Value::Array(items) => items.first(),
        _ => None,
    });
    let Some(source) = media.and_then(|m| m.field("source_url")).and_then(Value::as_str) else {
        let reason = match media {
            Some(_) => "WordPress did not share it",
            None => "fetch the post with `_embed` to include it",
        };
        notes.add(&Path::default().key("featured_media"), format!("the featured image is media {id}, which is not in the post ({reason}); no hero was set"));
        return None;
    };
    let media = media?;
    if media.field("media_type").and_then(Value::as_str).is_some_and(|kind| kind != "image") {
        notes.add(&at, "the featured media is not an image; no hero was set");
        return None;
    }
    let details = media.field("media_details");
    let number = |key: &str| match details.and_then(|d| d.field(key)) {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    };
    let caption = media.field("caption").and_then(|c| text_field(c, &at.key("caption")));
    let caption = caption.and_then(|c| html::inline_of(c.text, &c.at, notes));
    let credit = details.and_then(|d| d.field("image_meta")).and_then(|m| m.field("credit")).and_then(Value::as_str).and_then(plain);
    let fields = ImageFields {
        src: source.to_owned(),
        // WordPress's `alt_text` is "" when the author wrote none.
        alt: media.field("alt_text").and_then(Value::as_str).filter(|alt| !alt.trim().is_empty()).map(str::to_owned),
        width: number("width"),
        height: number("height"),
        caption,
        credit,
        ..ImageFields::default()
    };
    image(fields, &at, notes)
}

#[cfg(test)]
mod tests {
    use crate::{import, Source};
    use broadsheet::json::JsonStyle;
    use broadsheet::Limits;

    fn markup(source: &str) -> (String, Vec<String>) {
        let imported = import(source, Source::WordPress, Some("Given headline"), &Limits::default()).unwrap();
        (imported.json.to_json(JsonStyle::Script), imported.notes.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn markup_alone_with_a_given_headline() {
        let (json, notes) = markup(concat!(
            "<!-- wp:paragraph -->\n<p>Hello <strong>world</strong>.</p>\n<!-- /wp:paragraph -->\n\n",
            "<!-- wp:group -->\n<div class=\"wp-block-group\"><!-- wp:heading {\"level\":3,\"anchor\":\"part-1\"} -->\n<h3 class=\"wp-block-heading\" id=\"part-1\">Part one</h3>\n<!-- /wp:heading -->\n\n",
            "<!-- wp:separator -->\n<hr class=\"wp-block-separator\"/>\n<!-- /wp:separator -->\n\n<!-- wp:spacer {\"height\":\"40px\"} -->\n<div style=\"height:40px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div>\n<!-- /wp:spacer --></div>\n<!-- /wp:group -->"
        ));
        assert_eq!(
            json,
            concat!(
                r#"{"schema":1.1,"headline":"Given headline","body":[{"type":"paragraph","text":"Hello **world**."},"#,
                r#"{"type":"heading","level":3,"text":"Part one","id":"part-1"},{"type":"divider"}]}"#
            )
        );
        assert_eq!(
            notes,
            [
                "[1]: the group block was flattened: its inner blocks were read one after another, its layout not kept",
                "[1].innerBlocks[2]: the spacer (empty space for layout) was left out",
            ]
        );
    }

    #[test]
    fn markup_alone_needs_a_headline() {
        let error = import("<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->", Source::WordPress, None, &Limits::default()).unwrap_err();
        assert_eq!(error.to_string(), "the WordPress post has no headline; give one (--headline on the command line, `headline` in JS)");
    }

    #[test]
    fn deep_lists_are_bounded() {
        let depth = 10_000;
        let mut source = String::new();
        for i in 0..depth {
            source.push_str(&format!("<!-- wp:list --><ul class=\"wp-block-list\"><!-- wp:list-item --><li>level{i}"));
        }
        for _ in 0..depth {
            source.push_str("</li><!-- /wp:list-item --></ul><!-- /wp:list -->");
        }
        let (json, notes) = markup(&source);
        assert!(json.starts_with(r#"{"schema":1.1,"headline":"Given headline","body":[{"type":"list","items":[{"text":"level0","items":[{"text":"level1""#), "{json}");
        assert!(json.contains("level9999"), "the deepest text is kept");
        assert!(notes.contains(&"[0]: elements nest deeper than 48 levels; the deeper ones were read as text of the one at the limit".to_owned()), "{notes:?}");
        assert!(notes.contains(&"[0]: a list nested deeper than 8 levels was flattened into its parent item".to_owned()), "{notes:?}");
        let deepest = "[0]".to_owned() + &".innerBlocks[0]".repeat(47);
        assert!(notes.contains(&format!("{deepest}: blocks nest deeper than 48 levels; the deeper ones were read as this block's HTML")), "{notes:?}");
        assert_eq!(notes.len(), 3, "{notes:?}");
    }
}
