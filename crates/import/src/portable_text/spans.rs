//! A text block's children as inline Markdown: decorators and `markDefs` annotations become
//! marks, opened and closed in stack order as they run across spans.

use std::collections::{HashMap, HashSet};

use super::Fields;
use broadsheet::Path;
use broadsheet::escape::UrlUse;
use crate::inline::{InlineMarkdown, Mark};
use crate::article_json::{plain, url, Notes};
use crate::inline;
use broadsheet::json::{field_of, Value};

/// Sanity's default decorators, in the order they nest when they start and end together
/// (outermost first).
const DECORATORS: [&str; 5] = ["strong", "em", "code", "underline", "strike-through"];

/// The block's `children` as inline Markdown; `None` when they hold no text.
pub(super) fn inline(block: &Fields, at: &Path, notes: &mut Notes) -> Option<String> {
    let children = match field_of(block, "children") {
        Some(Value::Array(children)) => children.as_slice(),
        Some(other) => {
            let text = texts(other).join(" ");
            let kept = if text.is_empty() { "" } else { "; its text is kept" };
            notes.add(&at.key("children"), format!("is {}, expected an array of spans{kept}", other.kind()));
            return plain_markdown(&text);
        }
        None => return None,
    };
    let marks: Vec<Option<Vec<&str>>> =
        children.iter().enumerate().map(|(i, child)| span_marks(child, &at.key("children").index(i), notes)).collect();
    let mut writer = SpanMarkdownWriter::new(MarkDefs::of(block, at, notes), notes.max_mark_depth);
    for (i, (child, wanted)) in children.iter().zip(&marks).enumerate() {
        let at_child = at.key("children").index(i);
        let Some(wanted) = wanted else {
            // Marks do not run through what is not a span.
            writer.close_to(0);
            if let Some(text) = inline_object(child, &at_child, notes) {
                writer.apart(&text);
            }
            continue;
        };
        // Marks the span still has stay open, from the outermost until the first it has not.
        let keep = writer.open.iter().take_while(|open| wanted.binary_search(&open.key).is_ok()).count();
        writer.close_to(keep);
        let mut opening: Vec<&str> = wanted.iter().copied().filter(|key| !writer.open.iter().any(|open| open.key == *key)).collect();
        // The mark that runs longest opens first, so it can stay open while the others close.
        opening.sort_by_cached_key(|key| (std::cmp::Reverse(run_length(&marks[i..], key)), decorator_rank(key), *key));
        for key in opening {
            writer.open(key, at, &at_child, notes);
        }
        match child.field("text") {
            Some(Value::String(text)) => writer.text(text),
            Some(other) => notes.add(&at_child.key("text"), format!("is {}, expected text; it was left out", other.kind())),
            None => {}
        }
    }
    writer.close_to(0);
    writer.markdown.finish()
}

/// A span's marks, sorted and without repeats; `None` for a child that is not a span (a span
/// may leave out `_type`, as Portable Text's own examples sometimes do). Marks past the depth
/// Markdown can nest are not read, which also bounds the work each span makes.
fn span_marks<'v>(child: &'v Value, at: &Path, notes: &mut Notes) -> Option<Vec<&'v str>> {
    let Value::Object(fields) = child else { return None };
    let is_span = match field_of(fields, "_type").and_then(Value::as_str) {
        Some(kind) => kind == "span",
        None => matches!(field_of(fields, "text"), Some(Value::String(_))),
    };
    if !is_span {
        return None;
    }
    let mut marks: Vec<&str> = Vec::new();
    let keys = match field_of(fields, "marks") {
        Some(Value::Array(keys)) => keys.as_slice(),
        _ => &[],
    };
    for key in keys {
        let Value::String(key) = key else { continue };
        if marks.contains(&key.as_ref()) {
            continue;
        }
        let max = notes.max_mark_depth;
        if marks.len() == max {
            let message = format!("the span has more than {max} marks; those after the first {max} were not applied; its text is kept");
            notes.add(&at.key("marks"), message);
            break;
        }
        marks.push(key);
    }
    marks.sort_unstable();
    Some(marks)
}

/// How many spans from the first of `marks` on carry `key`.
fn run_length(marks: &[Option<Vec<&str>>], key: &str) -> usize {
    marks.iter().take_while(|span| span.as_ref().is_some_and(|marks| marks.binary_search(&key).is_ok())).count()
}

fn decorator_rank(key: &str) -> usize {
    DECORATORS.iter().position(|d| *d == key).unwrap_or(DECORATORS.len())
}

/// The text of an inline object (not a span), kept with a note.
fn inline_object(child: &Value, at: &Path, notes: &mut Notes) -> Option<String> {
    let what = match child {
        Value::Object(fields) => match field_of(fields, "_type").and_then(Value::as_str) {
            Some(kind) => format!("an inline `{kind}` is not something the format has"),
            None => "an inline object without `_type` is not something the format has".to_owned(),
        },
        other => format!("a child that is {} is not a span", other.kind()),
    };
    let text = texts(child).join(" ");
    if text.is_empty() {
        notes.add(at, format!("{what}, and holds no text; it was left out"));
        return None;
    }
    notes.add(at, format!("{what}; its text is kept"));
    Some(text)
}

/// A mark the writer has opened: the key the spans name it by, and what it became.
struct Open<'v> {
    key: &'v str,
    /// `None` when it has no Markdown (underline, an unknown annotation): its text is kept plain.
    mark: Option<Mark>,
}

struct SpanMarkdownWriter<'v, 'a> {
    markdown: InlineMarkdown,
    /// Open marks, outermost first.
    open: Vec<Open<'v>>,
    defs: MarkDefs<'v, 'a>,
    /// Marks already noted in this block, noted once each.
    noted: HashSet<&'v str>,
    /// Whether the last text written ends in white space (or nothing is written yet).
    after_space: bool,
    /// Whether the next text must start apart from the last (it follows an inline object's).
    space_next: bool,
}

impl<'v, 'a> SpanMarkdownWriter<'v, 'a> {
    fn new(defs: MarkDefs<'v, 'a>, max_mark_depth: usize) -> Self {
        SpanMarkdownWriter { markdown: InlineMarkdown::new(max_mark_depth), open: Vec::new(), defs, noted: HashSet::new(), after_space: true, space_next: false }
    }

    /// Closes the open marks after the first `keep`, innermost first.
    fn close_to(&mut self, keep: usize) {
        while self.open.len() > keep {
            if let Some(Open { mark: Some(mark), .. }) = self.open.pop() {
                self.markdown.close(&mark);
            }
        }
    }

    fn open(&mut self, key: &'v str, block: &Path, at: &Path, notes: &mut Notes) {
        let mark = self.mark(key, block, notes);
        if let Some(mark) = &mark {
            if let Err(refused) = self.markdown.open(mark.clone()) {
                notes.add(at, format!("the mark \"{key}\" was not applied ({}); its text is kept", refused.reason()));
            }
        }
        self.open.push(Open { key, mark });
    }

    /// What `key` means: an annotation in `markDefs` first (as renderers look it up), then a
    /// decorator. Underline and unknown marks have no Markdown; they are noted once per block.
    fn mark(&mut self, key: &'v str, block: &Path, notes: &mut Notes) -> Option<Mark> {
        if let Some(resolved) = self.defs.resolve(key, notes) {
            return resolved;
        }
        let mark = match key {
            "strong" => return Some(Mark::Strong),
            "em" => return Some(Mark::Emphasis),
            "code" => return Some(Mark::Code),
            "strike-through" => return Some(Mark::Strike),
            "underline" => "underline is not something the format has; the underlined text is kept without it".to_owned(),
            other => format!("the mark \"{other}\" is neither a decorator the format has nor defined in `markDefs`; its text is kept unmarked"),
        };
        if self.noted.insert(key) {
            notes.add(block, mark);
        }
        None
    }

    /// Text set apart by spaces from the text around it, so that words do not run together.
    fn apart(&mut self, text: &str) {
        if !self.after_space {
            self.markdown.text(" ");
        }
        self.text(text);
        self.space_next = true;
    }

    /// Span text: a newline is a line break.
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.space_next) && !text.starts_with(char::is_whitespace) {
            self.markdown.text(" ");
        }
        self.after_space = text.ends_with(char::is_whitespace);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.markdown.line_break();
            }
            self.markdown.text(line);
        }
    }
}

/// A block's `markDefs`, each read (and noted) the first time a span uses it.
struct MarkDefs<'v, 'a> {
    at: Path,
    /// Each definition's `_key`, with its index and fields; the first of a key wins.
    by_key: HashMap<&'v str, (usize, &'v Fields<'a>)>,
    resolved: HashMap<&'v str, Option<Mark>>,
}

impl<'v, 'a> MarkDefs<'v, 'a> {
    fn of(block: &'v Fields<'a>, at: &Path, notes: &mut Notes) -> Self {
        let at = at.key("markDefs");
        let mut by_key = HashMap::new();
        match field_of(block, "markDefs") {
            Some(Value::Array(defs)) => {
                for (i, def) in defs.iter().enumerate() {
                    if let Value::Object(fields) = def {
                        if let Some(key) = field_of(fields, "_key").and_then(Value::as_str) {
                            by_key.entry(key).or_insert((i, fields.as_slice()));
                        }
                    }
                }
            }
            Some(other) => notes.add(&at, format!("is {}, expected an array; its marks are kept as plain text", other.kind())),
            None => {}
        }
        MarkDefs { at, by_key, resolved: HashMap::new() }
    }

    /// `None` when no definition has this key; else the mark it makes, if any.
    fn resolve(&mut self, key: &'v str, notes: &mut Notes) -> Option<Option<Mark>> {
        if let Some(resolved) = self.resolved.get(key) {
            return Some(resolved.clone());
        }
        let (index, fields) = *self.by_key.get(key)?;
        let at = self.at.index(index);
        let mark = match field_of(fields, "_type").and_then(Value::as_str) {
            Some("link") => match field_of(fields, "href") {
                Some(Value::String(href)) => url(href, UrlUse::Link, &at.key("href"), notes).map(Mark::Link),
                _ => {
                    notes.add(&at, "the link has no `href`; its text is kept unlinked");
                    None
                }
            },
            kind => {
                let kind = kind.map_or_else(|| "without `_type`".to_owned(), |kind| format!("`{kind}`"));
                notes.add(&at, format!("the annotation {kind} is not something the format has; its text is kept without it"));
                None
            }
        };
        self.resolved.insert(key, mark.clone());
        Some(mark)
    }
}

/// Text as inline Markdown, or `None` when blank.
fn plain_markdown(text: &str) -> Option<String> {
    let mut markdown = InlineMarkdown::new(0);
    markdown.text(text);
    markdown.finish()
}

/// Text (`excerpt`, a caption) that is a string or itself Portable Text, as inline Markdown;
/// blocks are joined by line breaks.
pub(super) fn inline_text(value: &Value, at: &Path, notes: &mut Notes) -> Option<String> {
    let parts: Vec<String> = match value {
        Value::String(s) => return plain(s).map(|s| inline::escaped(&s)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let at = at.index(i);
                match item {
                    Value::Object(fields) if field_of(fields, "_type").and_then(Value::as_str) == Some("block") => inline(fields, &at, notes),
                    other => {
                        let text = texts(other).join(" ");
                        let kind = match other {
                            Value::Object(fields) => field_of(fields, "_type").and_then(Value::as_str).map_or_else(|| "an object".to_owned(), |k| format!("a block of type `{k}`")),
                            other => other.kind().to_owned(),
                        };
                        match text.is_empty() {
                            true => notes.add(&at, format!("{kind} cannot be part of this text, and holds none; it was left out")),
                            false => notes.add(&at, format!("{kind} cannot be part of this text; its text is kept")),
                        }
                        (!text.is_empty()).then(|| inline::escaped(&text))
                    }
                }
            })
            .collect(),
        Value::Null => return None,
        other => {
            notes.add(at, format!("is {}, expected text or Portable Text; it was left out", other.kind()));
            return None;
        }
    };
    (!parts.is_empty()).then(|| parts.join("\\\n"))
}

/// Every text a value holds, in order: strings, a block's spans run together, nothing from
/// Sanity's own keys (`_type`, `_key`, `_ref`). Nesting is bounded by the JSON parser's.
pub(super) fn texts(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_texts(value, &mut out);
    out
}

fn collect_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.extend(plain(s)),
        Value::Array(items) => items.iter().for_each(|item| collect_texts(item, out)),
        Value::Object(fields) => collect_field_texts(fields, out),
        _ => {}
    }
}

pub(super) fn collect_field_texts(fields: &Fields, out: &mut Vec<String>) {
    match field_of(fields, "_type").and_then(Value::as_str) {
        Some("block") => {
            let Some(Value::Array(children)) = field_of(fields, "children") else { return };
            let text: Vec<String> = children
                .iter()
                .map(|child| match child {
                    Value::Object(span) if field_of(span, "_type").and_then(Value::as_str) == Some("span") => field_of(span, "text").and_then(Value::as_str).unwrap_or_default().to_owned(),
                    other => texts(other).join(" "),
                })
                .collect();
            out.extend(plain(&text.concat()));
        }
        Some("span") => out.extend(field_of(fields, "text").and_then(Value::as_str).and_then(plain)),
        _ => fields.iter().filter(|(key, _)| !key.starts_with('_')).for_each(|(_, value)| collect_texts(value, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::json;

    /// The inline Markdown of one block, and its notes.
    fn inline_of(block: &str) -> (Option<String>, Vec<String>) {
        let value = json::parse(block).unwrap();
        let Value::Object(fields) = &value else { panic!("not an object") };
        let mut notes = Notes::default();
        let markdown = inline(fields, &Path::default().key("body").index(0), &mut notes);
        (markdown, notes.list.iter().map(ToString::to_string).collect())
    }

    fn spans(spans: &[(&str, &[&str])]) -> String {
        let children: Vec<String> = spans
            .iter()
            .map(|(text, marks)| format!(r#"{{"_type": "span", "text": "{text}", "marks": [{}]}}"#, marks.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")))
            .collect();
        format!(
            r#"{{"_type": "block", "markDefs": [{{"_key": "l1", "_type": "link", "href": "https://example.com/a"}}], "children": [{}]}}"#,
            children.join(", ")
        )
    }

    #[test]
    fn a_mark_that_runs_on_stays_open_around_shorter_ones() {
        // strong runs across three spans; em and the link start and end inside it.
        let block = spans(&[("Bold ", &["strong"]), ("and italic", &["em", "strong"]), (" and linked", &["strong", "l1"]), (" then plain.", &[])]);
        let (markdown, notes) = inline_of(&block);
        assert_eq!(markdown.unwrap(), "**Bold *and italic* [and linked](<https://example.com/a>)** then plain.");
        assert!(notes.is_empty());
    }

    #[test]
    fn marks_that_overlap_close_and_reopen_in_stack_order() {
        // em starts inside the link and outlasts it: the longer run (em) cannot be reordered
        // outside, so it closes with the link and reopens after it.
        let block = spans(&[("see ", &["l1"]), ("this", &["l1", "em"]), (" now", &["em"])]);
        let (markdown, _) = inline_of(&block);
        assert_eq!(markdown.unwrap(), "[see *this*](<https://example.com/a>) *now*");
        // Marks that start together nest by how long each runs, then in decorator order.
        let block = spans(&[("a", &["em", "strong"]), ("b", &["em"])]);
        assert_eq!(inline_of(&block).0.unwrap(), "***a**b*");
        let block = spans(&[("a", &["strike-through", "em", "strong"])]);
        assert_eq!(inline_of(&block).0.unwrap(), "***~~a~~***");
    }

    #[test]
    fn text_is_text_and_newlines_break_lines() {
        let block = spans(&[("2 * 3 = [six] <b>", &[]), ("line\\nnext", &["code"])]);
        assert_eq!(inline_of(&block).0.unwrap(), "2 \\* 3 = \\[six\\] \\<b\\>`line next`");
        let block = spans(&[("one\\ntwo", &["strong"])]);
        assert_eq!(inline_of(&block).0.unwrap(), "**one\\\ntwo**");
    }

    #[test]
    fn unknown_marks_keep_their_text_with_one_note_per_block() {
        let block = r#"{"_type": "block", "markDefs": [
                {"_key": "c1", "_type": "comment", "text": "check this"},
                {"_key": "l2", "_type": "link", "href": "javascript:alert(1)"},
                {"_key": "l3", "_type": "link"}],
            "children": [
                {"_type": "span", "text": "under", "marks": ["underline", "highlight"]},
                {"_type": "span", "text": "lined", "marks": ["underline", "c1"]},
                {"_type": "span", "text": " bad", "marks": ["l2", "highlight"]},
                {"_type": "span", "text": " bare", "marks": ["l3"]},
                {"_type": "mention", "name": "Ann"}]}"#;
        let (markdown, notes) = inline_of(block);
        assert_eq!(markdown.unwrap(), "underlined bad bare Ann");
        assert_eq!(
            notes,
            [
                "body[0]: underline is not something the format has; the underlined text is kept without it",
                "body[0]: the mark \"highlight\" is neither a decorator the format has nor defined in `markDefs`; its text is kept unmarked",
                "body[0].markDefs[0]: the annotation `comment` is not something the format has; its text is kept without it",
                "body[0].markDefs[1].href: the URL \"javascript:alert(1)\" was left out: URL scheme \"javascript\" is not allowed here (allowed: https, http, mailto, or a relative URL)",
                "body[0].markDefs[2]: the link has no `href`; its text is kept unlinked",
                "body[0].children[4]: an inline `mention` is not something the format has; its text is kept",
            ]
        );
    }

    #[test]
    fn a_mark_reopened_straight_after_another_closes_renders_as_nested() {
        // strong ends where em goes on: em closes with strong and reopens at once, and the two
        // delimiter runs are kept apart so they do not merge into one.
        let block = spans(&[("a", &["strong"]), ("b", &["strong", "em"]), ("c", &["em"])]);
        let markdown = inline_of(&block).0.unwrap();
        assert_eq!(markdown, "**a*b***\u{2060}*c*");
        let article = format!(r#"{{"headline": "H", "body": [{{"type": "paragraph", "text": "{markdown}"}}]}}"#);
        let html = broadsheet::render_json(&article, &Default::default()).unwrap();
        assert!(html.contains("<p><strong>a<em>b</em></strong>\u{2060}<em>c</em></p>"), "{html}");
    }

    #[test]
    fn a_span_with_more_marks_than_markdown_nests_keeps_its_text() {
        let marks: Vec<String> = (0..10_000).map(|i| format!("m{i}")).chain(["strong".to_owned()]).collect();
        let marks: Vec<&str> = marks.iter().map(String::as_str).collect();
        let (markdown, notes) = inline_of(&spans(&[("text", &marks), ("more", &["em"])]));
        assert_eq!(markdown.unwrap(), "text*more*");
        // The 31 marks read (the default `max_markdown_depth` less the paragraph) are unknown:
        // each is noted once.
        assert_eq!(notes.len(), 32);
        assert_eq!(notes[0], "body[0].children[0].marks: the span has more than 31 marks; those after the first 31 were not applied; its text is kept");
        assert_eq!(notes[1], "body[0]: the mark \"m0\" is neither a decorator the format has nor defined in `markDefs`; its text is kept unmarked");
    }

    #[test]
    fn a_link_inside_a_link_keeps_its_text() {
        let block = r#"{"_type": "block", "markDefs": [
                {"_key": "a", "_type": "link", "href": "https://a.example"},
                {"_key": "b", "_type": "link", "href": "https://b.example"}],
            "children": [{"_type": "span", "text": "x", "marks": ["a"]}, {"_type": "span", "text": "y", "marks": ["a", "b"]}]}"#;
        let (markdown, notes) = inline_of(block);
        assert_eq!(markdown.unwrap(), "[xy](<https://a.example>)");
        assert_eq!(notes, ["body[0].children[1]: the mark \"b\" was not applied (a link cannot hold another link); its text is kept"]);
    }
}
