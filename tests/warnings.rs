//! Warnings, exactly: every `tests/fixtures/NAME.json` warns with exactly the lines of
//! `tests/warnings/NAME.txt`; every `tests/warnings/cases/RULE.json` with exactly `RULE.txt`, all
//! of them from rule RULE (`near-misses.json` with none); each rule switches off; the options'
//! `warnings.off` is checked; `docs/warnings.md` documents exactly the rules there are, with
//! examples these tests produce. `BLESS=1` rewrites the expected `.txt` files (read them!).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use broadsheet::{json, Options, RULES};

#[allow(dead_code)]
use broadsheet_test_support::golden::{compare, inputs, name, options_for, root};

fn article(input: &Path) -> broadsheet::Article {
    let json = fs::read_to_string(input).unwrap();
    broadsheet::parse(&json, &Default::default()).unwrap_or_else(|e| panic!("{}: {e}", input.display()))
}

/// The warning lines for `input`, one per line, each ending in a newline.
fn warning_lines(input: &Path, off: &[String]) -> String {
    broadsheet::warnings(&article(input), off).iter().map(|w| format!("{w}\n")).collect()
}

#[test]
fn fixtures_give_their_exact_warnings() {
    let mismatches: Vec<String> = inputs("tests/fixtures")
        .iter()
        .filter_map(|input| {
            let off = options_for(input).warnings_off;
            let expected = root().join("tests/warnings").join(name(input)).with_extension("txt");
            compare(&expected, &warning_lines(input, &off))
        })
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_seed_warns_about_its_hero_alt() {
    // The captured article's own flaw: its hero's alt text is the file's name.
    let lines = warning_lines(&root().join("tests/fixtures/seed.json"), &[]);
    assert!(
        lines.lines().any(|l| l.starts_with("hero.alt: alt \"guzman\" is the image's file name (guzman.jpg)") && l.ends_with("[image-alt]")),
        "{lines}"
    );
}

#[test]
fn each_case_gives_exactly_its_rule() {
    let mut mismatches = Vec::new();
    let mut covered = BTreeSet::new();
    for input in inputs("tests/warnings/cases") {
        let case = name(&input);
        let lines = warning_lines(&input, &[]);
        mismatches.extend(compare(&input.with_extension("txt"), &lines));
        let rules: BTreeSet<&str> = lines.lines().map(|l| l.rsplit_once(" [").unwrap().1.trim_end_matches(']')).collect();
        if case == "near-misses" {
            assert!(rules.is_empty(), "near-misses.json warns:\n{lines}");
            continue;
        }
        assert!(RULES.iter().any(|r| r.id == case), "{case}.json is named after no rule");
        assert_eq!(rules, BTreeSet::from([case.as_str()]), "{case}.json must warn with its rule alone:\n{lines}");
        covered.insert(case);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    let all: BTreeSet<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    assert_eq!(covered, all, "every rule needs tests/warnings/cases/RULE.json");
}

#[test]
fn every_rule_switches_off_alone() {
    let mut inputs = inputs("tests/warnings/cases");
    inputs.extend(self::inputs("tests/fixtures"));
    for input in &inputs {
        let all = warning_lines(input, &[]);
        for rule in RULES {
            let tag = format!(" [{}]", rule.id);
            let others: String = all.lines().filter(|l| !l.ends_with(&tag)).map(|l| format!("{l}\n")).collect();
            assert_eq!(warning_lines(input, &[rule.id.to_owned()]), others, "{} with {} off", input.display(), rule.id);
        }
        let every: Vec<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
        assert_eq!(warning_lines(input, &every), "", "{} with every rule off", input.display());
    }
}

fn options(json: &str) -> Result<Options, String> {
    Options::from_json_value(&json::parse(json).unwrap()).map_err(|e| e.to_string())
}

#[test]
fn options_switch_rules_off_by_id() {
    let off = options(r#"{"warnings": {"off": ["image-alt", "link-name"]}}"#).unwrap().warnings_off;
    assert_eq!(off, ["image-alt", "link-name"]);
    assert_eq!(options(r#"{"warnings": {}}"#).unwrap(), Options::default());
    assert_eq!(options("{}").unwrap().warnings_off, Vec::<String>::new());
    assert_eq!(
        options(r#"{"warnings": {"off": ["imag-alt", "link-name", 3, "nonsense"]}}"#).unwrap_err(),
        [
            r#"options.warnings.off[0]: unknown warning "imag-alt"; did you mean "image-alt"?"#,
            "options.warnings.off[2]: expected a string, found a number",
            r#"options.warnings.off[3]: unknown warning "nonsense" (known: image-alt, image-redundant-alt, alt-too-long, link-name, generic-video-title, image-size, hero-srcset, dates-order, empty-heading, duplicate-related, video-upload-date)"#,
        ]
        .join("\n")
    );
    assert_eq!(options(r#"{"warnings": {"of": []}}"#).unwrap_err(), r#"options.warnings.of: unknown key; did you mean "off"?"#);
    assert_eq!(options(r#"{"warnings": {"off": "image-alt"}}"#).unwrap_err(), "options.warnings.off: expected an array, found a string");
    assert_eq!(options(r#"{"warnings": ["image-alt"]}"#).unwrap_err(), "options.warnings: expected an object, found an array");
}

#[test]
fn warnings_never_change_the_html() {
    let input = root().join("tests/fixtures/seed.json");
    let json = fs::read_to_string(&input).unwrap();
    let every = Options { warnings_off: RULES.iter().map(|r| r.id.to_owned()).collect(), ..Options::default() };
    assert_eq!(broadsheet::render_json(&json, &every).unwrap(), broadsheet::render_json(&json, &Options::default()).unwrap());
}

/// `docs/warnings.md` has one `## \`id\`` section per rule, in the order of `RULES`, and each
/// section's example output (its `text` code block) is what `cases/ID.json` gives.
#[test]
fn the_docs_document_exactly_the_rules() {
    let doc = fs::read_to_string(root().join("docs/warnings.md")).unwrap();
    let sections: Vec<(&str, &str)> = doc
        .split("\n## `")
        .skip(1)
        .map(|section| section.split_once('`').unwrap_or_else(|| panic!("a heading without its id: {section}")))
        .collect();
    let documented: Vec<&str> = sections.iter().map(|(id, _)| *id).collect();
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(documented, ids);
    for (id, section) in sections {
        let case = fs::read_to_string(root().join("tests/warnings/cases").join(format!("{id}.txt"))).unwrap();
        let (_, example) = section.split_once("```text\n").unwrap_or_else(|| panic!("{id}: no ```text example"));
        let (example, _) = example.split_once("```").unwrap();
        assert!(!example.trim().is_empty(), "{id}: empty example");
        for line in example.lines() {
            assert!(case.lines().any(|l| l == line), "{id}: the docs' example line is not what cases/{id}.json gives:\n{line}");
        }
        for part in ["**What.**", "**Why.**", "**Example.**", "**Fix.**", &format!("\"off\": [\"{id}\"]")] {
            assert!(section.contains(part), "{id}: the section lacks {part}");
        }
    }
}

/// Every article the repository holds (the demo's samples too) gives warnings without panicking,
/// each on one line.
#[test]
fn every_article_here_warns_in_one_line_each() {
    let mut checked = 0;
    for dir in ["tests/fixtures", "tests/warnings/cases", "www/samples"] {
        for input in inputs(dir) {
            let Ok(article) = broadsheet::parse(&fs::read_to_string(&input).unwrap(), &Default::default()) else { continue };
            for warning in broadsheet::warnings(&article, &[]) {
                let line = warning.to_string();
                assert!(!line.contains(['\n', '\r']), "{}: {line}", input.display());
                assert!(RULES.iter().any(|r| r.id == warning.rule), "{}: {line}", input.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} articles");
}
