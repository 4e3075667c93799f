//! What every golden-file test shares: the inputs of a directory, a fixture's options, and the
//! comparison with an expected file (`BLESS=1` writes it instead; review the diff).

use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::{json, Options};

/// The workspace's root, where `tests/` holds the fixtures.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The article inputs in `dir` (relative to the workspace root), sorted, options files left out.
pub fn inputs(dir: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".options.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// The options in `NAME.options.json` beside `input`, or the defaults.
pub fn options_for(input: &Path) -> Options {
    match fs::read_to_string(input.with_extension("options.json")) {
        Ok(text) => Options::from_json_value(&json::parse(&text).unwrap()).unwrap(),
        Err(_) => Options::default(),
    }
}

/// The file name without its extension.
pub fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Compares `actual` with the expected file, or writes it when blessing. Returns a mismatch.
pub fn compare(expected_path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("BLESS").is_some() {
        fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        fs::write(expected_path, actual).unwrap();
        return None;
    }
    let expected = fs::read_to_string(expected_path).unwrap_or_default();
    (expected != actual).then(|| {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(expected.lines().count().min(actual.lines().count()));
        format!(
            "{} differs at line {}:\n  expected: {}\n  actual:   {}",
            expected_path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        )
    })
}
