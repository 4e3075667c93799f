//! Writes the XSS corpus for the browser test: `target/xss/cases.json` (every payload in every
//! field, rendered, and forty whole pages) and `target/xss/import-cases.json` (every payload in
//! every string of each importer's fullest fixture, the HTML page's
//! attribute values and texts included, imported and rendered). The oracle's checks
//! of the same cases run natively in `tests/hostile.rs`.
//!
//! `cargo run --profile tests -p broadsheet-test-support --bin xss-corpus`

use std::path::Path;
use std::process::ExitCode;

use broadsheet_test_support::golden;
use broadsheet_test_support::xss::{field_corpus, import_corpus, Corpus, Oracle};

fn main() -> ExitCode {
    let out = golden::root().join("target/xss");
    let written = std::fs::create_dir_all(&out)
        .map_err(|e| format!("{}: {e}", out.display()))
        .and_then(|()| write(&out.join("cases.json"), &field_corpus(golden::root(), Oracle::Skip)))
        .and_then(|()| write(&out.join("import-cases.json"), &import_corpus(golden::root(), Oracle::Skip)));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xss-corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write(path: &Path, corpus: &Corpus) -> Result<(), String> {
    if !corpus.failures.is_empty() {
        return Err(format!("{} cases fail:\n{}", corpus.failures.len(), corpus.failures.join("\n")));
    }
    std::fs::write(path, corpus.to_json().to_string()).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("xss-corpus: {} payloads x {} positions: {} cases, {} whole pages ({})",
        corpus.payloads, corpus.positions, corpus.cases.len(), corpus.pages.len(), path.display());
    Ok(())
}
