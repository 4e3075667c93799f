//! The blocks of a Portable Text array: text blocks (paragraphs, headings, quotes, list items),
//! images, YouTube and other embeds, code, and custom blocks, whose text is kept.

use super::lists::{Entry, ListRun};
use super::{images, spans, text, Context, Fields};
use broadsheet::Path;
use crate::inline::{self, InlineMarkdown, Mark};
use crate::article_json::{block, Embedded, Notes, paragraph, plain, string, video_or_embed};
use broadsheet::json::{field_of, Value};

/// Custom block types read as a video or an embed when they have a `url`: Sanity's guide names
/// its YouTube block `youtube`.
const EMBED_TYPES: [&str; 4] = ["youtube", "vimeo", "video", "embed"];

/// The blocks of `items` (at `at`); consecutive list items become one list block.
pub(super) fn body(items: &[Value], at: &Path, context: &Context, notes: &mut Notes) -> Vec<Value<'static>> {
    let mut out = Vec::new();
    let mut list: Option<ListRun> = None;
    for (i, item) in items.iter().enumerate() {
        let at = at.index(i);
        // `article` has checked that every block is an object.
        let Value::Object(fields) = item else { continue };
        if let Some(kind) = list_kind(fields) {
            // An empty item holds nothing to keep, and does not end the list.
            if let Some(entry) = list_entry(fields, kind, &at, notes) {
                match &mut list {
                    Some(run) if run.continues(&entry) => run.add(entry, &at, notes),
                    _ => {
                        out.extend(list.take().map(ListRun::finish));
                        list = Some(ListRun::start(entry, context.max_list_depth));
                    }
                }
            }
            continue;
        }
        out.extend(list.take().map(ListRun::finish));
        read_block(fields, &at, context, &mut out, notes);
    }
    out.extend(list.take().map(ListRun::finish));
    out
}

/// The `listItem` of a text block that has one.
fn list_kind<'v>(fields: &'v Fields) -> Option<&'v str> {
    (field_of(fields, "_type").and_then(Value::as_str) == Some("block")).then(|| field_of(fields, "listItem").and_then(Value::as_str)).flatten()
}

fn list_entry(fields: &Fields, kind: &str, at: &Path, notes: &mut Notes) -> Option<Entry> {
    let text = spans::inline(fields, at, notes)?;
    let ordered = match kind {
        "number" => true,
        "bullet" => false,
        other => {
            notes.add(&at.key("listItem"), format!("the list kind \"{other}\" is not something the format has; the item is bulleted"));
            false
        }
    };
    let level = match field_of(fields, "level") {
        None => 1,
        Some(Value::Number(n)) if n.fract() == 0.0 && *n >= 1.0 => n.min(1e6) as usize,
        Some(other) => {
            let shown = match other {
                Value::Number(n) => n.to_string(),
                other => other.kind().to_owned(),
            };
            notes.add(&at.key("level"), format!("the level {shown} is not a whole number from 1; the item is read as level 1"));
            1
        }
    };
    if let Some(style) = field_of(fields, "style").and_then(Value::as_str).filter(|style| *style != "normal") {
        notes.add(&at.key("style"), format!("a list item's style (\"{style}\") is not something the format has; the item is written as a plain list item"));
    }
    Some(Entry { text, ordered, level })
}

/// A block that is not a list item: appended to `out`.
fn read_block(fields: &Fields, at: &Path, context: &Context, out: &mut Vec<Value<'static>>, notes: &mut Notes) {
    let kind = field_of(fields, "_type").and_then(Value::as_str);
    match kind {
        Some("block") => out.extend(text_block(fields, at, notes)),
        Some("image") => out.extend(images::image(fields, at, context, notes)),
        Some(kind) if EMBED_TYPES.contains(&kind) => match field_of(fields, "url").and_then(Value::as_str) {
            Some(url) => out.extend(embed(fields, url, at, notes)),
            None => out.extend(custom(fields, Some(kind), at, notes)),
        },
        Some("code") => match field_of(fields, "code").and_then(Value::as_str) {
            Some(source) => code(fields, source, at, out, notes),
            None => out.extend(custom(fields, Some("code"), at, notes)),
        },
        kind => out.extend(custom(fields, kind, at, notes)),
    }
}

/// A video or embed block with a `url`: a facade for YouTube and Vimeo, a link card otherwise.
fn embed(fields: &Fields, url: &str, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let title = field_of(fields, "title").and_then(|title| text(title, &at.key("title"), notes)).and_then(plain);
    let caption = field_of(fields, "caption").and_then(|caption| spans::inline_text(caption, &at.key("caption"), notes));
    video_or_embed(Embedded { url: url.to_owned(), title, caption, ..Embedded::default() }, at, notes)
}

/// A text block by its style: a paragraph, a heading (h1 becomes level 2) or a quote.
fn text_block(fields: &Fields, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let text = spans::inline(fields, at, notes)?;
    let style = field_of(fields, "style").and_then(Value::as_str).unwrap_or("normal");
    let mut out = match style {
        "normal" => block("paragraph"),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            if style == "h1" {
                notes.add(at, "an h1 in the body is written as a level 2 heading (the headline is the article's h1)");
            }
            let level = style.as_bytes().get(1).map_or(2, |digit| digit - b'0').max(2);
            let mut heading = block("heading");
            heading.set("level", Value::Number(f64::from(level)));
            heading
        }
        "blockquote" => block("quote"),
        other => {
            notes.add(&at.key("style"), format!("the style \"{other}\" is not something the format has; the block is a paragraph"));
            block("paragraph")
        }
    };
    out.set("text", string(text));
    Some(out.into_value())
}

/// A code block (Sanity's code input: `code`, `language`, `filename`) as a fenced Markdown block;
/// a file name is a paragraph before it.
fn code(fields: &Fields, source: &str, at: &Path, out: &mut Vec<Value<'static>>, notes: &mut Notes) {
    // Line ends as `\n`, and no characters the format's strings cannot hold.
    let source: String = source
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| c != '\r' && broadsheet::text::fits_html(c))
        .collect();
    let source = source.trim_end().trim_start_matches('\n');
    if let Some(filename) = field_of(fields, "filename").and_then(Value::as_str).and_then(plain) {
        let mut name = InlineMarkdown::new(notes.max_mark_depth);
        // Opened first, code is refused only when the limits allow no marks; the text is kept.
        let _ = name.open(Mark::Code);
        name.text(&filename);
        name.close(&Mark::Code);
        out.extend(paragraph([name.finish()]));
    }
    if source.trim().is_empty() {
        return;
    }
    let language = match field_of(fields, "language").and_then(Value::as_str) {
        Some(language) if is_info_word(language) => language,
        Some(language) => {
            notes.add(&at.key("language"), format!("the language \"{language}\" is not a plain word; the code block has none"));
            ""
        }
        None => "",
    };
    let fence = "`".repeat(longest_run(source, '`').max(2) + 1);
    let mut markdown = block("markdown");
    markdown.set("text", string(format!("{fence}{language}\n{source}\n{fence}")));
    out.push(markdown.into_value());
}

/// A language name fit for a fence's info string.
fn is_info_word(language: &str) -> bool {
    (1..=40).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'#' | b'.'))
}

fn longest_run(text: &str, of: char) -> usize {
    text.split(|c| c != of).map(str::len).max().unwrap_or(0)
}

/// A block the format has no match for: its text is kept as a paragraph, with a note.
fn custom(fields: &Fields, kind: Option<&str>, at: &Path, notes: &mut Notes) -> Option<Value<'static>> {
    let kind = kind.map_or_else(|| "block without `_type`".to_owned(), |kind| format!("`{kind}` block"));
    let mut texts = Vec::new();
    spans::collect_field_texts(fields, &mut texts);
    if texts.is_empty() {
        notes.add(at, format!("a {kind} is not something the format has, and holds no text; it was left out"));
        return None;
    }
    notes.add(at, format!("a {kind} is not something the format has; its text is kept as a paragraph"));
    let escaped: Vec<String> = texts.iter().map(|text| inline::escaped(text)).collect();
    paragraph([Some(escaped.join(" — "))])
}

