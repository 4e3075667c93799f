//! The privacy report of every fixture: `tests/privacy/NAME.txt` holds exactly the requests to
//! other sites its HTML makes (with the options in `tests/fixtures/NAME.options.json`), and a
//! page with self-hosted posters and images contacts no one before the reader plays a video.
//! `BLESS=1 cargo test --test privacy` rewrites the expected files. tests/e2e/privacy.test.mjs
//! holds the report to the requests Chromium makes.

use std::fs;
use std::path::Path;

use broadsheet::{Options, PosterPolicy};

#[allow(dead_code)]
use broadsheet_test_support::golden::{inputs, options_for};

#[test]
fn every_fixture_reports_its_requests() {
    let mut mismatches = Vec::new();
    for input in inputs("tests/fixtures") {
        let article = broadsheet::parse(&fs::read_to_string(&input).unwrap(), &Default::default()).unwrap();
        let report = broadsheet::privacy_report(&article, &options_for(&input)).to_string();
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/privacy").join(format!("{name}.txt"));
        if std::env::var_os("BLESS").is_some() {
            fs::write(&expected_path, &report).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != report {
            mismatches.push(format!("{}:\n--- expected\n{expected}--- actual\n{report}", expected_path.display()));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn self_hosted_posters_and_images_contact_no_one_before_play() {
    let json = r#"{"headline": "H", "hero": {"type": "image", "src": "/hero.jpg", "alt": "A"},
        "body": [{"type": "youtube", "id": "dQw4w9WgXcQ", "title": "T"}, {"type": "vimeo", "id": "76979871", "title": "V"},
                 {"type": "markdown", "text": "![a](/inline.png)"}]}"#;
    let article = broadsheet::parse(json, &Default::default()).unwrap();
    let options = Options { poster: PosterPolicy::SelfHostedOnly, ..Options::default() };
    let report = broadsheet::privacy_report(&article, &options);
    assert_eq!(
        report.to_string(),
        "before interaction: none\n\
         on activation: https://www.youtube-nocookie.com: body[0]: https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\n\
         on activation: https://player.vimeo.com: body[1]: https://player.vimeo.com/video/76979871?dnt=1&autoplay=1\n"
    );
    // With YouTube's posters, its image host is contacted as the page loads.
    let report = broadsheet::privacy_report(&article, &Options::default());
    assert_eq!(report.origins_before_interaction(), ["https://i.ytimg.com"]);
}
