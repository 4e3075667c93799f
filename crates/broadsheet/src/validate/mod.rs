//! JSON tree → validated [`Article`], collecting every problem with the path it is about.
//!
//! This file holds the entry points and the checks every field shares; `article.rs` checks the
//! article and each block type, `options.rs` the rendering options, `text.rs` characters, language
//! tags, dates and the wording of messages.

mod article;
mod options;
mod wording;

use std::borrow::Cow;
use std::fmt;

use crate::article::*;
use crate::error::{Error, Path, Problem, Segment};
use crate::escape::{check_url, UrlUse};
use crate::json::{self, Value};
use crate::markdown::{self, Flavor};
use crate::options::{Limits, Options};
use crate::text::unfit_for_html;
use wording::{closest, number_text, quoted};

/// Validates a parsed JSON value as an article in format v1.
pub fn article(value: &Value, limits: &Limits) -> Result<Article, Error> {
    article_with(value, limits, true).map(|(article, _)| article)
}

/// Like [`article`], but Markdown fields are not parsed: the caller writes them with the checks
/// of `markdown::problems` instead (see `crate::render_value`). Also returns how many there were.
pub fn article_deferring_markdown(value: &Value, limits: &Limits) -> Result<(Article, usize), Error> {
    article_with(value, limits, false)
}

fn article_with(value: &Value, limits: &Limits, check_markdown: bool) -> Result<(Article, usize), Error> {
    let mut checker = Checker { problems: Vec::new(), limits, check_markdown, unchecked_markdown: 0 };
    let article = checker.article(value, &StackPath::Root);
    match article {
        Some(article) if checker.problems.is_empty() => Ok((article, checker.unchecked_markdown)),
        _ => Err(Error::new(checker.problems)),
    }
}

/// Validates rendering options given as JSON (the shape the JS package takes, camelCase keys).
/// Paths start at `options`.
pub fn options(value: &Value) -> Result<Options, Error> {
    let limits = Limits::default();
    let mut checker = Checker { problems: Vec::new(), limits: &limits, check_markdown: true, unchecked_markdown: 0 };
    let options = checker.options(value, &StackPath::Root.key("options"));
    match options {
        Some(options) if checker.problems.is_empty() => Ok(options),
        _ => Err(Error::new(checker.problems)),
    }
}


/// A JSON path, built on the stack as the walk goes down and made a [`Path`] only for an error.
#[derive(Clone, Copy)]
enum StackPath<'a> {
    Root,
    Key(&'a StackPath<'a>, &'a str),
    Index(&'a StackPath<'a>, usize),
}

impl<'a> StackPath<'a> {
    fn key(&'a self, key: &'a str) -> StackPath<'a> {
        StackPath::Key(self, key)
    }
    fn index(&'a self, index: usize) -> StackPath<'a> {
        StackPath::Index(self, index)
    }
}

impl StackPath<'_> {
    /// The path as data, for a problem.
    fn path(&self) -> Path {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                StackPath::Root => break,
                StackPath::Key(parent, key) => {
                    segments.push(Segment::Key((*key).to_owned()));
                    at = parent;
                }
                StackPath::Index(parent, index) => {
                    segments.push(Segment::Index(*index));
                    at = parent;
                }
            }
        }
        segments.reverse();
        Path::from_segments(segments)
    }
}

impl fmt::Display for StackPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.path().fmt(f)
    }
}

/// The fields of one JSON object whose keys have been checked.
struct Fields<'v> {
    entries: &'v [(Cow<'v, str>, Value<'v>)],
}

impl<'v> Fields<'v> {
    /// The value of `key`; `null` counts as absent.
    fn get(&self, key: &str) -> Option<&'v Value<'v>> {
        json::field_of(self.entries, key)
    }
}

struct Checker<'l> {
    problems: Vec<Problem>,
    limits: &'l Limits,
    /// `false`: Markdown fields are only counted, for a writer that checks them as it writes.
    check_markdown: bool,
    unchecked_markdown: usize,
}

impl Checker<'_> {
    fn report(&mut self, path: &StackPath, message: impl Into<String>) {
        self.problems.push(Problem::new(path.path(), message.into()));
    }

    fn expected(&mut self, path: &StackPath, what: &str, found: &Value) {
        self.report(path, format!("expected {what}, found {}", found.kind()));
    }

    /// The object at `path`, after reporting each key that is neither in `known` nor `x-…`.
    fn object<'v>(&mut self, value: &'v Value<'v>, path: &StackPath, known: &[&str]) -> Option<Fields<'v>> {
        let Value::Object(entries) = value else {
            self.expected(path, "an object", value);
            return None;
        };
        for (key, _) in entries {
            if !known.contains(&key.as_ref()) && !key.starts_with("x-") {
                let message = match closest(key, known) {
                    Some(suggestion) => format!("unknown key; did you mean \"{suggestion}\"?"),
                    None => format!("unknown key (expected one of: {})", known.join(", ")),
                };
                self.report(&path.key(key), message);
            }
        }
        Some(Fields { entries })
    }

    fn required<'v>(&mut self, fields: &Fields<'v>, key: &str, path: &StackPath) -> Option<&'v Value<'v>> {
        let value = fields.get(key);
        if value.is_none() {
            self.report(&path.key(key), "is required");
        }
        value
    }

    /// A string with text in it, within the length limit, with no control characters.
    fn text<'v>(&mut self, value: &'v Value<'v>, path: &StackPath) -> Option<&'v str> {
        let s = self.any_string(value, path)?;
        if s.trim().is_empty() {
            self.report(path, "must not be empty");
            return None;
        }
        Some(s)
    }

    /// Like [`Self::text`], but `""` is allowed.
    fn any_string<'v>(&mut self, value: &'v Value<'v>, path: &StackPath) -> Option<&'v str> {
        let Value::String(s) = value else {
            self.expected(path, "a string", value);
            return None;
        };
        if s.len() > self.limits.max_string_bytes {
            self.report(path, format!(
                "is {} bytes long; the limit is {} (limits.max_string_bytes)",
                s.len(),
                self.limits.max_string_bytes
            ));
            return None;
        }
        // HTML cannot carry these: a browser drops or replaces them, so text would change.
        if let Some(c) = unfit_for_html(s) {
            self.report(path, format!("contains U+{:04X}, which HTML cannot carry", c as u32));
            return None;
        }
        Some(s)
    }

    fn opt_text(&mut self, fields: &Fields, key: &str, path: &StackPath) -> Option<String> {
        let value = fields.get(key)?;
        self.text(value, &path.key(key)).map(str::to_owned)
    }

    fn inline(&mut self, value: &Value, path: &StackPath) -> Option<Inline> {
        let text = self.markdown(value, path, Flavor::Inline)?;
        Some(Inline(text))
    }

    fn opt_inline(&mut self, fields: &Fields, key: &str, path: &StackPath) -> Option<Inline> {
        self.inline(fields.get(key)?, &path.key(key))
    }

    fn markdown(&mut self, value: &Value, path: &StackPath, flavor: Flavor) -> Option<String> {
        let text = self.text(value, path)?;
        if !self.check_markdown {
            self.unchecked_markdown += 1;
            return Some(text.to_owned());
        }
        let problems = markdown::problems(text, flavor, self.limits.max_markdown_depth);
        let valid = problems.is_empty();
        for problem in problems {
            self.report(path, problem);
        }
        valid.then(|| text.to_owned())
    }

    fn url(&mut self, value: &Value, path: &StackPath, usage: UrlUse) -> Option<String> {
        let url = self.text(value, path)?;
        match check_url(url, usage) {
            Ok(()) => Some(url.to_owned()),
            Err(why) => {
                self.report(path, why);
                None
            }
        }
    }

    fn opt_url(&mut self, fields: &Fields, key: &str, path: &StackPath, usage: UrlUse) -> Option<String> {
        self.url(fields.get(key)?, &path.key(key), usage)
    }

    fn integer(&mut self, value: &Value, path: &StackPath, min: u32, max: u32) -> Option<u32> {
        match value {
            Value::Number(n) if n.fract() == 0.0 && *n >= min as f64 && *n <= max as f64 => Some(*n as u32),
            Value::Number(n) => {
                self.report(path, format!("expected a whole number from {min} to {max}, found {}", number_text(*n)));
                None
            }
            other => {
                self.expected(path, "a number", other);
                None
            }
        }
    }

    fn opt_integer(&mut self, fields: &Fields, key: &str, path: &StackPath, min: u32, max: u32) -> Option<u32> {
        self.integer(fields.get(key)?, &path.key(key), min, max)
    }

    fn array<'v>(&mut self, value: &'v Value<'v>, path: &StackPath) -> Option<&'v [Value<'v>]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.expected(path, "an array", other);
                None
            }
        }
    }

    /// One of `choices`, as a string.
    fn choice<'c>(&mut self, value: &Value, path: &StackPath, choices: &[&'c str]) -> Option<&'c str> {
        let s = self.any_string(value, path)?;
        let found = choices.iter().find(|c| **c == s).copied();
        if found.is_none() {
            let hint = match closest(s, choices) {
                Some(suggestion) => format!("; did you mean \"{suggestion}\"?"),
                None => String::new(),
            };
            self.report(path, format!("must be one of {}, found \"{s}\"{hint}", quoted(choices)));
        }
        found
    }

    /// Every item of an array checked by `item`; problems are reported per item.
    fn list_of<T>(&mut self, value: &Value, path: &StackPath, item: impl Fn(&mut Self, &Value, &StackPath) -> Option<T>) -> Vec<T> {
        let Some(values) = self.array(value, path) else { return Vec::new() };
        values.iter().enumerate().filter_map(|(i, v)| item(self, v, &path.index(i))).collect()
    }
}
