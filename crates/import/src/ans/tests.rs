//! The ANS rules a fixture would hide: which field wins, where a nested list goes, what a path
//! is joined to.

use super::*;
use broadsheet::json::JsonStyle;

/// The article (as one-line JSON) and the notes an ANS story makes.
fn import_with(story: &str, limits: &Limits) -> (String, Vec<String>) {
    let value = broadsheet::json::parse(story).unwrap();
    let mut notes = Notes::default();
    let article = article(&value, &mut notes, limits).unwrap();
    (article.into_value().to_json(JsonStyle::Script), notes.list.iter().map(ToString::to_string).collect())
}

fn import(story: &str) -> (String, Vec<String>) {
    import_with(story, &Limits::default())
}

/// The body (as one-line JSON) and the notes of a story holding `elements`.
fn body(elements: &str) -> (String, Vec<String>) {
    let (json, notes) = import(&format!(r#"{{"type": "story", "content_elements": [{elements}]}}"#));
    let body = json.split_once(r#""body":"#).unwrap().1;
    (body.strip_suffix('}').unwrap().to_owned(), notes)
}

fn error(source: &str) -> String {
    article(&broadsheet::json::parse(source).unwrap(), &mut Notes::default(), &Limits::default()).unwrap_err().to_string()
}

#[test]
fn only_a_story_is_read() {
    assert_eq!(error(r#"{"headlines": {"basic": "x"}}"#), "not an ANS story: it has no `type`; expected \"story\"");
    assert_eq!(error(r#"{"type": 3}"#), "not an ANS story: `type` is a number; expected \"story\"");
    assert_eq!(error(r#"{"type": "gallery"}"#), "not an ANS story: `type` is \"gallery\"; expected \"story\"");
    assert_eq!(error(r#""story""#), "not an ANS story: expected a JSON object, found a string");
    let long = format!(r#"{{"type": "{}"}}"#, "x".repeat(100));
    assert_eq!(error(&long), format!("not an ANS story: `type` is \"{}\"…; expected \"story\"", "x".repeat(40)));
}

#[test]
fn first_publication_is_published_and_last_update_modified() {
    let (json, notes) = import(
        r#"{"type": "story", "display_date": "2024-03-06T09:15:00Z", "first_publish_date": "2024-03-05T22:40:00Z",
            "publish_date": "2024-03-06T09:15:00Z", "last_updated_date": "2024-03-07T08:00:00Z"}"#,
    );
    assert_eq!(json, r#"{"published":"2024-03-05T22:40:00Z","modified":"2024-03-07T08:00:00Z","body":[]}"#);
    assert!(notes.is_empty(), "{notes:?}");
    // A date that cannot be read gives way to the next; a modified date equal to published is no update.
    let (json, notes) = import(r#"{"type": "story", "first_publish_date": "soon", "display_date": "2024-03-06T09:15:00Z", "last_updated_date": "2024-03-06T09:15:00Z"}"#);
    assert_eq!(json, r#"{"published":"2024-03-06T09:15:00Z","body":[]}"#);
    assert_eq!(notes, ["first_publish_date: the date \"soon\" is not an RFC 3339 date-time; it was left out"]);
}

#[test]
fn paths_on_the_site_are_joined_to_its_address_when_the_story_gives_it() {
    let story = r#"{"type": "story", "canonical_website": "gazette", "canonical_url": "/local/a/",
        "websites": {"gazette": {"website_url": "https://www.gazette.test/local/a/"}},
        "taxonomy": {"primary_section": {"_id": "/local", "name": "Local"}},
        "credits": {"by": [{"name": "Ann Lee", "url": "/people/ann-lee/"}]}}"#;
    let (json, notes) = import(story);
    assert_eq!(
        json,
        concat!(
            r#"{"url":"https://www.gazette.test/local/a/","section":{"name":"Local","url":"https://www.gazette.test/local"},"#,
            r#""authors":[{"name":"Ann Lee","url":"https://www.gazette.test/people/ann-lee/"}],"body":[]}"#
        )
    );
    assert!(notes.is_empty(), "{notes:?}");
    // Without the address, the canonical URL cannot be made; other paths stay relative links.
    let (json, notes) = import(&story.replace("https://www.gazette.test", ""));
    assert_eq!(json, r#"{"section":{"name":"Local","url":"/local"},"authors":[{"name":"Ann Lee","url":"/people/ann-lee/"}],"body":[]}"#);
    assert_eq!(notes, ["canonical_url: \"/local/a/\" is a path on the website \"gazette\"; the story does not give the website's address, so the article has no `url` (add the full address)"]);
}

#[test]
fn the_subheadline_is_the_dek_and_a_different_description_is_noted() {
    let story = |sub: &str, description: &str| format!(r#"{{"type": "story", "subheadlines": {{"basic": "{sub}"}}, "description": {{"basic": "{description}"}}}}"#);
    let (json, notes) = import(&story("Rain <i>again</i>.", "Rain again."));
    assert_eq!(json, r#"{"dek":"Rain *again*.","body":[]}"#);
    assert!(notes.is_empty(), "{notes:?}");
    let (json, notes) = import(&story("Rain again.", "Read why it keeps raining"));
    assert_eq!(json, r#"{"dek":"Rain again.","body":[]}"#);
    assert_eq!(notes, ["description.basic: the description (the summary for search and sharing) differs from the dek (subheadlines.basic); the format has no place for it, so it was left out"]);
    let (json, _) = import(r#"{"type": "story", "description": {"basic": "Only a description."}}"#);
    assert_eq!(json, r#"{"dek":"Only a description.","body":[]}"#);
}

#[test]
fn a_nested_list_goes_under_the_item_before_it() {
    let (json, notes) = body(
        r#"{"type": "list", "list_type": "ordered", "items": [
            {"type": "text", "content": "one"},
            {"type": "list", "items": [{"type": "text", "content": "one.a"}]},
            {"type": "list", "list_type": "ordered", "items": [{"type": "text", "content": "one.b"}]},
            {"type": "text", "content": "two"}]}"#,
    );
    assert_eq!(json, r#"[{"type":"list","ordered":true,"items":[{"text":"one","items":["one.a","one.b"]},"two"]}]"#);
    assert!(notes.is_empty(), "{notes:?}");
    let (json, notes) = body(r#"{"type": "list", "items": [{"type": "list", "items": [{"type": "text", "content": "orphan"}]}]}"#);
    assert_eq!(json, r#"[{"type":"list","items":[{"text":"…","items":["orphan"]}]}]"#);
    assert_eq!(notes, ["content_elements[0].items[0]: a list item with no text of its own holds a nested list; the item reads \"…\""]);
}

#[test]
fn lists_deeper_than_the_limit_become_text_of_their_parent_item() {
    let story = r#"{"type": "story", "content_elements": [{"type": "list", "items": [
        {"type": "text", "content": "1"},
        {"type": "list", "items": [{"type": "text", "content": "2"},
            {"type": "list", "items": [{"type": "text", "content": "3 *"}, {"type": "list", "items": [{"type": "text", "content": "4"}]}]}]}]}]}"#;
    let limits = Limits { max_list_depth: 2, ..Limits::default() };
    let (json, notes) = import_with(story, &limits);
    assert_eq!(json, r#"{"body":[{"type":"list","items":[{"text":"1","items":["2 3 \\* 4"]}]}]}"#);
    assert_eq!(notes, ["content_elements[0].items[1].items[1]: a list nested deeper than 2 levels was flattened into its parent item"]);
}

#[test]
fn quotes_take_their_citation_and_style() {
    let (json, notes) = body(
        r#"{"type": "quote", "subtype": "pullquote", "citation": "Ann Lee", "content_elements": [{"type": "text", "content": "One."}, {"type": "text", "content": "Two."}]},
           {"type": "blockquote", "content": "<p>Said.</p><cite>— Bo</cite>", "citation": {"type": "text", "content": "Not Bo"}},
           {"type": "blockquote", "content": "Unsigned.", "citation": {"type": "text", "content": "Cy"}}"#,
    );
    assert_eq!(
        json,
        concat!(
            r#"[{"type":"quote","text":"One.\\\nTwo.","cite":"Ann Lee","style":"pull"},"#,
            r#"{"type":"quote","text":"Said.","cite":"Bo"},{"type":"quote","text":"Unsigned.","cite":"Cy"}]"#
        )
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn lead_art_wins_over_the_basic_promo_and_opens_the_body_when_it_cannot_be_the_hero() {
    let image = r#"{"type": "image", "url": "https://img.test/a.jpg", "alt_text": "A"}"#;
    let vimeo = r#"{"type": "oembed_response", "raw_oembed": {"type": "video", "title": "Film", "url": "https://vimeo.com/76979871"}}"#;
    let (json, notes) = import(&format!(r#"{{"type": "story", "promo_items": {{"basic": {image}, "lead_art": {vimeo}}}}}"#));
    assert_eq!(json, r#"{"body":[{"type":"vimeo","url":"https://vimeo.com/76979871","title":"Film"}]}"#);
    assert_eq!(notes, ["promo_items.lead_art: the lead art cannot be the hero (an image or a YouTube video); it opens the body instead (`vimeo`)"]);
    let (json, notes) = import(&format!(r#"{{"type": "story", "promo_items": {{"basic": {image}}}}}"#));
    assert_eq!(json, r#"{"hero":{"type":"image","src":"https://img.test/a.jpg","alt":"A"},"body":[]}"#);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn a_video_is_a_facade_when_any_of_its_addresses_is_youtube_or_vimeo() {
    let (json, notes) = body(
        r#"{"type": "video", "headlines": {"basic": "Storm"}, "canonical_url": "/video/storm/",
            "embed_html": "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"></iframe>",
            "promo_image": {"url": "https://img.test/poster.jpg", "alt_text": "A wave"}},
           {"type": "video", "headlines": {"basic": "Arc only"}, "canonical_url": "https://news.test/video/x/",
            "promo_image": {"url": "https://img.test/still.jpg"}}"#,
    );
    assert_eq!(
        json,
        concat!(
            r#"[{"type":"youtube","url":"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ","title":"Storm","poster":"https://img.test/poster.jpg"},"#,
            r#"{"type":"embed","url":"https://news.test/video/x/","title":"Arc only","image":{"src":"https://img.test/still.jpg","alt":""}}]"#
        )
    );
    assert_eq!(notes, ["content_elements[1]: the format cannot play this video (it is not on YouTube or Vimeo); it is a link card to its page"]);
}

#[test]
fn related_items_need_a_headline_and_a_link() {
    let (json, notes) = import(
        r#"{"type": "story", "related_content": {"basic": [
            {"type": "story", "headlines": {"basic": "Kept"}, "canonical_url": "/a/", "promo_items": {"basic": {"type": "video", "promo_image": {"url": "/t.jpg", "width": 40, "height": 30}}}},
            {"type": "reference", "referent": {"id": "X", "type": "story"}},
            {"type": "story", "headlines": {"basic": "Refused"}, "canonical_url": "javascript:void(0)"}]}}"#,
    );
    assert_eq!(
        json,
        r#"{"body":[],"related":{"title":"Related","items":[{"headline":"Kept","url":"/a/","image":{"src":"/t.jpg","alt":"","width":40,"height":30}}]}}"#
    );
    assert_eq!(
        notes,
        [
            "related_content.basic[1]: a related item needs a headline and a URL (a reference the Content API did not fill in?); it was left out",
            "related_content.basic[2].canonical_url: the URL \"javascript:void(0)\" was left out: URL scheme \"javascript\" is not allowed here (allowed: https, http, mailto, or a relative URL)",
            "related_content.basic[2]: the related item \"Refused\" was left out: it has no URL to link to",
            "related_content.basic: ANS gives related content no title; the rail is titled \"Related\" until an editor names it",
        ]
    );
}

#[test]
fn captions_credits_and_corrections() {
    let (json, notes) = body(
        r#"{"type": "image", "url": "/a.jpg", "alt_text": "A", "subtitle": "Same words", "caption": "Same <i>words</i>",
            "credits": {"by": [{"name": "Ann"}, {"name": "Bo"}], "affiliation": [{"name": "Wire"}]}},
           {"type": "correction", "text": "It was Tuesday."}"#,
    );
    assert_eq!(
        json,
        concat!(
            r#"[{"type":"image","src":"/a.jpg","alt":"A","caption":"Same *words*","credit":"Ann, Bo / Wire"},"#,
            r#"{"type":"paragraph","text":"**Correction:** It was Tuesday."}]"#
        )
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn language_tags_follow_validation() {
    assert!(broadsheet::text::is_language_tag("es-419"));
    assert!(!broadsheet::text::is_language_tag("en_US"));
    let (json, notes) = import(r#"{"type": "story", "language": "pt-BR"}"#);
    assert_eq!(json, r#"{"lang":"pt-BR","body":[]}"#);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn blank_fields_are_absent() {
    let (json, notes) = import(r#"{"type": "story", "canonical_url": "", "subheadlines": {"basic": ""}, "description": {"basic": "Dek."}, "credits": {"by": [{"name": "Ann", "url": ""}]}}"#);
    assert_eq!(json, r#"{"dek":"Dek.","authors":[{"name":"Ann"}],"body":[]}"#);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn an_unknown_element_with_many_strings_keeps_each_once() {
    let parts: Vec<String> = (0..20_000).map(|i| format!(r#"{{"text": "w{}"}}"#, i % 10_000)).collect();
    let (json, notes) = body(&format!(r#"{{"type": "mystery", "parts": [{}]}}"#, parts.join(",")));
    assert_eq!(json.matches(r#""type":"paragraph""#).count(), 10_000);
    assert_eq!(notes, ["content_elements[0]: a `mystery` element is not something the format has; its text was kept as paragraphs"]);
}

#[test]
fn fields_of_the_wrong_kind_are_noted() {
    let (json, notes) = import(r#"{"type": "story", "headlines": "Flat title", "credits": [], "taxonomy": {"tags": {"text": "x"}}, "content_elements": {}}"#);
    assert_eq!(json, r#"{"body":[]}"#);
    assert_eq!(
        notes,
        [
            "headlines: expected an object, found a string; it was left out",
            "credits: expected an object, found an array; it was left out",
            "taxonomy.tags: expected an array, found an object; it was left out",
            "content_elements: expected an array, found an object; it was left out",
        ]
    );
}
