//! Raw bytes as an HTML page through the page importer, decoded as a browser decodes them (any
//! bytes: a byte order mark, a `<meta charset>`, broken UTF-8), with and without a page URL (the
//! input's first byte decides): no panic, and an imported article validates again from its own
//! JSON and holds the rendering oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let with_url = data.first().is_some_and(|b| b & 1 == 1);
    if let Err(report) = broadsheet_test_support::checks::imported_page(data, with_url) {
        panic!("{report}\n--- input ---\n{}", String::from_utf8_lossy(data));
    }
});
