//! Native throughput: articles/s and MB/s for the seeded corpus's sets of distinct articles
//! (`bench/corpus.mjs` `SETS`: 1,000 typical, 50 long-form, one ~1 MB; generated into
//! `target/bench/corpus` on first use), each stage on its own, and as the floor pulldown-cmark
//! alone turning the same Markdown text into HTML. Every iteration renders the whole set, so no
//! article runs from caches its previous rendering warmed; times are per article.
//!
//! `cargo bench --bench render` runs it (a few seconds per benchmark) and ends with a summary
//! table, also written to `target/bench/native.json`. `cargo test --benches` runs each once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use broadsheet::article::{Block, List, Media};
use broadsheet::{json, Article, Options};
use criterion::{BenchmarkId, Criterion, Throughput};

const SIZES: [&str; 3] = ["typical", "long", "huge"];
const SCALE: [&str; 4] = ["scale-10k", "scale-100k", "scale-1m", "scale-10m"];

/// The workspace's root: `bench/` and `target/` are there.
fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn corpus_dir() -> PathBuf {
    workspace().join("target/bench/corpus")
}

/// The broadsheet JSON of one corpus article, generating the corpus first if needed.
fn corpus(name: &str) -> String {
    let path = corpus_dir().join(format!("{name}.json"));
    if !path.exists() {
        let status = Command::new("node")
            .arg(workspace().join("bench/corpus.mjs"))
            .arg(corpus_dir())
            .status()
            .expect("node runs bench/corpus.mjs, which writes the corpus");
        assert!(status.success(), "bench/corpus.mjs failed");
    }
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every article of a set (`NAME.jsonl`, one JSON text a line), generating the corpus if needed.
fn corpus_set(name: &str) -> Vec<String> {
    corpus(name);
    let path = corpus_dir().join(format!("{name}.jsonl"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::to_owned).collect()
}

/// Every Markdown-bearing field of the article, as one Markdown document: what the floor renders.
fn markdown_text(article: &Article) -> String {
    let mut fields: Vec<&str> = Vec::new();
    if let Some(dek) = &article.dek {
        fields.push(&dek.0);
    }
    if let Some(Media::Image(image)) = &article.hero {
        fields.extend(image.caption.as_ref().map(|c| c.0.as_str()));
    }
    for block in &article.body {
        match block {
            Block::Paragraph(text) => fields.push(&text.0),
            Block::Heading(heading) => fields.push(&heading.text.0),
            Block::Image(image) => fields.extend(image.caption.as_ref().map(|c| c.0.as_str())),
            Block::YouTube(video) => fields.extend(video.caption.as_ref().map(|c| c.0.as_str())),
            Block::Vimeo(video) => fields.extend(video.caption.as_ref().map(|c| c.0.as_str())),
            Block::Embed(embed) => fields.extend(embed.caption.as_ref().map(|c| c.0.as_str())),
            Block::Quote(quote) => fields.push(&quote.text.0),
            Block::List(list) => list_texts(list, &mut fields),
            Block::Markdown(text) => fields.push(text),
            Block::Divider => {}
        }
    }
    fields.join("\n\n")
}

/// Every item's text, nested lists included.
fn list_texts<'a>(list: &'a List, fields: &mut Vec<&'a str>) {
    for item in &list.items {
        fields.push(&item.text.0);
        if let Some(nested) = &item.list {
            list_texts(nested, fields);
        }
    }
}

fn pulldown_cmark(markdown: &str) -> String {
    use pulldown_cmark::{html, Options as ParseOptions, Parser};
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, Parser::new_ext(markdown, ParseOptions::ENABLE_STRIKETHROUGH | ParseOptions::ENABLE_TABLES));
    out
}

fn benches(c: &mut Criterion) {
    let options = Options::default();
    for name in SIZES {
        let jsons = corpus_set(name);
        let articles: Vec<Article> = jsons.iter().map(|json| broadsheet::parse(json, &options.limits).expect("the corpus is valid")).collect();
        let markdowns: Vec<String> = articles.iter().map(markdown_text).collect();
        let values: Vec<json::Value> = jsons.iter().map(|json| json::parse(json).unwrap()).collect();
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.throughput(Throughput::Bytes(jsons.iter().map(|j| j.len() as u64).sum()));
        group.bench_function("render_json", |b| b.iter(|| jsons.iter().map(|json| broadsheet::render_json(json, &options).unwrap().len()).sum::<usize>()));
        group.bench_function("json_parse", |b| b.iter(|| jsons.iter().map(|json| json::parse(json).is_ok() as usize).sum::<usize>()));
        group.bench_function("validate", |b| b.iter(|| values.iter().map(|value| broadsheet::from_value(value, &options.limits).is_ok() as usize).sum::<usize>()));
        group.bench_function("render", |b| b.iter(|| articles.iter().map(|article| broadsheet::render(article, &options).len()).sum::<usize>()));
        group.throughput(Throughput::Bytes(markdowns.iter().map(|m| m.len() as u64).sum()));
        group.bench_function("pulldown_cmark", |b| b.iter(|| markdowns.iter().map(|markdown| pulldown_cmark(markdown).len()).sum::<usize>()));
        group.finish();
    }
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for name in SCALE {
        let json = corpus(name);
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::new("render_json", name), &json, |b, json| {
            b.iter(|| broadsheet::render_json(json, &options).unwrap())
        });
    }
    group.finish();
}

/// The median of one benchmark in nanoseconds, from criterion's estimates, if it ran.
fn median_ns(id: &str) -> Option<f64> {
    let path = workspace().join("target/criterion").join(id).join("new/estimates.json");
    let text = fs::read_to_string(path).ok()?;
    match json::parse(&text).ok()?.field("median")?.field("point_estimate")? {
        json::Value::Number(n) => Some(*n),
        _ => None,
    }
}

/// Prints the summary table and writes it as JSON for `bench/report.mjs`.
fn summary() {
    let mut rows = Vec::new();
    println!("\n{:<8} {:>10} {:>12} {:>12} {:>10} {:>10} {:>10} {:>12} {:>8}", "article", "JSON bytes", "render_json", "articles/s", "MB/s", "parse", "validate", "render", "vs cmark");
    for name in SIZES {
        let jsons = corpus_set(name);
        let count = jsons.len() as f64;
        let json_bytes = jsons.iter().map(String::len).sum::<usize>() as f64 / count;
        let markdown_bytes =
            jsons.iter().map(|json| markdown_text(&broadsheet::parse(json, &Default::default()).unwrap()).len()).sum::<usize>() as f64 / count;
        // Per article: each iteration rendered the whole set.
        let get = |stage: &str| median_ns(&format!("{name}/{stage}")).map(|ns| ns / count);
        let (Some(total), Some(parse), Some(validate), Some(render), Some(cmark)) =
            (get("render_json"), get("json_parse"), get("validate"), get("render"), get("pulldown_cmark"))
        else {
            return;
        };
        println!(
            "{name:<8} {json_bytes:>10} {:>9.1} µs {:>12.0} {:>10.1} {:>7.1} µs {:>7.1} µs {:>9.1} µs {:>7.2}x",
            total / 1e3,
            1e9 / total,
            json_bytes / total * 1e3,
            parse / 1e3,
            validate / 1e3,
            render / 1e3,
            total / cmark
        );
        rows.push(format!(
            "{{\"name\":\"{name}\",\"articles\":{count},\"inputBytes\":{json_bytes},\"markdownBytes\":{markdown_bytes},\"renderJsonNs\":{total},\"jsonParseNs\":{parse},\"validateNs\":{validate},\"renderNs\":{render},\"pulldownCmarkNs\":{cmark}}}"
        ));
    }
    let mut scale = Vec::new();
    for name in SCALE {
        let bytes = corpus(name).len() as f64;
        let Some(ns) = median_ns(&format!("scale/render_json/{name}")) else { return };
        println!("{name:<11} {bytes:>10} {:>9.2} ms {:>6.2} ns/byte", ns / 1e6, ns / bytes);
        scale.push(format!("{{\"name\":\"{name}\",\"inputBytes\":{bytes},\"ns\":{ns},\"nsPerByte\":{}}}", ns / bytes));
    }
    let out = workspace().join("target/bench/native.json");
    let text = format!("{{\"sizes\":[{}],\"scale\":[{}]}}\n", rows.join(","), scale.join(","));
    fs::write(&out, text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
    // `cargo bench` passes --bench; without it (cargo test --benches) each ran once, untimed.
    if std::env::args().any(|arg| arg == "--bench") {
        summary();
    }
}
