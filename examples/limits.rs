//! Measures large inputs (docs/limits-and-safety.md):
//!
//! - `cargo run --release --example limits -- generate MB > FILE` writes a realistic article of
//!   about MB megabytes: paragraphs with inline Markdown, headings, images, lists, quotes and
//!   Markdown blocks with tables, as a long-form piece has them, only many more.
//! - `cargo run --release --example limits -- render FILE` parses, validates and renders FILE
//!   with every limit raised, and prints the sizes and times to stderr (the CLI keeps the
//!   defaults, so use this for inputs past them).

use std::time::Instant;

use broadsheet::{Limits, Options};

fn generate(megabytes: usize) -> String {
    let paragraph = "A *long* paragraph of reporting, with **strong** words, `code`, a [link](https://example.com/a?b=1&c=2) \
        and text that goes on for a while, as reporting does: who, what, where, when, why & how. ";
    let markdown = "## A section\n\nSome **Markdown** with a [link](https://example.com/md \"Title\").\n\n\
        | Column | Number |\n|:--|--:|\n| a | 1 |\n| b | 22 |\n\n- one\n- two\n  - nested\n\n> A quote\n> on two lines\n\n\
        ```js\nconsole.log(\"<escaped>\");\n```\n";
    let target = megabytes << 20;
    let mut out = String::with_capacity(target + 4096);
    out.push_str(r#"{"headline": "A very long article", "dek": "Generated for measurement.", "body": ["#);
    let mut i = 0usize;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        let block = match i % 6 {
            0 | 1 => serde_json::json!({ "type": "paragraph", "text": paragraph.repeat(8) }),
            2 => serde_json::json!({ "type": "heading", "level": 2 + (i % 3), "text": format!("Section {i}") }),
            3 => serde_json::json!({ "type": "image", "src": format!("/media/{i}.jpg"), "alt": "A photograph", "caption": "A *caption*.",
                "srcset": [{ "src": format!("/media/{i}-800.jpg"), "width": 800 }] }),
            4 => serde_json::json!({ "type": "list", "items": ["First *point*", "Second [point](https://example.com/2)", "Third"] }),
            _ => serde_json::json!({ "type": "markdown", "text": markdown.repeat(4) }),
        };
        out.push_str(&block.to_string());
        i += 1;
    }
    out.push_str("]}");
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", megabytes] => print!("{}", generate(megabytes.parse().expect("MB is a number"))),
        ["render", file] => {
            let json = std::fs::read_to_string(file).expect("readable file");
            let options = Options {
                limits: Limits { max_input_bytes: usize::MAX, max_blocks: usize::MAX, ..Limits::default() },
                ..Options::default()
            };
            let start = Instant::now();
            let article = broadsheet::parse(&json, &options.limits).unwrap_or_else(|e| panic!("{e}"));
            let parsed = start.elapsed();
            let html = broadsheet::render(&article, &options);
            let total = start.elapsed();
            eprintln!(
                "{} bytes in, {} blocks, {} bytes out; parse and validate {:.3} s, render {:.3} s, total {:.3} s",
                json.len(),
                article.body.len(),
                html.len(),
                parsed.as_secs_f64(),
                (total - parsed).as_secs_f64(),
                total.as_secs_f64()
            );
        }
        _ => {
            eprintln!("usage: limits generate MB > FILE | limits render FILE");
            std::process::exit(2);
        }
    }
}
