//! Importer fixtures: every `tests/import/FORMAT/NAME.json` (or `.html`, block markup) imports to
//! exactly `NAME.article.json` with the notes in `NAME.notes.txt`, or, when `NAME.error.txt`
//! exists, fails with exactly its text. Every imported article renders, and every word of the
//! source's text appears in the rendered HTML (nothing lost). `BLESS=1 cargo test --test import`
//! rewrites the expected files (review the diff before committing).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use broadsheet_import::{import, Source};
use broadsheet::json::{self, JsonStyle, Value};
use broadsheet::Options;

#[allow(dead_code)]
use broadsheet_test_support::golden::{self, compare};

fn sources(format: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import").join(format);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            (name.ends_with(".json") || name.ends_with(".html")) && !name.ends_with(".article.json")
        })
        .collect();
    files.sort();
    files
}

fn sibling(source: &Path, suffix: &str) -> PathBuf {
    let stem = source.file_stem().unwrap().to_string_lossy();
    source.with_file_name(format!("{stem}.{suffix}"))
}

/// Imports every fixture of `format` and compares it with its expected files.
fn check_format(format: &str) {
    let from = Source::from_name(format).unwrap();
    let files = sources(format);
    assert!(!files.is_empty(), "no fixtures for {format}");
    let mut mismatches = Vec::new();
    for source_path in &files {
        let source = fs::read_to_string(source_path).unwrap();
        let error_path = sibling(source_path, "error.txt");
        let result = import(&source, from, None, &Options::default().limits);
        if error_path.exists() {
            match result {
                Ok(_) => mismatches.push(format!("{} imported, but it should fail", source_path.display())),
                Err(error) => mismatches.extend(compare(&error_path, &format!("{error}\n"))),
            }
            continue;
        }
        let imported = match result {
            Ok(imported) => imported,
            Err(error) => {
                mismatches.push(format!("{}: {error}", source_path.display()));
                continue;
            }
        };
        let notes: String = imported.notes.iter().map(|note| format!("{note}\n")).collect();
        mismatches.extend(compare(&sibling(source_path, "article.json"), &imported.json.to_json(JsonStyle::Pretty)));
        mismatches.extend(compare(&sibling(source_path, "notes.txt"), &notes));
        let html = broadsheet::render(&imported.article, &Options::default());
        let rendered = rendered_words(&html);
        let missing: Vec<String> = source_words(format, &source).into_iter().filter(|w| !rendered.contains(w)).collect();
        if !missing.is_empty() {
            mismatches.push(format!("{}: source text missing from the rendered article: {}", source_path.display(), missing.join(", ")));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn wordpress_fixtures() {
    check_format("wordpress");
}

#[test]
fn ans_fixtures() {
    check_format("ans");
}

#[test]
fn portable_text_fixtures() {
    check_format("portable-text");
}

#[test]
fn html_fixtures() {
    check_format("html");
}

/// Lower-case runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The words a reader can see or hear in rendered HTML: text, and alt, title and aria-label.
fn rendered_words(html: &str) -> HashSet<String> {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = HashSet::new();
    for node in fragment.tree.nodes() {
        match node.value() {
            scraper::Node::Text(text) => out.extend(words(text)),
            scraper::Node::Element(element) => {
                for name in ["alt", "title", "aria-label"] {
                    out.extend(element.attr(name).into_iter().flat_map(words));
                }
            }
            _ => {}
        }
    }
    out
}

/// Where each format keeps the text a reader reads (values are HTML in WordPress and ANS).
fn text_keys(format: &str) -> &'static [&'static str] {
    match format {
        "wordpress" => &["raw"],
        "ans" => &["basic", "content", "caption", "subtitle", "name", "alt_text", "title", "citation", "endorsement"],
        _ => &["text", "title", "excerpt", "alt", "caption", "name"],
    }
}

/// Every word of the source's text: block markup as a whole, or the strings under the format's
/// text keys in a JSON source, read as HTML (tags and comments dropped, references decoded).
fn source_words(format: &str, source: &str) -> Vec<String> {
    let mut texts = Vec::new();
    match json::parse(source) {
        _ if format == "html" => texts.extend(article_html(source)),
        Ok(value) => collect_texts(&value, text_keys(format), false, &mut texts),
        Err(_) => texts.push(source.to_owned()),
    }
    let mut seen = HashSet::new();
    texts
        .iter()
        .flat_map(|text| {
            let fragment = scraper::Html::parse_fragment(text);
            let visible: Vec<String> = fragment
                .tree
                .nodes()
                .filter(|node| !node.ancestors().any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style"))))
                .filter_map(|node| node.value().as_text().map(|t| t.to_string()))
                .collect();
            visible.into_iter().flat_map(|t| reader_words(format, &t))
        })
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// A page's article, as the fixtures mark it (`<article>`, else the body), without what holds no
/// text for a reader (code, forms, share buttons) and what a fixture marks as not the article's
/// (`data-fixture="not-article"`).
fn article_html(page: &str) -> Option<String> {
    let document = scraper::Html::parse_document(page);
    let article = ["article", "body"].iter().find_map(|s| document.select(&scraper::Selector::parse(s).unwrap()).next())?;
    let mut html = article.html();
    let drop = scraper::Selector::parse("script, style, noscript, form, button, [class*=share], iframe, svg, [data-fixture=not-article]").unwrap();
    for element in article.select(&drop) {
        html = html.replacen(&element.html(), " ", 1);
    }
    Some(html)
}

/// The words a reader reads in a source's text. A URL standing in text (a WordPress embed's, a
/// bare link) becomes a link's target or an embed, which the URL policy checks, not words; a
/// WordPress shortcode's tags (`[caption id="…"]`) are replaced by what they make.
fn reader_words(format: &str, text: &str) -> Vec<String> {
    let text = match format {
        "wordpress" => without_shortcode_tags(text),
        _ => text.to_owned(),
    };
    text.split_whitespace().filter(|token| !is_url(token)).flat_map(words).collect()
}

/// Whether `token` is a URL: a scheme, `:`, and more.
fn is_url(token: &str) -> bool {
    let token = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    token.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
            && !rest.is_empty()
    })
}

/// `text` without the tags of WordPress's shortcodes that make content.
fn without_shortcode_tags(text: &str) -> String {
    const NAMES: [&str; 7] = ["caption", "wp_caption", "embed", "video", "audio", "gallery", "playlist"];
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.strip_prefix('/').unwrap_or(after);
        let is_tag = NAMES.iter().any(|n| name.strip_prefix(n).is_some_and(|r| r.starts_with([' ', ']'])));
        match after.find(']').filter(|_| is_tag) {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn collect_texts(value: &Value, keys: &[&str], under_text_key: bool, out: &mut Vec<String>) {
    match value {
        Value::String(s) if under_text_key => out.push(s.to_string()),
        Value::Array(items) => items.iter().for_each(|item| collect_texts(item, keys, under_text_key, out)),
        Value::Object(entries) => {
            for (key, item) in entries {
                // A WordPress post's `guid` is its permanent id (a URL), not text.
                if key == "guid" {
                    continue;
                }
                collect_texts(item, keys, keys.contains(&key.as_ref()), out);
            }
        }
        _ => {}
    }
}

/// The CLI: the article on stdout, the notes on stderr as `SOURCE_PATH: message`, exit 0; a
/// document that makes no article exits 1 and says why; `--headline` fills a missing headline.
#[test]
fn the_cli_prints_the_article_and_the_notes() {
    use std::process::Command;
    let cli = env!("CARGO_BIN_EXE_broadsheet");
    let dir = golden::root().join("tests/import/ans");
    let run = Command::new(cli).args(["import", "--from", "ans"]).arg(dir.join("story.json")).output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(String::from_utf8(run.stdout).unwrap(), fs::read_to_string(dir.join("story.article.json")).unwrap());
    assert_eq!(String::from_utf8(run.stderr).unwrap(), fs::read_to_string(dir.join("story.notes.txt")).unwrap());

    let file = dir.join("not-a-story.json");
    let run = Command::new(cli).args(["import", "--from", "ans"]).arg(&file).output().unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.stdout, b"");
    let expected = fs::read_to_string(dir.join("not-a-story.error.txt")).unwrap();
    assert_eq!(String::from_utf8(run.stderr).unwrap(), format!("{}: {expected}", file.display()));

    let markup = golden::root().join("tests/import/wordpress/markup-only.html");
    let run = Command::new(cli).args(["import", "--from", "wordpress", "--headline", "Given"]).arg(&markup).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let article = json::parse(std::str::from_utf8(&run.stdout).unwrap()).unwrap().to_json(JsonStyle::Script);
    assert!(article.starts_with(r#"{"schema":1.1,"headline":"Given","#), "{article}");

    let run = Command::new(cli).args(["import", "--from", "medium", "x.json"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(String::from_utf8(run.stderr).unwrap(), "--from medium: unknown format (known: wordpress, ans, portable-text, html)\n");
}

/// A document past `limits.max_input_bytes` is refused before it is read, for every format.
#[test]
fn huge_documents_are_refused_by_the_input_limit() {
    let limits = broadsheet::Limits { max_input_bytes: 1 << 20, ..Options::default().limits };
    let huge = format!("[{}]", "{\"_type\": \"block\"},".repeat(60_000));
    for (from, document) in [
        (Source::WordPress, "WordPress post"),
        (Source::Ans, "ANS story"),
        (Source::PortableText, "Portable Text document"),
    ] {
        let error = import(&huge, from, Some("H"), &limits).err().unwrap();
        assert_eq!(error.to_string(), format!("the {document} is {} bytes; the limit is 1048576 (limits.max_input_bytes)", huge.len()));
    }
}

/// An HTML page through the CLI: its bytes decoded as a browser decodes them (the notes at byte
/// offsets), `--url` for its relative links; `--url` is for pages only.
#[test]
fn the_cli_reads_pages_as_browsers_do() {
    use std::process::Command;
    let cli = env!("CARGO_BIN_EXE_broadsheet");
    let dir = golden::root().join("target/import-html");
    fs::create_dir_all(&dir).unwrap();
    let page = |body: &[u8]| -> Vec<u8> {
        let mut page = b"<html><head><title>A page</title>".to_vec();
        page.extend_from_slice(body);
        page.extend_from_slice(b"<p>Enough text for an article to be found in the page, about the weather and the sea.</p><img src=\"pics/a.jpg\" alt=\"A view\"></body></html>");
        page
    };
    let run = |name: &str, bytes: &[u8], args: &[&str]| {
        let file = dir.join(name);
        fs::write(&file, bytes).unwrap();
        let out = Command::new(cli).args(["import", "--from", "html"]).args(args).arg(&file).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let lines = |stderr: &str| stderr.lines().filter(|l| l.contains("byte") || l.contains("declares") || l.contains("URL")).map(str::to_owned).collect::<Vec<_>>();

    // windows-1252, declared: read as declared, nothing to note.
    let (code, article, notes) = run("latin.html", &page(b"<meta charset=windows-1252></head><body><p>Caf\xe9 cr\xe8me \x80 5</p>"), &["--url", "https://news.example/a/b.html"]);
    assert_eq!(code, Some(0), "{notes}");
    assert!(article.contains("Café crème € 5") && article.contains("\"https://news.example/a/pics/a.jpg\""), "{article}");
    assert!(lines(&notes).is_empty(), "{notes}");
    // Declared latin-1, UTF-8 in fact.
    let (_, article, notes) = run("mislabelled.html", &page("<meta charset=iso-8859-1></head><body><p>Café crème</p>".as_bytes()), &[]);
    assert!(article.contains("Café crème"), "{article}");
    assert_eq!(lines(&notes), [
        "the page declares windows-1252 (<meta charset>), but its bytes are UTF-8; it was read as UTF-8",
        "the page's URL is not known (give one: --url, or `url` in JS), so its relative links and images stay relative",
    ]);
    // A byte order mark, and bytes that are not UTF-8.
    let (code, article, notes) = run("broken.html", &[b"\xef\xbb\xbf".as_slice(), &page(b"</head><body><p>Caf\xc3\xa9 \xff!</p>")].concat(), &["--url", "https://news.example/"]);
    assert_eq!(code, Some(0));
    assert!(article.contains("Café \u{fffd}"), "{article}");
    assert_eq!(lines(&notes), ["bytes[58]: bytes FF are not UTF-8; read as U+FFFD (\u{fffd})"]);
    // A URL that is not absolute http(s) makes no article; --url is for pages.
    let (code, _, notes) = run("latin.html", &page(b"</head><body>"), &["--url", "/a/b.html"]);
    assert_eq!((code, notes.trim_end().ends_with("the page's URL \"/a/b.html\" is not an absolute http(s) URL")), (Some(1), true));
    let out = Command::new(cli).args(["import", "--from", "ans", "--url", "https://x.example/", "x.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("--url is only read with --from html\n"));
}

/// Marks nest only as deep as the limits the article is imported under let Markdown nest: with a
/// lower `max_markdown_depth` every importer still makes an article that validates, the marks past
/// the limit noted and their text kept.
#[test]
fn marks_nest_within_the_limits_imported_under() {
    let limits = broadsheet::Limits { max_markdown_depth: 3, ..Default::default() };
    let marked = "<p><b><i><s><a href=\"https://e.test/\">deep</a></s></i></b> text</p>";
    let wordpress = format!("<!-- wp:paragraph -->\n{marked}\n<!-- /wp:paragraph -->");
    let ans = format!(r#"{{"type": "story", "headlines": {{"basic": "H"}}, "content_elements": [{{"type": "text", "content": "{}"}}]}}"#, marked.replace('"', "\\\""));
    let portable_text = r#"[{"_type": "block", "children": [{"_type": "span", "text": "deep", "marks": ["strong", "em", "strike-through", "code"]}, {"_type": "span", "text": " text"}]}]"#;
    let page = format!("<html><head><title>H</title></head><body><article><h1>H</h1>{marked}<p>{}</p></article></body></html>", "Words enough to be an article. ".repeat(20));
    for (from, source) in [(Source::WordPress, wordpress.as_str()), (Source::Ans, ans.as_str()), (Source::PortableText, portable_text), (Source::Html, page.as_str())] {
        let imported = broadsheet_import::import(source, from, Some("H"), &limits).unwrap_or_else(|e| panic!("{from:?}: {e}"));
        let json = imported.json.to_json(JsonStyle::Script);
        assert!(json.contains("deep") && json.contains("text"), "{from:?}: {json}");
        let notes: Vec<String> = imported.notes.iter().map(ToString::to_string).collect();
        assert!(notes.iter().any(|note| note.contains("marks") || note.contains("mark")), "{from:?}: {notes:?}");
    }
}
