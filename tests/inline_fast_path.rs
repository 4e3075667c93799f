//! The writer's inline fast path (`markdown::is_plain_inline`) against pulldown-cmark: text it
//! takes must be, to pulldown-cmark with the writer's settings, one paragraph holding nothing but
//! text equal to the input, which is what the writer would have written (the text, escaped).
//! Inputs: generated strings over Markdown's significant characters, every line of the Markdown
//! fuzz corpus and every inline field of the fixtures; the `inline_fast_path` fuzz target runs the
//! same check on what libFuzzer finds.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// `Err` with a description when the fast path takes `text` but pulldown-cmark reads it otherwise.
fn check(text: &str) -> Result<(), String> {
    if !broadsheet::inline_is_plain(text) {
        return Ok(());
    }
    let source = broadsheet::inline_markdown_source(text);
    let events: Vec<Event> = Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH).collect();
    let (first, last) = (events.first(), events.last());
    let mut written = String::new();
    for event in events.iter().skip(1).take(events.len().saturating_sub(2)) {
        match event {
            Event::Text(t) => written.push_str(t),
            other => return Err(format!("{text:?}: pulldown-cmark yields {other:?}")),
        }
    }
    if first != Some(&Event::Start(Tag::Paragraph)) || last != Some(&Event::End(TagEnd::Paragraph)) || written != text {
        return Err(format!("{text:?}: pulldown-cmark yields {events:?}"));
    }
    Ok(())
}

/// Characters that mean something somewhere in Markdown, and some that do not.
const PIECES: &[&str] = &[
    "a", "Z", "0", "9", " ", "  ", "\t", "\n", "\r", "#", ">", "=", "|", "-", "+", "*", "_", "~", "`", "[", "]", "(", ")", "!",
    "<", "&", "\\", "\"", "'", ":", ";", ".", ",", "/", "?", "$", "^", "@", "%", "{", "}", "www.", "http://x.y", "é", "\u{a0}",
    "\u{2028}", "\u{3000}", "\u{feff}", "\u{0}", "\u{b}", "\u{c}", "\u{7f}", "ễ", "1.", "1)", "---", "***", "```", "~~~", "amp;",
    "#1;", "x", "foo", " bar",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200_000, ..ProptestConfig::default() })]

    #[test]
    fn generated(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..12)) {
        let text = pieces.concat();
        prop_assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn any_text(text in "\\PC{1,40}") {
        prop_assert_eq!(check(&text), Ok(()));
    }
}

#[test]
fn corpus_lines_and_fixture_fields() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in ["fuzz/corpus/render_markdown", "fuzz/corpus/render_json", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else { continue };
            texts.extend(text.split(['\n', '\r']).map(str::to_owned));
            // Every string of a JSON document, fields included.
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                strings(&value, &mut texts);
            }
            texts.push(text);
        }
    }
    let taken = texts.iter().filter(|t| broadsheet::inline_is_plain(t)).count();
    let failures: Vec<String> = texts.iter().filter_map(|t| check(t).err()).collect();
    assert!(taken > 100, "only {taken} of {} inputs take the fast path", texts.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}
