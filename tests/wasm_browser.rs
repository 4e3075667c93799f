//! The facade in headless Chromium: mount and hydrate make buttons, nothing loads the player
//! until a click, and activation swaps in the player and moves focus into it. Keyboard
//! activation needs trusted key events, so tests/e2e covers it with real key presses.
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_browser`.
#![cfg(target_arch = "wasm32")]

use broadsheet::wasm::{hydrate, mount};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, Event, EventInit, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const TWO_VIDEOS: &str = r#"{"headline": "Two videos", "body": [
  {"type": "youtube", "id": "Bm5lP1dHq9E", "title": "The raid", "start": 42},
  {"type": "youtube", "url": "https://youtube.com/shorts/dQw4w9WgXcQ", "title": "A short", "poster": "/poster.jpg"}
]}"#;

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the page; each test works in its own.
fn container() -> Element {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn controls(root: &Element) -> Vec<HtmlElement> {
    all(root, ".bs-facade__control").into_iter().map(JsCast::unchecked_into).collect()
}

fn preconnects() -> Vec<String> {
    all(&document().document_element().unwrap(), "link[rel=preconnect]")
        .iter()
        .map(|link| link.get_attribute("href").unwrap())
        .collect()
}

fn bubbling(kind: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    Event::new_with_event_init_dict(kind, &init).unwrap()
}

#[wasm_bindgen_test]
fn mount_makes_real_buttons_and_loads_no_player() {
    let root = container();
    mount(&root, TWO_VIDEOS.into(), JsValue::UNDEFINED).unwrap();
    assert!(all(&root, "iframe").is_empty());
    assert!(all(&root, "a.bs-facade__control").is_empty());
    let names: Vec<String> = controls(&root).iter().map(|c| c.text_content().unwrap()).collect();
    assert_eq!(names, ["Play video: The raid", "Play video: A short"]);
    for control in controls(&root) {
        assert_eq!(control.tag_name(), "BUTTON");
        assert_eq!(control.get_attribute("type").as_deref(), Some("button"));
    }
    root.remove();
}

#[wasm_bindgen_test]
fn a_click_swaps_in_the_player_and_moves_focus_into_it() {
    let root = container();
    mount(&root, TWO_VIDEOS.into(), JsValue::UNDEFINED).unwrap();
    controls(&root)[0].click();
    let players = all(&root, "iframe");
    assert_eq!(players.len(), 1, "only the clicked facade plays");
    let player = &players[0];
    let attr = |name: &str| player.get_attribute(name);
    assert_eq!(attr("src").as_deref(), Some("https://www.youtube-nocookie.com/embed/Bm5lP1dHq9E?autoplay=1&start=42"));
    assert_eq!(attr("title").as_deref(), Some("The raid"));
    assert_eq!(attr("allow").as_deref(), Some(broadsheet::youtube::PLAYER_ALLOW));
    assert_eq!(attr("allowfullscreen").as_deref(), Some(""));
    assert_eq!(attr("referrerpolicy").as_deref(), Some("strict-origin-when-cross-origin"));
    // The player sits in the box that held the poster, so nothing below it moves.
    let facade = player.parent_element().unwrap();
    assert!(facade.class_list().contains("bs-facade--wide") && facade.class_list().contains("bs-facade--active"));
    assert_eq!(document().active_element().as_ref(), Some(player));
    assert_eq!(controls(&root).len(), 1, "the other facade keeps its button");
    root.remove();
}

#[wasm_bindgen_test]
fn hydrate_upgrades_server_rendered_html_once() {
    let root = container();
    let html = broadsheet::render_json(TWO_VIDEOS, &Default::default()).unwrap();
    root.set_inner_html(&html);
    assert_eq!(all(&root, "a.bs-facade__control").len(), 2, "server HTML links to YouTube");
    hydrate(&root).unwrap();
    hydrate(&root).unwrap();
    assert_eq!(all(&root, "button.bs-facade__control").len(), 2);
    controls(&root)[1].click();
    let players = all(&root, "iframe");
    assert_eq!(players.len(), 1, "one click, one player, however often hydrate ran");
    assert_eq!(
        players[0].get_attribute("src").as_deref(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
    );
    root.remove();
}

#[wasm_bindgen_test]
fn intent_preconnects_once_and_only_where_youtube_serves_the_poster() {
    for link in all(&document().document_element().unwrap(), "link[rel=preconnect]") {
        link.remove();
    }
    let root = container();
    mount(&root, TWO_VIDEOS.into(), JsValue::UNDEFINED).unwrap();
    // The second video has its own poster: no third party until the reader plays.
    controls(&root)[1].dispatch_event(&bubbling("focusin")).unwrap();
    assert!(preconnects().is_empty());
    controls(&root)[0].dispatch_event(&bubbling("pointerover")).unwrap();
    controls(&root)[0].dispatch_event(&bubbling("focusin")).unwrap();
    assert_eq!(preconnects(), broadsheet::youtube::PLAYER_ORIGINS);
    assert!(all(&root, "iframe").is_empty(), "warming up does not load the player");
    root.remove();
}

#[wasm_bindgen_test]
fn an_invalid_article_leaves_the_element_as_it_was() {
    let root = container();
    root.set_inner_html("<p>Server-rendered</p>");
    let error = mount(&root, r#"{"headline": ""}"#.into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(js_sys::Reflect::get(&error, &"path".into()).unwrap(), "headline");
    assert_eq!(root.inner_html(), "<p>Server-rendered</p>");
    root.remove();
}
