//! Which other sites a rendered article makes the reader's browser contact, and when: before any
//! interaction (images, YouTube's posters) and when the reader plays a video (the player). Read
//! from the HTML the writer writes, so the report is exactly what a page gets.

use std::fmt;

use crate::error::Path;
use crate::json::{JsonStyle, Value};
use crate::render::{self, Place};
use crate::article::Article;
use crate::options::Options;

/// Every request to another site an article's HTML makes, each with the part that causes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrivacyReport {
    /// Made as the page loads (lazy images as the reader scrolls to them): no consent asked.
    pub before_interaction: Vec<Contact>,
    /// Made when the reader plays a video: the player's site.
    pub on_activation: Vec<Contact>,
}

/// One request to another site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// `https://i.ytimg.com`.
    pub origin: String,
    /// What is requested (a fragment, which never leaves the browser, left out).
    pub url: String,
    /// The part of the article that causes it (`hero`, `body[3]`, `related.items[0]`).
    pub path: Path,
}

/// The report for `article` rendered with `options`. Relative URLs are the page's own site and
/// are not listed; every absolute `http(s)` URL is, whoever runs its host.
pub fn report(article: &Article, options: &Options) -> PrivacyReport {
    let (html, places) = render::article_with_places(article, options);
    let mut report = PrivacyReport::default();
    let mut rest = 0;
    while let Some(start) = html[rest..].find('<').map(|i| rest + i) {
        let end = html[start..].find('>').map_or(html.len(), |i| start + i);
        let tag = &html[start + 1..end];
        rest = end;
        let path = || place_of(&places, start);
        let add = |list: &mut Vec<Contact>, url: String| {
            if let Some(origin) = origin(&url) {
                let url = url.split('#').next().unwrap_or_default().to_owned();
                list.push(Contact { origin, url, path: path() });
            }
        };
        if tag.starts_with("img ") {
            if let Some(src) = attribute(tag, "src") {
                add(&mut report.before_interaction, src);
            }
            // Each candidate the browser may choose; it fetches one.
            for candidate in attribute(tag, "srcset").unwrap_or_default().split(',') {
                if let Some(url) = candidate.split_ascii_whitespace().next() {
                    add(&mut report.before_interaction, url.to_owned());
                }
            }
        } else if let Some(player) = attribute(tag, "data-bs-player") {
            add(&mut report.on_activation, player);
        }
    }
    report
}

/// The path of the part whose HTML holds byte `at`.
fn place_of(places: &[Place], at: usize) -> Path {
    let before = places.partition_point(|place| place.at <= at);
    before.checked_sub(1).map(|i| places[i].path.clone()).unwrap_or_default()
}

/// The value of ` name="…"` in a tag the writer wrote (double quotes, escaped by `escape::attr`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(crate::text::decode_character_references(&tag[start..end]).into_owned())
}

/// The site a browser contacts for `url`; `None` for a relative URL (the page's own site).
fn origin(url: &str) -> Option<String> {
    crate::url::Url::parse(url).origin()
}

impl PrivacyReport {
    /// The distinct origins contacted before any interaction, in order of first use.
    pub fn origins_before_interaction(&self) -> Vec<&str> {
        distinct(&self.before_interaction)
    }

    /// The distinct origins contacted when a video is played, in order of first use.
    pub fn origins_on_activation(&self) -> Vec<&str> {
        distinct(&self.on_activation)
    }

    /// The report as JSON: `{ "beforeInteraction": [{ origin, url, path }], "onActivation": […] }`.
    pub fn to_json(&self, style: JsonStyle) -> String {
        let list = |contacts: &[Contact]| {
            Value::Array(
                contacts
                    .iter()
                    .map(|c| {
                        Value::Object(vec![
                            ("origin".into(), Value::String(c.origin.clone().into())),
                            ("url".into(), Value::String(c.url.clone().into())),
                            ("path".into(), Value::String(c.path.to_string().into())),
                        ])
                    })
                    .collect(),
            )
        };
        let report = Value::Object(vec![
            ("beforeInteraction".into(), list(&self.before_interaction)),
            ("onActivation".into(), list(&self.on_activation)),
        ]);
        report.to_json(style)
    }
}

fn distinct(contacts: &[Contact]) -> Vec<&str> {
    let mut origins: Vec<&str> = Vec::new();
    for contact in contacts {
        if !origins.contains(&contact.origin.as_str()) {
            origins.push(&contact.origin);
        }
    }
    origins
}

/// One line per request: `before interaction: ORIGIN: PATH: URL` (or `on activation: …`), or
/// `before interaction: none`.
impl fmt::Display for PrivacyReport {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (when, contacts) in [("before interaction", &self.before_interaction), ("on activation", &self.on_activation)] {
            if contacts.is_empty() {
                writeln!(f, "{when}: none")?;
            }
            for contact in contacts {
                let path = if contact.path.is_root() { "article".to_owned() } else { contact.path.to_string() };
                writeln!(f, "{when}: {}: {path}: {}", contact.origin, contact.url)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(origin("https://I.ytimg.com/vi/x.jpg").as_deref(), Some("https://i.ytimg.com"));
        assert_eq!(origin("http://user@cdn.test:8080/a?b").as_deref(), Some("http://cdn.test:8080"));
        assert_eq!(origin("/media/a.jpg"), None);
        assert_eq!(origin("mailto:a@b.test"), None);
    }

    #[test]
    fn attributes_are_unescaped() {
        assert_eq!(attribute(r#"div data-bs-player="https://p.test/v?a=1&amp;b=2" x="y""#, "data-bs-player").as_deref(), Some("https://p.test/v?a=1&b=2"));
        assert_eq!(attribute(r#"img src="/a.jpg""#, "srcset"), None);
    }
}
