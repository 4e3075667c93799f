//! The WebAssembly face: every export reads its input, calls the core, and maps the error. The
//! facade's behaviour in the page lives in the JS shell (`www/broadsheet-shell.js`), not here;
//! the package's types are written by hand in `www/broadsheet.d.ts`. Built for wasm32 only
//! (`scripts/build.sh`); on other targets the crate is empty.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
#[cfg(feature = "server")]
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use broadsheet::{Article, Error, Options, Path, Problem, Segment};

mod js_value;

/// Renders an article (a JS object or a JSON string; in the server build also a `Uint8Array` of
/// JSON) to an HTML string.
#[wasm_bindgen(js_name = renderArticle, skip_typescript)]
pub fn render_article(article: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = read_options(&options)?;
    render(&article, &options).map_err(|e| to_js_error(&e))
}

/// `renderArticle`, with the HTML as UTF-16LE bytes: Node makes a string of those by copying them
/// (`Buffer#toString("utf16le")`), about ten times faster than it decodes UTF-8, so the server
/// build's entry takes this way in Node and Bun (`www/broadsheet-wasm.server.js`).
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = renderArticleUtf16, skip_typescript)]
pub fn render_article_utf16(article: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let options = read_options(&options)?;
    render(&article, &options).map(|html| utf16le(&html)).map_err(|e| to_js_error(&e))
}

/// `renderArticle` for large articles: the HTML in pieces of about 128 KiB, for the entry to
/// join. Written so, it fits in the memory the JSON text and tree leave behind, in pieces as that
/// is, instead of growing the module by its whole size (`bench/memory.mjs`).
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = renderArticlePieces, skip_typescript)]
pub fn render_article_pieces(article: JsValue, options: JsValue) -> Result<Vec<String>, JsValue> {
    let options = read_options(&options)?;
    render_pieces(&article, &options, 1 << 17).map_err(|e| to_js_error(&e))
}

#[cfg(not(feature = "server"))]
fn render(article: &JsValue, options: &Options) -> Result<String, Error> {
    match article.as_string() {
        Some(text) => broadsheet::render_json(&text, options),
        None => js_value::read(article, "").and_then(|value| broadsheet::render_value(&value, options)),
    }
}

/// The server build frees the JSON text before it writes the HTML (`render_json_freeing`): its
/// memory peak for large articles is what `bench/memory.mjs` measures.
#[cfg(feature = "server")]
fn render(article: &JsValue, options: &Options) -> Result<String, Error> {
    render_pieces(article, options, 0).map(|mut pieces| pieces.pop().unwrap_or_default())
}

/// The HTML in pieces of about `piece_bytes` (0: one piece).
#[cfg(feature = "server")]
fn render_pieces(article: &JsValue, options: &Options, piece_bytes: usize) -> Result<Vec<String>, Error> {
    let Some(text) = article_text(article, options) else {
        return js_value::read(article, "").and_then(|value| broadsheet::render_value(&value, options)).map(|html| vec![html]);
    };
    if let Some(pieces) = broadsheet::render_json_freeing(text?, options, piece_bytes)? {
        return Ok(pieces);
    }
    // The article has a problem: its text, read again, tells every one.
    match article_text(article, options) {
        Some(text) => broadsheet::render_json(&text?, options).map(|html| vec![html]),
        None => Err(Error::from(Problem::whole("the article changed while it was read".to_owned()))),
    }
}

/// The article's JSON text when JS handed over text or UTF-8 bytes (the server build's entry hands
/// bytes over as they are; the browser build's decodes them first).
#[cfg(feature = "server")]
fn article_text(article: &JsValue, options: &Options) -> Option<Result<String, Error>> {
    if let Some(text) = article.as_string() {
        return Some(Ok(text));
    }
    if let Some(bytes) = article.dyn_ref::<js_sys::Uint8Array>() {
        let len = bytes.length() as usize;
        // Refused before it is copied in, with the message text past the limit gets.
        if let Err(error) = broadsheet::check_input_len(len, "article", &options.limits) {
            return Some(Err(error));
        }
        return Some(String::from_utf8(bytes.to_vec()).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            Error::from(Problem::whole(format!("the article is not UTF-8 text: byte {at} starts no character")))
        }));
    }
    None
}

/// UTF-8 to UTF-16LE bytes; ASCII eight bytes at a time, each spread to sixteen.
#[cfg(feature = "server")]
fn utf16le(text: &str) -> Vec<u8> {
    /// Four ASCII bytes, each widened to a little-endian UTF-16 unit.
    fn spread(x: u32) -> [u8; 8] {
        let x = u64::from(x);
        let x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
        ((x | (x << 8)) & 0x00FF_00FF_00FF_00FF).to_le_bytes()
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if x & 0x8080_8080_8080_8080 == 0 {
                out.extend_from_slice(&spread(x as u32));
                out.extend_from_slice(&spread((x >> 32) as u32));
                i += 8;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else { break };
        let mut units = [0; 2];
        for unit in c.encode_utf16(&mut units) {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        i += c.len_utf8();
    }
    out
}

/// Validates an article: `{ ok, errors, warnings }`, where warnings (`{ path, pathSegments,
/// message, rule }`) say what is valid but bad for readers; never throws on a bad article. Options
/// (`limits`, `warnings.off`) are read like `renderArticle`'s, and invalid options do throw.
#[wasm_bindgen(js_name = validateArticle, skip_typescript)]
pub fn validate_article(article: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let result = Object::new();
    let (problems, warnings) = match read_article(&article, &options) {
        Ok(article) => (Vec::new(), broadsheet::warnings(&article, &options.warnings_off)),
        Err(error) => (error.problems().to_vec(), Vec::new()),
    };
    set(&result, "ok", &JsValue::from_bool(problems.is_empty()));
    set(&result, "errors", &problems_to_js(&problems));
    let warnings: Array = warnings
        .iter()
        .map(|warning| {
            let entry = Object::new();
            set_place(&entry, &warning.path);
            set(&entry, "message", &JsValue::from_str(&warning.message));
            set(&entry, "rule", &JsValue::from_str(warning.rule));
            JsValue::from(entry)
        })
        .collect();
    set(&result, "warnings", &warnings);
    Ok(result.into())
}

/// Imports a WordPress post or block markup, an ANS story, Portable Text (JSON text; the JS
/// entry turns objects into text) or an HTML page (its text; `url` is the page's own URL) as
/// `{ article, notes }`; throws when no valid article can be made. Only in the server build (the
/// browser build leaves the importers out).
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = importArticle, skip_typescript)]
pub fn import_article(source: &str, from: &str, headline: Option<String>, url: Option<String>) -> Result<JsValue, JsValue> {
    use broadsheet_import::{import_with, Given, Source};
    use broadsheet::json::JsonStyle;
    let Some(from) = Source::from_name(from) else {
        let names: Vec<&str> = Source::ALL.iter().map(|(_, name)| *name).collect();
        let message = match from {
            "" => format!("importArticle: `from` is required: one of {}", names.join(", ")),
            _ => format!("importArticle: unknown source format \"{from}\" (known: {})", names.join(", ")),
        };
        return Err(js_sys::TypeError::new(&message).into());
    };
    if url.is_some() && from != Source::Html {
        return Err(js_sys::TypeError::new("importArticle: `url` is only read with from: \"html\"").into());
    }
    let given = Given { headline: headline.as_deref(), url: url.as_deref() };
    let imported = import_with(source, from, given, &Options::default().limits).map_err(|e| to_js_error(&e))?;
    let result = Object::new();
    // The article's own JSON text, read by the engine's parser: one crossing for the whole tree.
    let article = js_sys::JSON::parse(&imported.json.to_json(JsonStyle::Script))?;
    set(&result, "article", &article);
    set(&result, "notes", &problems_to_js(&imported.notes));
    Ok(result.into())
}

/// The article's schema.org JSON-LD (a `NewsArticle` with its `VideoObject`s), as `render_page`
/// writes it: for pages that place the fragment themselves. Server build only.
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = jsonLd, skip_typescript)]
pub fn json_ld(article: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let article = read_article(&article, &options).map_err(|e| to_js_error(&e))?;
    js_sys::JSON::parse(&broadsheet::json_ld(&article, &options).to_json(broadsheet::json::JsonStyle::Script))
}

/// The privacy report of an article rendered with `options`:
/// `{ beforeInteraction: [{ origin, url, path }], onActivation: […] }`. Server build only.
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = privacyReport, skip_typescript)]
pub fn privacy_report(article: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let article = read_article(&article, &options).map_err(|e| to_js_error(&e))?;
    let report = broadsheet::privacy_report(&article, &options);
    js_sys::JSON::parse(&report.to_json(broadsheet::json::JsonStyle::Script))
}

/// The package version.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// An article from a JSON string (parsed by the core, with line and column on syntax errors) or
/// from a JS object (read into the same JSON tree).
fn read_article(article: &JsValue, options: &Options) -> Result<Article, Error> {
    #[cfg(feature = "server")]
    let text = article_text(article, options).transpose()?;
    #[cfg(not(feature = "server"))]
    let text = article.as_string();
    match text {
        Some(text) => broadsheet::parse(&text, &options.limits),
        None => broadsheet::from_value(&js_value::read(article, "")?, &options.limits),
    }
}

fn read_options(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    js_value::read(options, "options")
        .and_then(|value| Options::from_json_value(&value))
        .map_err(|e| to_js_error(&e))
}

/// An `Error` whose message is the first `path: message`, with that problem's fields (`path`,
/// `pathSegments`, and `line` and `column` for a JSON syntax error) and `.errors` (all).
fn to_js_error(error: &Error) -> JsValue {
    let first = error.first();
    let js_error = js_sys::Error::new(&first.to_string());
    set_problem_fields(&js_error, first);
    set(&js_error, "errors", &problems_to_js(error.problems()));
    js_error.into()
}

fn problems_to_js(problems: &[Problem]) -> Array {
    problems
        .iter()
        .map(|problem| {
            let entry = Object::new();
            set_problem_fields(&entry, problem);
            set(&entry, "message", &JsValue::from_str(&problem.message));
            JsValue::from(entry)
        })
        .collect()
}

/// `path` as text (`body[3].src`), `pathSegments` as data (`["body", 3, "src"]`), and `line` and
/// `column` where the problem is a JSON syntax error.
fn set_problem_fields(target: &JsValue, problem: &Problem) {
    set_place(target, &problem.path);
    if let Some(position) = problem.position {
        set(target, "line", &JsValue::from_f64(position.line as f64));
        set(target, "column", &JsValue::from_f64(position.column as f64));
    }
}

/// `path` as text (`body[3].src`) and `pathSegments` as data (`["body", 3, "src"]`).
fn set_place(target: &JsValue, path: &Path) {
    set(target, "path", &JsValue::from_str(&path.to_string()));
    let segments: Array = path
        .segments()
        .iter()
        .map(|segment| match segment {
            Segment::Key(key) => JsValue::from_str(key),
            Segment::Index(index) => JsValue::from_f64(*index as f64),
        })
        .collect();
    set(target, "pathSegments", &segments);
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
