//! Hostile input: the fuzzing oracle on generated articles (proptest), the URL policy and the
//! escaper on their own, the committed fuzz corpus replayed, the XSS corpus injected into every
//! field, limits and pathological inputs. The oracle is the one the fuzz targets use
//! (`broadsheet-test-support`).

use std::path::{Path, PathBuf};

use broadsheet_test_support::xss::{self, Oracle};
use broadsheet_test_support::{checks, oracle, pieces};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files.into_iter().map(|path| { let bytes = std::fs::read(&path).unwrap(); (path, bytes) }).collect()
}

/// Every input fuzzing kept, through the same check as its target (the structured target's
/// inputs need `arbitrary`, so `scripts/fuzz.sh` replays those).
#[test]
fn fuzz_corpus_replays_clean() {
    let mut failures = Vec::new();
    use broadsheet_import::Source;
    for (target, check) in [
        ("render_json", checks::json_text as fn(&str) -> Result<(), String>),
        ("render_markdown", checks::markdown_text),
        ("import_wordpress", |text| checks::imported(text, Source::WordPress)),
        ("import_ans", |text| checks::imported(text, Source::Ans)),
        ("import_portable_text", |text| checks::imported(text, Source::PortableText)),
    ] {
        let inputs = corpus(target);
        assert!(!inputs.is_empty(), "no corpus for {target}");
        for (path, bytes) in inputs {
            let Ok(text) = std::str::from_utf8(&bytes) else { continue };
            if let Err(report) = check(text) {
                failures.push(format!("{}:\n{report}", path.display()));
            }
        }
    }
    // HTML pages are bytes (any: the importer decodes them as a browser does).
    let inputs = corpus("import_html");
    assert!(!inputs.is_empty(), "no corpus for import_html");
    for (path, bytes) in inputs {
        let with_url = bytes.first().is_some_and(|b| b & 1 == 1);
        if let Err(report) = checks::imported_page(&bytes, with_url) {
            failures.push(format!("{}:\n{report}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} corpus inputs fail:\n{}", failures.len(), failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Property tests: the oracle on generated articles; the URL policy and the escaper on their own.

use broadsheet::escape::{self, check_url, UrlUse};
use broadsheet::html::Html;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Hostile text: pieces of HTML, Markdown, URL and Unicode tricks, words and any characters.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => select(pieces::PIECES).prop_map(str::to_owned),
            2 => select(pieces::WORDS).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
            1 => Just(" ".to_owned()),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// The pieces that validation accepts in every kind of text field.
fn accepted_pieces() -> Vec<&'static str> {
    static ACCEPTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ACCEPTED
        .get_or_init(|| {
            pieces::PIECES
                .iter()
                .copied()
                .filter(|piece| {
                    let text = format!("x {piece} x");
                    let article = json!({ "headline": text, "body": [
                        { "type": "paragraph", "text": text }, { "type": "markdown", "text": text }
                    ]});
                    broadsheet::parse(&article.to_string(), &Default::default()).is_ok()
                })
                .collect()
        })
        .clone()
}

/// Text that is usually valid (so that generated articles often pass validation and reach the
/// writer) and sometimes hostile in every way.
fn text() -> impl Strategy<Value = String> {
    let valid = prop::collection::vec(
        prop_oneof![
            3 => select(accepted_pieces()).prop_map(str::to_owned),
            2 => select(pieces::WORDS).prop_map(str::to_owned),
            1 => Just(" ".to_owned()),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat() + " x");
    prop_oneof![12 => valid, 1 => hostile()]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(pieces::GOOD_URLS).prop_map(str::to_owned),
        1 => (select(pieces::GOOD_URLS), hostile()).prop_map(|(u, h)| format!("{u}{h}")),
        1 => hostile(),
    ]
}

fn media() -> impl Strategy<Value = Value> {
    prop_oneof![
        (url(), text(), prop::option::of(text())).prop_map(|(src, alt, caption)| json!({ "type": "image", "src": src, "alt": alt, "caption": caption })),
        (select(&["dQw4w9WgXcQ", "aqz-KE-bpKQ"][..]), text()).prop_map(|(id, title)| json!({ "type": "youtube", "id": id, "title": title })),
    ]
}

fn block() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(|t| json!({ "type": "paragraph", "text": t })),
        (2u8..=6, text()).prop_map(|(level, t)| json!({ "type": "heading", "level": level, "text": t })),
        (url(), text(), prop::option::of(text()), prop::option::of(text()), prop::collection::vec((url(), 1u32..4000), 0..3))
            .prop_map(|(src, alt, caption, credit, srcset)| {
                let srcset: Vec<Value> = srcset.into_iter().map(|(s, w)| json!({ "src": s, "width": w })).collect();
                let sizes = (!srcset.is_empty()).then_some("100vw");
                json!({ "type": "image", "src": src, "alt": alt, "caption": caption, "credit": credit, "srcset": srcset, "sizes": sizes })
            }),
        (select(&["dQw4w9WgXcQ", "aqz-KE-bpKQ"][..]), text(), prop::option::of(text()), prop::option::of(url()))
            .prop_map(|(id, title, caption, poster)| json!({ "type": "youtube", "id": id, "title": title, "caption": caption, "poster": poster })),
        (text(), prop::option::of(text()), prop::option::of(url()), any::<bool>()).prop_map(|(t, cite, source, pull)| {
            json!({ "type": "quote", "text": t, "cite": cite, "source": source, "style": if pull { "pull" } else { "block" } })
        }),
        (any::<bool>(), prop::collection::vec(text(), 1..4)).prop_map(|(ordered, items)| json!({ "type": "list", "ordered": ordered, "items": items })),
        prop::collection::vec(prop_oneof![text(), Just("\n\n".to_owned()), Just("| a | b |\n|---|--:|\n| ".to_owned())], 1..6)
            .prop_map(|parts| json!({ "type": "markdown", "text": parts.concat() })),
        Just(json!({ "type": "divider" })),
    ]
}

fn article() -> impl Strategy<Value = Value> {
    (
        text(),
        prop::option::of(text()),
        prop::collection::vec((text(), prop::option::of(url())), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::option::of(media()),
        prop::collection::vec(block(), 0..8),
        prop::option::of((text(), prop::collection::vec((text(), url(), prop::option::of(url())), 1..3))),
        prop::option::of((text(), prop::option::of(url()))),
    )
        .prop_map(|(headline, dek, authors, tags, hero, body, related, section)| {
            let authors: Vec<Value> = authors.into_iter().map(|(name, url)| json!({ "name": name, "url": url })).collect();
            let related = related.map(|(title, items)| {
                let items: Vec<Value> =
                    items.into_iter().map(|(headline, url, image)| json!({ "headline": headline, "url": url, "image": image })).collect();
                json!({ "title": title, "items": items })
            });
            json!({
                "headline": headline, "dek": dek, "authors": authors, "tags": tags, "hero": hero, "body": body,
                "related": related, "section": section.map(|(name, url)| json!({ "name": name, "url": url })),
            })
        })
}

#[test]
fn generated_articles_hold_the_oracle() {
    let valid = std::cell::Cell::new(0);
    runner(1000)
        .run(&article(), |value| {
            let text = value.to_string();
            valid.set(valid.get() + usize::from(broadsheet::parse(&text, &Default::default()).is_ok()));
            checks::json_text(&text).map_err(|report| TestCaseError::fail(format!("{report}\n--- JSON ---\n{text}")))
        })
        .unwrap();
    // The oracle's text check needs articles that pass validation; make sure many do.
    assert!(valid.get() >= 250, "only {} of 1000 generated articles were valid", valid.get());
}

#[test]
fn one_text_in_every_field_holds_the_oracle() {
    runner(2000).run(&hostile(), |text| checks::markdown_text(&text).map_err(TestCaseError::fail)).unwrap();
}

/// Lines that start with every kind of block syntax, joined by every kind of line ending.
fn block_syntax_lines() -> impl Strategy<Value = String> {
    let marker = select(
        &[
            "#", "##", "###### ", ">", "> >", "-", "--", "---", "- - -", "+", "*", "**", "***", "_", "___", "=", "==", "1.",
            "1)", "123456789.", "0)", "```", "~~~", "````x", "|", "| a |", "[a]: /u", "[a]:", "<div>", "<!--", "<pre>",
        ][..],
    );
    let line = (select(&["", " ", "   ", "    ", "\t", " \t"][..]), marker, select(&["", " ", " x", "x", "\t"][..]), hostile())
        .prop_map(|(indent, marker, gap, rest)| format!("{indent}{marker}{gap}{rest}"));
    (prop::collection::vec((line, select(&["\n", "\r", "\r\n", "\n\n"][..])), 1..6))
        .prop_map(|lines| lines.into_iter().map(|(line, end)| line + end).collect::<String>())
}

#[test]
fn inline_fields_keep_block_syntax_as_text() {
    runner(3000)
        .run(&block_syntax_lines(), |text| match oracle::inline_block_structure(&text) {
            None => Ok(()),
            Some(structure) => Err(TestCaseError::fail(format!("{text:?} parses to {structure}"))),
        })
        .unwrap();
}

/// The scheme a browser reads from an `href` or `src` (WHATWG URL parsing): leading and trailing
/// C0 controls and spaces are stripped, tabs and newlines removed anywhere, then the scheme is the
/// run of scheme characters before a `:`. `None` for a relative URL.
fn browser_scheme(url: &str) -> Option<String> {
    let url: String = url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let mut chars = url.char_indices();
    if !chars.next().is_some_and(|(_, c)| c.is_ascii_alphabetic()) {
        return None;
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(url[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

/// A dangerous scheme in disguise: mixed case, controls, whitespace and invisible characters
/// around and inside it, character references and percent-encoding.
fn scheme_trick() -> impl Strategy<Value = String> {
    let scheme = select(&["javascript", "vbscript", "data", "file", "blob", "livescript", "http", "https", "mailto"][..]);
    let noise = select(&["", "", "", "\t", "\n", "\r", " ", "\u{0}", "\u{1}", "\u{1f}", "\u{7f}", "\u{200b}", "\u{feff}", "\u{ad}", "\u{a0}", "&#9;", "&Tab;", "%09", "%0a", "\\", "/"][..]);
    (scheme, prop::collection::vec(any::<bool>(), 12), prop::collection::vec((0usize..14, noise.clone()), 0..3), noise, select(&[":", "&colon;", "&#58;", "%3a", ":", ":"][..]), select(&["xss()", "//example.com/", "", "x@example.com", "text/html,<script>xss()</script>"][..]))
        .prop_map(|(scheme, upper, inserts, lead, colon, rest)| {
            let mut chars: Vec<String> = scheme
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &up)| if up { c.to_ascii_uppercase().to_string() } else { c.to_string() })
                .collect();
            for (at, noise) in inserts {
                chars.insert(at.min(chars.len()), noise.to_owned());
            }
            format!("{lead}{}{colon}{rest}", chars.concat())
        })
}

#[test]
fn accepted_urls_mean_what_they_show() {
    let strategy = prop_oneof![scheme_trick(), url(), any::<String>()];
    runner(5000)
        .run(&strategy, |url| {
            for (usage, allowed) in [
                (UrlUse::Link, &[None, Some("http"), Some("https"), Some("mailto")][..]),
                (UrlUse::Resource, &[None, Some("http"), Some("https")][..]),
                (UrlUse::Canonical, &[Some("http"), Some("https")][..]),
            ] {
                if check_url(&url, usage).is_ok() {
                    let scheme = browser_scheme(&url);
                    prop_assert!(allowed.contains(&scheme.as_deref()), "{usage:?} accepted {url:?}, a browser reads scheme {scheme:?}");
                    // What the writer puts in the attribute is what the browser reads.
                    let mut html = String::from("<a href=\"");
                    escape::attr(&mut html, &url);
                    html.push_str("\">x</a>");
                    let read = oracle::read_fragment(&html);
                    prop_assert!(read.problems.is_empty(), "{url:?}: {:?}", read.problems);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn url_policy_refuses_disguised_schemes() {
    runner(5000)
        .run(&scheme_trick(), |url| {
            let scheme = browser_scheme(&url);
            let safe = matches!(scheme.as_deref(), Some("http" | "https" | "mailto"));
            if !safe && scheme.is_some() {
                prop_assert!(check_url(&url, UrlUse::Link).is_err(), "accepted {url:?} (scheme {scheme:?})");
            }
            Ok(())
        })
        .unwrap();
}

/// Text HTML can carry, as the parser will give it back (line endings normalised).
fn carried(s: &str) -> String {
    s.chars().filter(|c| oracle::carries(&c.to_string())).collect::<String>().replace("\r\n", "\n").replace('\r', "\n")
}

#[test]
fn escaper_round_trips_through_an_html_parser() {
    let strategy = prop_oneof![hostile(), any::<String>()].prop_map(|s| carried(&s));
    runner(3000)
        .run(&strategy, |s| {
            for element in ["p", "li", "td", "h2", "figcaption", "code"] {
                let mut html = format!("<table><tr><td><{element} title=\"");
                escape::attr(&mut html, &s);
                html.push_str("\">");
                escape::text(&mut html, &s);
                html.push_str(&format!("</{element}></td></tr></table>"));
                let document = scraper::Html::parse_fragment(&html);
                let found: Vec<_> = document.root_element().descendants().filter_map(|n| n.value().as_element().map(|e| (n, e))).collect();
                let names: Vec<&str> = found.iter().map(|(_, e)| e.name()).collect();
                let expected: Vec<&str> = ["html", "table", "tbody", "tr", "td"].into_iter().chain([element]).collect();
                prop_assert_eq!(&names, &expected, "{:?}", html);
                let (node, e) = found.last().unwrap();
                prop_assert_eq!(e.attr("title"), Some(s.as_str()));
                let text: String = node.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
                prop_assert_eq!(text, s.clone());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn json_script_round_trips_through_an_html_parser() {
    runner(2000)
        .run(&prop_oneof![hostile(), any::<String>()], |s| {
            let value = json!({ "headline": s, "items": [s, { "x": s }] });
            let text = value.to_string();
            let mut written = Html::default();
            written.json_script("application/ld+json", &broadsheet::json::parse(&text).unwrap());
            written.markup("<p>after</p>");
            let html = written.into_string();
            let document = scraper::Html::parse_fragment(&html);
            let names: Vec<&str> = document.root_element().descendants().filter_map(|n| n.value().as_element().map(|e| e.name())).collect();
            prop_assert_eq!(names, vec!["html", "script", "p"]);
            let script = document.root_element().descendants().find(|n| n.value().as_element().is_some_and(|e| e.name() == "script")).unwrap();
            let text: String = script.descendants().filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect();
            prop_assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(value));
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Limits, linear time, and the findings of fuzzing, each pinned down exactly.

fn render(json: &str) -> Result<String, String> {
    broadsheet::render_json(json, &broadsheet::Options::default()).map_err(|e| e.to_string())
}

/// An article of about `bytes`, made of the blocks a long-form piece has.
fn large_article(bytes: usize) -> String {
    let blocks = [
        json!({ "type": "paragraph", "text": "A *long* paragraph with **strong** words, `code` and a [link](https://example.com/a). ".repeat(30) }),
        json!({ "type": "heading", "level": 2, "text": "A section" }),
        json!({ "type": "image", "src": "/media/a.jpg", "alt": "A photograph", "caption": "A *caption*." }),
        json!({ "type": "markdown", "text": "Some **Markdown**.\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- one\n- two\n\n> quote\n".repeat(15) }),
    ]
    .map(|b| b.to_string());
    let mut body = Vec::new();
    let (mut size, mut i) = (0, 0);
    while size < bytes {
        size += blocks[i % 4].len() + 1;
        body.push(blocks[i % 4].as_str());
        i += 1;
    }
    format!(r#"{{"headline": "Large", "body": [{}]}}"#, body.join(","))
}

#[test]
fn ten_megabytes_render_in_linear_time_within_the_default_limits() {
    let time = |bytes| {
        let json = large_article(bytes);
        let start = std::time::Instant::now();
        let html = render(&json).unwrap();
        assert!(html.len() > json.len());
        start.elapsed().as_secs_f64()
    };
    let (one, ten) = (time(1 << 20), time(10 << 20));
    eprintln!("render: 1 MiB {one:.3} s, 10 MiB {ten:.3} s");
    // Linear with room for a busy machine: ten times the input, well under thirty times the time.
    assert!(ten < 30.0 * one + 0.5, "1 MiB took {one:.3} s but 10 MiB {ten:.3} s");
    assert!(ten < 10.0, "10 MiB took {ten:.3} s");
}

#[test]
fn many_equal_headings_get_unique_ids_in_linear_time() {
    let start = std::time::Instant::now();
    let html = render(&json!({ "headline": "h", "body": [{ "type": "markdown", "text": "# Same\n".repeat(100_000) }] }).to_string()).unwrap();
    assert!(html.contains("id=\"h-same\"") && html.contains("id=\"h-same-2\"") && html.contains("id=\"h-same-100000\""));
    let blocks: Vec<Value> = (0..20_000).map(|i| json!({ "type": "heading", "level": 2, "text": "t", "id": format!("id-{i}") })).collect();
    assert!(render(&json!({ "headline": "h", "body": blocks }).to_string()).is_ok());
    assert!(start.elapsed().as_secs_f64() < 5.0, "took {:?}", start.elapsed());
}

#[test]
fn limits_are_named_in_their_errors() {
    let options = |limits: broadsheet::Limits| broadsheet::Options { limits, ..Default::default() };
    let d = broadsheet::Limits::default();
    let nested = json!({ "headline": "h", "body": [{ "type": "markdown", "text": ">".repeat(33) }] }).to_string();
    assert_eq!(
        broadsheet::render_json(&nested, &options(d)).unwrap_err().to_string(),
        "body[0].text: Markdown nests deeper than 32 levels (limits.max_markdown_depth)"
    );
    for (limits, name) in [
        (broadsheet::Limits { max_input_bytes: 10, ..d }, "limits.max_input_bytes"),
        (broadsheet::Limits { max_blocks: 0, ..d }, "limits.max_blocks"),
        (broadsheet::Limits { max_string_bytes: 5, ..d }, "limits.max_string_bytes"),
        (broadsheet::Limits { max_markdown_depth: 1, ..d }, "limits.max_markdown_depth"),
    ] {
        let json = json!({ "headline": "headline", "body": [{ "type": "paragraph", "text": "*a* **b**" }] }).to_string();
        let error = broadsheet::render_json(&json, &options(limits)).unwrap_err().to_string();
        assert!(error.contains(name), "{error}");
    }
}

/// What fuzzing found, as exact expectations (the inputs are also in fuzz/corpus/*/found-*).
#[test]
fn fuzzing_findings_stay_fixed() {
    let paragraph = |text: &str| {
        let html = render(&json!({ "headline": "h", "body": [{ "type": "paragraph", "text": text }] }).to_string()).unwrap();
        let start = html.find("<div class=\"bs-body\">\n<p>").unwrap() + "<div class=\"bs-body\">\n<p>".len();
        html[start..html.find("</p>\n</div>").unwrap()].to_owned()
    };
    // A short setext underline, after \n or after a lone \r, stays text in an inline field.
    assert_eq!(paragraph("not a heading\n--"), "not a heading\n--");
    assert_eq!(paragraph("not a heading\r--\rnor this\r-"), "not a heading\n--\nnor this\n-");
    assert_eq!(paragraph("a\r\n    b\r\n> c"), "a\nb\n&gt; c");
    // In an inline field an image is a link; links inside its description are not nested in it.
    assert_eq!(
        paragraph("![see <a@example.com> [b](/b)](/i.png)"),
        "<a href=\"/i.png\">see a@example.com b</a>"
    );
}

// ---------------------------------------------------------------------------------------------
// The XSS corpus (`broadsheet_test_support::xss`), every case through the oracle. The browser
// test loads the same cases in Chromium (`tests/xss/browser.test.mjs`, which writes them with the
// `xss-corpus` program).

/// Each payload in each string field of `tests/xss/base.json` is refused by validation at that
/// field's path, or renders to a fragment and a whole page that pass the oracle.
#[test]
fn xss_corpus_in_every_field() {
    let corpus = xss::field_corpus(Path::new(env!("CARGO_MANIFEST_DIR")), Oracle::Check);
    assert!(corpus.payloads >= 150, "the corpus has {} payloads", corpus.payloads);
    assert!(corpus.positions >= 40, "{} string fields", corpus.positions);
    assert_eq!(corpus.pages.len(), 40);
    assert!(corpus.failures.is_empty(), "{} XSS cases fail:\n{}", corpus.failures.len(), corpus.failures.join("\n\n"));
    eprintln!("xss: {} payloads x {} fields: {} refused by validation at their path, {} rendered",
        corpus.payloads, corpus.positions, corpus.refused, corpus.cases.len());
}

/// Each payload in every string of each importer's fullest fixture, one position at a time and
/// all at once, imports to an article that passes the oracle, or is refused with a proper error.
#[test]
fn xss_corpus_in_every_import_position() {
    let corpus = xss::import_corpus(Path::new(env!("CARGO_MANIFEST_DIR")), Oracle::Check);
    let failures: Vec<&str> = corpus.failures.iter().take(20).map(String::as_str).collect();
    assert!(corpus.failures.is_empty(), "{} importer XSS cases fail:\n{}", corpus.failures.len(), failures.join("\n\n"));
    assert!(corpus.cases.len() >= corpus.payloads * 4, "only {} whole-document cases imported", corpus.cases.len());
    eprintln!("xss: {} payloads x {} source strings, one at a time and all at once; {} imported documents",
        corpus.payloads, corpus.positions, corpus.cases.len());
}
