//! One string in every text field (Markdown, inline Markdown, plain text, alt), with and
//! without validation; the oracle on the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(report) = broadsheet_test_support::checks::markdown_text(text) {
        panic!("{report}\n--- input ---\n{text:?}");
    }
});
