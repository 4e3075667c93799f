//! Golden fixtures: every `tests/fixtures/NAME.json` renders to exactly `NAME.html`, with the
//! options in `NAME.options.json` when present; every `tests/errors/NAME.json` fails with
//! exactly the `path: message` lines of `NAME.txt`. `BLESS=1 cargo test` rewrites the expected
//! files from the current output (review the diff before committing).

use std::fs;
use std::path::Path;

use broadsheet::Options;

#[allow(dead_code)]
use broadsheet_test_support::golden::{compare, inputs, options_for};

#[test]
fn fixtures_render_to_their_golden_html() {
    let mismatches: Vec<String> = inputs("tests/fixtures")
        .iter()
        .filter_map(|input| {
            let json = fs::read_to_string(input).unwrap();
            let html = broadsheet::render_json(&json, &options_for(input))
                .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
            compare(&input.with_extension("html"), &html)
        })
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn invalid_articles_give_their_exact_errors() {
    let mismatches: Vec<String> = inputs("tests/errors")
        .iter()
        .filter_map(|input| {
            let json = fs::read_to_string(input).unwrap();
            let error = broadsheet::render_json(&json, &Options::default())
                .err()
                .unwrap_or_else(|| panic!("{} rendered, but it should fail", input.display()));
            compare(&input.with_extension("txt"), &format!("{error}\n"))
        })
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn rendering_is_deterministic() {
    let json = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-block.json")).unwrap();
    let first = broadsheet::render_json(&json, &Options::default()).unwrap();
    for _ in 0..3 {
        assert_eq!(broadsheet::render_json(&json, &Options::default()).unwrap(), first);
    }
}

/// A heading block and a heading in a `markdown` block with the same words get the same id: the
/// words a reader reads, not the Markdown source.
#[test]
fn heading_ids_come_from_the_words_read() {
    let html_of = |block: &str| {
        let json = format!(r#"{{"headline": "H", "body": [{block}]}}"#);
        broadsheet::render_json(&json, &Options::default()).unwrap()
    };
    let heading = html_of(r#"{"type": "heading", "level": 2, "text": "See [it](https://e.test/r)"}"#);
    let markdown = html_of(r###"{"type": "markdown", "text": "## See [it](https://e.test/r)"}"###);
    assert!(heading.contains(r#"<h2 id="h-see-it">See <a href="https://e.test/r">it</a></h2>"#), "{heading}");
    assert!(markdown.contains(r#"<h2 id="h-see-it">See <a href="https://e.test/r">it</a></h2>"#), "{markdown}");
}
