//! What one fuzz input is checked for, per target. The fuzz targets call these and panic on a
//! finding; `tests/hostile.rs` replays the committed corpus through the same functions (`#[path]`).

use broadsheet::article::*;
use broadsheet::{Error, Options};

use crate::oracle;

/// Where the page's script is said to be; the page check expects exactly this one script.
pub const SCRIPT: &str = "broadsheet-element.js";

/// JSON text through `parse` (JSON, limits, validation), then `render` and `render_page`.
pub fn json_text(text: &str) -> Result<(), String> {
    let options = Options::default();
    match broadsheet::parse(text, &options.limits) {
        Ok(article) => {
            rendered(&article, &options)?;
            page(&article, &options)
        }
        Err(error) => well_formed(&error, &[]),
    }
}

/// A source document through an importer: an article whose own JSON validates again to the same
/// model and which holds the oracle as a fragment and a page, or a refusal that says why.
pub fn imported(text: &str, from: broadsheet_import::Source) -> Result<(), String> {
    let options = Options::default();
    import_holds(broadsheet_import::import(text, from, Some("A headline the source lacks"), &options.limits), &options)
}

/// What an import made: an article whose JSON reads back as the same model and which holds the
/// oracle as a fragment and a page, or a refusal that says why.
fn import_holds(result: Result<broadsheet_import::Imported, broadsheet::Error>, options: &Options) -> Result<(), String> {
    match result {
        Ok(imported) => {
            let json = imported.json.to_json(broadsheet::json::JsonStyle::Pretty);
            let again = broadsheet::parse(&json, &options.limits)
                .map_err(|error| format!("the imported article's JSON does not validate again: {error}\n--- article ---\n{json}"))?;
            if again != imported.article {
                return Err(format!("the imported article's JSON reads back as a different article\n--- article ---\n{json}"));
            }
            rendered(&imported.article, options)?;
            page(&imported.article, options)
        }
        Err(error) => well_formed(&error, &[]),
    }
}

/// A page's bytes through the HTML page importer, as the CLI reads them (decoded as a browser
/// decodes them; with a page URL when `with_url`): the same checks as [`imported`].
pub fn imported_page(bytes: &[u8], with_url: bool) -> Result<(), String> {
    use broadsheet_import::{import_bytes, Given, Source};
    let options = Options::default();
    let given = Given { headline: Some("A headline the page lacks"), url: with_url.then_some("https://news.example/section/page.html") };
    import_holds(import_bytes(bytes, Source::Html, given, &options.limits), &options)
}

/// A refusal says what and where: at least one problem, each with a message, and (when
/// `paths` is not empty) each at one of `paths`.
pub fn well_formed(error: &Error, paths: &[&str]) -> Result<(), String> {
    let problems = error.problems();
    if problems.is_empty() || problems.iter().any(|p| p.message.is_empty()) {
        return Err(format!("malformed error: {error:?}"));
    }
    match problems.iter().find(|p| !paths.is_empty() && !paths.contains(&p.path.to_string().as_str())) {
        Some(p) => Err(format!("problem at an unexpected path: {p} (expected one of {paths:?})")),
        None => Ok(()),
    }
}

/// Renders `article` as a fragment and runs the oracle on it.
pub fn rendered(article: &Article, options: &Options) -> Result<(), String> {
    let html = broadsheet::render(article, options);
    report(oracle::check_article(article, &html), &html)
}

/// Renders `article` as a whole page and runs the oracle on it.
pub fn page(article: &Article, options: &Options) -> Result<(), String> {
    let page = broadsheet::render_page(article, options, "broadsheet.css", SCRIPT);
    report(oracle::check_page(article, &page, SCRIPT), &page)
}

fn report(problems: Vec<String>, html: &str) -> Result<(), String> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}\n--- HTML ---\n{html}", problems.join("\n")))
}

/// One text in every kind of field: through JSON and validation, and as a model built by hand
/// (which skips validation, so the writer's own URL policy and escaping are what is tested).
pub fn markdown_text(text: &str) -> Result<(), String> {
    let value = serde_json::json!({
        "headline": text,
        "dek": text,
        "tags": [text],
        "hero": { "type": "image", "src": "/hero.jpg", "alt": text, "caption": text, "credit": text },
        "body": [
            { "type": "paragraph", "text": text },
            { "type": "heading", "level": 3, "text": text },
            { "type": "quote", "text": text, "cite": text },
            { "type": "list", "items": [text] },
            { "type": "markdown", "text": text },
        ],
    });
    let paths = [
        "headline", "dek", "tags[0]", "hero.alt", "hero.caption", "hero.credit", "body[0].text", "body[1].text",
        "body[2].text", "body[2].cite", "body[3].items[0]", "body[4].text",
    ];
    let options = Options::default();
    match broadsheet::parse(&value.to_string(), &options.limits) {
        Ok(article) => rendered(&article, &options)?,
        Err(error) => well_formed(&error, &paths)?,
    }
    rendered(&model_with(text), &options)
}

/// An article with `text` in every text field, built without validation.
pub fn model_with(text: &str) -> Article {
    let inline = || Inline(text.to_owned());
    let image = Image {
        src: "/hero.jpg".into(),
        alt: text.into(),
        width: None,
        height: None,
        caption: Some(inline()),
        credit: Some(text.into()),
        srcset: Vec::new(),
        sizes: None,
    };
    Article {
        id: None,
        lang: None,
        dir: None,
        url: None,
        section: Some(Section { name: text.into(), url: Some(text.into()) }),
        headline: text.into(),
        dek: Some(inline()),
        authors: vec![Author { name: text.into(), url: Some(text.into()) }],
        published: None,
        modified: None,
        tags: vec![text.into()],
        hero: Some(Media::Image(image)),
        body: vec![
            Block::Paragraph(inline()),
            Block::Heading(Heading { level: 3, text: inline(), id: None }),
            Block::Quote(Quote { text: inline(), cite: Some(text.into()), source: Some(text.into()), style: QuoteStyle::Pull }),
            Block::List(List {
                ordered: true,
                items: vec![ListItem { text: inline(), list: Some(List { ordered: false, items: vec![ListItem { text: inline(), list: None }] }) }],
            }),
            Block::Markdown(text.into()),
        ],
        related: Some(Related {
            title: text.into(),
            items: vec![RelatedItem {
                headline: text.into(),
                url: text.into(),
                image: Some(Thumbnail { src: text.into(), alt: text.into(), width: Some(64), height: Some(64), srcset: vec![], sizes: None }),
            }],
        }),
    }
}
