//! The HTML being written: the one output type of both writers (the article's, in `render`, and
//! Markdown's). What can go into it is what the type lets in:
//!
//! - markup only as `&'static str`: the writers' own literals, never input;
//! - text and attribute values only escaped for their context ([`escape`]);
//! - URLs only as an [`AllowedUrl`], which only the URL policy makes;
//! - JSON only as a whole `<script>` element, in the style nothing inside can end;
//! - numbers as decimal digits, and HTML that is itself an `Html`.
//!
//! There is no way to append a `&str` as markup: nothing else needs one.

use crate::escape::{self, AllowedUrl};
use crate::json::{JsonStyle, Value};

/// HTML written so far; only [`Html::into_string`] lets it out.
#[derive(Debug, Default)]
pub struct Html(String);

impl Html {
    /// Empty HTML with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Html(String::with_capacity(capacity))
    }

    /// The bytes written so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The writer's own markup: a literal, never input.
    pub fn markup(&mut self, markup: &'static str) {
        self.0.push_str(markup);
    }

    /// `n` in decimal digits, which no context reads as markup.
    pub fn number(&mut self, n: u64) {
        use std::fmt::Write;
        // Writing to a `String` cannot fail.
        let _ = write!(self.0, "{n}");
    }

    /// `text` as a text node: `&`, `<` and `>` escaped.
    pub fn text(&mut self, text: &str) {
        escape::text(&mut self.0, text);
    }

    /// ` name="value"`, the value escaped for a double-quoted attribute.
    pub fn attr(&mut self, name: &'static str, value: &str) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape::attr(&mut self.0, value);
        self.0.push('"');
    }

    /// ` name="n"`.
    pub fn number_attr(&mut self, name: &'static str, n: u64) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.number(n);
        self.0.push('"');
    }

    /// ` name="url"` for a URL the policy allowed.
    pub fn url_attr(&mut self, name: &'static str, url: AllowedUrl) {
        self.attr(name, url.as_str());
    }

    /// `<script type="{kind}">` holding `value` as JSON, `<`, `>`, `&`, U+2028 and U+2029 written
    /// as `\u` escapes: nothing in it can close the element, open a comment, or end a line for a
    /// JS parser, and a JSON reader reads the same value.
    pub fn json_script(&mut self, kind: &'static str, value: &Value) {
        self.0.push_str("<script");
        self.attr("type", kind);
        self.0.push('>');
        self.0.push_str(&value.to_json(JsonStyle::Script));
        self.0.push_str("</script>");
    }

    /// Appends HTML written elsewhere.
    pub fn append(&mut self, html: &Html) {
        self.0.push_str(&html.0);
    }

    /// Takes what was written from byte `at` on (an offset [`Html::len`] gave).
    pub fn split_off(&mut self, at: usize) -> Html {
        Html(self.0.split_off(at))
    }

    /// The HTML as a string.
    pub fn into_string(self) -> String {
        self.0
    }
}
