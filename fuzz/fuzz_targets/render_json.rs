//! Raw bytes as article JSON: parse, limits, validation, render, page; the oracle on the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // JSON text is UTF-8 (and the wasm face receives JS strings); other bytes are not an article.
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(report) = broadsheet_test_support::checks::json_text(text) {
        panic!("{report}\n--- input ---\n{text}");
    }
});
