//! Raw bytes as ANS stories through the importer: no panic, and an imported article
//! validates again from its own JSON and holds the rendering oracle.
#![no_main]

use broadsheet_import::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(report) = broadsheet_test_support::checks::imported(text, Source::Ans) {
        panic!("{report}\n--- input ---\n{text}");
    }
});
