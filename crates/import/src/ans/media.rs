//! ANS images, videos and oEmbed responses as image, YouTube, Vimeo and embed blocks, and the
//! thumbnails of related items and link cards.

use super::{with, StoryReader};
use broadsheet::Path;
use broadsheet::escape::UrlUse;
use crate::html;
use crate::inline::{escaped, InlineMarkdown, Mark};
use crate::article_json::{Embedded, image, ImageFields, Notes, paragraph, plain, string, url, video_or_embed};
use broadsheet::json::{ObjectBuilder, Value};
use broadsheet::video::VideoSite;

/// A width or height the format takes (a whole number of pixels, 1 to 100,000).
fn dimension(value: Option<&Value>) -> Option<f64> {
    match value {
        Some(Value::Number(n)) if broadsheet::article::Image::is_side(*n) => Some(*n),
        _ => None,
    }
}

/// The `src` of the first `<iframe>` in an embed's HTML.
fn frame_src(source: &str) -> Option<String> {
    let nodes = html::parse(source, &Path::default(), &mut Notes::default());
    html::find(&nodes, "iframe").and_then(|frame| frame.attr("src")).map(str::to_owned)
}

impl StoryReader<'_> {
    /// An ANS image as an `image` block: `alt_text` its alt, `subtitle` and `caption` its
    /// caption, the names in its credits its credit.
    pub(super) fn image(&mut self, item: &Value, at: &Path) -> Option<Value<'static>> {
        let alt = self.string(item, "alt_text", at);
        let alt = alt.and_then(|alt| self.plain_text(alt, &at.key("alt_text")));
        let caption = self.caption(item, at);
        let credit = self.credit(item, at);
        let Some(src) = self.string(item, "url", at) else {
            self.notes.add(at, "the image has no url; its text was kept as a paragraph");
            return paragraph([alt.map(|alt| escaped(&alt)), caption, credit.map(|credit| escaped(&credit))]);
        };
        let fields = ImageFields {
            src: self.on_site(src),
            alt,
            width: dimension(item.field("width")),
            height: dimension(item.field("height")),
            caption,
            credit,
            ..ImageFields::default()
        };
        image(fields, at, self.notes)
    }

    /// An image's caption: its `subtitle` (a title, in bold, as Arc's themes show it) before
    /// its `caption`.
    fn caption(&mut self, item: &Value, at: &Path) -> Option<String> {
        let subtitle = self.string(item, "subtitle", at);
        let subtitle = subtitle.and_then(|text| self.plain_text(text, &at.key("subtitle")));
        let caption_html = self.string(item, "caption", at);
        let caption = caption_html.and_then(|text| self.inline(text, &at.key("caption")));
        match (subtitle, caption) {
            (Some(subtitle), Some(caption)) if caption_html.and_then(super::plain_words).as_ref() == Some(&subtitle) => Some(caption),
            (Some(subtitle), Some(caption)) => {
                let mut title = InlineMarkdown::new(self.notes.max_mark_depth);
                // A mark at the start of an empty field is refused only when the limits allow no
                // marks; the text is kept either way.
                let _ = title.open(Mark::Strong);
                title.text(&subtitle);
                title.close(&Mark::Strong);
                Some(format!("{} {caption}", title.finish().unwrap_or_default()))
            }
            (Some(subtitle), None) => Some(escaped(&subtitle)),
            (None, caption) => caption,
        }
    }

    /// The names in `credits.by`, then those in `credits.affiliation`: "Ann Lee / Reuters".
    pub(super) fn credit(&mut self, item: &Value, at: &Path) -> Option<String> {
        let credits = self.object(item, "credits", at)?;
        let at = at.key("credits");
        let mut groups = Vec::new();
        for role in ["by", "affiliation"] {
            let people = self.array(credits, role, &at);
            let mut names = Vec::new();
            for (i, person) in people.iter().enumerate() {
                let person_at = at.key(role).index(i);
                let name = self.string(person, "name", &person_at);
                match name.and_then(|name| self.plain_text(name, &person_at.key("name"))) {
                    Some(name) => names.push(name),
                    None => self.notes.add(&person_at, "a credit without a name (a reference the Content API did not fill in?) was left out"),
                }
            }
            if !names.is_empty() {
                groups.push(names.join(", "));
            }
        }
        (!groups.is_empty()).then(|| groups.join(" / "))
    }

    /// An ANS video: a facade when it is on YouTube or Vimeo (`youtube_content_id`, its page,
    /// a stream or its embed's frame); otherwise a link card to its page (or its file), since the
    /// format cannot play it. Its promo image is the facade's poster or the card's image.
    pub(super) fn video(&mut self, video: &Value, at: &Path) -> Option<Value<'static>> {
        let title = self.headline(video, at);
        let description_at = at.key("description");
        let description = self.object(video, "description", at).and_then(|d| self.string(d, "basic", &description_at));
        let caption = description.and_then(|d| self.inline(d, &description_at.key("basic")));
        let credit = self.credit(video, at);
        let page = video.field("canonical_url").and_then(Value::as_str).map(|page| self.on_site(page));
        let streams: Vec<String> = match video.field("streams") {
            Some(Value::Array(streams)) => streams.iter().filter_map(|s| s.field("url").and_then(Value::as_str)).map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        let youtube = video.field("youtube_content_id").and_then(Value::as_str).map(|id| format!("https://www.youtube.com/watch?v={}", id.trim()));
        let frame = video.field("embed_html").and_then(Value::as_str).and_then(frame_src);
        let facade = [youtube, page.clone(), frame].into_iter().flatten().chain(streams.iter().cloned()).find(|u| VideoSite::of_url(u).is_some());
        let link = match (facade, page, streams.first()) {
            (Some(facade), _, _) => facade,
            (None, Some(page), _) => {
                self.notes.add(at, "the format cannot play this video (it is not on YouTube or Vimeo); it is a link card to its page");
                page
            }
            (None, None, Some(stream)) => {
                self.notes.add(at, "the format cannot play this video (it is not on YouTube or Vimeo); it is a link card to its video file");
                stream.clone()
            }
            (None, None, None) => {
                self.notes.add(at, "the video has no URL to play or link to; its text was kept as a paragraph");
                return paragraph([title.map(|t| escaped(&t)), caption]);
            }
        };
        if video.field("transcript").and_then(Value::as_str).is_some_and(|t| !t.trim().is_empty()) {
            self.notes.add(&at.key("transcript"), "the video's transcript was not kept (the format has no place for it)");
        }
        let block = video_or_embed(Embedded { url: link, title, caption, credit, provider: None }, at, self.notes)?;
        let Some(promo) = self.object(video, "promo_image", at) else { return Some(block) };
        let promo_at = at.key("promo_image");
        Some(match super::block_type(&block) {
            Some("youtube" | "vimeo") => {
                let poster = self.string(promo, "url", &promo_at);
                match poster.and_then(|poster| url(&self.on_site(poster), UrlUse::Resource, &promo_at.key("url"), self.notes)) {
                    Some(poster) => with(block, "poster", string(poster)),
                    None => block,
                }
            }
            Some("embed") => match self.thumbnail(promo, &promo_at) {
                Some(thumbnail) => with(block, "image", thumbnail),
                None => block,
            },
            _ => block,
        })
    }

    /// An `oembed_response`: YouTube and Vimeo become facades, anything else a link card titled
    /// and credited from the response, with the text of its HTML (a post's words) as caption.
    pub(super) fn oembed(&mut self, element: &Value, at: &Path) -> Option<Value<'static>> {
        let Some(raw) = self.object(element, "raw_oembed", at) else {
            self.notes.add(at, "the oEmbed response has no raw_oembed; it was left out");
            return None;
        };
        let raw_at = at.key("raw_oembed");
        let embed_html = raw.field("html").and_then(Value::as_str);
        let frame = embed_html.and_then(frame_src);
        let candidates: Vec<String> = [raw.field("url"), raw.field("_id"), element.field("referent").and_then(|r| r.field("id")), element.field("_id")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .chain(frame)
            .collect();
        // A facade's URL, or else a web page's, or else whatever is given (the URL policy says why not).
        let is_web = |u: &&String| u.starts_with("https://") || u.starts_with("http://");
        let link = candidates.iter().find(|u| VideoSite::of_url(u).is_some()).or_else(|| candidates.iter().find(is_web)).or(candidates.first()).cloned();
        let title = self.string(raw, "title", &raw_at);
        let title = title.and_then(|t| self.plain_text(t, &raw_at.key("title")));
        let provider = raw.field("provider_name").and_then(Value::as_str).and_then(|p| plain(&broadsheet::text::decode_character_references(p)));
        let credit = raw.field("author_name").and_then(Value::as_str).and_then(|a| plain(&broadsheet::text::decode_character_references(a)));
        let facade = link.as_deref().is_some_and(|u| VideoSite::of_url(u).is_some());
        let words = embed_html.filter(|_| !facade).and_then(super::plain_words);
        let caption = words.as_ref().map(|w| escaped(w));
        let Some(link) = link else {
            self.notes.add(at, "the oEmbed response has no URL to link to; its text was kept as a paragraph");
            return paragraph([title.map(|t| escaped(&t)), caption]);
        };
        if words.is_some() {
            self.notes.add(at, "the embed's HTML was not kept (nothing of it runs); its text was kept");
        }
        video_or_embed(Embedded { url: link, title, caption, credit, provider }, at, self.notes)
    }

    /// A thumbnail (a related item's image, a link card's): the image's URL, its alt text or
    /// `""` (the headline beside it names the link), its size. An ANS video gives its promo image.
    pub(super) fn thumbnail(&mut self, item: &Value, at: &Path) -> Option<Value<'static>> {
        if super::element_type(item) == Some("video") {
            return self.thumbnail(item.field("promo_image")?, &at.key("promo_image"));
        }
        let src = self.string(item, "url", at)?;
        let src = url(&self.on_site(src), UrlUse::Resource, &at.key("url"), self.notes)?;
        let alt = self.string(item, "alt_text", at);
        let alt = alt.and_then(|alt| self.plain_text(alt, &at.key("alt_text"))).unwrap_or_default();
        let mut thumbnail = ObjectBuilder::new();
        thumbnail.set("src", string(src)).set("alt", string(alt));
        if let (Some(width), Some(height)) = (dimension(item.field("width")), dimension(item.field("height"))) {
            thumbnail.set("width", Value::Number(width)).set("height", Value::Number(height));
        }
        Some(thumbnail.into_value())
    }

    /// A related item's image: its promo (`promo_items.basic`, or else `lead_art`) as a thumbnail.
    pub(super) fn related_image(&mut self, item: &Value, at: &Path) -> Option<Value<'static>> {
        let promo = item.field("promo_items")?;
        let key = ["basic", "lead_art"].into_iter().find(|key| promo.field(key).is_some())?;
        self.thumbnail(promo.field(key)?, &at.key("promo_items").key(key))
    }
}
