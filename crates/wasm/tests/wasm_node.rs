//! The wasm face in Node: every golden fixture renders byte-identically from a JSON string and
//! from a JS object, and invalid articles throw `Error`s that carry their paths.
//! Run with `cargo test -p broadsheet-wasm --target wasm32-unknown-unknown` (`scripts/test.sh`).
#[cfg(not(target_arch = "wasm32"))]
compile_error!("these tests run in Node: cargo test -p broadsheet-wasm --target wasm32-unknown-unknown");

use broadsheet_wasm::{render_article, validate_article};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

// The fixtures are read at run time, so new ones are covered without a list here.
#[wasm_bindgen(module = "node:fs")]
extern "C" {
    #[wasm_bindgen(js_name = readdirSync)]
    fn read_dir(path: &str) -> Vec<String>;
    #[wasm_bindgen(js_name = readFileSync)]
    fn read_file(path: &str, encoding: &str) -> String;
    #[wasm_bindgen(js_name = existsSync)]
    fn exists(path: &str) -> bool;
}

/// The workspace's root, where `tests/` holds the fixtures.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// `(name, JSON text)` of every input in `dir`, options files excluded.
fn inputs(dir: &str) -> Vec<(String, String)> {
    let dir = format!("{ROOT}/{dir}");
    let mut names: Vec<String> = read_dir(&dir)
        .into_iter()
        .filter(|name| name.ends_with(".json") && !name.ends_with(".options.json"))
        .map(|name| name.trim_end_matches(".json").to_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no inputs in {dir}");
    names.into_iter().map(|name| (name.clone(), read_file(&format!("{dir}/{name}.json"), "utf8"))).collect()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// `path: message` lines, as the native `Display` prints them.
fn lines(errors: &JsValue) -> Vec<String> {
    Array::from(errors)
        .iter()
        .map(|e| {
            let (path, message) = (get(&e, "path").as_string().unwrap(), get(&e, "message").as_string().unwrap());
            if path.is_empty() { message } else { format!("{path}: {message}") }
        })
        .collect()
}

#[wasm_bindgen_test]
fn every_fixture_renders_like_the_native_renderer_from_text_and_from_an_object() {
    for (name, json) in inputs("tests/fixtures") {
        let options_path = format!("{ROOT}/tests/fixtures/{name}.options.json");
        let options = match exists(&options_path) {
            true => JSON::parse(&read_file(&options_path, "utf8")).unwrap(),
            false => JsValue::UNDEFINED,
        };
        let expected = read_file(&format!("{ROOT}/tests/fixtures/{name}.html"), "utf8");
        let from_text = render_article(json.clone().into(), options.clone()).unwrap();
        assert!(from_text == expected, "{name}: the HTML from a JSON string differs from {name}.html");
        let from_object = render_article(JSON::parse(&json).unwrap(), options).unwrap();
        assert!(from_object == expected, "{name}: the HTML from a JS object differs from {name}.html");
    }
}

#[wasm_bindgen_test]
fn invalid_text_throws_every_problem_of_the_native_error_fixture() {
    for (name, json) in inputs("tests/errors") {
        let expected: Vec<String> = read_file(&format!("{ROOT}/tests/errors/{name}.txt"), "utf8")
            .lines()
            .map(String::from)
            .collect();
        let error = render_article(json.clone().into(), JsValue::UNDEFINED).unwrap_err();
        assert!(error.is_instance_of::<js_sys::Error>(), "{name}: not an Error");
        assert_eq!(get(&error, "message").as_string().unwrap(), expected[0], "{name}");
        assert_eq!(lines(&get(&error, "errors")), expected, "{name}");
        let result = validate_article(json.into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&result, "ok"), JsValue::FALSE, "{name}");
        assert_eq!(lines(&get(&result, "errors")), expected, "{name}");
    }
}

#[wasm_bindgen_test]
fn syntax_errors_name_line_and_column() {
    let error = render_article("{\n  \"headline\": \"Hi\",\n  \"body\": [,]\n}".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "path"), "");
    assert_eq!(get(&error, "message"), "invalid JSON at line 3, column 12: expected value");
}

#[wasm_bindgen_test]
fn invalid_objects_throw_errors_with_paths() {
    let article = JSON::parse(r#"{"headline": "Hi", "body": [{"type": "image", "src": "javascript:alert(1)", "alt": "x"}, {"type": "paragraf"}]}"#).unwrap();
    let error = render_article(article.clone(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "path"), "body[0].src");
    assert_eq!(
        lines(&get(&error, "errors")),
        [
            "body[0].src: URL scheme \"javascript\" is not allowed here (allowed: https, http, or a relative URL)",
            "body[1].type: must be one of \"paragraph\", \"heading\", \"image\", \"youtube\", \"vimeo\", \"embed\", \"quote\", \"list\", \"markdown\", \"divider\", found \"paragraf\"; did you mean \"paragraph\"?",
        ]
    );
    assert_eq!(get(&error, "message"), lines(&get(&error, "errors"))[0].as_str());
    assert_eq!(get(&validate_article(article, JsValue::UNDEFINED).unwrap(), "ok"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn values_json_cannot_hold_are_reported_not_panicked_on() {
    let article = js_sys::Object::new();
    Reflect::set(&article, &"headline".into(), &js_sys::Function::new_no_args("")).unwrap();
    let error = render_article(article.into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "path"), "headline");
    assert_eq!(get(&error, "message"), "headline: is a function, which JSON cannot hold");
}

#[wasm_bindgen_test]
fn options_are_validated_with_paths_too() {
    let article = JsValue::from_str(r#"{"headline": "Hi", "body": []}"#);
    let error = render_article(article, JSON::parse(r#"{"poster": "vimeo"}"#).unwrap()).unwrap_err();
    assert_eq!(get(&error, "path"), "options.poster");
}

#[wasm_bindgen_test]
fn a_valid_article_validates() {
    let result = validate_article(r#"{"headline": "Hi", "body": []}"#.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&result, "ok"), JsValue::TRUE);
    assert_eq!(Array::from(&get(&result, "errors")).length(), 0);
    assert_eq!(Array::from(&get(&result, "warnings")).length(), 0);
}

#[wasm_bindgen_test]
fn warnings_come_with_a_valid_article_and_options_switch_them_off() {
    let json = r#"{"headline": "Hi", "body": [{"type": "image", "src": "/IMG_0042.jpg", "alt": "IMG_0042.jpg", "width": 4, "height": 3}]}"#;
    let result = validate_article(json.into(), JsValue::UNDEFINED).unwrap();
    let warnings = Array::from(&get(&result, "warnings"));
    assert_eq!(warnings.length(), 1);
    assert_eq!(get(&warnings.get(0), "rule"), "image-alt");
    assert_eq!(get(&warnings.get(0), "path"), "body[0].alt");
    let off = JSON::parse(r#"{"warnings": {"off": ["image-alt"]}}"#).unwrap();
    assert_eq!(Array::from(&get(&validate_article(json.into(), off).unwrap(), "warnings")).length(), 0);
    let unknown = JSON::parse(r#"{"warnings": {"off": ["imag-alt"]}}"#).unwrap();
    assert_eq!(get(&validate_article(json.into(), unknown).unwrap_err(), "path"), "options.warnings.off[0]");
}
