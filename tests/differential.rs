//! The fast path against the plain one: `render_json` (structure validated, then each Markdown
//! field parsed once by a writer that applies validation's Markdown checks as it goes) must give
//! exactly what `parse` (full validation) then `render` gives: the same HTML, or the same
//! problems in the same order. Inputs: every fixture, error fixture and fuzz-corpus input, with
//! the default limits and with a Markdown depth limit of 3 (so the checks do fail).

use std::path::Path;

use broadsheet::{json, Limits, Options};

fn compare(name: &str, text: &str, options: &Options, failures: &mut Vec<String>) {
    let fast = broadsheet::render_json(text, options);
    let plain = broadsheet::parse(text, &options.limits).map(|article| broadsheet::render(&article, options));
    if fast != plain {
        failures.push(format!("{name}:\n  fast:  {fast:?}\n  plain: {plain:?}"));
    }
}

/// The options a fixture is rendered with, and the same with a tight Markdown depth limit.
fn option_sets(json_path: &Path) -> [Options; 2] {
    let options = match std::fs::read_to_string(json_path.with_extension("options.json")) {
        Ok(text) => Options::from_json_value(&json::parse(&text).unwrap()).unwrap(),
        Err(_) => Options::default(),
    };
    let shallow = Options { limits: Limits { max_markdown_depth: 3, ..options.limits }, ..options.clone() };
    [options, shallow]
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.to_string_lossy().ends_with(".options.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "nothing in {}", dir.display());
    files
}

#[test]
fn fast_path_matches_parse_then_render() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for dir in ["tests/fixtures", "tests/errors", "fuzz/corpus/render_json"] {
        for path in files(dir) {
            if dir.starts_with("tests") && path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for options in option_sets(&path) {
                compare(&path.display().to_string(), &text, &options, &mut failures);
                compared += 1;
            }
        }
    }
    // The Markdown corpus: each input as a Markdown block and as an inline field.
    for path in files("fuzz/corpus/render_markdown") {
        let Ok(markdown) = std::fs::read_to_string(&path) else { continue };
        let markdown = serde_json::to_string(&markdown).unwrap();
        for block in [format!(r#"{{"type": "markdown", "text": {markdown}}}"#), format!(r#"{{"type": "paragraph", "text": {markdown}}}"#)] {
            let article = format!(r#"{{"headline": "Markdown", "body": [{block}]}}"#);
            for options in option_sets(&path) {
                compare(&path.display().to_string(), &article, &options, &mut failures);
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "only {compared} comparisons");
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}
