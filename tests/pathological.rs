//! Inputs built to hurt: huge, deep, repetitive. Each must end with the exact expected result,
//! never a panic (in WebAssembly a panic is a trap that kills the module).

use broadsheet::{render_json, Limits, Options};

fn article(body: &str) -> String {
    format!(r#"{{"headline": "Pathological", "body": [{body}]}}"#)
}

fn paragraph(text: &str) -> String {
    format!(r#"{{"type": "paragraph", "text": {}}}"#, serde_json::to_string(text).unwrap())
}

fn markdown(text: &str) -> String {
    format!(r#"{{"type": "markdown", "text": {}}}"#, serde_json::to_string(text).unwrap())
}

fn render(json: &str) -> Result<String, String> {
    render_json(json, &Options::default()).map_err(|e| e.to_string())
}

#[test]
fn ten_thousand_blocks() {
    let blocks: Vec<String> = (0..10_000).map(|i| paragraph(&format!("Paragraph {i}"))).collect();
    let html = render(&article(&blocks.join(","))).unwrap();
    assert_eq!(html.matches("<p>Paragraph ").count(), 10_000);
    assert!(html.contains("<p>Paragraph 9999</p>"));
}

#[test]
fn one_megabyte_paragraph() {
    let text = "All work and no play makes a long paragraph. ".repeat((1 << 20) / 45);
    let html = render(&article(&paragraph(&text))).unwrap();
    assert!(html.contains(text.trim_end()));
}

#[test]
fn many_tags_in_text_stay_text() {
    let html = render(&article(&paragraph(&"<b>".repeat(60_000)))).unwrap();
    assert_eq!(html.matches("&lt;b&gt;").count(), 60_000);
    assert!(!html.contains("<b>"));
}

#[test]
fn deeply_nested_markdown_is_refused_by_the_depth_limit() {
    let nested_list: String = (0..100).map(|depth| "  ".repeat(depth) + "- item\n").collect();
    for source in [">".repeat(10_000), nested_list] {
        assert_eq!(
            render(&article(&markdown(&source))).unwrap_err(),
            "body[0].text: Markdown nests deeper than 32 levels (limits.max_markdown_depth)"
        );
    }
    // Emphasis runs this long pair up flatly rather than nesting, so they render.
    let html = render(&article(&markdown(&("*a ".repeat(20_000) + &"*".repeat(20_000))))).unwrap();
    let opening = "<div class=\"bs-markdown\">";
    let body = &html[html.find(opening).unwrap() + opening.len()..];
    let body = &body[..body.find("</div>").unwrap()];
    assert_eq!(body.matches('a').count(), 20_000);
}

#[test]
fn runs_of_syntax_characters_by_the_hundred_thousand() {
    let count = |html: &str, needle: &str| html.matches(needle).count();
    for (text, needle, in_markdown, in_paragraph) in [
        ("[".repeat(100_000), "[", 100_000, 100_000),
        ("![".repeat(50_000), "![", 50_000, 50_000),
        ("<".repeat(100_000), "&lt;", 100_000, 100_000),
        // Each backslash escapes the next one.
        ("\\".repeat(100_000), "\\", 50_000, 50_000),
        // In a Markdown block a run of backticks opens an (empty) code fence; inline it is text.
        ("`".repeat(100_000), "`", 0, 100_000),
    ] {
        assert_eq!(count(&render(&article(&markdown(&text))).unwrap(), needle), in_markdown, "{needle} in markdown");
        assert_eq!(count(&render(&article(&paragraph(&text))).unwrap(), needle), in_paragraph, "{needle} in a paragraph");
    }
}

#[test]
fn deeply_nested_json_is_refused_with_its_place() {
    let json = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(render(&json).unwrap_err(), "invalid JSON at line 1, column 65: arrays and objects nest deeper than 64 levels");
    let json = r#"{"headline": "x", "body": [], "x-deep": "#.to_owned() + &"{\"a\":".repeat(1000) + "1" + &"}".repeat(1000) + "}";
    assert!(render(&json).unwrap_err().ends_with("arrays and objects nest deeper than 64 levels"));
}

#[test]
fn limits_name_themselves() {
    let blocks = vec![r#"{"type": "divider"}"#; 20_001].join(",");
    assert_eq!(render(&article(&blocks)).unwrap_err(), "body: has 20001 blocks; the limit is 20000 (limits.max_blocks)");

    let long = "x".repeat((4 << 20) + 1);
    assert_eq!(
        render(&article(&paragraph(&long))).unwrap_err(),
        "body[0].text: is 4194305 bytes long; the limit is 4194304 (limits.max_string_bytes)"
    );

    let options = Options { limits: Limits { max_input_bytes: 100, ..Limits::default() }, ..Options::default() };
    let json = article(&paragraph(&"y".repeat(100)));
    assert_eq!(
        render_json(&json, &options).unwrap_err().to_string(),
        format!("the article is {} bytes; the limit is 100 (limits.max_input_bytes)", json.len())
    );
}

#[test]
fn garbage_bytes_never_panic() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let alphabet = b"{}[]\":,0123456789.eE-+ truefalsnul\\u\n\t#*_`>[]()!<&";
    for _ in 0..2_000 {
        let len = (seed % 200) as usize;
        let text: String = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                alphabet[(seed % alphabet.len() as u64) as usize] as char
            })
            .collect();
        let _ = render(&text);
    }
}
