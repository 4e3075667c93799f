//! Structured fuzz input: an article shape chosen by `arbitrary`, with strings built from hostile
//! pieces. It becomes both JSON (checked through validation) and a model built by hand (checked
//! without it, so the writer's own defences are what stand).

use arbitrary::{Arbitrary, Result, Unstructured};
use broadsheet::article::*;
use broadsheet::{Options, PosterPolicy};
use serde_json::{json, Map, Value};

use crate::pieces::{GOOD_URLS, PIECES, WORDS};

/// A string made of hostile pieces, words and arbitrary characters.
#[derive(Debug, Clone)]
pub struct Text(pub String);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut s = String::new();
        for _ in 0..u.int_in_range(0..=10)? {
            match u.int_in_range(0..=7)? {
                0..=2 => s.push_str(u.choose(PIECES)?),
                3 | 4 => s.push_str(u.choose(WORDS)?),
                5 => s.push(' '),
                6 => s.push(char::arbitrary(u)?),
                _ => s.push_str(<&str>::arbitrary(u)?),
            }
        }
        Ok(Text(s))
    }
}

/// Usually a URL the policy allows, sometimes one with hostile text around it.
#[derive(Debug, Clone)]
pub struct Url(pub String);

impl<'a> Arbitrary<'a> for Url {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Url(match u.int_in_range(0..=3)? {
            0 | 1 => u.choose(GOOD_URLS)?.to_string(),
            2 => format!("{}{}", u.choose(GOOD_URLS)?, Text::arbitrary(u)?.0),
            _ => Text::arbitrary(u)?.0,
        }))
    }
}

/// Usually one of `valid`, else hostile text.
fn one_of(u: &mut Unstructured, valid: &[&str]) -> Result<String> {
    Ok(if u.ratio(3, 4)? { u.choose(valid)?.to_string() } else { Text::arbitrary(u)?.0 })
}

const IDS: &[&str] = &["story", "a", "Top_10", "x-y"];
const LANGS: &[&str] = &["en", "pt-BR", "ar", "zh-Hant-TW", "x-private"];
const DATES: &[&str] = &["2024-02-29T08:30:00Z", "2019-10-31t14:05:00.123456+02:00", "2016-12-31T23:59:60-01:00"];
const VIDEOS: &[&str] = &["dQw4w9WgXcQ", "aqz-KE-bpKQ", "___________"];

/// A related item: title, URL, and an image (its URL, and for format 1.1 its alt and width).
pub type RelatedSpec = (Text, Url, Option<(Url, Option<(Text, u16)>)>);

/// A list item: its text, and a nested list (ordered?, items).
pub type ListItemSpec = (Text, Option<(bool, Vec<Text>)>);

#[derive(Debug, Arbitrary)]
pub struct Spec {
    pub options: OptionsSpec,
    pub id: Option<Id>,
    pub lang: Option<Lang>,
    pub dir: Option<u8>,
    pub url: Option<Url>,
    pub section: Option<(Text, Option<Url>)>,
    pub headline: Text,
    pub dek: Option<Text>,
    pub authors: Vec<(Text, Option<Url>)>,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub tags: Vec<Text>,
    pub hero: Option<BlockSpec>,
    pub body: Vec<BlockSpec>,
    /// Items' images: a bare URL (v1), or with alt text and a width (format 1.1).
    pub related: Option<(Text, Vec<RelatedSpec>)>,
    pub extra_key: Option<(Text, Text)>,
}

#[derive(Debug)]
pub struct Id(pub String);
impl<'a> Arbitrary<'a> for Id {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        one_of(u, IDS).map(Id)
    }
}

#[derive(Debug)]
pub struct Lang(pub String);
impl<'a> Arbitrary<'a> for Lang {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        one_of(u, LANGS).map(Lang)
    }
}

#[derive(Debug)]
pub struct Date(pub String, pub u16, pub u8, pub u8);
impl<'a> Arbitrary<'a> for Date {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Date(one_of(u, DATES)?, u16::arbitrary(u)?, u8::arbitrary(u)?, u8::arbitrary(u)?))
    }
}

impl Date {
    /// The model's date, its parts as arbitrary as the text.
    pub fn to_model(&self) -> DateTime {
        let instant = broadsheet::date::parse_date_time(&self.0).map_or((0, 0), |date| date.instant);
        DateTime { machine: self.0.clone(), year: self.1, month: self.2, day: self.3, instant }
    }
}

#[derive(Debug)]
pub struct Video(pub String);
impl<'a> Arbitrary<'a> for Video {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        one_of(u, VIDEOS).map(Video)
    }
}

#[derive(Debug, Arbitrary)]
pub struct OptionsSpec {
    pub heading_shift: u8,
    pub id_prefix: Option<Id>,
    pub self_hosted_posters: bool,
    pub hostile_labels: Option<Text>,
    pub default_sizes: Option<Text>,
}

#[derive(Debug, Arbitrary)]
pub enum BlockSpec {
    Paragraph(Text),
    Heading { level: u8, text: Text, id: Option<Id> },
    Image {
        src: Url,
        alt: Text,
        width: Option<u32>,
        height: Option<u32>,
        caption: Option<Text>,
        credit: Option<Text>,
        srcset: Vec<(Url, u32)>,
        sizes: Option<Text>,
    },
    YouTube {
        id: Video,
        by_url: Option<u8>,
        start: Option<u32>,
        title: Text,
        caption: Option<Text>,
        credit: Option<Text>,
        poster: Option<Url>,
        uploaded: Option<Date>,
        duration: Option<u32>,
    },
    /// Format 1.1. The id is digits from the spec or hostile text (for the model built by hand).
    Vimeo { id: Option<u32>, hostile_id: Option<Text>, start: Option<u32>, title: Text, caption: Option<Text>, credit: Option<Text>, poster: Option<Url> },
    /// Format 1.1.
    Embed { url: Url, title: Text, provider: Option<Text>, caption: Option<Text>, credit: Option<Text>, image: Option<(Url, Text)> },
    Quote { text: Text, cite: Option<Text>, source: Option<Url>, pull: bool },
    /// Format 1.1 items may hold a list; one level of nesting is enough to reach the writer's
    /// nested path (validation bounds the depth).
    List { ordered: bool, items: Vec<ListItemSpec> },
    Markdown(Text),
    Divider,
}

/// A Vimeo id: digits, or (rarely) hostile text that validation must refuse and the writer must
/// not put in a player URL.
fn vimeo_id(id: &Option<u32>, hostile: &Option<Text>) -> String {
    match (id, hostile) {
        (_, Some(text)) => text.0.clone(),
        (Some(n), None) => n.to_string(),
        (None, None) => "76979871".to_owned(),
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

impl BlockSpec {
    pub fn to_json(&self) -> Value {
        match self {
            BlockSpec::Paragraph(text) => json!({ "type": "paragraph", "text": text.0 }),
            BlockSpec::Heading { level, text, id } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("heading")));
                put(&mut m, "level", Some(json!(level)));
                put(&mut m, "text", Some(s(&text.0)));
                put(&mut m, "id", id.as_ref().map(|i| s(&i.0)));
                Value::Object(m)
            }
            BlockSpec::Image { src, alt, width, height, caption, credit, srcset, sizes } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("image")));
                put(&mut m, "src", Some(s(&src.0)));
                put(&mut m, "alt", Some(s(&alt.0)));
                put(&mut m, "width", width.map(|w| json!(w)));
                put(&mut m, "height", height.map(|h| json!(h)));
                put(&mut m, "caption", caption.as_ref().map(|t| s(&t.0)));
                put(&mut m, "credit", credit.as_ref().map(|t| s(&t.0)));
                if !srcset.is_empty() {
                    let list = srcset.iter().map(|(u, w)| json!({ "src": u.0, "width": w })).collect();
                    put(&mut m, "srcset", Some(Value::Array(list)));
                }
                put(&mut m, "sizes", sizes.as_ref().map(|t| s(&t.0)));
                Value::Object(m)
            }
            BlockSpec::YouTube { id, by_url, start, title, caption, credit, poster, uploaded, duration } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("youtube")));
                match by_url {
                    None => put(&mut m, "id", Some(s(&id.0))),
                    Some(form) => {
                        let url = match form % 4 {
                            0 => format!("https://www.youtube.com/watch?v={}", id.0),
                            1 => format!("https://youtu.be/{}?t=1m{}s", id.0, form),
                            2 => format!("https://youtube.com/shorts/{}", id.0),
                            _ => format!("https://www.youtube-nocookie.com/embed/{}?start={form}", id.0),
                        };
                        put(&mut m, "url", Some(s(&url)));
                    }
                }
                put(&mut m, "start", start.map(|t| json!(t)));
                put(&mut m, "title", Some(s(&title.0)));
                put(&mut m, "caption", caption.as_ref().map(|t| s(&t.0)));
                put(&mut m, "credit", credit.as_ref().map(|t| s(&t.0)));
                put(&mut m, "poster", poster.as_ref().map(|t| s(&t.0)));
                put(&mut m, "uploaded", uploaded.as_ref().map(|d| s(&d.0)));
                put(&mut m, "duration", duration.map(|d| json!(d)));
                Value::Object(m)
            }
            BlockSpec::Vimeo { id, hostile_id, start, title, caption, credit, poster } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("vimeo")));
                put(&mut m, "id", Some(s(&vimeo_id(id, hostile_id))));
                put(&mut m, "start", start.map(|t| json!(t)));
                put(&mut m, "title", Some(s(&title.0)));
                put(&mut m, "caption", caption.as_ref().map(|t| s(&t.0)));
                put(&mut m, "credit", credit.as_ref().map(|t| s(&t.0)));
                put(&mut m, "poster", poster.as_ref().map(|t| s(&t.0)));
                Value::Object(m)
            }
            BlockSpec::Embed { url, title, provider, caption, credit, image } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("embed")));
                put(&mut m, "url", Some(s(&url.0)));
                put(&mut m, "title", Some(s(&title.0)));
                put(&mut m, "provider", provider.as_ref().map(|t| s(&t.0)));
                put(&mut m, "caption", caption.as_ref().map(|t| s(&t.0)));
                put(&mut m, "credit", credit.as_ref().map(|t| s(&t.0)));
                put(&mut m, "image", image.as_ref().map(|(src, alt)| json!({ "src": src.0, "alt": alt.0 })));
                Value::Object(m)
            }
            BlockSpec::Quote { text, cite, source, pull } => {
                let mut m = Map::new();
                put(&mut m, "type", Some(s("quote")));
                put(&mut m, "text", Some(s(&text.0)));
                put(&mut m, "cite", cite.as_ref().map(|t| s(&t.0)));
                put(&mut m, "source", source.as_ref().map(|t| s(&t.0)));
                put(&mut m, "style", pull.then(|| s("pull")));
                Value::Object(m)
            }
            BlockSpec::List { ordered, items } => {
                let items = items.iter().map(|(text, nested)| match nested {
                    None => s(&text.0),
                    Some((ordered, items)) => json!({
                        "text": text.0, "ordered": ordered, "items": items.iter().map(|t| s(&t.0)).collect::<Vec<_>>()
                    }),
                });
                json!({ "type": "list", "ordered": ordered, "items": items.collect::<Vec<_>>() })
            }
            BlockSpec::Markdown(text) => json!({ "type": "markdown", "text": text.0 }),
            BlockSpec::Divider => json!({ "type": "divider" }),
        }
    }

    /// The same block as a model, unvalidated.
    pub fn to_model(&self) -> Block {
        let inline = |t: &Text| Inline(t.0.clone());
        match self {
            BlockSpec::Paragraph(text) => Block::Paragraph(inline(text)),
            BlockSpec::Heading { level, text, id } => {
                Block::Heading(Heading { level: *level, text: inline(text), id: id.as_ref().map(|i| i.0.clone()) })
            }
            BlockSpec::Image { src, alt, width, height, caption, credit, srcset, sizes } => Block::Image(Image {
                src: src.0.clone(),
                alt: alt.0.clone(),
                width: *width,
                height: *height,
                caption: caption.as_ref().map(inline),
                credit: credit.as_ref().map(|t| t.0.clone()),
                srcset: srcset.iter().map(|(u, w)| ImageSource { src: u.0.clone(), width: *w }).collect(),
                sizes: sizes.as_ref().map(|t| t.0.clone()),
            }),
            BlockSpec::YouTube { id, by_url, start, title, caption, credit, poster, uploaded, duration } => Block::YouTube(YouTube {
                id: id.0.clone(),
                start: *start,
                vertical: by_url.is_some_and(|f| f % 4 == 2),
                title: title.0.clone(),
                caption: caption.as_ref().map(inline),
                credit: credit.as_ref().map(|t| t.0.clone()),
                poster: poster.as_ref().map(|t| t.0.clone()),
                uploaded: uploaded.as_ref().map(Date::to_model),
                duration: *duration,
            }),
            BlockSpec::Vimeo { id, hostile_id, start, title, caption, credit, poster } => Block::Vimeo(Vimeo {
                id: vimeo_id(id, hostile_id),
                start: *start,
                title: title.0.clone(),
                caption: caption.as_ref().map(inline),
                credit: credit.as_ref().map(|t| t.0.clone()),
                poster: poster.as_ref().map(|t| t.0.clone()),
            }),
            BlockSpec::Embed { url, title, provider, caption, credit, image } => Block::Embed(Embed {
                url: url.0.clone(),
                title: title.0.clone(),
                provider: provider.as_ref().map(|t| t.0.clone()),
                caption: caption.as_ref().map(inline),
                credit: credit.as_ref().map(|t| t.0.clone()),
                image: image.as_ref().map(|(src, alt)| Thumbnail {
                    src: src.0.clone(),
                    alt: alt.0.clone(),
                    width: None,
                    height: None,
                    srcset: Vec::new(),
                    sizes: None,
                }),
            }),
            BlockSpec::Quote { text, cite, source, pull } => Block::Quote(Quote {
                text: inline(text),
                cite: cite.as_ref().map(|t| t.0.clone()),
                source: source.as_ref().map(|t| t.0.clone()),
                style: if *pull { QuoteStyle::Pull } else { QuoteStyle::Block },
            }),
            BlockSpec::List { ordered, items } => Block::List(List {
                ordered: *ordered,
                items: items
                    .iter()
                    .map(|(text, nested)| ListItem {
                        text: inline(text),
                        list: nested.as_ref().map(|(ordered, items)| List {
                            ordered: *ordered,
                            items: items.iter().map(|t| ListItem { text: inline(t), list: None }).collect(),
                        }),
                    })
                    .collect(),
            }),
            BlockSpec::Markdown(text) => Block::Markdown(text.0.clone()),
            BlockSpec::Divider => Block::Divider,
        }
    }
}

impl Spec {
    pub fn options(&self) -> Options {
        let o = &self.options;
        let mut options = Options {
            heading_shift: o.heading_shift % 8,
            id_prefix: o.id_prefix.as_ref().map(|i| i.0.clone()),
            poster: if o.self_hosted_posters { PosterPolicy::SelfHostedOnly } else { PosterPolicy::YouTube },
            ..Options::default()
        };
        if let Some(sizes) = &o.default_sizes {
            options.default_sizes = sizes.0.clone();
        }
        if let Some(label) = &o.hostile_labels {
            let l = &label.0;
            // Field by field, so that labels added later keep their defaults here.
            let labels = &mut options.labels;
            for label in [&mut labels.by, &mut labels.and, &mut labels.updated, &mut labels.credit, &mut labels.source, &mut labels.tags, &mut labels.permalink, &mut labels.table] {
                *label = l.clone();
            }
            labels.play_video = format!("{l}{{title}}{l}");
            labels.date = format!("{l}{{day}}{{month}}{{year}}");
            labels.months = std::array::from_fn(|_| l.clone());
        }
        options
    }

    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "schema", Some(json!(1.1)));
        put(&mut m, "id", self.id.as_ref().map(|i| s(&i.0)));
        put(&mut m, "lang", self.lang.as_ref().map(|l| s(&l.0)));
        put(&mut m, "dir", self.dir.map(|d| s(["ltr", "rtl", "auto", "sideways"][usize::from(d % 4)])));
        put(&mut m, "url", self.url.as_ref().map(|u| s(&u.0)));
        put(&mut m, "section", self.section.as_ref().map(|(name, url)| {
            let mut m = Map::new();
            put(&mut m, "name", Some(s(&name.0)));
            put(&mut m, "url", url.as_ref().map(|u| s(&u.0)));
            Value::Object(m)
        }));
        put(&mut m, "headline", Some(s(&self.headline.0)));
        put(&mut m, "dek", self.dek.as_ref().map(|t| s(&t.0)));
        if !self.authors.is_empty() {
            let authors = self.authors.iter().map(|(name, url)| {
                let mut m = Map::new();
                put(&mut m, "name", Some(s(&name.0)));
                put(&mut m, "url", url.as_ref().map(|u| s(&u.0)));
                Value::Object(m)
            });
            put(&mut m, "authors", Some(Value::Array(authors.collect())));
        }
        put(&mut m, "published", self.published.as_ref().map(|d| s(&d.0)));
        put(&mut m, "modified", self.modified.as_ref().map(|d| s(&d.0)));
        if !self.tags.is_empty() {
            put(&mut m, "tags", Some(Value::Array(self.tags.iter().map(|t| s(&t.0)).collect())));
        }
        put(&mut m, "hero", self.hero.as_ref().map(BlockSpec::to_json));
        put(&mut m, "body", Some(Value::Array(self.body.iter().map(BlockSpec::to_json).collect())));
        put(&mut m, "related", self.related.as_ref().map(|(title, items)| {
            let items = items.iter().map(|(headline, url, image)| {
                let mut m = Map::new();
                put(&mut m, "headline", Some(s(&headline.0)));
                put(&mut m, "url", Some(s(&url.0)));
                put(&mut m, "image", image.as_ref().map(|(src, described)| match described {
                    None => s(&src.0),
                    Some((alt, width)) => json!({ "src": src.0, "alt": alt.0, "width": width }),
                }));
                Value::Object(m)
            });
            json!({ "title": title.0, "items": items.collect::<Vec<_>>() })
        }));
        if let Some((key, value)) = &self.extra_key {
            m.insert(format!("x-{}", key.0), s(&value.0));
        }
        Value::Object(m)
    }

    /// The same article as a model, unvalidated: whatever the writer is handed, its output must
    /// be safe.
    pub fn to_model(&self) -> Article {
        let date = Date::to_model;
        Article {
            id: self.id.as_ref().map(|i| i.0.clone()),
            lang: self.lang.as_ref().map(|l| l.0.clone()),
            dir: self.dir.map(|d| [Dir::Ltr, Dir::Rtl, Dir::Auto][usize::from(d % 3)]),
            url: self.url.as_ref().map(|u| u.0.clone()),
            section: self.section.as_ref().map(|(name, url)| Section { name: name.0.clone(), url: url.as_ref().map(|u| u.0.clone()) }),
            headline: self.headline.0.clone(),
            dek: self.dek.as_ref().map(|t| Inline(t.0.clone())),
            authors: self.authors.iter().map(|(n, u)| Author { name: n.0.clone(), url: u.as_ref().map(|u| u.0.clone()) }).collect(),
            published: self.published.as_ref().map(date),
            modified: self.modified.as_ref().map(date),
            tags: self.tags.iter().map(|t| t.0.clone()).collect(),
            hero: self.hero.as_ref().and_then(|b| match b.to_model() {
                Block::Image(i) => Some(Media::Image(i)),
                Block::YouTube(v) => Some(Media::YouTube(v)),
                _ => None,
            }),
            body: self.body.iter().map(BlockSpec::to_model).collect(),
            related: self.related.as_ref().map(|(title, items)| Related {
                title: title.0.clone(),
                items: items
                    .iter()
                    .map(|(h, u, i)| RelatedItem {
                        headline: h.0.clone(),
                        url: u.0.clone(),
                        image: i.as_ref().map(|(src, described)| Thumbnail {
                            src: src.0.clone(),
                            alt: described.as_ref().map(|(alt, _)| alt.0.clone()).unwrap_or_default(),
                            width: described.as_ref().map(|(_, w)| u32::from(*w)),
                            height: None,
                            srcset: Vec::new(),
                            sizes: None,
                        }),
                    })
                    .collect(),
            }),
        }
    }
}
