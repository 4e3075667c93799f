//! Search metadata: what a page tells search engines (schema.org JSON-LD) and link previews (the
//! facts its Open Graph tags carry) about its article and the site it is on. Only what the article
//! and the options say, every URL absolute.

use std::borrow::Cow;
use std::fmt::Write;

use crate::article::*;
use crate::escape::{check_url, UrlUse};
use crate::json::{ObjectBuilder, Value};
use crate::markdown;
use crate::options::{Options, Site};
use crate::{vimeo, youtube};

/// The longest description taken from the body, in characters: what search results show
/// before they cut a snippet, and what link previews show in full.
pub(crate) const DESCRIPTION_MAX_CHARS: usize = 160;

/// What a page says about its article, read once for the JSON-LD and the `<meta>` tags alike.
pub(crate) struct Metadata<'a> {
    pub article: &'a Article,
    options: &'a Options,
    /// The canonical URL when the URL policy allows it: the base relative URLs are resolved against.
    pub url: Option<&'a str>,
    /// The dek as plain text, else the first paragraph's cut to [`DESCRIPTION_MAX_CHARS`]; `None`
    /// when neither holds text.
    pub description: Option<String>,
    /// The hero image or the poster a hero video shows; else the first body image, else the
    /// poster of the first body video that shows one.
    pub image: Option<LeadImage<'a>>,
    /// The site the options name.
    pub site: Option<&'a Site>,
    /// The Open Graph locale: the article's language with the territory its `lang` names, else
    /// the site's locale when its language is the article's.
    pub locale: Option<String>,
}

/// The image that stands for the article in search results and link previews.
pub(crate) struct LeadImage<'a> {
    /// Absolute.
    pub url: String,
    /// The image's alt text; `None` for a decorative image, and for a video's poster, whose
    /// content the article does not describe.
    pub alt: Option<&'a str>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Plain text.
    pub caption: Option<String>,
    pub credit: Option<&'a str>,
    /// The same image at the other widths its `srcset` gives: absolute URL and width.
    pub other_sizes: Vec<(String, u32)>,
}

impl<'a> Metadata<'a> {
    pub fn of(article: &'a Article, options: &'a Options) -> Self {
        let url = article.url.as_deref().filter(|url| check_url(url, UrlUse::Canonical).is_ok());
        let description = match &article.dek {
            Some(dek) => plain_text(dek),
            None => article.body.iter().find_map(|block| match block {
                Block::Paragraph(text) => plain_text(text).map(|text| shortened(&text, DESCRIPTION_MAX_CHARS)),
                _ => None,
            }),
        };
        let site = options.site.as_ref();
        let locale = og_locale(article.lang.as_deref().unwrap_or("en"), site);
        let mut metadata = Metadata { article, options, url, description, image: None, site, locale };
        metadata.image = metadata.lead_image();
        metadata
    }

    fn lead_image(&self) -> Option<LeadImage<'a>> {
        let hero = match &self.article.hero {
            Some(Media::Image(image)) => self.picture(image),
            Some(Media::YouTube(video)) => self.youtube_poster(video),
            None => None,
        };
        let body = &self.article.body;
        hero.or_else(|| {
            body.iter().find_map(|block| match block {
                Block::Image(image) => self.picture(image),
                _ => None,
            })
        })
        .or_else(|| {
            body.iter().find_map(|block| match block {
                Block::YouTube(video) => self.youtube_poster(video),
                Block::Vimeo(video) => self.vimeo_poster(video),
                _ => None,
            })
        })
    }

    fn picture(&self, image: &'a Image) -> Option<LeadImage<'a>> {
        let url = self.absolute(&image.src, UrlUse::Resource)?;
        let other_sizes = image
            .srcset
            .iter()
            .filter_map(|candidate| Some((self.absolute(&candidate.src, UrlUse::Resource)?, candidate.width)))
            .filter(|(candidate, _)| *candidate != url)
            .collect();
        Some(LeadImage {
            url,
            alt: Some(image.alt.as_str()).filter(|alt| !alt.is_empty()),
            width: image.width,
            height: image.height,
            caption: image.caption.as_ref().and_then(plain_text),
            credit: image.credit.as_deref(),
            other_sizes,
        })
    }

    /// The poster a YouTube facade shows under the poster policy.
    fn youtube_poster(&self, video: &YouTube) -> Option<LeadImage<'a>> {
        let poster = youtube::poster(video, self.options.poster)?;
        let from_youtube = poster.from_youtube;
        Some(LeadImage {
            url: self.absolute(&poster.src, UrlUse::Resource)?,
            alt: None,
            width: from_youtube.then_some(youtube::POSTER_WIDTH),
            height: from_youtube.then_some(youtube::POSTER_HEIGHT),
            caption: None,
            credit: None,
            other_sizes: Vec::new(),
        })
    }

    /// A Vimeo facade's poster: the block's own, of no known size.
    fn vimeo_poster(&self, video: &Vimeo) -> Option<LeadImage<'a>> {
        Some(LeadImage {
            url: self.absolute(video.poster.as_deref()?, UrlUse::Resource)?,
            alt: None,
            width: None,
            height: None,
            caption: None,
            credit: None,
            other_sizes: Vec::new(),
        })
    }

    /// `url` as an absolute `https` or `http` URL, resolved against the article's URL when it is
    /// relative. `None` when the policy refuses it for `usage`, when it is relative and the article
    /// has no URL (search engines need absolute ones), or when it is not a web address (`mailto:`).
    fn absolute(&self, url: &str, usage: UrlUse) -> Option<String> {
        check_url(url, usage).ok()?;
        let absolute = match self.url {
            Some(base) => crate::url::resolve(url, base),
            None => url.to_owned(),
        };
        check_url(&absolute, UrlUse::Canonical).is_ok().then_some(absolute)
    }

    /// The article as one schema.org `NewsArticle` with its videos nested under `video`.
    ///
    /// One object rather than an `@graph` of siblings: schema.org defines `video` on a creative
    /// work as "an embedded video object", which is exactly what each facade is, and Google reads
    /// `NewsArticle` and `VideoObject` items wherever they sit in the JSON-LD. A graph would need
    /// `@id`s to say the same, and an article without a URL has nothing to build them from.
    pub fn json_ld(&self) -> Value<'static> {
        let article = self.article;
        let authors: Vec<Value<'static>> = article
            .authors
            .iter()
            .map(|author| {
                typed("Person")
                    .with("name", text(&author.name))
                    .with("url", author.url.as_deref().and_then(|url| self.absolute(url, UrlUse::Link)).map(owned))
                    .into_value()
            })
            .collect();
        // One ImageObject, or one per size when the image gives several (search engines pick the
        // resolution they need).
        let image = self.image.as_ref().map(|image| {
            let main = typed("ImageObject")
                .with("url", text(&image.url))
                .with("width", image.width.map(number))
                .with("height", image.height.map(number))
                .with("caption", image.caption.as_deref().map(text))
                .with("creditText", image.credit.map(text))
                .into_value();
            if image.other_sizes.is_empty() {
                return main;
            }
            let others = image.other_sizes.iter().map(|(url, width)| {
                typed("ImageObject").with("url", text(url)).with("width", number(*width)).into_value()
            });
            Value::Array(std::iter::once(main).chain(others).collect())
        });
        let publisher = self.site.map(|site| {
            let logo = site.logo.as_ref().map(|logo| {
                typed("ImageObject")
                    .with("url", text(&logo.src))
                    .with("width", logo.width.map(number))
                    .with("height", logo.height.map(number))
                    .into_value()
            });
            typed("Organization")
                .with("name", text(&site.name))
                .with("url", site.url.as_deref().map(text))
                .with("logo", logo)
                .into_value()
        });
        let videos = self.videos();
        ObjectBuilder::new()
            .with("@context", text("https://schema.org"))
            .with("@type", text("NewsArticle"))
            .with("headline", text(&article.headline))
            .with("description", self.description.as_deref().map(text))
            .with("inLanguage", article.lang.as_deref().map(text))
            .with("datePublished", article.published.as_ref().map(|date| text(&date.machine)))
            .with("dateModified", article.modified.as_ref().map(|date| text(&date.machine)))
            .with("author", (!authors.is_empty()).then_some(Value::Array(authors)))
            .with("publisher", publisher)
            .with("image", image)
            .with("mainEntityOfPage", self.url.map(text))
            .with("articleSection", article.section.as_ref().map(|section| text(&section.name)))
            .with("keywords", (!article.tags.is_empty()).then(|| Value::Array(article.tags.iter().map(|tag| text(tag)).collect())))
            .with("video", (!videos.is_empty()).then_some(Value::Array(videos)))
            .into_value()
    }

    /// A `VideoObject` for each video, the hero's first, in the order the page shows them.
    fn videos(&self) -> Vec<Value<'static>> {
        let hero = match &self.article.hero {
            Some(Media::YouTube(video)) => Some(self.youtube(video)),
            _ => None,
        };
        let body = self.article.body.iter().filter_map(|block| match block {
            Block::YouTube(video) => Some(self.youtube(video)),
            Block::Vimeo(video) => Some(self.vimeo(video)),
            _ => None,
        });
        hero.into_iter().chain(body).collect()
    }

    fn youtube(&self, video: &YouTube) -> Value<'static> {
        // A model built by hand may hold any id: only a real one names a player and a page.
        let real = youtube::is_video_id(&video.id);
        let poster = youtube::poster(video, self.options.poster);
        typed("VideoObject")
            .with("name", text(&video.title))
            .with("description", video_description(&video.title, video.caption.as_ref()))
            .with("thumbnailUrl", poster.and_then(|poster| self.absolute(&poster.src, UrlUse::Resource)).map(owned))
            .with("uploadDate", video.uploaded.as_ref().map(|date| text(&date.machine)))
            .with("duration", video.duration.map(|seconds| owned(iso8601_duration(seconds))))
            .with("embedUrl", real.then(|| owned(youtube::embed_url(&video.id))))
            // The video's page goes in `url`, not `contentUrl`: Google's video guidelines keep
            // `contentUrl` for the media file's own bytes, never the page the video lives on.
            .with("url", real.then(|| owned(youtube::watch_url(&video.id, None, video.vertical))))
            .with("creditText", video.credit.as_deref().map(text))
            .into_value()
    }

    fn vimeo(&self, video: &Vimeo) -> Value<'static> {
        let real = vimeo::is_video_id(&video.id);
        // Vimeo's facade shows the block's own poster or none (its thumbnails need an API call).
        let poster = video.poster.as_deref();
        typed("VideoObject")
            .with("name", text(&video.title))
            .with("description", video_description(&video.title, video.caption.as_ref()))
            .with("thumbnailUrl", poster.and_then(|poster| self.absolute(poster, UrlUse::Resource)).map(owned))
            .with("embedUrl", real.then(|| owned(vimeo::embed_url(&video.id))))
            .with("url", real.then(|| owned(vimeo::watch_url(&video.id, None))))
            .with("creditText", video.credit.as_deref().map(text))
            .into_value()
    }
}

/// What a reader reads in an inline field; `None` when that is nothing.
fn plain_text(inline: &Inline) -> Option<String> {
    Some(markdown::plain_text(&inline.0)).filter(|text| !text.is_empty())
}

/// `text` whole when it has at most `max` characters; else cut at the last sentence end (`.`, `!`
/// or `?`, and any closing quote or bracket, before a space) that keeps at least half of them, else
/// at the last space, with "…" after the cut. A single longer word is cut inside.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    let Some((limit, _)) = text.char_indices().nth(max) else { return text.to_owned() };
    // Each space at which the text could end: the text before it has at most `max` characters.
    let spaces_within = |end: usize| text[..end].match_indices(' ').map(|(at, _)| at).chain(text[end..].starts_with(' ').then_some(end));
    let half = text.char_indices().nth(max / 2).map_or(0, |(at, _)| at);
    let mut sentence_end = spaces_within(limit).filter(|&at| at >= half).filter(|&at| {
        text[..at].trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']).ends_with(['.', '!', '?'])
    });
    if let Some(at) = sentence_end.next_back() {
        return text[..at].to_owned();
    }
    // Room for the ellipsis: the text kept has at most `max - 1` characters.
    let room = text.char_indices().nth(max - 1).map_or(text.len(), |(at, _)| at);
    let cut = spaces_within(room).rfind(|&at| at > 0).unwrap_or(room);
    format!("{}…", text[..cut].trim_end_matches([' ', ',', ';', ':']))
}

/// The Open Graph locale (`language_TERRITORY`) of an article in `lang` (BCP 47): with the
/// region `lang` names (`pt-BR` → `pt_BR`), else the site's locale when it is for the same
/// language (`en` with the site's `en_US`), else none: a territory is never guessed.
fn og_locale(lang: &str, site: Option<&Site>) -> Option<String> {
    let mut subtags = lang.split('-');
    let language = subtags.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // After the language: extended language subtags (3 letters) and a script (4), then the region.
    let region = subtags
        .find(|subtag| !(subtag.len() == 3 || subtag.len() == 4) || !subtag.bytes().all(|b| b.is_ascii_alphabetic()))
        .filter(|subtag| subtag.len() == 2 && subtag.bytes().all(|b| b.is_ascii_alphabetic()));
    match region {
        Some(region) => Some(format!("{language}_{}", region.to_ascii_uppercase())),
        None => site
            .and_then(|site| site.locale.as_deref())
            .filter(|locale| locale.split('_').next() == Some(language.as_str()))
            .map(str::to_owned),
    }
}

/// A video's caption as plain text, else its title (search engines require a description).
fn video_description(title: &str, caption: Option<&Inline>) -> Value<'static> {
    owned(caption.and_then(plain_text).unwrap_or_else(|| title.to_owned()))
}

/// A schema.org item of type `kind`, to add what the article says to (what it does not say is
/// left out: [`ObjectBuilder::with`] skips `None`).
fn typed(kind: &'static str) -> ObjectBuilder<'static> {
    ObjectBuilder::new().with("@type", text(kind))
}

fn text(text: &str) -> Value<'static> {
    Value::String(Cow::Owned(text.to_owned()))
}

fn owned(text: String) -> Value<'static> {
    Value::String(Cow::Owned(text))
}

fn number(n: u32) -> Value<'static> {
    Value::Number(f64::from(n))
}

/// A length in seconds as an ISO 8601 duration: `PT1M30S`, `PT1H`, `PT0S`. Hours are not carried
/// into days, whose length a duration cannot know.
pub(crate) fn iso8601_duration(seconds: u32) -> String {
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    // Writing to a String cannot fail.
    if hours > 0 {
        let _ = write!(out, "{hours}H");
    }
    if minutes > 0 {
        let _ = write!(out, "{minutes}M");
    }
    if rest > 0 || seconds == 0 {
        let _ = write!(out, "{rest}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_iso_8601() {
        let cases = [(0, "PT0S"), (1, "PT1S"), (59, "PT59S"), (60, "PT1M"), (90, "PT1M30S"), (134, "PT2M14S"),
            (3600, "PT1H"), (3601, "PT1H1S"), (3723, "PT1H2M3S"), (86_400, "PT24H"), (u32::MAX, "PT1193046H28M15S")];
        for (seconds, expected) in cases {
            assert_eq!(iso8601_duration(seconds), expected, "{seconds}");
        }
    }
}
