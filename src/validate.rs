//! JSON tree → validated [`Article`], collecting every problem with the path it is about.

use std::borrow::Cow;
use std::fmt;

use crate::article::*;
use crate::error::{Error, Path, Problem, Segment};
use crate::escape::{check_url, UrlUse};
use crate::json::Value;
use crate::markdown::{self, Flavor};
use crate::options::{Labels, Limits, Options, PosterPolicy};
use crate::youtube;

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

const ARTICLE_KEYS: &[&str] = &[
    "schema", "id", "lang", "dir", "url", "section", "headline", "dek", "authors", "published",
    "modified", "tags", "hero", "body", "related",
];
const BLOCK_TYPES: &[&str] = &["paragraph", "heading", "image", "youtube", "quote", "list", "markdown", "divider"];

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
    fn to_path(&self) -> Path {
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
        self.to_path().fmt(f)
    }
}

/// The fields of one JSON object whose keys have been checked.
struct Fields<'v> {
    entries: &'v [(Cow<'v, str>, Value<'v>)],
}

impl<'v> Fields<'v> {
    /// The value of `key`; `null` counts as absent.
    fn get(&self, key: &str) -> Option<&'v Value<'v>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null)
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
        self.problems.push(Problem::new(path.to_path(), message.into()));
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

    fn options(&mut self, value: &Value, path: &StackPath) -> Option<Options> {
        let keys = ["headingShift", "idPrefix", "poster", "labels", "defaultSizes", "limits"];
        let fields = self.object(value, path, &keys)?;
        let mut options = Options::default();
        if let Some(shift) = self.opt_integer(&fields, "headingShift", path, 0, 5) {
            options.heading_shift = shift as u8;
        }
        if let Some(v) = fields.get("idPrefix") {
            options.id_prefix = self.id(v, &path.key("idPrefix"));
        }
        if let Some(v) = fields.get("poster") {
            if let Some(policy) = self.choice(v, &path.key("poster"), &["youtube", "self-hosted"]) {
                options.poster = if policy == "youtube" { PosterPolicy::YouTube } else { PosterPolicy::SelfHostedOnly };
            }
        }
        if let Some(v) = fields.get("labels") {
            self.labels(v, &path.key("labels"), &mut options.labels);
        }
        if let Some(sizes) = self.opt_text(&fields, "defaultSizes", path) {
            options.default_sizes = sizes;
        }
        if let Some(v) = fields.get("limits") {
            let path = path.key("limits");
            let keys = ["maxInputBytes", "maxBlocks", "maxStringBytes", "maxMarkdownDepth"];
            let fields = self.object(v, &path, &keys)?;
            let limits = &mut options.limits;
            let set = |checker: &mut Self, key: &str, target: &mut usize| {
                if let Some(n) = checker.opt_integer(&fields, key, &path, 1, u32::MAX) {
                    *target = n as usize;
                }
            };
            set(self, "maxInputBytes", &mut limits.max_input_bytes);
            set(self, "maxBlocks", &mut limits.max_blocks);
            set(self, "maxStringBytes", &mut limits.max_string_bytes);
            set(self, "maxMarkdownDepth", &mut limits.max_markdown_depth);
        }
        Some(options)
    }

    /// Overrides the labels given; the rest keep their defaults.
    fn labels(&mut self, value: &Value, path: &StackPath, labels: &mut Labels) {
        let keys = [
            "by", "and", "updated", "playVideo", "watchVideo", "credit", "source", "tags", "permalink", "table", "date", "months",
        ];
        let Some(fields) = self.object(value, path, &keys) else { return };
        let texts: [(&str, &mut String); 11] = [
            ("by", &mut labels.by),
            ("and", &mut labels.and),
            ("updated", &mut labels.updated),
            ("playVideo", &mut labels.play_video),
            ("watchVideo", &mut labels.watch_video),
            ("credit", &mut labels.credit),
            ("source", &mut labels.source),
            ("tags", &mut labels.tags),
            ("permalink", &mut labels.permalink),
            ("table", &mut labels.table),
            ("date", &mut labels.date),
        ];
        for (key, target) in texts {
            if let Some(text) = self.opt_text(&fields, key, path) {
                *target = text;
            }
        }
        if let Some(v) = fields.get("months") {
            let months_path = path.key("months");
            let before = self.problems.len();
            let names = self.list_of(v, &months_path, |c, v, p| c.text(v, p).map(str::to_owned));
            if self.problems.len() == before {
                match <[String; 12]>::try_from(names) {
                    Ok(months) => labels.months = months,
                    Err(names) => self.report(&months_path, format!("needs 12 month names, found {}", names.len())),
                }
            }
        }
    }

    fn article(&mut self, value: &Value, root: &StackPath) -> Option<Article> {
        let Value::Object(_) = value else {
            self.report(root, format!("an article must be a JSON object, found {}", value.kind()));
            return None;
        };
        let fields = self.object(value, root, ARTICLE_KEYS)?;
        if let Some(schema) = fields.get("schema") {
            if *schema != Value::Number(1.0) {
                self.report(&root.key("schema"), "must be 1 (this is format v1)");
            }
        }
        let id = fields.get("id").and_then(|v| self.id(v, &root.key("id")));
        let lang = fields.get("lang").and_then(|v| {
            let path = root.key("lang");
            let tag = self.text(v, &path)?;
            if is_language_tag(tag) {
                Some(tag.to_owned())
            } else {
                self.report(&path, format!("\"{tag}\" is not a BCP 47 language tag (like en, pt-BR, zh-Hant)"));
                None
            }
        });
        let dir = fields.get("dir").and_then(|v| {
            Some(match self.choice(v, &root.key("dir"), &["ltr", "rtl", "auto"])? {
                "ltr" => Dir::Ltr,
                "rtl" => Dir::Rtl,
                _ => Dir::Auto,
            })
        });
        let url = self.opt_url(&fields, "url", root, UrlUse::Canonical);
        let section = fields.get("section").and_then(|v| self.section(v, &root.key("section")));
        let headline = self.required(&fields, "headline", root).and_then(|v| self.text(v, &root.key("headline")));
        let dek = self.opt_inline(&fields, "dek", root);
        let authors = match fields.get("authors") {
            Some(v) => self.list_of(v, &root.key("authors"), Self::author),
            None => Vec::new(),
        };
        let published = fields.get("published").and_then(|v| self.date_time(v, &root.key("published")));
        let modified = fields.get("modified").and_then(|v| self.date_time(v, &root.key("modified")));
        let tags = match fields.get("tags") {
            Some(v) => self.list_of(v, &root.key("tags"), |c, v, p| c.text(v, p).map(str::to_owned)),
            None => Vec::new(),
        };
        let hero = fields.get("hero").and_then(|v| self.hero(v, &root.key("hero")));
        let body = self.required(&fields, "body", root).and_then(|v| self.body(v, &root.key("body")));
        let related = fields.get("related").and_then(|v| self.related(v, &root.key("related")));
        Some(Article {
            id,
            lang,
            dir,
            url,
            section,
            headline: headline?.to_owned(),
            dek,
            authors,
            published,
            modified,
            tags,
            hero,
            body: body?,
            related,
        })
    }

    fn id(&mut self, value: &Value, path: &StackPath) -> Option<String> {
        let id = self.any_string(value, path)?;
        let valid = (1..=64).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            self.report(path, format!("\"{id}\" is not 1 to 64 of A-Z, a-z, 0-9, _ and -"));
        }
        valid.then(|| id.to_owned())
    }

    /// Every item of an array checked by `item`; problems are reported per item.
    fn list_of<T>(&mut self, value: &Value, path: &StackPath, item: impl Fn(&mut Self, &Value, &StackPath) -> Option<T>) -> Vec<T> {
        let Some(values) = self.array(value, path) else { return Vec::new() };
        values.iter().enumerate().filter_map(|(i, v)| item(self, v, &path.index(i))).collect()
    }

    fn section(&mut self, value: &Value, path: &StackPath) -> Option<Section> {
        let fields = self.object(value, path, &["name", "url"])?;
        let name = self.required(&fields, "name", path).and_then(|v| self.text(v, &path.key("name")));
        let url = self.opt_url(&fields, "url", path, UrlUse::Link);
        Some(Section { name: name?.to_owned(), url })
    }

    fn author(&mut self, value: &Value, path: &StackPath) -> Option<Author> {
        let fields = self.object(value, path, &["name", "url"])?;
        let name = self.required(&fields, "name", path).and_then(|v| self.text(v, &path.key("name")));
        let url = self.opt_url(&fields, "url", path, UrlUse::Link);
        Some(Author { name: name?.to_owned(), url })
    }

    fn date_time(&mut self, value: &Value, path: &StackPath) -> Option<DateTime> {
        let text = self.text(value, path)?;
        let parsed = parse_date_time(text);
        if parsed.is_none() {
            self.report(path, format!("\"{text}\" is not an RFC 3339 date-time (like 2019-10-31T14:05:00Z)"));
        }
        parsed
    }

    fn hero(&mut self, value: &Value, path: &StackPath) -> Option<Media> {
        match self.block(value, path)? {
            Block::Image(image) => Some(Media::Image(image)),
            Block::YouTube(video) => Some(Media::YouTube(video)),
            _ => {
                self.report(&path.key("type"), "the hero must be an image or youtube block");
                None
            }
        }
    }

    fn body(&mut self, value: &Value, path: &StackPath) -> Option<Vec<Block>> {
        let values = self.array(value, path)?;
        if values.len() > self.limits.max_blocks {
            self.report(path, format!(
                "has {} blocks; the limit is {} (limits.max_blocks)",
                values.len(),
                self.limits.max_blocks
            ));
            return None;
        }
        let before = self.problems.len();
        // Heading ids are used as given, so two of them must not be the same.
        // A map, so that checking stays linear in the number of headings.
        let mut heading_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut blocks = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let Some(block) = self.block(value, &path.index(i)) else { continue };
            if let Block::Heading(Heading { id: Some(id), .. }) = &block {
                match heading_ids.get(id) {
                    Some(first) => {
                        let message = format!("id \"{id}\" is already used by {path}[{first}].id");
                        self.report(&path.index(i).key("id"), message);
                    }
                    None => {
                        heading_ids.insert(id.clone(), i);
                    }
                }
            }
            blocks.push(block);
        }
        (self.problems.len() == before).then_some(blocks)
    }

    fn block(&mut self, value: &Value, path: &StackPath) -> Option<Block> {
        let Value::Object(entries) = value else {
            self.expected(path, "a block object", value);
            return None;
        };
        // The type decides which keys are known, so it is read before the keys are checked.
        let kind = self.required(&Fields { entries }, "type", path)?;
        let kind = self.choice(kind, &path.key("type"), BLOCK_TYPES)?;
        match kind {
            "paragraph" => {
                let fields = self.object(value, path, &["type", "text"])?;
                let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
                Some(Block::Paragraph(text?))
            }
            "heading" => {
                let fields = self.object(value, path, &["type", "level", "text", "id"])?;
                let level = self.required(&fields, "level", path).and_then(|v| self.integer(v, &path.key("level"), 2, 6));
                let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
                let id = fields.get("id").and_then(|v| self.id(v, &path.key("id")));
                Some(Block::Heading(Heading { level: level? as u8, text: text?, id }))
            }
            "image" => self.image(value, path).map(Block::Image),
            "youtube" => self.youtube(value, path).map(Block::YouTube),
            "quote" => {
                let fields = self.object(value, path, &["type", "text", "cite", "source", "style"])?;
                let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
                let cite = self.opt_text(&fields, "cite", path);
                let source = self.opt_url(&fields, "source", path, UrlUse::Link);
                let style = match fields.get("style") {
                    Some(v) => match self.choice(v, &path.key("style"), &["block", "pull"])? {
                        "pull" => QuoteStyle::Pull,
                        _ => QuoteStyle::Block,
                    },
                    None => QuoteStyle::Block,
                };
                Some(Block::Quote(Quote { text: text?, cite, source, style }))
            }
            "list" => {
                let fields = self.object(value, path, &["type", "ordered", "items"])?;
                let ordered = match fields.get("ordered") {
                    Some(Value::Bool(b)) => *b,
                    Some(other) => {
                        self.expected(&path.key("ordered"), "true or false", other);
                        false
                    }
                    None => false,
                };
                let items_path = path.key("items");
                let values = self.required(&fields, "items", path).and_then(|v| self.array(v, &items_path))?;
                if values.is_empty() {
                    self.report(&items_path, "a list needs at least one item");
                    return None;
                }
                let items: Vec<Inline> =
                    values.iter().enumerate().filter_map(|(i, v)| self.inline(v, &items_path.index(i))).collect();
                (items.len() == values.len()).then_some(Block::List(List { ordered, items }))
            }
            "markdown" => {
                let fields = self.object(value, path, &["type", "text"])?;
                let text = self.required(&fields, "text", path)?;
                self.markdown(text, &path.key("text"), Flavor::Block).map(Block::Markdown)
            }
            _ => {
                self.object(value, path, &["type"])?;
                Some(Block::Divider)
            }
        }
    }

    fn image(&mut self, value: &Value, path: &StackPath) -> Option<Image> {
        let keys = ["type", "src", "alt", "width", "height", "caption", "credit", "srcset", "sizes"];
        let fields = self.object(value, path, &keys)?;
        let src = self.required(&fields, "src", path).and_then(|v| self.url(v, &path.key("src"), UrlUse::Resource));
        let alt = match fields.get("alt") {
            Some(v) => self.any_string(v, &path.key("alt")),
            None => {
                self.report(&path.key("alt"), "is required (describe the image, or \"\" if it is decorative)");
                None
            }
        };
        let width = self.opt_integer(&fields, "width", path, 1, 100_000);
        let height = self.opt_integer(&fields, "height", path, 1, 100_000);
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let srcset = match fields.get("srcset") {
            Some(v) => self.list_of(v, &path.key("srcset"), |c, v, p| {
                let fields = c.object(v, p, &["src", "width"])?;
                let src = c.required(&fields, "src", p).and_then(|v| c.url(v, &p.key("src"), UrlUse::Resource));
                let width = c.required(&fields, "width", p).and_then(|v| c.integer(v, &p.key("width"), 1, 100_000));
                if src.as_deref().is_some_and(|s| s.starts_with(',') || s.ends_with(',')) {
                    c.report(&p.key("src"), "a srcset URL cannot start or end with a comma");
                    return None;
                }
                Some(ImageSource { src: src?, width: width? })
            }),
            None => Vec::new(),
        };
        let sizes = self.opt_text(&fields, "sizes", path);
        if sizes.is_some() && srcset.is_empty() && fields.get("srcset").is_none() {
            self.report(&path.key("sizes"), "only means something with a srcset");
        }
        Some(Image { src: src?, alt: alt?.to_owned(), width, height, caption, credit, srcset, sizes })
    }

    fn youtube(&mut self, value: &Value, path: &StackPath) -> Option<YouTube> {
        let keys = ["type", "id", "url", "title", "start", "caption", "credit", "poster"];
        let fields = self.object(value, path, &keys)?;
        let start = self.opt_integer(&fields, "start", path, 0, 86_400 * 7);
        let video = match (fields.get("id"), fields.get("url")) {
            (Some(_), Some(_)) => {
                self.report(&path.key("url"), "give either id or url, not both");
                None
            }
            (None, None) => {
                self.report(&path.key("id"), "is required (or give the video's url)");
                None
            }
            (Some(id), None) => {
                let id_path = path.key("id");
                let id = self.any_string(id, &id_path)?;
                if youtube::is_video_id(id) {
                    Some(youtube::VideoRef { id: id.to_owned(), start: None, vertical: false })
                } else {
                    self.report(&id_path, format!("\"{id}\" is not a YouTube video id (11 of A-Z, a-z, 0-9, _ and -)"));
                    None
                }
            }
            (None, Some(url)) => {
                let url_path = path.key("url");
                let url = self.url(url, &url_path, UrlUse::Link)?;
                match youtube::parse_url(&url) {
                    Ok(video) => Some(video),
                    Err(why) => {
                        self.report(&url_path, why);
                        None
                    }
                }
            }
        };
        if let (Some(video), Some(start)) = (&video, start) {
            if video.start.is_some_and(|from_url| from_url != start) {
                self.report(&path.key("start"), format!(
                    "is {start} but the url starts at {}; keep one",
                    video.start.unwrap_or_default()
                ));
            }
        }
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let poster = self.opt_url(&fields, "poster", path, UrlUse::Resource);
        let video = video?;
        Some(YouTube {
            id: video.id,
            start: start.or(video.start),
            vertical: video.vertical,
            title: title?.to_owned(),
            caption,
            credit,
            poster,
        })
    }

    fn related(&mut self, value: &Value, path: &StackPath) -> Option<Related> {
        let fields = self.object(value, path, &["title", "items"])?;
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let items_path = path.key("items");
        let values = self.required(&fields, "items", path).and_then(|v| self.array(v, &items_path))?;
        if values.is_empty() {
            self.report(&items_path, "the rail needs at least one item");
        }
        let items: Vec<RelatedItem> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let p = items_path.index(i);
                let fields = self.object(v, &p, &["headline", "url", "image"])?;
                let headline = self.required(&fields, "headline", &p).and_then(|v| self.text(v, &p.key("headline")));
                let url = self.required(&fields, "url", &p).and_then(|v| self.url(v, &p.key("url"), UrlUse::Link));
                let image = self.opt_url(&fields, "image", &p, UrlUse::Resource);
                Some(RelatedItem { headline: headline?.to_owned(), url: url?, image })
            })
            .collect();
        Some(Related { title: title?.to_owned(), items })
    }
}

/// The first control character (other than tab and line breaks) or noncharacter in `s`. Bytes of
/// printable ASCII are skipped as bytes; only the rest are decoded as characters.
fn unfit_for_html(s: &str) -> Option<char> {
    let mut rest = s;
    loop {
        let at = printable_ascii_prefix(rest);
        let c = rest[at..].chars().next()?;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_noncharacter(c) {
            return Some(c);
        }
        rest = &rest[at + c.len_utf8()..];
    }
}

/// How many leading bytes of `s` are printable ASCII (`' '..='~'`), tested eight at a time.
fn printable_ascii_prefix(s: &str) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        // The high bit of a lane is set where a byte is below 0x20, or 0x7f and above. (A borrow
        // or carry between lanes only starts at a lane that is itself flagged.)
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let del_or_above = x.wrapping_add(ONES) | x;
        if (below_space | del_or_above) & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|b| !(b' '..0x7f).contains(b)).unwrap_or(bytes.len() - at)
}

/// U+FDD0..U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || (c & 0xFFFE) == 0xFFFE
}

/// A number for a message: whole numbers exactly, others to six decimal places. (Core's float
/// formatting would add about 20 KB to the WebAssembly module for this one message.)
pub(crate) fn number_text(n: f64) -> String {
    if n.abs() >= 1e15 {
        return "a number of 16 or more digits".to_owned();
    }
    let millionths = (n.abs() * 1e6).round() as u64;
    let sign = if n < 0.0 && millionths > 0 { "-" } else { "" };
    let (whole, fraction) = (millionths / 1_000_000, millionths % 1_000_000);
    match fraction {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{}", format!("{fraction:06}").trim_end_matches('0')),
    }
}

fn quoted(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    quoted.join(", ")
}

/// The known word closest to a misspelt one, if it is close enough to be a likely typo.
fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(&word.to_ascii_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, for suggestions; inputs are short keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Well-formed per RFC 5646: language, then optional extlangs, script, region, variants,
/// extensions and a private-use part (or a private-use tag alone).
fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str, min, max| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic());
    let alnum = |s: &str, min, max| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let private_use = |rest: &[&str]| !rest.is_empty() && rest.iter().all(|s| alnum(s, 1, 8));
    if subtags[0].eq_ignore_ascii_case("x") {
        return private_use(&subtags[1..]);
    }
    if !alpha(subtags[0], 2, 8) || subtags[0].len() == 4 {
        return false;
    }
    let mut i = 1;
    let mut extlangs = 0;
    while subtags[0].len() <= 3 && extlangs < 3 && subtags.get(i).is_some_and(|s| alpha(s, 3, 3)) {
        i += 1;
        extlangs += 1;
    }
    if subtags.get(i).is_some_and(|s| alpha(s, 4, 4)) {
        i += 1;
    }
    if subtags.get(i).is_some_and(|s| alpha(s, 2, 2) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))) {
        i += 1;
    }
    while subtags.get(i).is_some_and(|s| alnum(s, 5, 8) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit() && alnum(s, 4, 4))) {
        i += 1;
    }
    while subtags.get(i).is_some_and(|s| alnum(s, 1, 1) && !s.eq_ignore_ascii_case("x")) {
        let count = subtags[i + 1..].iter().take_while(|s| alnum(s, 2, 8)).count();
        if count == 0 {
            return false;
        }
        i += 1 + count;
    }
    if subtags.get(i).is_some_and(|s| s.eq_ignore_ascii_case("x")) {
        return private_use(&subtags[i + 1..]);
    }
    i == subtags.len()
}

/// RFC 3339 `date-time`: `2019-10-31T14:05:00Z`, `2019-10-31t14:05:00.123456+02:00`, …
fn parse_date_time(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    if !(at(4, b'-') && at(7, b'-') && matches!(b.get(10), Some(b'T' | b't' | b' ')) && at(13, b':') && at(16, b':')) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let fraction_start = i;
    if at(i, b'.') {
        i += 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
    }
    let fraction = &s[fraction_start..i];
    let offset = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => "Z".to_owned(),
        Some(b'+' | b'-') if b.len() == i + 6 && at(i + 3, b':') => {
            if number(i + 1, 2)? > 23 || number(i + 4, 2)? > 59 {
                return None;
            }
            s[i..].to_owned()
        }
        _ => return None,
    };
    // HTML's datetime allows at most three fractional digits and no leap second.
    let fraction = &fraction[..fraction.len().min(4)];
    let machine = format!("{}T{}:{:02}{fraction}{offset}", &s[..10], &s[11..16], second.min(59));
    Some(DateTime { machine, year: year as u16, month: month as u8, day: day as u8 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "sl-rozaj-biske", "de-CH-1901", "en-US-u-ca-gregory", "x-whatever", "es-419", "zh-yue-HK"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english!", "en--US", "en-", "abcd", "en-u", "toolonglanguage"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn date_times() {
        let machine = |s: &str| parse_date_time(s).map(|d| d.machine);
        assert_eq!(machine("2019-10-31T14:05:00Z").as_deref(), Some("2019-10-31T14:05:00Z"));
        assert_eq!(machine("2019-10-31t14:05:00.123456z").as_deref(), Some("2019-10-31T14:05:00.123Z"));
        assert_eq!(machine("2016-12-31T23:59:60+01:00").as_deref(), Some("2016-12-31T23:59:59+01:00"));
        assert_eq!(machine("2020-02-29 08:00:00-05:00").as_deref(), Some("2020-02-29T08:00:00-05:00"));
        for bad in ["2019-02-29T00:00:00Z", "2019-10-31", "2019-10-31T25:00:00Z", "2019-10-31T14:05:00", "2019-10-31T14:05:00+0100"] {
            assert_eq!(machine(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_in_messages() {
        let texts: Vec<String> = [2.0, -7.0, 2.5, 0.1, -0.25, 1e20, 123456.000001].map(number_text).to_vec();
        assert_eq!(texts, ["2", "-7", "2.5", "0.1", "-0.25", "a number of 16 or more digits", "123456.000001"]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("captoin", &["caption", "credit"]), Some("caption"));
        assert_eq!(closest("Headline", &["headline"]), Some("headline"));
        assert_eq!(closest("zzz", &["caption", "credit"]), None);
    }
}
