//! The writer's inline fast path against pulldown-cmark: text it writes without parsing must be,
//! to pulldown-cmark with the writer's settings, one paragraph of text equal to the input (what
//! the writer writes, escaped). `tests/inline_fast_path.rs` runs the same check natively.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if !broadsheet::inline_is_plain(text) {
        return;
    }
    let source = broadsheet::inline_markdown_source(text);
    let events: Vec<Event> = Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH).collect();
    let inner = events.get(1..events.len().saturating_sub(1)).unwrap_or_default();
    let mut written = String::new();
    for event in inner {
        match event {
            Event::Text(t) => written.push_str(t),
            other => panic!("{text:?}: the fast path takes it, but pulldown-cmark yields {other:?}"),
        }
    }
    let framed = events.first() == Some(&Event::Start(Tag::Paragraph)) && events.last() == Some(&Event::End(TagEnd::Paragraph));
    assert!(framed && written == text, "{text:?}: the fast path takes it, but pulldown-cmark yields {events:?}");
});
