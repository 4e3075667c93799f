//! The HTML page importer measured on real pages: Mozilla Readability's own test pages (about 90
//! saved articles, each with what Readability extracts from it), read from the shared corpus
//! (`../shared/corpora/readability-test-pages/`, or `BROADSHEET_READABILITY_PAGES`); they are
//! not ours to copy into the repository. Skipped, saying so, when the corpus is absent.
//!
//! Every page is imported as the CLI imports it (its bytes, with Readability's test URL as
//! `--url`), and measured against Readability's results:
//! - imported and valid (and safe: the rendering oracle, as a fragment and a page);
//! - headline = Readability's title; byline, excerpt and published time, where Readability has one;
//! - text runs of `expected.html` (each text node, white space collapsed) found in the rendered
//!   article, weighted by length: overall, and the share of pages that keep ≥ 98 %;
//! - boilerplate: long text runs of the page that Readability leaves out, and how many of them
//!   the article has anyway;
//! - YouTube and Vimeo frames Readability keeps, and the facades the article has.
//!
//! The figures are printed (`cargo test --profile tests --test html_pages -- --nocapture`); the test
//! asserts the floors measured when it was written, so that a change that loses ground fails.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use broadsheet::article::{Block, Media};
use broadsheet::Options;
use broadsheet_import::{import_bytes, Given, Source};
use broadsheet_test_support::checks;

/// The URL Readability's tests parse every page with.
const PAGE_URL: &str = "http://fakehost/test/page.html";

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("BROADSHEET_READABILITY_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/readability-test-pages"));
    dir.is_dir().then_some(dir)
}

/// White space collapsed, no-break spaces as spaces, characters the format cannot carry gone.
fn normalized(text: &str) -> String {
    let text: String = text.chars().filter(|c| (!c.is_control() || c.is_whitespace()) && *c != '\u{feff}').map(|c| if c == '\u{a0}' { ' ' } else { c }).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text nodes of `html` (scripts, styles and the like aside), each normalized, empty ones left out.
fn runs(html: &str, whole_page: bool) -> Vec<String> {
    let parsed = if whole_page { scraper::Html::parse_document(html) } else { scraper::Html::parse_fragment(html) };
    let skip = ["script", "style", "noscript", "template", "head", "title", "iframe", "textarea", "select", "option", "svg"];
    parsed
        .tree
        .nodes()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let hidden = node.ancestors().any(|a| a.value().as_element().is_some_and(|e| skip.contains(&e.name())));
            let run = normalized(text);
            (!hidden && !run.is_empty()).then_some(run)
        })
        .collect()
}

/// The text a reader reads in rendered HTML: its text nodes, run on within a line as a browser
/// shows them, with a space between blocks.
fn rendered_text(html: &str) -> String {
    fn walk(node: scraper::ElementRef, out: &mut String) {
        for child in node.children() {
            match child.value() {
                scraper::Node::Text(text) => out.push_str(text),
                scraper::Node::Element(e) => {
                    let block = !matches!(e.name(), "a" | "b" | "strong" | "i" | "em" | "code" | "s" | "del" | "span" | "sup" | "sub" | "small" | "time" | "abbr");
                    if block {
                        out.push(' ');
                    }
                    walk(scraper::ElementRef::wrap(child).expect("an element"), out);
                    if block {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    walk(fragment.root_element(), &mut out);
    normalized(&out)
}

/// A YouTube or Vimeo player's URL.
fn is_video(src: &str) -> bool {
    broadsheet::youtube::parse_url(src.trim()).is_ok() || broadsheet::vimeo::parse_url(src.trim()).is_ok()
}

#[derive(Default)]
struct Tally {
    pages: usize,
    imported: usize,
    headline_given: usize,
    titles: usize,
    headlines: usize,
    bylines: usize,
    bylines_kept: usize,
    excerpts: usize,
    excerpts_as_dek: usize,
    excerpts_kept: usize,
    published: usize,
    published_kept: usize,
    run_chars: usize,
    run_chars_kept: usize,
    pages_98: usize,
    boilerplate_chars: usize,
    boilerplate_kept: usize,
    video_frames: usize,
    facades: usize,
    unsafe_pages: usize,
    slowest: (u128, String),
    misses: Vec<String>,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { 100.0 * part as f64 / whole as f64 }
}

#[test]
fn readability_test_pages() {
    let Some(dir) = corpus() else {
        eprintln!("html_pages: SKIPPED: the Readability test pages are not at ../shared/corpora/readability-test-pages (set BROADSHEET_READABILITY_PAGES)");
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.join("source.html").is_file()).collect();
    pages.sort();
    let options = Options::default();
    let mut t = Tally::default();
    let started = Instant::now();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let source = std::fs::read(page.join("source.html")).unwrap();
        let expected = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(page.join("expected-metadata.json")).unwrap()).unwrap();
        let text = |key: &str| meta[key].as_str().map(normalized).filter(|s| !s.is_empty());
        t.pages += 1;

        let clock = Instant::now();
        let mut result = import_bytes(&source, Source::Html, Given { headline: None, url: Some(PAGE_URL) }, &options.limits);
        if result.as_ref().is_err_and(|e| e.to_string().contains("has no headline")) {
            // Readability finds no title either; the CLI would be given one.
            t.headline_given += 1;
            result = import_bytes(&source, Source::Html, Given { headline: Some("Given headline"), url: Some(PAGE_URL) }, &options.limits);
        }
        let elapsed = clock.elapsed().as_millis();
        if elapsed > t.slowest.0 {
            t.slowest = (elapsed, name.clone());
        }
        let imported = match result {
            Ok(imported) => imported,
            Err(error) => {
                t.misses.push(format!("{name}: not imported: {error}"));
                continue;
            }
        };
        t.imported += 1;
        let article = &imported.article;
        let html = broadsheet::render(article, &options);
        if let Err(report) = checks::rendered(article, &options).and_then(|()| checks::page(article, &options)) {
            t.unsafe_pages += 1;
            t.misses.push(format!("{name}: the oracle fails: {report}"));
        }
        let rendered = rendered_text(&html);

        // Metadata.
        if let Some(title) = text("title") {
            t.titles += 1;
            if normalized(&article.headline) == title {
                t.headlines += 1;
            } else {
                t.misses.push(format!("{name}: headline {:?}, Readability's title {title:?}", article.headline));
            }
        }
        if let Some(byline) = text("byline") {
            t.bylines += 1;
            let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
            let ours = normalized(&names.join(", ")).to_lowercase();
            let theirs = byline.to_lowercase();
            let theirs = theirs.strip_prefix("by ").unwrap_or(&theirs).trim_start_matches(':').trim();
            if !ours.is_empty() && (ours == theirs || theirs.contains(&ours) && ours.len() * 2 >= theirs.len()) {
                t.bylines_kept += 1;
            } else {
                t.misses.push(format!("{name}: authors {ours:?}, Readability's byline {byline:?}"));
            }
        }
        if let Some(excerpt) = text("excerpt") {
            t.excerpts += 1;
            let dek = article.dek.as_ref().map(|d| normalized(&broadsheet::inline_plain_text(&d.0)));
            if dek.as_deref() == Some(excerpt.as_str()) {
                t.excerpts_as_dek += 1;
            }
            // White space aside: Readability's excerpt is the first paragraph's textContent, in
            // which a <br> is no space at all.
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            if dek.as_deref() == Some(excerpt.as_str()) || bare(&rendered).contains(&bare(&excerpt)) {
                t.excerpts_kept += 1;
            } else {
                t.misses.push(format!("{name}: excerpt {excerpt:?} neither the dek ({dek:?}) nor in the article"));
            }
        }
        if let Some(published) = text("publishedTime") {
            t.published += 1;
            let ours = article.published.as_ref().map_or("", |p| p.machine.as_str());
            let (date, time) = (published.get(..10).unwrap_or(""), published.get(11..16).unwrap_or(""));
            if ours.get(..10) == Some(date) && (time.is_empty() || ours.get(11..16) == Some(time)) {
                t.published_kept += 1;
            } else {
                t.misses.push(format!("{name}: published {ours:?}, Readability's {published:?}"));
            }
        }

        // Text.
        let (mut total, mut kept, mut lost) = (0, 0, Vec::new());
        for run in runs(&expected, false) {
            let chars = run.chars().count();
            total += chars;
            if rendered.contains(&run) {
                kept += chars;
            } else {
                lost.push(run);
            }
        }
        t.run_chars += total;
        t.run_chars_kept += kept;
        if share(kept, total) >= 98.0 {
            t.pages_98 += 1;
        }
        if !lost.is_empty() {
            let shown: Vec<String> = lost.iter().take(4).map(|r| format!("{:?}", r.chars().take(60).collect::<String>())).collect();
            t.misses.push(format!("{name}: text {:.1} % ({} runs lost: {}{})", share(kept, total), lost.len(), shown.join(", "), if lost.len() > 4 { " …" } else { "" }));
        }

        // Boilerplate: long runs of the page that Readability leaves out.
        let expected_text = normalized(&runs(&expected, false).join(" "));
        let source_text = String::from_utf8_lossy(&source);
        let mut seen = HashSet::new();
        for run in runs(&source_text, true) {
            // The title, byline and excerpt Readability reads apart from the content are not
            // boilerplate: they are the article's headline, authors and dek.
            let metadata = ["title", "byline", "excerpt"].iter().any(|k| text(k).is_some_and(|m| m.contains(&run)));
            if run.chars().count() < 40 || expected_text.contains(&run) || metadata || !seen.insert(run.clone()) {
                continue;
            }
            let chars = run.chars().count();
            t.boilerplate_chars += chars;
            if rendered.contains(&run) {
                t.boilerplate_kept += chars;
                if std::env::var_os("SHOW_BOILERPLATE").is_some() {
                    eprintln!("  {name}: boilerplate kept: {:?}", run.chars().take(100).collect::<String>());
                }
            }
        }

        // Videos.
        let fragment = scraper::Html::parse_fragment(&expected);
        let frames = fragment.select(&scraper::Selector::parse("iframe[src]").unwrap()).filter(|f| is_video(f.value().attr("src").unwrap())).count();
        let facades = article.body.iter().filter(|b| matches!(b, Block::YouTube(_) | Block::Vimeo(_))).count()
            + usize::from(matches!(article.hero, Some(Media::YouTube(_))));
        t.video_frames += frames;
        t.facades += facades.min(frames);
        if facades < frames {
            t.misses.push(format!("{name}: {frames} video frames, {facades} facades"));
        }
    }
    let took = started.elapsed();
    for miss in &t.misses {
        eprintln!("  {miss}");
    }
    let text = share(t.run_chars_kept, t.run_chars);
    eprintln!(
        "html_pages: {} pages ({} without a title, given a headline), {} imported and valid, {} unsafe; in {:.1} s (slowest {} ms: {})",
        t.pages, t.headline_given, t.imported, t.unsafe_pages, took.as_secs_f64(), t.slowest.0, t.slowest.1
    );
    eprintln!("  headline = Readability's title: {}/{} ({:.1} %)", t.headlines, t.titles, share(t.headlines, t.titles));
    eprintln!("  byline kept: {}/{} ({:.1} %)", t.bylines_kept, t.bylines, share(t.bylines_kept, t.bylines));
    eprintln!(
        "  excerpt kept: {}/{} ({:.1} %; as the dek {}, the others open the body)",
        t.excerpts_kept, t.excerpts, share(t.excerpts_kept, t.excerpts), t.excerpts_as_dek
    );
    eprintln!("  published time kept: {}/{} ({:.1} %)", t.published_kept, t.published, share(t.published_kept, t.published));
    eprintln!("  text runs of expected.html kept: {text:.2} %; pages keeping ≥ 98 %: {}/{} ({:.1} %)", t.pages_98, t.imported, share(t.pages_98, t.imported));
    eprintln!(
        "  boilerplate Readability leaves out that the article has anyway: {:.2} % of {} characters (runs of 40+ characters)",
        share(t.boilerplate_kept, t.boilerplate_chars),
        t.boilerplate_chars
    );
    eprintln!("  YouTube and Vimeo frames Readability keeps: {}, facades made of them: {}", t.video_frames, t.facades);

    // The floors measured when this was written (the targets are lower: headline 95 %,
    // byline, excerpt and date 90 %, text 98 % and 95 % of pages at 98 %): 88/88 headlines, 51/52
    // bylines (liberation-1: dom_smoothie reads "AFP" where Readability.js reads the author),
    // 87/88 excerpts (005-unescape-html-entities: dom_smoothie decodes an invalid character
    // reference differently), 22/22 dates, 100 % of the text on every page, 3.55 % boilerplate
    // (mostly mercurial, where dom_smoothie keeps sections Readability.js drops).
    assert_eq!(t.imported, t.pages, "every page imports and validates");
    assert_eq!(t.unsafe_pages, 0, "no unsafe output");
    assert_eq!(t.facades, t.video_frames, "every YouTube and Vimeo frame becomes a facade");
    assert_eq!(t.headlines, t.titles, "headlines");
    assert!(t.bylines_kept + 1 >= t.bylines, "bylines");
    assert!(t.excerpts_kept + 1 >= t.excerpts, "excerpts");
    assert_eq!(t.published_kept, t.published, "published times");
    assert!(text >= 99.9, "text runs kept: {text:.2} %");
    assert_eq!(t.pages_98, t.imported, "pages keeping ≥ 98 % of their text");
    assert!(share(t.boilerplate_kept, t.boilerplate_chars) <= 3.6, "boilerplate kept");
}

