//! The HTML writer: one pass over the model, appending to one `String`, one method per block.

use std::borrow::Cow;

use crate::article::*;
use crate::error::Path;
use crate::escape::{self, check_url, UrlUse};
use crate::json::JsonStyle;
use crate::json_ld::Metadata;
use crate::markdown;
use crate::options::{Labels, Options};
use crate::outline::{push_slug, Outline};
use crate::{vimeo, youtube};

/// Writes `article` as one `<article>` element.
pub fn article(article: &Article, options: &Options) -> String {
    let mut writer = ArticleWriter::new(article, options);
    writer.article(article);
    writer.out
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
    (writer.out, writer.places.unwrap_or_default())
}

/// Writes `article`, applying validation's Markdown checks to each field on the way.
pub fn article_checked(article: &Article, options: &Options) -> CheckedHtml {
    let mut writer = ArticleWriter::new(article, options);
    // Only ever given a model that validation made in the same call, which applied the URL policy
    // to each of its URLs with the use the writer gives it: they are not checked a second time.
    writer.urls_checked = true;
    writer.article(article);
    CheckedHtml { html: writer.out, markdown_fields: writer.markdown_fields, markdown_clean: writer.markdown_clean }
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
    let last = CheckedHtml { html: writer.out, markdown_fields: writer.markdown_fields, markdown_clean: writer.markdown_clean };
    (writer.pieces, last)
}

/// Writes `article` as a whole HTML page: doctype, viewport, title, canonical link, the stylesheet
/// at `stylesheet` and the JS shell at `script` (which hydrates the video facades), and what the
/// article says about itself for search engines and link previews: a description, Open Graph and
/// Twitter card tags, and schema.org JSON-LD.
pub fn page(article: &Article, options: &Options, stylesheet: &str, script: &str) -> String {
    let fragment = self::article(article, options);
    let metadata = Metadata::of(article, options);
    // `Script` writes `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes: nothing in the text can
    // close the element, open a comment, or end a line for a JS parser.
    let json_ld = metadata.json_ld().to_json(JsonStyle::Script);
    let mut out = String::with_capacity(fragment.len() + json_ld.len() + 2048);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape::attr(&mut out, article.lang.as_deref().unwrap_or("en"));
    out.push('"');
    if let Some(dir) = article.dir {
        out.push_str(" dir=\"");
        out.push_str(dir.as_str());
        out.push('"');
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape::text(&mut out, &article.headline);
    out.push_str("</title>\n");
    if let Some(description) = &metadata.description {
        meta(&mut out, "name", "description", description);
    }
    // One per author, as HTML defines the name: scrapers that read no JSON-LD array find them here.
    for author in &article.authors {
        meta(&mut out, "name", "author", &author.name);
    }
    if let Some(url) = metadata.url {
        out.push_str("<link rel=\"canonical\" href=\"");
        escape::attr(&mut out, url);
        out.push_str("\">\n");
    }
    link_preview(&mut out, &metadata);
    out.push_str("<link rel=\"stylesheet\" href=\"");
    escape::attr(&mut out, stylesheet);
    out.push_str("\">\n<script type=\"module\" src=\"");
    escape::attr(&mut out, script);
    out.push_str("\"></script>\n<script type=\"application/ld+json\">");
    out.push_str(&json_ld);
    out.push_str("</script>\n</head>\n<body>\n<main>\n<broadsheet-article>");
    out.push_str(&fragment);
    out.push_str("</broadsheet-article>\n</main>\n</body>\n</html>\n");
    out
}

/// Open Graph and Twitter card tags: what a shared link shows. Every URL in `metadata` is absolute
/// and allowed by the policy.
fn link_preview(out: &mut String, metadata: &Metadata) {
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
fn meta(out: &mut String, attribute: &'static str, name: &'static str, content: &str) {
    out.push_str("<meta ");
    out.push_str(attribute);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    escape::attr(out, content);
    out.push_str("\">\n");
}

struct ArticleWriter<'a> {
    out: String,
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
            out: String::with_capacity(capacity),
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
            let next = String::with_capacity(self.piece_bytes + self.piece_bytes / 8);
            self.pieces.push(std::mem::replace(&mut self.out, next));
        }
    }

    /// Notes that the part at `path` starts here, when places are recorded.
    fn place(&mut self, path: impl FnOnce() -> Path) {
        if let Some(places) = &mut self.places {
            places.push(Place { at: self.out.len(), path: path() });
        }
    }

    fn push(&mut self, html: &str) {
        self.out.push_str(html);
    }

    fn text(&mut self, text: &str) {
        escape::text(&mut self.out, text);
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape::attr(&mut self.out, value);
        self.out.push('"');
    }

    fn number_attr(&mut self, name: &str, value: u32) {
        self.attr(name, &value.to_string());
    }

    /// Writes `name="url"` when the URL policy allows it.
    fn url_attr(&mut self, name: &str, url: &str, usage: UrlUse) {
        if self.allowed(url, usage) {
            self.attr(name, url);
        }
    }

    /// The URL policy on one of the model's URLs (validation's verdict, when it gave one).
    fn allowed(&self, url: &str, usage: UrlUse) -> bool {
        self.urls_checked || allowed(url, usage)
    }

    fn inline(&mut self, text: &Inline) {
        let max_depth = self.options.limits.max_markdown_depth;
        self.markdown_fields += 1;
        self.markdown_clean &= markdown::write_inline_checked(&mut self.out, &text.0, &mut self.outline, max_depth);
    }

    /// `<a href>` around `text` when the URL is allowed, else the text alone.
    fn link(&mut self, text: &str, url: Option<&str>) {
        match url.filter(|url| self.allowed(url, UrlUse::Link)) {
            Some(url) => {
                self.push("<a");
                self.attr("href", url);
                self.push(">");
                self.text(text);
                self.push("</a>");
            }
            None => self.text(text),
        }
    }

    /// A label with its placeholders filled (`Labels::fill`), escaped.
    fn label(&mut self, template: &str, values: &[(&str, &str)]) {
        self.text(&Labels::fill(template, values));
    }

    fn open_heading(&mut self, level: u8, id: Option<&str>, class: Option<&str>) {
        self.push("<h");
        self.out.push((b'0' + level) as char);
        if let Some(class) = class {
            self.attr("class", class);
        }
        if let Some(id) = id {
            self.attr("id", id);
        }
        self.push(">");
    }

    fn close_heading(&mut self, level: u8) {
        self.push("</h");
        self.out.push((b'0' + level) as char);
        self.push(">\n");
    }

    fn article(&mut self, article: &Article) {
        let prefix = self.outline.prefix().to_owned();
        let title_id = self.title_id.clone();
        self.outline.claim(&prefix);
        self.push("<article class=\"bs-article\"");
        self.attr("id", &prefix);
        self.attr("lang", article.lang.as_deref().unwrap_or("en"));
        if let Some(dir) = article.dir {
            self.attr("dir", dir.as_str());
        }
        self.attr("aria-labelledby", &title_id);
        self.push(">\n");
        self.header(article, &title_id);
        if article.hero.is_some() {
            self.place(|| Path::default().key("hero"));
        }
        match &article.hero {
            Some(Media::Image(image)) => self.image(image, Placement::Hero),
            Some(Media::YouTube(video)) => self.youtube(video, Placement::Hero),
            None => {}
        }
        self.push("<div class=\"bs-body\">\n");
        for (i, block) in article.body.iter().enumerate() {
            self.place(|| Path::default().key("body").index(i));
            self.block(block);
            #[cfg(feature = "server")]
            self.spill();
        }
        self.place(Path::default);
        self.push("</div>\n");
        self.footer(article);
        if let Some(related) = &article.related {
            self.related(related);
        }
        self.push("</article>\n");
    }

    fn header(&mut self, article: &Article, title_id: &str) {
        self.push("<header class=\"bs-header\">\n");
        if let Some(section) = &article.section {
            self.push("<p class=\"bs-section\">");
            self.link(&section.name, section.url.as_deref());
            self.push("</p>\n");
        }
        let level = self.outline.headline_level();
        self.open_heading(level, Some(title_id), Some("bs-headline"));
        self.text(&article.headline);
        self.close_heading(level);
        if let Some(dek) = &article.dek {
            self.push("<p class=\"bs-dek\">");
            self.inline(dek);
            self.push("</p>\n");
        }
        if !article.authors.is_empty() {
            self.byline(&article.authors);
        }
        if article.published.is_some() || article.modified.is_some() {
            self.push("<p class=\"bs-dates\">");
            if let Some(published) = &article.published {
                self.time(published);
            }
            if let Some(modified) = &article.modified {
                if article.published.is_some() {
                    self.push(" ");
                }
                self.push("<span class=\"bs-updated\">");
                self.text(&self.options.labels.updated);
                self.push(" ");
                self.time(modified);
                self.push("</span>");
            }
            self.push("</p>\n");
        }
        self.push("</header>\n");
    }

    /// "By A, B and C", each author linked when they have a URL.
    fn byline(&mut self, authors: &[Author]) {
        let labels = &self.options.labels;
        self.push("<p class=\"bs-byline\">");
        self.text(&labels.by);
        for (i, author) in authors.iter().enumerate() {
            match i {
                0 => self.push(" "),
                _ if i + 1 == authors.len() => {
                    self.push(" ");
                    self.text(&labels.and);
                    self.push(" ");
                }
                _ => self.push(", "),
            }
            self.link(&author.name, author.url.as_deref());
        }
        self.push("</p>\n");
    }

    fn time(&mut self, date: &DateTime) {
        self.push("<time");
        self.attr("datetime", &date.machine);
        self.push(">");
        let labels = &self.options.labels;
        let month = &labels.months[usize::from(date.month.clamp(1, 12)) - 1];
        let (year, day) = (date.year.to_string(), date.day.to_string());
        self.label(&labels.date, &[("{year}", &year), ("{day}", &day), ("{month}", month)]);
        self.push("</time>");
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(text) => {
                self.push("<p>");
                self.inline(text);
                self.push("</p>\n");
            }
            Block::Heading(heading) => self.heading(heading),
            Block::Image(image) => self.image(image, Placement::Body),
            Block::YouTube(video) => self.youtube(video, Placement::Body),
            Block::Vimeo(video) => self.vimeo(video),
            Block::Embed(embed) => self.embed(embed),
            Block::Quote(quote) => self.quote(quote),
            Block::List(list) => self.list(list),
            Block::Markdown(text) => {
                self.push("<div class=\"bs-markdown\">");
                let max_depth = self.options.limits.max_markdown_depth;
                self.markdown_fields += 1;
                self.markdown_clean &=
                    markdown::write_block_checked(&mut self.out, text, &mut self.outline, &self.options.labels.table, max_depth);
                self.push("</div>\n");
            }
            Block::Divider => self.push("<hr class=\"bs-divider\">\n"),
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
        self.push(match placement {
            Placement::Hero => "<figure class=\"bs-figure bs-hero\">\n<img class=\"bs-img\"",
            Placement::Body => "<figure class=\"bs-figure\">\n<img class=\"bs-img\"",
        });
        self.url_attr("src", &image.src, UrlUse::Resource);
        let sizes = image.sizes.clone().unwrap_or_else(|| self.options.default_sizes.clone());
        self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
        self.loading(placement);
        self.push(">\n");
        self.figcaption(image.caption.as_ref(), image.credit.as_deref(), None);
        self.push("</figure>\n");
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
        let candidates: Vec<&ImageSource> = srcset.iter().filter(|s| self.allowed(&s.src, UrlUse::Resource)).collect();
        if !candidates.is_empty() {
            let mut srcset = String::new();
            for (i, candidate) in candidates.iter().enumerate() {
                if i > 0 {
                    srcset.push_str(", ");
                }
                srcset.push_str(&candidate.src);
                srcset.push(' ');
                srcset.push_str(&candidate.width.to_string());
                srcset.push('w');
            }
            self.attr("srcset", &srcset);
            self.attr("sizes", sizes);
        }
    }

    /// The hero is usually the largest paint: fetch it first. Everything else waits until near.
    fn loading(&mut self, placement: Placement) {
        self.push(match placement {
            Placement::Hero => " loading=\"eager\" fetchpriority=\"high\"",
            Placement::Body => " loading=\"lazy\" decoding=\"async\"",
        });
    }

    /// Caption, credit and a video's own link as distinct elements; nothing when there is none.
    fn figcaption(&mut self, caption: Option<&Inline>, credit: Option<&str>, watch: Option<WatchLink>) {
        let watch = watch.filter(|watch| allowed(watch.url, UrlUse::Link));
        if caption.is_none() && credit.is_none() && watch.is_none() {
            return;
        }
        self.push("<figcaption class=\"bs-caption\">");
        let mut first = true;
        if let Some(caption) = caption {
            first = false;
            self.push("<span class=\"bs-caption__text\">");
            self.inline(caption);
            self.push("</span>");
        }
        if let Some(credit) = credit {
            if !std::mem::take(&mut first) {
                self.push(" ");
            }
            self.push("<small class=\"bs-credit\"><span class=\"bs-visually-hidden\">");
            self.text(&self.options.labels.credit);
            self.push(" </span>");
            self.text(credit);
            self.push("</small>");
        }
        if let Some(watch) = watch {
            if !first {
                self.push(" ");
            }
            self.push("<a class=\"bs-watch\"");
            self.attr("href", watch.url);
            self.push(">");
            self.text(watch.label);
            self.push("</a>");
        }
        self.push("</figcaption>\n");
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
        let poster = video.poster.as_ref().filter(|poster| match poster.from_player_host {
            true => allowed(&poster.src, UrlUse::Resource),
            false => self.allowed(&poster.src, UrlUse::Resource),
        });
        self.push("<figure class=\"bs-figure bs-video\">\n<div class=\"bs-facade ");
        self.push(shape);
        if video.poster.is_none() {
            self.push(" bs-facade--no-poster");
        }
        self.push("\"");
        if let Some(player_url) = &video.player_url {
            self.attr("data-bs-player", player_url);
        }
        self.attr("data-bs-title", video.title);
        if poster.is_some_and(|poster| poster.from_player_host) {
            // The poster already comes from the player's host, so warming up on intent tells
            // it nothing new.
            self.push(" data-bs-preconnect");
        }
        self.push(">\n<a class=\"bs-facade__control\"");
        // Made by the writer, not validated: checked here.
        if allowed(&video.watch_url, UrlUse::Link) {
            self.attr("href", &video.watch_url);
        }
        self.push(">");
        if let Some(poster) = poster {
            self.push("<img class=\"bs-facade__poster\"");
            self.attr("src", &poster.src);
            self.push(" alt=\"\"");
            if poster.from_player_host {
                self.number_attr("width", youtube::POSTER_WIDTH);
                self.number_attr("height", youtube::POSTER_HEIGHT);
            }
            self.loading(placement);
            self.push(">");
        }
        self.push("<span class=\"bs-facade__play\" aria-hidden=\"true\"></span><span class=\"bs-facade__label\">");
        self.label(&self.options.labels.play_video, &[("{title}", video.title)]);
        self.push("</span></a>\n</div>\n");
        let options = self.options;
        let label = Labels::fill(&options.labels.watch_video, &[("{site}", video.site)]);
        let watch_link = WatchLink { url: &video.watch_url, label: &label };
        self.figcaption(video.caption, video.credit, Some(watch_link));
        self.push("</figure>\n");
    }

    /// A link card: the embedded thing's title and provider, and a self-hosted image if given;
    /// nothing is loaded from the provider until the reader follows the link.
    fn embed(&mut self, embed: &Embed) {
        self.push("<figure class=\"bs-figure bs-embed\">\n<a class=\"bs-embed__card\"");
        self.url_attr("href", &embed.url, UrlUse::Link);
        self.push(">");
        if let Some(image) = &embed.image {
            self.push("<img class=\"bs-embed__image\"");
            self.url_attr("src", &image.src, UrlUse::Resource);
            let sizes = image.sizes.clone().unwrap_or_else(|| self.options.default_sizes.clone());
            self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
            self.push(" loading=\"lazy\" decoding=\"async\">");
        }
        self.push("<span class=\"bs-embed__title\">");
        self.text(&embed.title);
        self.push("</span>");
        if let Some(provider) = &embed.provider {
            self.push("<span class=\"bs-embed__provider\">");
            self.text(provider);
            self.push("</span>");
        }
        self.push("</a>\n");
        self.figcaption(embed.caption.as_ref(), embed.credit.as_deref(), None);
        self.push("</figure>\n");
    }

    fn quote(&mut self, quote: &Quote) {
        self.push(match quote.style {
            QuoteStyle::Block => "<figure class=\"bs-quote\">\n<blockquote",
            QuoteStyle::Pull => "<figure class=\"bs-quote bs-quote--pull\">\n<blockquote",
        });
        if let Some(source) = &quote.source {
            self.url_attr("cite", source, UrlUse::Link);
        }
        self.push("><p>");
        self.inline(&quote.text);
        self.push("</p></blockquote>\n");
        if quote.cite.is_some() || quote.source.is_some() {
            self.push("<figcaption class=\"bs-quote__cite\">");
            let name = quote.cite.as_deref().unwrap_or(&self.options.labels.source);
            self.link(name, quote.source.as_deref());
            self.push("</figcaption>\n");
        }
        self.push("</figure>\n");
    }

    fn list(&mut self, list: &List) {
        self.list_at(list, 1);
    }

    /// A list `depth` lists deep. A hand-built model may nest deeper than validation allows; past
    /// the limit, nested items are written into the list above instead: nothing is dropped, and
    /// the writer's recursion stays bounded.
    fn list_at(&mut self, list: &List, depth: usize) {
        self.push(if list.ordered { "<ol class=\"bs-list\">\n" } else { "<ul class=\"bs-list\">\n" });
        self.list_items(list, depth);
        self.push(if list.ordered { "</ol>\n" } else { "</ul>\n" });
    }

    fn list_items(&mut self, list: &List, depth: usize) {
        for item in &list.items {
            self.push("<li>");
            self.inline(&item.text);
            match &item.list {
                Some(nested) if depth < self.options.limits.max_list_depth => {
                    self.push("\n");
                    self.list_at(nested, depth + 1);
                    self.push("</li>\n");
                }
                Some(nested) => {
                    self.push("</li>\n");
                    // Depth first, with a stack of its own rather than recursion.
                    let mut stack = vec![nested.items.iter()];
                    while let Some(items) = stack.last_mut() {
                        let Some(item) = items.next() else {
                            stack.pop();
                            continue;
                        };
                        self.push("<li>");
                        self.inline(&item.text);
                        self.push("</li>\n");
                        if let Some(deeper) = &item.list {
                            stack.push(deeper.items.iter());
                        }
                    }
                }
                None => self.push("</li>\n"),
            }
        }
    }

    /// Tags and the canonical link, when there are any.
    fn footer(&mut self, article: &Article) {
        if article.tags.is_empty() && article.url.is_none() {
            return;
        }
        self.push("<footer class=\"bs-footer\">\n");
        if !article.tags.is_empty() {
            self.push("<ul class=\"bs-tags\"");
            self.attr("aria-label", &self.options.labels.tags);
            self.push(">");
            for tag in &article.tags {
                self.push("<li>");
                self.text(tag);
                self.push("</li>");
            }
            self.push("</ul>\n");
        }
        if let Some(url) = article.url.as_deref().filter(|url| self.allowed(url, UrlUse::Canonical)) {
            self.push("<p class=\"bs-permalink\"><a rel=\"bookmark\"");
            self.attr("href", url);
            self.push(">");
            self.text(&self.options.labels.permalink);
            self.push("</a></p>\n");
        }
        self.push("</footer>\n");
    }

    fn related(&mut self, related: &Related) {
        let id = self.outline.generate("related");
        self.push("<aside class=\"bs-related\"");
        self.attr("aria-labelledby", &id);
        self.push(">\n");
        let level = self.outline.section_level();
        self.open_heading(level, Some(&id), Some("bs-related__title"));
        self.text(&related.title);
        self.close_heading(level);
        self.push("<ul class=\"bs-related__list\">\n");
        for (i, item) in related.items.iter().enumerate() {
            self.place(|| Path::default().key("related").key("items").index(i));
            self.push("<li class=\"bs-related__item\"><a class=\"bs-related__link\"");
            self.url_attr("href", &item.url, UrlUse::Link);
            self.push(">");
            // As for every image, a refused URL leaves the `<img>` without a source, its alt text kept.
            if let Some(image) = &item.image {
                self.push("<img class=\"bs-related__thumb\"");
                self.url_attr("src", &image.src, UrlUse::Resource);
                // A thumbnail is drawn at its own width; without one, the column's default.
                let sizes = match (&image.sizes, image.width) {
                    (Some(sizes), _) => sizes.clone(),
                    (None, Some(width)) => format!("{width}px"),
                    (None, None) => self.options.default_sizes.clone(),
                };
                self.picture_attrs(&image.alt, image.width, image.height, &image.srcset, &sizes);
                self.push(" loading=\"lazy\" decoding=\"async\">");
            }
            self.push("<span>");
            self.text(&item.headline);
            self.push("</span></a></li>\n");
        }
        self.place(Path::default);
        self.push("</ul>\n</aside>\n");
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
    url: &'u str,
    label: &'u str,
}

/// The URL policy, as the writer applies it: a refused URL is left out, never written.
fn allowed(url: &str, usage: UrlUse) -> bool {
    check_url(url, usage).is_ok()
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
