//! The HTML writer: one pass over the model, appending to one `String`, one method per block.

use std::borrow::Cow;

use crate::article::*;
use crate::error::Path;
use crate::escape::{AllowedUrl, UrlUse};
use crate::html::Html;
use crate::json_ld::Metadata;
use crate::markdown;
use crate::options::{Labels, Options};
use crate::outline::{push_slug, Outline};
use crate::{vimeo, youtube};

/// Writes `article` as one `<article>` element.
pub fn article(article: &Article, options: &Options) -> String {
    let mut writer = ArticleWriter::new(article, options);
    writer.article(article);
    writer.out.into_string()
}

/// The HTML of an article, and what validation's Markdown checks found while it was written.
pub struct CheckedHtml {
    pub html: String,
    /// How many Markdown fields were written.
    pub markdown_fields: usize,
    /// Whether every one of them passed `markdown::problems`; if not, `html` is not to be used.
    pub markdown_clean: bool,
}

/// Where the HTML of one part of the article (the hero, a body block, a related item) starts.
pub struct Place {
    /// A byte offset into the HTML.
    pub at: usize,
    /// The part's path in the article (`body[3]`); the root for what belongs to no block.
    pub path: Path,
}

/// Writes `article`, noting where each part starts, so that a reader of the HTML can say which
/// block wrote what (the privacy report).
pub fn article_with_places(article: &Article, options: &Options) -> (String, Vec<Place>) {
    let mut writer = ArticleWriter::new(article, options);
    writer.places = Some(Vec::new());
    writer.article(article);
    (writer.out.into_string(), writer.places.unwrap_or_default())
}

/// Writes `article`, applying validation's Markdown checks to each field on the way.
pub fn article_checked(article: &Article, options: &Options) -> CheckedHtml {
    let mut writer = ArticleWriter::new(article, options);
    // Only ever given a model that validation made in the same call, which applied the URL policy
    // to each of its URLs with the use the writer gives it: they are not checked a second time.
    writer.urls_checked = true;
    writer.article(article);
    CheckedHtml { html: writer.out.into_string(), markdown_fields: writer.markdown_fields, markdown_clean: writer.markdown_clean }
}

/// [`article_checked`], the HTML in pieces of about `piece_bytes` (cut between body blocks): no
/// one allocation holds it all, so freed memory in pieces can hold it (the WebAssembly face, whose
/// memory never shrinks, writes large articles so). Joined, the pieces are `article_checked`'s HTML.
#[cfg(feature = "server")]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively, for the tests
pub fn article_checked_in_pieces(article: &Article, options: &Options, piece_bytes: usize) -> (Vec<String>, CheckedHtml) {
    let capacity = estimated_size(article).min(piece_bytes + piece_bytes / 8);
    let mut writer = ArticleWriter::with_capacity(article, options, capacity);
    writer.urls_checked = true;
    writer.piece_bytes = piece_bytes;
    writer.article(article);
    let last = CheckedHtml { html: writer.out.into_string(), markdown_fields: writer.markdown_fields, markdown_clean: writer.markdown_clean };
    (writer.pieces, last)
}

/// Writes `article` as a whole HTML page: doctype, viewport, title, canonical link, the stylesheet
/// at `stylesheet` and the JS shell at `script` (which hydrates the video facades; either is left
/// out if the URL policy refuses it), and what the article says about itself for search engines
/// and link previews: a description, Open Graph and Twitter card tags, and schema.org JSON-LD.
pub fn page(article: &Article, options: &Options, stylesheet: &str, script: &str) -> String {
    let metadata = Metadata::of(article, options);
    let mut writer = ArticleWriter::with_capacity(article, options, estimated_size(article) + 4096);
    let out = &mut writer.out;
    out.markup("<!DOCTYPE html>\n<html");
    out.attr("lang", article.lang.as_deref().unwrap_or("en"));
    if let Some(dir) = article.dir {
        out.attr("dir", dir.as_str());
    }
    out.markup(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    out.text(&article.headline);
    out.markup("</title>\n");
    if let Some(description) = &metadata.description {
        meta(out, "name", "description", description);
    }
    // One per author, as HTML defines the name: scrapers that read no JSON-LD array find them here.
    for author in &article.authors {
        meta(out, "name", "author", &author.name);
    }
    if let Some(url) = metadata.url.and_then(|url| AllowedUrl::check(url, UrlUse::Canonical)) {
        out.markup("<link rel=\"canonical\"");
        out.url_attr("href", url);
        out.markup(">\n");
    }
    link_preview(out, &metadata);
    out.markup("<link rel=\"stylesheet\"");
    if let Some(stylesheet) = AllowedUrl::check(stylesheet, UrlUse::Resource) {
        out.url_attr("href", stylesheet);
    }
    out.markup(">\n<script type=\"module\"");
    if let Some(script) = AllowedUrl::check(script, UrlUse::Resource) {
        out.url_attr("src", script);
    }
    out.markup("></script>\n");
    out.json_script("application/ld+json", &metadata.json_ld());
    out.markup("\n</head>\n<body>\n<main>\n<broadsheet-article>");
    writer.article(article);
    writer.out.markup("</broadsheet-article>\n</main>\n</body>\n</html>\n");
    writer.out.into_string()
}

/// Open Graph and Twitter card tags: what a shared link shows. Every URL in `metadata` is absolute
/// and allowed by the policy.
fn link_preview(out: &mut Html, metadata: &Metadata) {
    let article = metadata.article;
    meta(out, "property", "og:type", "article");
    if let Some(site) = metadata.site {
        meta(out, "property", "og:site_name", &site.name);
    }
    if let Some(locale) = &metadata.locale {
        meta(out, "property", "og:locale", locale);
    }
    meta(out, "property", "og:title", &article.headline);
    if let Some(description) = &metadata.description {
        meta(out, "property", "og:description", description);
    }
    if let Some(url) = metadata.url {
        meta(out, "property", "og:url", url);
    }
    if let Some(image) = &metadata.image {
        meta(out, "property", "og:image", &image.url);
        if let Some(alt) = image.alt {
            meta(out, "property", "og:image:alt", alt);
        }
        if let Some(width) = image.width {
            meta(out, "property", "og:image:width", &width.to_string());
        }
        if let Some(height) = image.height {
            meta(out, "property", "og:image:height", &height.to_string());
        }
    }
    if let Some(published) = &article.published {
        meta(out, "property", "article:published_time", &published.machine);
    }
    if let Some(modified) = &article.modified {
        meta(out, "property", "article:modified_time", &modified.machine);
    }
    if let Some(section) = &article.section {
        meta(out, "property", "article:section", &section.name);
    }
    for tag in &article.tags {
        meta(out, "property", "article:tag", tag);
    }
    let card = if metadata.image.is_some() { "summary_large_image" } else { "summary" };
    meta(out, "name", "twitter:card", card);
    if let Some(twitter) = metadata.site.and_then(|site| site.twitter.as_deref()) {
        meta(out, "name", "twitter:site", twitter);
    }
    meta(out, "name", "twitter:title", &article.headline);
    if let Some(description) = &metadata.description {
        meta(out, "name", "twitter:description", description);
    }
    if let Some(image) = &metadata.image {
        meta(out, "name", "twitter:image", &image.url);
        if let Some(alt) = image.alt {
            meta(out, "name", "twitter:image:alt", alt);
        }
    }
}

/// `<meta {attribute}="{name}" content="…">` on a line of its own.
fn meta(out: &mut Html, attribute: &'static str, name: &'static str, content: &str) {
    out.markup("<meta");
    out.attr(attribute, name);
    out.attr("content", content);
    out.markup(">\n");
}

struct ArticleWriter<'a> {
    out: Html,
    options: &'a Options,
    outline: Outline,
    /// The headline's id, which labels the article.
    title_id: String,
    /// Markdown fields written, and whether every one would pass validation's Markdown checks.
    markdown_fields: usize,
    markdown_clean: bool,
    /// Where each part starts, when asked for ([`article_with_places`]).
    places: Option<Vec<Place>>,
    /// Whether the model's own URLs passed the URL policy in validation ([`article_checked`]);
    /// URLs the writer makes (a video's watch link) are checked all the same.
    urls_checked: bool,
    /// The HTML written so far, in pieces, when it is written in pieces of `piece_bytes` or more
    /// ([`article_checked_in_pieces`]; 0: in one string).
    #[cfg(feature = "server")]
    pieces: Vec<String>,
    #[cfg(feature = "server")]
    piece_bytes: usize,
}

/// Media are written the same way in the hero and the body, but load differently.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    Hero,
    Body,
}

impl<'a> ArticleWriter<'a> {
    fn new(article: &Article, options: &'a Options) -> Self {
        Self::with_capacity(article, options, estimated_size(article))
    }

    /// A writer whose output starts with room for `capacity` bytes.
    fn with_capacity(article: &Article, options: &'a Options, capacity: usize) -> Self {
        let prefix = match (&options.id_prefix, &article.id) {
            (Some(prefix), _) | (None, Some(prefix)) => prefix.clone(),
            (None, None) => {
                let mut slug = String::new();
                push_slug(&mut slug, &article.headline, 64, "article");
                slug
            }
        };
        let title_id = format!("{prefix}-title");
        let mut outline = Outline::new(prefix, options.heading_shift);
        outline.claim(&title_id);
        // Ids the input names are claimed first, so generated ones never take them.
        for block in &article.body {
            if let Block::Heading(Heading { id: Some(id), .. }) = block {
                outline.claim_given(id);
            }
        }
        ArticleWriter {
            out: Html::with_capacity(capacity),
            options,
            outline,
            title_id,
            markdown_fields: 0,
            markdown_clean: true,
            places: None,
            urls_checked: false,
            #[cfg(feature = "server")]
            pieces: Vec::new(),
            #[cfg(feature = "server")]
            piece_bytes: 0,
        }
    }

    /// Starts a new piece once the current one is `piece_bytes` long, when writing in pieces.
    #[cfg(feature = "server")]
    fn spill(&mut self) {
        if self.piece_bytes > 0 && self.out.len() >= self.piece_bytes {
            let next = Html::with_capacity(self.piece_bytes + self.piece_bytes / 8);
            self.pieces.push(std::mem::replace(&mut self.out, next).into_string());
        }
    }

    /// Notes that the part at `path` starts here, when places are recorded.
    fn place(&mut self, path: impl FnOnce() -> Path) {
        if let Some(places) = &mut self.places {
            places.push(Place { at: self.out.len(), path: path() });
        }
    }

    fn markup(&mut self, markup: &'static str) {
        self.out.markup(markup);
    }

    fn text(&mut self, text: &str) {
        self.out.text(text);
    }

    fn attr(&mut self, name: &'static str, value: &str) {
        self.out.attr(name, value);
    }

    fn number_attr(&mut self, name: &'static str, value: u32) {
        self.out.number_attr(name, value.into());
    }

    /// Writes ` name="url"` when the URL policy allows one of the model's URLs.
    fn url_attr(&mut self, name: &'static str, url: &str, usage: UrlUse) {
        if let Some(url) = self.allow(url, usage) {
            self.out.url_attr(name, url);
        }
    }

    /// The URL policy on one of the model's URLs: validation's verdict, when it gave one. A refused
    /// URL is left out, never written.
    fn allow<'u>(&self, url: &'u str, usage: UrlUse) -> Option<AllowedUrl<'u>> {
        match self.urls_checked {
            true => Some(AllowedUrl::allowed_before(url)),
            false => AllowedUrl::check(url, usage),
        }
    }

    fn inline(&mut self, text: &Inline) {
        let max_depth = self.options.limits.max_markdown_depth;
        self.markdown_fields += 1;
        self.markdown_clean &= markdown::write_inline_checked(&mut self.out, &text.0, &mut self.outline, max_depth);
    }

    /// `<a href>` around `text` when the URL is allowed, else the text alone.
    fn link(&mut self, text: &str, url: Option<&str>) {
        match url.and_then(|url| self.allow(url, UrlUse::Link)) {
            Some(url) => {
                self.markup("<a");
                self.out.url_attr("href", url);
                self.markup(">");
                self.text(text);
                self.markup("</a>");
            }
            None => self.text(text),
        }
    }

    /// A label with its placeholders filled (`Labels::fill`), escaped.
    fn label(&mut self, template: &str, values: &[(&str, &str)]) {
        self.text(&Labels::fill(template, values));
    }

    fn open_heading(&mut self, level: u8, id: Option<&str>, class: Option<&'static str>) {
        self.markup("<h");
        self.out.number(level.into());
        if let Some(class) = class {
            self.attr("class", class);
        }
        if let Some(id) = id {
            self.attr("id", id);
        }
        self.markup(">");
    }

    fn close_heading(&mut self, level: u8) {
        self.markup("</h");
        self.out.number(level.into());
        self.markup(">\n");
    }

    fn article(&mut self, article: &Article) {
        let prefix = self.outline.prefix().to_owned();
        let title_id = self.title_id.clone();
        self.outline.claim(&prefix);
        self.markup("<article class=\"bs-article\"");
        self.attr("id", &prefix);
        self.attr("lang", article.lang.as_deref().unwrap_or("en"));
        if let Some(dir) = article.dir {
            self.attr("dir", dir.as_str());
        }
        self.attr("aria-labelledby", &title_id);
        self.markup(">\n");
        self.header(article, &title_id);
        if article.hero.is_some() {
            self.place(|| Path::default().key("hero"));
        }
        match &article.hero {
            Some(Media::Image(image)) => self.image(image, Placement::Hero),
            Some(Media::YouTube(video)) => self.youtube(video, Placement::Hero),
            None => {}
        }
        self.markup("<div class=\"bs-body\">\n");
        for (i, block) in article.body.iter().enumerate() {
            self.place(|| Path::default().key("body").index(i));
            self.block(block);
            #[cfg(feature = "server")]
            self.spill();
        }
        self.place(Path::default);
        self.markup("</div>\n");
        self.footer(article);
        if let Some(related) = &article.related {
            self.related(related);
        }
        self.markup("</article>\n");
    }

    fn header(&mut self, article: &Article, title_id: &str) {
        self.markup("<header class=\"bs-header\">\n");
        if let Some(section) = &article.section {
            self.markup("<p class=\"bs-section\">");
            self.link(&section.name, section.url.as_deref());
            self.markup("</p>\n");
        }
        let level = self.outline.headline_level();
        self.open_heading(level, Some(title_id), Some("bs-headline"));
        self.text(&article.headline);
        self.close_heading(level);
        if let Some(dek) = &article.dek {
            self.markup("<p class=\"bs-dek\">");
            self.inline(dek);
            self.markup("</p>\n");
        }
        if !article.authors.is_empty() {
            self.byline(&article.authors);
        }
        if article.published.is_some() || article.modified.is_some() {
            self.markup("<p class=\"bs-dates\">");
            if let Some(published) = &article.published {
                self.time(published);
            }
            if let Some(modified) = &article.modified {
                if article.published.is_some() {
                    self.markup(" ");
                }
                self.markup("<span class=\"bs-updated\">");
                self.text(&self.options.labels.updated);
                self.markup(" ");
                self.time(modified);
                self.markup("</span>");
            }
            self.markup("</p>\n");
        }
        self.markup("</header>\n");
    }

    /// "By A, B and C", each author linked when they have a URL.
    fn byline(&mut self, authors: &[Author]) {
        let labels = &self.options.labels;
        self.markup("<p class=\"bs-byline\">");
        self.text(&labels.by);
        for (i, author) in authors.iter().enumerate() {
            match i {
                0 => self.markup(" "),
                _ if i + 1 == authors.len() => {
                    self.markup(" ");
                    self.text(&labels.and);
                    self.markup(" ");
                }
                _ => self.markup(", "),
            }
            self.link(&author.name, author.url.as_deref());
        }
        self.markup("</p>\n");
    }

    fn time(&mut self, date: &DateTime) {
        self.markup("<time");
        self.attr("datetime", &date.machine);
        self.markup(">");
        let labels = &self.options.labels;
        let month = &labels.months[usize::from(date.month.clamp(1, 12)) - 1];
        let (year, day) = (date.year.to_string(), date.day.to_string());
        self.label(&labels.date, &[("{year}", &year), ("{day}", &day), ("{month}", month)]);
        self.markup("</time>");
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(text) => {
                self.markup("<p>");
                self.inline(text);
                self.markup("</p>\n");
            }
            Block::Heading(heading) => self.heading(heading),
            Block::Image(image) => self.image(image, Placement::Body),
            Block::YouTube(video) => self.youtube(video, Placement::Body),
            Block::Vimeo(video) => self.vimeo(video),
            Block::Embed(embed) => self.embed(embed),
            Block::Quote(quote) => self.quote(quote),
            Block::List(list) => self.list(list),
            Block::Markdown(text) => {
                self.markup("<div class=\"bs-markdown\">");
                let max_depth = self.options.limits.max_markdown_depth;
                self.markdown_fields += 1;
                self.markdown_clean &=
                    markdown::write_block_checked(&mut self.out, text, &mut self.outline, &self.options.labels.table, max_depth);
                self.markup("</div>\n");
            }
            Block::Divider => self.markup("<hr class=\"bs-divider\">\n"),
        }
    }

    fn heading(&mut self, heading: &Heading) {
        let level = self.outline.body_level(heading.level);
        // Given ids were claimed up front, under the prefix; one that clashes with an id the
        // writer itself needs (`title`) is replaced by a generated one.
        let given = heading.id.as_deref().and_then(|id| self.outline.use_given(id));
        // The words a reader reads, as for a heading in a `markdown` block: one text, one id.
        let id = given.unwrap_or_else(|| self.outline.generate(&markdown::plain_text(&heading.text.0)));
        self.open_heading(level, Some(&id), None);
        self.inline(&heading.text);
        self.close_heading(level);
    }

    fn image(&mut self, image: &Image, placement: Placement) {
        self.markup(match placement {
            Placement::Hero => "<figure class=\"bs-figure bs-hero\">\n<img class=\"bs-img\"",
            Placement::Body => "<figure class=\"bs-figure\">\n<img class=\"bs-img\"",
        });
        self.url_attr("src", &image.src, UrlUse::Resource);
        let sizes = image.sizes.clone().unwrap_or_else(|| self.options.default_sizes.clone());
        self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
        self.loading(placement);
        self.markup(">\n");
        self.figcaption(image.caption.as_ref(), image.credit.as_deref(), None);
        self.markup("</figure>\n");
    }

    /// `alt`, the size and the allowed `srcset` candidates with their `sizes`, in that order.
    fn picture_attrs(&mut self, alt: &str, width: Option<u32>, height: Option<u32>, srcset: &[ImageSource], sizes: &str) {
        self.attr("alt", alt);
        if let Some(width) = width {
            self.number_attr("width", width);
        }
        if let Some(height) = height {
            self.number_attr("height", height);
        }
        let candidates: Vec<(AllowedUrl, u32)> =
            srcset.iter().filter_map(|s| Some((self.allow(&s.src, UrlUse::Resource)?, s.width))).collect();
        if !candidates.is_empty() {
            let mut srcset = String::new();
            for (i, (src, width)) in candidates.iter().enumerate() {
                if i > 0 {
                    srcset.push_str(", ");
                }
                srcset.push_str(src.as_str());
                srcset.push(' ');
                srcset.push_str(&width.to_string());
                srcset.push('w');
            }
            self.attr("srcset", &srcset);
            self.attr("sizes", sizes);
        }
    }

    /// The hero is usually the largest paint: fetch it first. Everything else waits until near.
    fn loading(&mut self, placement: Placement) {
        self.markup(match placement {
            Placement::Hero => " loading=\"eager\" fetchpriority=\"high\"",
            Placement::Body => " loading=\"lazy\" decoding=\"async\"",
        });
    }

    /// Caption, credit and a video's own link as distinct elements; nothing when there is none.
    fn figcaption(&mut self, caption: Option<&Inline>, credit: Option<&str>, watch: Option<WatchLink>) {
        if caption.is_none() && credit.is_none() && watch.is_none() {
            return;
        }
        self.markup("<figcaption class=\"bs-caption\">");
        let mut first = true;
        if let Some(caption) = caption {
            first = false;
            self.markup("<span class=\"bs-caption__text\">");
            self.inline(caption);
            self.markup("</span>");
        }
        if let Some(credit) = credit {
            if !std::mem::take(&mut first) {
                self.markup(" ");
            }
            self.markup("<small class=\"bs-credit\"><span class=\"bs-visually-hidden\">");
            self.text(&self.options.labels.credit);
            self.markup(" </span>");
            self.text(credit);
            self.markup("</small>");
        }
        if let Some(watch) = watch {
            if !first {
                self.markup(" ");
            }
            self.markup("<a class=\"bs-watch\"");
            self.out.url_attr("href", watch.url);
            self.markup(">");
            self.text(watch.label);
            self.markup("</a>");
        }
        self.markup("</figcaption>\n");
    }

    /// A YouTube video's facade; its poster is YouTube's own unless the block or the poster policy
    /// says otherwise.
    fn youtube(&mut self, video: &YouTube, placement: Placement) {
        let poster = youtube::poster(video, self.options.poster)
            .map(|poster| Poster { src: poster.src, from_player_host: poster.from_youtube });
        self.facade(
            &Facade {
                site: "YouTube",
                // A model built by hand may hold any id: only a real one gets a player.
                player_url: youtube::is_video_id(&video.id).then(|| youtube::player_url(&video.id, video.start)),
                watch_url: youtube::watch_url(&video.id, video.start, video.vertical),
                vertical: video.vertical,
                title: &video.title,
                caption: video.caption.as_ref(),
                credit: video.credit.as_deref(),
                poster,
            },
            placement,
        );
    }

    /// A Vimeo video's facade: a self-hosted poster or none, since Vimeo's own need a request.
    fn vimeo(&mut self, video: &Vimeo) {
        self.facade(
            &Facade {
                site: "Vimeo",
                player_url: vimeo::is_video_id(&video.id).then(|| vimeo::player_url(&video.id, video.start)),
                watch_url: vimeo::watch_url(&video.id, video.start),
                vertical: false,
                title: &video.title,
                caption: video.caption.as_ref(),
                credit: video.credit.as_deref(),
                poster: video.poster.as_deref().map(|src| Poster { src: Cow::Borrowed(src), from_player_host: false }),
            },
            Placement::Body,
        );
    }

    /// The facade: a link to the video's page around a poster and a play label, in a box with the
    /// video's shape. It works with no JavaScript; the shell turns it into a button that swaps in
    /// the player from `data-bs-player`. A link to the video stays in the caption line.
    fn facade(&mut self, video: &Facade, placement: Placement) {
        let shape = if video.vertical { "bs-facade--tall" } else { "bs-facade--wide" };
        // A poster from the player's host is made by the writer (from the id): always checked.
        let poster = video.poster.as_ref().and_then(|poster| {
            let src = match poster.from_player_host {
                true => AllowedUrl::check(&poster.src, UrlUse::Resource),
                false => self.allow(&poster.src, UrlUse::Resource),
            };
            Some((src?, poster.from_player_host))
        });
        self.markup("<figure class=\"bs-figure bs-video\">\n<div class=\"bs-facade ");
        self.markup(shape);
        if video.poster.is_none() {
            self.markup(" bs-facade--no-poster");
        }
        self.markup("\"");
        // Made by the writer from a checked id: checked here all the same.
        if let Some(player_url) = video.player_url.as_deref().and_then(|url| AllowedUrl::check(url, UrlUse::Resource)) {
            self.out.url_attr("data-bs-player", player_url);
        }
        self.attr("data-bs-title", video.title);
        if poster.is_some_and(|(_, from_player_host)| from_player_host) {
            // The poster already comes from the player's host, so warming up on intent tells
            // it nothing new.
            self.markup(" data-bs-preconnect");
        }
        self.markup(">\n<a class=\"bs-facade__control\"");
        // Made by the writer, not validated: checked here.
        let watch_url = AllowedUrl::check(&video.watch_url, UrlUse::Link);
        if let Some(url) = watch_url {
            self.out.url_attr("href", url);
        }
        self.markup(">");
        if let Some((src, from_player_host)) = poster {
            self.markup("<img class=\"bs-facade__poster\"");
            self.out.url_attr("src", src);
            self.markup(" alt=\"\"");
            if from_player_host {
                self.number_attr("width", youtube::POSTER_WIDTH);
                self.number_attr("height", youtube::POSTER_HEIGHT);
            }
            self.loading(placement);
            self.markup(">");
        }
        self.markup("<span class=\"bs-facade__play\" aria-hidden=\"true\"></span><span class=\"bs-facade__label\">");
        self.label(&self.options.labels.play_video, &[("{title}", video.title)]);
        self.markup("</span></a>\n</div>\n");
        let options = self.options;
        let label = Labels::fill(&options.labels.watch_video, &[("{site}", video.site)]);
        let watch_link = watch_url.map(|url| WatchLink { url, label: &label });
        self.figcaption(video.caption, video.credit, watch_link);
        self.markup("</figure>\n");
    }

    /// A link card: the embedded thing's title and provider, and a self-hosted image if given;
    /// nothing is loaded from the provider until the reader follows the link.
    fn embed(&mut self, embed: &Embed) {
        self.markup("<figure class=\"bs-figure bs-embed\">\n<a class=\"bs-embed__card\"");
        self.url_attr("href", &embed.url, UrlUse::Link);
        self.markup(">");
        if let Some(image) = &embed.image {
            self.markup("<img class=\"bs-embed__image\"");
            self.url_attr("src", &image.src, UrlUse::Resource);
            let sizes = image.sizes.clone().unwrap_or_else(|| self.options.default_sizes.clone());
            self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
            self.markup(" loading=\"lazy\" decoding=\"async\">");
        }
        self.markup("<span class=\"bs-embed__title\">");
        self.text(&embed.title);
        self.markup("</span>");
        if let Some(provider) = &embed.provider {
            self.markup("<span class=\"bs-embed__provider\">");
            self.text(provider);
            self.markup("</span>");
        }
        self.markup("</a>\n");
        self.figcaption(embed.caption.as_ref(), embed.credit.as_deref(), None);
        self.markup("</figure>\n");
    }

    fn quote(&mut self, quote: &Quote) {
        self.markup(match quote.style {
            QuoteStyle::Block => "<figure class=\"bs-quote\">\n<blockquote",
            QuoteStyle::Pull => "<figure class=\"bs-quote bs-quote--pull\">\n<blockquote",
        });
        if let Some(source) = &quote.source {
            self.url_attr("cite", source, UrlUse::Link);
        }
        self.markup("><p>");
        self.inline(&quote.text);
        self.markup("</p></blockquote>\n");
        if quote.cite.is_some() || quote.source.is_some() {
            self.markup("<figcaption class=\"bs-quote__cite\">");
            let name = quote.cite.as_deref().unwrap_or(&self.options.labels.source);
            self.link(name, quote.source.as_deref());
            self.markup("</figcaption>\n");
        }
        self.markup("</figure>\n");
    }

    fn list(&mut self, list: &List) {
        self.list_at(list, 1);
    }

    /// A list `depth` lists deep. A hand-built model may nest deeper than validation allows; past
    /// the limit, nested items are written into the list above instead: nothing is dropped, and
    /// the writer's recursion stays bounded.
    fn list_at(&mut self, list: &List, depth: usize) {
        self.markup(if list.ordered { "<ol class=\"bs-list\">\n" } else { "<ul class=\"bs-list\">\n" });
        self.list_items(list, depth);
        self.markup(if list.ordered { "</ol>\n" } else { "</ul>\n" });
    }

    fn list_items(&mut self, list: &List, depth: usize) {
        for item in &list.items {
            self.markup("<li>");
            self.inline(&item.text);
            match &item.list {
                Some(nested) if depth < self.options.limits.max_list_depth => {
                    self.markup("\n");
                    self.list_at(nested, depth + 1);
                    self.markup("</li>\n");
                }
                Some(nested) => {
                    self.markup("</li>\n");
                    // Depth first, with a stack of its own rather than recursion.
                    let mut stack = vec![nested.items.iter()];
                    while let Some(items) = stack.last_mut() {
                        let Some(item) = items.next() else {
                            stack.pop();
                            continue;
                        };
                        self.markup("<li>");
                        self.inline(&item.text);
                        self.markup("</li>\n");
                        if let Some(deeper) = &item.list {
                            stack.push(deeper.items.iter());
                        }
                    }
                }
                None => self.markup("</li>\n"),
            }
        }
    }

    /// Tags and the canonical link, when there are any.
    fn footer(&mut self, article: &Article) {
        if article.tags.is_empty() && article.url.is_none() {
            return;
        }
        self.markup("<footer class=\"bs-footer\">\n");
        if !article.tags.is_empty() {
            self.markup("<ul class=\"bs-tags\"");
            self.attr("aria-label", &self.options.labels.tags);
            self.markup(">");
            for tag in &article.tags {
                self.markup("<li>");
                self.text(tag);
                self.markup("</li>");
            }
            self.markup("</ul>\n");
        }
        if let Some(url) = article.url.as_deref().and_then(|url| self.allow(url, UrlUse::Canonical)) {
            self.markup("<p class=\"bs-permalink\"><a rel=\"bookmark\"");
            self.out.url_attr("href", url);
            self.markup(">");
            self.text(&self.options.labels.permalink);
            self.markup("</a></p>\n");
        }
        self.markup("</footer>\n");
    }

    fn related(&mut self, related: &Related) {
        let id = self.outline.generate("related");
        self.markup("<aside class=\"bs-related\"");
        self.attr("aria-labelledby", &id);
        self.markup(">\n");
        let level = self.outline.section_level();
        self.open_heading(level, Some(&id), Some("bs-related__title"));
        self.text(&related.title);
        self.close_heading(level);
        self.markup("<ul class=\"bs-related__list\">\n");
        for (i, item) in related.items.iter().enumerate() {
            self.place(|| Path::default().key("related").key("items").index(i));
            self.markup("<li class=\"bs-related__item\"><a class=\"bs-related__link\"");
            self.url_attr("href", &item.url, UrlUse::Link);
            self.markup(">");
            // As for every image, a refused URL leaves the `<img>` without a source, its alt text kept.
            if let Some(image) = &item.image {
                self.markup("<img class=\"bs-related__thumb\"");
                self.url_attr("src", &image.src, UrlUse::Resource);
                // A thumbnail is drawn at its own width; without one, the column's default.
                let sizes = match (&image.sizes, image.width) {
                    (Some(sizes), _) => sizes.clone(),
                    (None, Some(width)) => format!("{width}px"),
                    (None, None) => self.options.default_sizes.clone(),
                };
                self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
                self.markup(" loading=\"lazy\" decoding=\"async\">");
            }
            self.markup("<span>");
            self.text(&item.headline);
            self.markup("</span></a></li>\n");
        }
        self.place(Path::default);
        self.markup("</ul>\n</aside>\n");
    }
}

/// A video as the facade writes it, whatever its host.
struct Facade<'v> {
    /// The host's name, for the watch link: "YouTube".
    site: &'static str,
    /// `None` for a model built by hand with an id that is not one.
    player_url: Option<String>,
    watch_url: String,
    /// 9:16 instead of 16:9.
    vertical: bool,
    title: &'v str,
    caption: Option<&'v Inline>,
    credit: Option<&'v str>,
    poster: Option<Poster<'v>>,
}

struct Poster<'v> {
    src: Cow<'v, str>,
    /// The player's host serves it (YouTube's own): its size is known, and warming up the
    /// player's origins on intent reveals nothing new.
    from_player_host: bool,
}

/// A video's page on its host, linked under the player so it can be opened, shared, and watched
/// where embedding is disabled.
struct WatchLink<'u> {
    url: AllowedUrl<'u>,
    label: &'u str,
}

/// Output is about 1.3 times the text it carries; reserving it up front avoids regrowing.
fn estimated_size(article: &Article) -> usize {
    let body: usize = article
        .body
        .iter()
        .map(|block| match block {
            Block::Paragraph(text) => text.0.len() + 8,
            Block::Markdown(text) => text.len() + text.len() / 4,
            Block::List(list) => list.items.iter().map(|i| i.text.0.len() + 10).sum(),
            Block::Quote(quote) => quote.text.0.len() + 120,
            _ => 400,
        })
        .sum();
    1024 + body + body / 4
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    /// The pieces, joined, are the HTML written in one string, however small they are.
    #[test]
    fn pieces_join_to_the_whole() {
        for name in ["every-block", "format-1-1", "seed", "minimal"] {
            let path = format!("{}/../../tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
            let article = crate::parse(&std::fs::read_to_string(path).unwrap(), &Default::default()).unwrap();
            let options = Options::default();
            let whole = article_checked(&article, &options);
            for piece_bytes in [1, 64, 1000, 1 << 20] {
                let (mut pieces, last) = article_checked_in_pieces(&article, &options, piece_bytes);
                pieces.push(last.html);
                assert_eq!(pieces.concat(), whole.html, "{name}, pieces of {piece_bytes}");
                assert_eq!((last.markdown_fields, last.markdown_clean), (whole.markdown_fields, whole.markdown_clean));
            }
        }
    }
}
