//! Golden fixtures: every `tests/fixtures/NAME.json` renders to exactly `NAME.html`, with the
//! options in `NAME.options.json` when present; every `tests/errors/NAME.json` fails with
//! exactly the `path: message` lines of `NAME.txt`. `BLESS=1 cargo test` rewrites the expected
//! files from the current output (review the diff before committing).

use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::{json, Options};

fn inputs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".options.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn options_for(input: &Path) -> Options {
    let path = input.with_extension("options.json");
    match fs::read_to_string(&path) {
        Ok(text) => Options::from_json_value(&json::parse(&text).unwrap()).unwrap(),
        Err(_) => Options::default(),
    }
}

/// Compares `actual` with the expected file, or writes it when blessing. Returns a mismatch.
fn compare(expected_path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("BLESS").is_some() {
        fs::write(expected_path, actual).unwrap();
        return None;
    }
    let expected = fs::read_to_string(expected_path).unwrap_or_default();
    (expected != actual).then(|| {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        format!(
            "{} differs at line {}:\n  expected: {}\n  actual:   {}",
            expected_path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        )
    })
}

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
