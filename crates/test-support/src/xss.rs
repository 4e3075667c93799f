//! The XSS corpus: every payload of `tests/xss/payloads.json` in every string field of
//! `tests/xss/base.json`, one at a time, and in every string of each importer's fullest fixture
//! (for the HTML page, every attribute value and text).
//! Natively each case goes through the oracle (`tests/hostile.rs`); the `xss-corpus` program
//! writes the rendered cases for the browser test (`tests/xss/browser.test.mjs`), which loads and
//! clicks them in Chromium.

use std::path::Path;

use broadsheet::Options;
use broadsheet_import::Source;
use serde_json::{json, Value};

use crate::checks;

/// Whether each case also goes through the oracle (the native test), or is only rendered (the
/// corpus for Chromium, whose cases the native test has checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oracle {
    /// Check every case; failures are collected.
    Check,
    /// Render only.
    Skip,
}

/// The cases of one corpus, and what was found on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    /// How many payloads were injected.
    pub payloads: usize,
    /// How many string fields (or source strings) each payload went into.
    pub positions: usize,
    /// How many cases validation refused (at the field's path).
    pub refused: usize,
    /// Rendered fragments for Chromium: `{ name, field, html }`.
    pub cases: Vec<Value>,
    /// Whole pages for Chromium, payloads in every field (field corpus only).
    pub pages: Vec<Value>,
    /// Every case that failed, with why; empty when all hold.
    pub failures: Vec<String>,
}

impl Corpus {
    /// The corpus as the browser test reads it.
    pub fn to_json(&self) -> Value {
        json!({ "payloads": self.payloads, "fields": self.positions, "positions": self.positions, "refused": self.refused,
                "cases": self.cases, "pages": self.pages })
    }
}

/// Every payload, named `CATEGORY INDEX`.
pub fn payloads(root: &Path) -> Vec<(String, String)> {
    let corpus = read_json(&root.join("tests/xss/payloads.json"));
    corpus["payloads"]
        .as_object()
        .expect("payloads.json has a `payloads` object")
        .iter()
        .flat_map(|(category, list)| {
            let list = list.as_array().expect("each category is a list");
            list.iter().enumerate().map(move |(i, p)| (format!("{category} {i}"), p.as_str().expect("a payload is a string").to_owned()))
        })
        .collect()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every string in `value`, with its JSON path as errors print it (`body[3].src`) and a pointer
/// to set it by.
pub fn string_fields(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect_string_fields(value, String::new(), String::new(), &mut out);
    out
}

fn collect_string_fields(value: &Value, path: String, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(_) => out.push((path, pointer)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_string_fields(item, format!("{path}[{i}]"), format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                collect_string_fields(item, path, format!("{pointer}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// Each payload in each string field of `tests/xss/base.json`: refused by validation with a
/// problem at that field's path, or rendered (with `Oracle::Check`, a fragment and a whole page,
/// head, JSON-LD and link-preview tags included, that pass the oracle). Also forty whole pages with
/// payloads in every field.
pub fn field_corpus(root: &Path, oracle: Oracle) -> Corpus {
    let base = read_json(&root.join("tests/xss/base.json"));
    let payloads = payloads(root);
    let fields = string_fields(&base);
    let options = Options::default();
    let base_html = broadsheet::render(&broadsheet::parse(&base.to_string(), &options.limits).expect("base.json is valid"), &options);

    let mut corpus = Corpus { payloads: payloads.len(), positions: fields.len(), ..Corpus::default() };
    // Which fields accept which payload (by index), for the whole pages below.
    let mut accepted = vec![vec![false; fields.len()]; payloads.len()];
    for (p, (name, payload)) in payloads.iter().enumerate() {
        for (f, (path, pointer)) in fields.iter().enumerate() {
            let mut article = base.clone();
            *article.pointer_mut(pointer).expect("the pointer was read from base") = Value::String(payload.clone());
            match broadsheet::parse(&article.to_string(), &options.limits) {
                Err(error) => {
                    corpus.refused += 1;
                    if !error.problems().iter().any(|p| p.path.to_string() == *path) {
                        corpus.failures.push(format!("{name} in {path}: refused, but not at {path}: {error}"));
                    }
                }
                Ok(parsed) => {
                    accepted[p][f] = true;
                    let html = broadsheet::render(&parsed, &options);
                    if oracle == Oracle::Check {
                        if let Err(report) = checks::rendered(&parsed, &options).and_then(|()| checks::page(&parsed, &options)) {
                            corpus.failures.push(format!("{name} in {path}:\n{report}"));
                        }
                    }
                    // Fields that are not rendered (x-…) give the base's HTML; one copy is enough.
                    if html != base_html {
                        corpus.cases.push(json!({ "name": name, "field": path, "html": html }));
                    }
                }
            }
        }
    }
    // Whole pages (head, JSON-LD and link-preview tags included) for Chromium: page k has in
    // field f the payload k + f × PAGES (mod the corpus), where that field accepts it alone, so
    // every payload stands in a dozen fields of some page and every field holds payloads.
    const PAGES: usize = 40;
    for k in 0..PAGES {
        let mut article = base.clone();
        let mut names = Vec::new();
        for (f, (_, pointer)) in fields.iter().enumerate() {
            let p = (k + f * PAGES) % payloads.len();
            if accepted[p][f] {
                *article.pointer_mut(pointer).expect("the pointer was read from base") = Value::String(payloads[p].1.clone());
                names.push(payloads[p].0.clone());
            }
        }
        match broadsheet::parse(&article.to_string(), &options.limits) {
            Ok(article) => {
                let page = broadsheet::render_page(&article, &options, "/pkg/broadsheet.css", "/pkg/broadsheet-element.js");
                corpus.pages.push(json!({ "name": format!("page {k}"), "field": names.join(", "), "html": page }));
            }
            Err(error) => corpus.failures.push(format!("page {k}: payloads each accepted alone are refused together: {error}")),
        }
    }
    corpus.cases.push(json!({ "name": "base", "field": "", "html": base_html }));
    corpus
}

/// Each format's fullest fixture.
pub const IMPORT_BASES: [(Source, &str); 3] = [
    (Source::WordPress, "tests/import/wordpress/rest-post.json"),
    (Source::Ans, "tests/import/ans/story.json"),
    (Source::PortableText, "tests/import/portable-text/post.json"),
];

/// The fullest HTML page fixture, attacked in every attribute value and text.
pub const IMPORT_PAGE: &str = "tests/import/html/story.html";

/// Where `page` has attribute values (inside their quotes) and texts (between tags, not only
/// white space): byte ranges, in order.
fn page_positions(page: &str) -> Vec<(usize, usize)> {
    let bytes = page.as_bytes();
    let (mut out, mut i, mut in_tag) = (Vec::new(), 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'<' => in_tag = true,
            b'>' => {
                in_tag = false;
                let end = page[i + 1..].find('<').map_or(page.len(), |e| i + 1 + e);
                if !page[i + 1..end].trim().is_empty() {
                    out.push((i + 1, end));
                }
            }
            b'"' if in_tag && i > 0 && bytes[i - 1] == b'=' => {
                let end = page[i + 1..].find('"').map_or(page.len(), |e| i + 1 + e);
                out.push((i + 1, end));
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Keys whose strings say what an element is (`type`, Portable Text's `_type`, a list's kind):
/// the document attacked everywhere at once keeps them, so the payload lands in every place
/// content goes. (One position at a time, they are attacked too.)
const STRUCTURE_KEYS: [&str; 8] = ["type", "_type", "_key", "style", "listItem", "list_type", "subtype", "_ref"];

/// `payload` where `original` was, or inside its first element when `original` holds markup (the
/// place a tag's content goes), so both plain strings and HTML strings are attacked.
fn injected(original: &str, payload: &str, inside: bool) -> String {
    match (inside, original.find('>')) {
        (true, Some(at)) => format!("{}{payload}{}", &original[..=at], &original[at + 1..]),
        (true, None) => format!("{original}{payload}"),
        (false, _) => payload.to_owned(),
    }
}

/// Imports `source` (a headline given, in case the payload took the source's) and renders it,
/// checking the article by the oracle when asked; `Ok(None)` when the importer refused the
/// document with a proper error.
fn import_rendered(source: &str, from: Source, oracle: Oracle) -> Result<Option<String>, String> {
    let options = Options::default();
    match broadsheet_import::import(source, from, Some("Imported"), &options.limits) {
        Ok(imported) => {
            if oracle == Oracle::Check {
                checks::rendered(&imported.article, &options)?;
            }
            Ok(Some(broadsheet::render(&imported.article, &options)))
        }
        Err(error) => checks::well_formed(&error, &[]).map(|()| None),
    }
}

/// Every payload in every string of each importer's fullest fixture: one position at a time
/// (through the oracle, with `Oracle::Check`) and all positions at once, which are the cases.
/// For the HTML page fixture the strings are its attribute values and texts, and the payload is
/// raw HTML there.
pub fn import_corpus(root: &Path, oracle: Oracle) -> Corpus {
    let payloads = payloads(root);
    let mut corpus = Corpus { payloads: payloads.len(), ..Corpus::default() };
    for (from, file) in IMPORT_BASES {
        let base = read_json(&root.join(file));
        let fields = string_fields(&base);
        corpus.positions += fields.len();
        let results = on_every_core(&payloads, |_, (name, payload)| {
            let (mut failures, mut cases) = (Vec::new(), Vec::new());
            for inside in [false, true] {
                let mut everywhere = base.clone();
                for (path, pointer) in &fields {
                    let original = base.pointer(pointer).and_then(Value::as_str).expect("the pointer was read from base").to_owned();
                    let structure = STRUCTURE_KEYS.iter().any(|key| pointer.ends_with(&format!("/{key}")));
                    if !structure {
                        let markup = inside && original.contains('>');
                        *everywhere.pointer_mut(pointer).expect("the pointer was read from base") =
                            Value::String(injected(&original, payload, markup));
                    }
                    // One position at a time is the native test's work. Inside markup only where
                    // there is markup; elsewhere it would be the same attack twice.
                    if oracle == Oracle::Skip || (inside && !original.contains('>')) {
                        continue;
                    }
                    let mut one = base.clone();
                    *one.pointer_mut(pointer).expect("the pointer was read from base") = Value::String(injected(&original, payload, inside));
                    if let Err(report) = import_rendered(&one.to_string(), from, oracle) {
                        failures.push(format!("{file}: {name} in {path}:\n{report}"));
                    }
                }
                match import_rendered(&everywhere.to_string(), from, oracle) {
                    Ok(Some(html)) => cases.push(json!({
                        "name": format!("{name}{}", if inside { " inside" } else { "" }),
                        "field": format!("every string of {file}"),
                        "html": html,
                    })),
                    Ok(None) => {}
                    Err(report) => failures.push(format!("{file}: {name} in every string:\n{report}")),
                }
            }
            (failures, cases)
        });
        for (failures, cases) in results {
            corpus.failures.extend(failures);
            corpus.cases.extend(cases);
        }
    }
    page_corpus(root, &payloads, oracle, &mut corpus);
    corpus
}

/// An HTML page: each payload as the raw HTML of attribute values and texts of the page (so
/// markup in a payload is the page's own markup): one at a time in every tenth position (rotating
/// with the payload, so each position meets every tenth payload; a page takes a Readability
/// extraction, a thousand times slower than a JSON document), and in all at once (the cases).
fn page_corpus(root: &Path, payloads: &[(String, String)], oracle: Oracle, corpus: &mut Corpus) {
    let path = root.join(IMPORT_PAGE);
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spans = page_positions(&page);
    corpus.positions += spans.len();
    let results = on_every_core(payloads, |k, (name, payload)| {
        let mut failures = Vec::new();
        let mut everywhere = String::new();
        let mut last = 0;
        for (p, &(start, end)) in spans.iter().enumerate() {
            if oracle == Oracle::Check && (p + k) % 10 == 0 {
                let one = format!("{}{payload}{}", &page[..start], &page[end..]);
                if let Err(report) = import_rendered(&one, Source::Html, oracle) {
                    failures.push(format!("{IMPORT_PAGE}: {name} at byte {start}:\n{report}"));
                }
            }
            everywhere.push_str(&page[last..start]);
            everywhere.push_str(payload);
            last = end;
        }
        everywhere.push_str(&page[last..]);
        let case = match import_rendered(&everywhere, Source::Html, oracle) {
            Ok(Some(html)) => Some(json!({ "name": name, "field": format!("every text and attribute of {IMPORT_PAGE}"), "html": html })),
            Ok(None) => None,
            Err(report) => {
                failures.push(format!("{IMPORT_PAGE}: {name} everywhere:\n{report}"));
                None
            }
        };
        (failures, case)
    });
    for (failures, case) in results {
        corpus.failures.extend(failures);
        corpus.cases.extend(case);
    }
}

/// `work` on every item (with its index), the items split among the machine's cores; the results
/// in the items' order. The import corpus takes a Readability extraction per case, on one core a
/// minute and more.
fn on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| scope.spawn(move || part.iter().enumerate().map(|(i, item)| work(c * chunk + i, item)).collect::<Vec<R>>()))
            .collect();
        parts.into_iter().flat_map(|part| part.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}
