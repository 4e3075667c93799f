//! The WebAssembly face: every export reads its input, calls the core, and maps the error.
//! The only browser behaviour here is the facade's activation, which needs the DOM.
//! Public (on wasm32 only) so that tests/wasm_*.rs can call the exports from Rust.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event};

use crate::{json, youtube, Article, Error, Options, Problem};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../www/broadsheet-types.d.ts");

/// Renders an article (a JS object or a JSON string) to an HTML string.
#[wasm_bindgen(js_name = renderArticle, skip_typescript)]
pub fn render_article(article: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = read_options(options)?;
    let html = match article.as_string() {
        Some(text) => crate::render_json(&text, &options),
        None => read_value(article, "article").and_then(|value| crate::render_value(&value, &options)),
    };
    html.map_err(|e| to_js_error(&e))
}

/// Validates an article; never throws on a bad article.
#[wasm_bindgen(js_name = validateArticle, skip_typescript)]
pub fn validate_article(article: JsValue) -> JsValue {
    let result = Object::new();
    let problems = match read_article(article, &Options::default()) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems().to_vec(),
    };
    set(&result, "ok", &JsValue::from_bool(problems.is_empty()));
    set(&result, "errors", &problems_to_js(&problems));
    result.into()
}

/// Renders into `element` and makes its video facades interactive.
#[wasm_bindgen(skip_typescript)]
pub fn mount(element: &Element, article: JsValue, options: JsValue) -> Result<(), JsValue> {
    let html = render_article(article, options)?;
    element.set_inner_html(&html);
    hydrate(element)
}

/// Makes every video facade under `root` (server-rendered ones included) a button that swaps in
/// the player. Safe to call again after the content changes.
#[wasm_bindgen(skip_typescript)]
pub fn hydrate(root: &Element) -> Result<(), JsValue> {
    let document = root.owner_document().ok_or("hydrate: the element is not in a document")?;
    let facades = root.query_selector_all("[data-bs-youtube]:not([data-bs-hydrated])")?;
    for i in 0..facades.length() {
        let Some(facade) = facades.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some(link) = facade.query_selector("a.bs-facade__control")? else { continue };
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("class", "bs-facade__control")?;
        while let Some(child) = link.first_child() {
            button.append_child(&child)?;
        }
        link.replace_with_with_node_1(&button)?;
        facade.set_attribute("data-bs-hydrated", "")?;
    }
    // One delegated listener per root serves every facade, including ones rendered later.
    if !root.has_attribute("data-bs-listening") {
        root.set_attribute("data-bs-listening", "")?;
        listen(root, "click", activate)?;
        listen(root, "pointerover", warm_up)?;
        listen(root, "focusin", warm_up)?;
    }
    Ok(())
}

/// The package version.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn listen(root: &Element, event: &str, handler: fn(&Element) -> Result<(), JsValue>) -> Result<(), JsValue> {
    let callback = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        if let Some(facade) = facade_of(&event) {
            // A failure here has no caller to report to; the facade stays as it was.
            let _ = handler(&facade);
        }
    });
    root.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())?;
    // The listener lives as long as the page.
    callback.forget();
    Ok(())
}

/// The hydrated facade whose control the event happened on.
fn facade_of(event: &Event) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let control = target.closest("button.bs-facade__control").ok()??;
    control.closest("[data-bs-youtube][data-bs-hydrated]").ok()?
}

/// Preconnects to the player's origins, once per document, when the reader shows intent; but
/// only where the poster already comes from YouTube: a page that chose its own posters (or
/// none) contacts no third party until the reader plays.
fn warm_up(facade: &Element) -> Result<(), JsValue> {
    let id = facade.get_attribute("data-bs-youtube").unwrap_or_default();
    let poster = facade.query_selector("img.bs-facade__poster")?.and_then(|img| img.get_attribute("src"));
    if poster != Some(youtube::poster_url(&id)) {
        return Ok(());
    }
    let document: Document = facade.owner_document().ok_or("no document")?;
    let head = document.head().ok_or("no head")?;
    for origin in youtube::PLAYER_ORIGINS {
        let selector = format!("link[rel=preconnect][href=\"{origin}\"]");
        if document.query_selector(&selector)?.is_none() {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "preconnect")?;
            link.set_attribute("href", origin)?;
            head.append_child(&link)?;
        }
    }
    Ok(())
}

/// Swaps the poster and button for the player, in the same box, and moves focus into it.
fn activate(facade: &Element) -> Result<(), JsValue> {
    let id = facade.get_attribute("data-bs-youtube").unwrap_or_default();
    if !youtube::is_video_id(&id) {
        return Err("not a video id".into());
    }
    let start = facade.get_attribute("data-bs-start").and_then(|s| s.parse().ok());
    let title = facade.get_attribute("data-bs-title").unwrap_or_default();
    let document = facade.owner_document().ok_or("no document")?;
    let player = document.create_element("iframe")?;
    player.set_attribute("class", "bs-facade__player")?;
    player.set_attribute("src", &youtube::player_url(&id, start))?;
    player.set_attribute("title", &title)?;
    player.set_attribute("allow", youtube::PLAYER_ALLOW)?;
    player.set_attribute("allowfullscreen", "")?;
    player.set_attribute("referrerpolicy", "strict-origin-when-cross-origin")?;
    if let Some(control) = facade.query_selector(".bs-facade__control")? {
        control.remove();
    }
    facade.class_list().add_1("bs-facade--active")?;
    facade.append_child(&player)?;
    player.unchecked_into::<web_sys::HtmlElement>().focus()
}

/// An article from a JSON string (parsed by the core, with line and column on syntax errors) or
/// from a JS object (read into the same JSON tree).
fn read_article(article: JsValue, options: &Options) -> Result<Article, Error> {
    match article.as_string() {
        Some(text) => crate::parse(&text, &options.limits),
        None => crate::from_value(&read_value(article, "article")?, &options.limits),
    }
}

fn read_options(options: JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let value = read_value(options, "options").map_err(|e| to_js_error(&e))?;
    Options::from_json_value(&value).map_err(|e| to_js_error(&e))
}

fn read_value(value: JsValue, what: &str) -> Result<json::Value, Error> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Error::from(Problem::new(String::new(), format!("{what} is not plain JSON data: {e}"))))
}

/// An `Error` whose message is the first `path: message`, with `.path` and `.errors` (all).
fn to_js_error(error: &Error) -> JsValue {
    let first = error.first();
    let js_error = js_sys::Error::new(&first.to_string());
    set(&js_error, "path", &JsValue::from_str(&first.path));
    set(&js_error, "errors", &problems_to_js(error.problems()));
    js_error.into()
}

fn problems_to_js(problems: &[Problem]) -> Array {
    problems
        .iter()
        .map(|problem| {
            let entry = Object::new();
            set(&entry, "path", &JsValue::from_str(&problem.path));
            set(&entry, "message", &JsValue::from_str(&problem.message));
            JsValue::from(entry)
        })
        .collect()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
