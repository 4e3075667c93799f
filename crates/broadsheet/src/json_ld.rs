//! Search metadata: what a page tells search engines (schema.org JSON-LD) and link previews (the
//! facts its Open Graph tags carry) about its article. Only what the article says, every URL absolute.

use std::borrow::Cow;
use std::fmt::Write;

use crate::article::*;
use crate::escape::{check_url, UrlUse};
use crate::json::Value;
use crate::markdown;
use crate::options::Options;
use crate::{vimeo, youtube};

/// What a page says about its article, read once for the JSON-LD and the `<meta>` tags alike.
pub(crate) struct Metadata<'a> {
    pub article: &'a Article,
    options: &'a Options,
    /// The canonical URL when the URL policy allows it: the base relative URLs are resolved against.
    pub url: Option<&'a str>,
    /// The dek as plain text; `None` when there is none or it holds no text.
    pub description: Option<String>,
    /// The hero image, or the poster a hero video shows.
    pub image: Option<LeadImage<'a>>,
}

/// The image that stands for the article in search results and link previews.
pub(crate) struct LeadImage<'a> {
    /// Absolute.
    pub url: String,
    /// The hero image's alt text; `None` for a decorative image, and for a video's poster, whose
    /// content the article does not describe.
    pub alt: Option<&'a str>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Plain text.
    pub caption: Option<String>,
    pub credit: Option<&'a str>,
}

impl<'a> Metadata<'a> {
    pub fn of(article: &'a Article, options: &'a Options) -> Self {
        let url = article.url.as_deref().filter(|url| check_url(url, UrlUse::Canonical).is_ok());
        let description = article.dek.as_ref().and_then(plain_text);
        let mut metadata = Metadata { article, options, url, description, image: None };
        metadata.image = metadata.lead_image();
        metadata
    }

    fn lead_image(&self) -> Option<LeadImage<'a>> {
        match &self.article.hero {
            Some(Media::Image(image)) => Some(LeadImage {
                url: self.absolute(&image.src, UrlUse::Resource)?,
                alt: Some(image.alt.as_str()).filter(|alt| !alt.is_empty()),
                width: image.width,
                height: image.height,
                caption: image.caption.as_ref().and_then(plain_text),
                credit: image.credit.as_deref(),
            }),
            Some(Media::YouTube(video)) => {
                let poster = youtube::poster(video, self.options.poster)?;
                let from_youtube = poster.from_youtube;
                Some(LeadImage {
                    url: self.absolute(&poster.src, UrlUse::Resource)?,
                    alt: None,
                    width: from_youtube.then_some(youtube::POSTER_WIDTH),
                    height: from_youtube.then_some(youtube::POSTER_HEIGHT),
                    caption: None,
                    credit: None,
                })
            }
            None => None,
        }
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
                Object::typed("Person")
                    .set("name", text(&author.name))
                    .set("url", author.url.as_deref().and_then(|url| self.absolute(url, UrlUse::Link)).map(owned))
                    .done()
            })
            .collect();
        let image = self.image.as_ref().map(|image| {
            Object::typed("ImageObject")
                .set("url", text(&image.url))
                .set("width", image.width.map(number))
                .set("height", image.height.map(number))
                .set("caption", image.caption.as_deref().map(text))
                .set("creditText", image.credit.map(text))
                .done()
        });
        let videos = self.videos();
        Object(vec![(Cow::Borrowed("@context"), text("https://schema.org"))])
            .set("@type", text("NewsArticle"))
            .set("headline", text(&article.headline))
            .set("description", self.description.as_deref().map(text))
            .set("inLanguage", article.lang.as_deref().map(text))
            .set("datePublished", article.published.as_ref().map(|date| text(&date.machine)))
            .set("dateModified", article.modified.as_ref().map(|date| text(&date.machine)))
            .set("author", (!authors.is_empty()).then_some(Value::Array(authors)))
            .set("image", image)
            .set("mainEntityOfPage", self.url.map(text))
            .set("articleSection", article.section.as_ref().map(|section| text(&section.name)))
            .set("keywords", (!article.tags.is_empty()).then(|| Value::Array(article.tags.iter().map(|tag| text(tag)).collect())))
            .set("video", (!videos.is_empty()).then_some(Value::Array(videos)))
            .done()
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
        Object::typed("VideoObject")
            .set("name", text(&video.title))
            .set("description", video_description(&video.title, video.caption.as_ref()))
            .set("thumbnailUrl", poster.and_then(|poster| self.absolute(&poster.src, UrlUse::Resource)).map(owned))
            .set("uploadDate", video.uploaded.as_ref().map(|date| text(&date.machine)))
            .set("duration", video.duration.map(|seconds| owned(iso8601_duration(seconds))))
            .set("embedUrl", real.then(|| owned(youtube::embed_url(&video.id))))
            // The video's page goes in `url`, not `contentUrl`: Google's video guidelines keep
            // `contentUrl` for the media file's own bytes, never the page the video lives on.
            .set("url", real.then(|| owned(youtube::watch_url(&video.id, None, video.vertical))))
            .set("creditText", video.credit.as_deref().map(text))
            .done()
    }

    fn vimeo(&self, video: &Vimeo) -> Value<'static> {
        let real = vimeo::is_video_id(&video.id);
        // Vimeo's facade shows the block's own poster or none (its thumbnails need an API call).
        let poster = video.poster.as_deref();
        Object::typed("VideoObject")
            .set("name", text(&video.title))
            .set("description", video_description(&video.title, video.caption.as_ref()))
            .set("thumbnailUrl", poster.and_then(|poster| self.absolute(poster, UrlUse::Resource)).map(owned))
            .set("embedUrl", real.then(|| owned(vimeo::embed_url(&video.id))))
            .set("url", real.then(|| owned(vimeo::watch_url(&video.id, None))))
            .set("creditText", video.credit.as_deref().map(text))
            .done()
    }
}

/// What a reader reads in an inline field; `None` when that is nothing.
fn plain_text(inline: &Inline) -> Option<String> {
    Some(markdown::plain_text(&inline.0)).filter(|text| !text.is_empty())
}

/// A video's caption as plain text, else its title (search engines require a description).
fn video_description(title: &str, caption: Option<&Inline>) -> Value<'static> {
    owned(caption.and_then(plain_text).unwrap_or_else(|| title.to_owned()))
}

/// A JSON object built in order, leaving out what the article does not say.
struct Object(Vec<(Cow<'static, str>, Value<'static>)>);

impl Object {
    fn typed(kind: &'static str) -> Self {
        Object(vec![(Cow::Borrowed("@type"), text(kind))])
    }

    fn set(mut self, key: &'static str, value: impl Into<Option<Value<'static>>>) -> Self {
        if let Some(value) = value.into() {
            self.0.push((Cow::Borrowed(key), value));
        }
        self
    }

    fn done(self) -> Value<'static> {
        Value::Object(self.0)
    }
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
