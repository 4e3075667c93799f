//! The article and each of its parts, one method per block type.

use crate::date::{parse_date_time, parse_duration};
use crate::text::is_language_tag;
use super::{Checker, Fields, StackPath};
use crate::article::*;
use crate::escape::UrlUse;
use crate::json::Value;
use crate::markdown::Flavor;
use crate::{vimeo, youtube};

const ARTICLE_KEYS: &[&str] = &[
    "schema", "id", "lang", "dir", "url", "section", "headline", "dek", "authors", "published",
    "modified", "tags", "hero", "body", "related",
];
const BLOCK_TYPES: &[&str] = &["paragraph", "heading", "image", "youtube", "vimeo", "embed", "quote", "list", "markdown", "divider"];

impl Checker<'_> {
    pub(super) fn article(&mut self, value: &Value, root: &StackPath) -> Option<Article> {
        let Value::Object(_) = value else {
            self.report(root, format!("an article must be a JSON object, found {}", value.kind()));
            return None;
        };
        let fields = self.object(value, root, ARTICLE_KEYS)?;
        if let Some(schema) = fields.get("schema") {
            if !matches!(schema, Value::Number(n) if *n == 1.0 || *n == 1.1) {
                self.report(&root.key("schema"), "must be 1 or 1.1 (the format version)");
            }
        }
        let id = fields.get("id").and_then(|v| self.id(v, &root.key("id")));
        let lang = fields.get("lang").and_then(|v| {
            let path = root.key("lang");
            let tag = self.text(v, &path)?;
            if is_language_tag(tag) {
                Some(tag.to_owned())
            } else {
                self.report(&path, format!("\"{tag}\" is not a BCP 47 language tag (like en, pt-BR, zh-Hant)"));
                None
            }
        });
        let dir = fields.get("dir").and_then(|v| {
            Some(match self.choice(v, &root.key("dir"), &["ltr", "rtl", "auto"])? {
                "ltr" => Dir::Ltr,
                "rtl" => Dir::Rtl,
                _ => Dir::Auto,
            })
        });
        let url = self.opt_url(&fields, "url", root, UrlUse::Canonical);
        let section = fields.get("section").and_then(|v| self.section(v, &root.key("section")));
        let headline = self.required(&fields, "headline", root).and_then(|v| self.text(v, &root.key("headline")));
        let dek = self.opt_inline(&fields, "dek", root);
        let authors = match fields.get("authors") {
            Some(v) => self.list_of(v, &root.key("authors"), Self::author),
            None => Vec::new(),
        };
        let published = fields.get("published").and_then(|v| self.date_time(v, &root.key("published")));
        let modified = fields.get("modified").and_then(|v| self.date_time(v, &root.key("modified")));
        let tags = match fields.get("tags") {
            Some(v) => self.list_of(v, &root.key("tags"), |c, v, p| c.text(v, p).map(str::to_owned)),
            None => Vec::new(),
        };
        let hero = fields.get("hero").and_then(|v| self.hero(v, &root.key("hero")));
        let body = self.required(&fields, "body", root).and_then(|v| self.body(v, &root.key("body")));
        let related = fields.get("related").and_then(|v| self.related(v, &root.key("related")));
        Some(Article {
            id,
            lang,
            dir,
            url,
            section,
            headline: headline?.to_owned(),
            dek,
            authors,
            published,
            modified,
            tags,
            hero,
            body: body?,
            related,
        })
    }

    /// An element id as the format allows it; also the `idPrefix` option.
    pub(super) fn id(&mut self, value: &Value, path: &StackPath) -> Option<String> {
        let id = self.any_string(value, path)?;
        let valid = crate::text::is_id(id);
        if !valid {
            self.report(path, format!("\"{id}\" is not 1 to 64 of A-Z, a-z, 0-9, _ and -"));
        }
        valid.then(|| id.to_owned())
    }

    fn section(&mut self, value: &Value, path: &StackPath) -> Option<Section> {
        let fields = self.object(value, path, &["name", "url"])?;
        let name = self.required(&fields, "name", path).and_then(|v| self.text(v, &path.key("name")));
        let url = self.opt_url(&fields, "url", path, UrlUse::Link);
        Some(Section { name: name?.to_owned(), url })
    }

    fn author(&mut self, value: &Value, path: &StackPath) -> Option<Author> {
        let fields = self.object(value, path, &["name", "url"])?;
        let name = self.required(&fields, "name", path).and_then(|v| self.text(v, &path.key("name")));
        let url = self.opt_url(&fields, "url", path, UrlUse::Link);
        Some(Author { name: name?.to_owned(), url })
    }

    fn date_time(&mut self, value: &Value, path: &StackPath) -> Option<DateTime> {
        let text = self.text(value, path)?;
        let parsed = parse_date_time(text);
        if parsed.is_none() {
            self.report(path, format!("\"{text}\" is not an RFC 3339 date-time (like 2019-10-31T14:05:00Z)"));
        }
        parsed
    }

    fn hero(&mut self, value: &Value, path: &StackPath) -> Option<Media> {
        match self.block(value, path)? {
            Block::Image(image) => Some(Media::Image(image)),
            Block::YouTube(video) => Some(Media::YouTube(video)),
            _ => {
                self.report(&path.key("type"), "the hero must be an image or youtube block");
                None
            }
        }
    }

    fn body(&mut self, value: &Value, path: &StackPath) -> Option<Vec<Block>> {
        let values = self.array(value, path)?;
        if values.len() > self.limits.max_blocks {
            self.report(path, format!(
                "has {} blocks; the limit is {} (limits.max_blocks)",
                values.len(),
                self.limits.max_blocks
            ));
            return None;
        }
        let before = self.problems.len();
        // Heading ids are written as given (under the prefix), so two of them must not be the same.
        // A map, so that checking stays linear in the number of headings.
        let mut heading_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut blocks = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let Some(block) = self.block(value, &path.index(i)) else { continue };
            if let Block::Heading(Heading { id: Some(id), .. }) = &block {
                match heading_ids.get(id) {
                    Some(first) => {
                        let message = format!("id \"{id}\" is already used by {path}[{first}].id");
                        self.report(&path.index(i).key("id"), message);
                    }
                    None => {
                        heading_ids.insert(id.clone(), i);
                    }
                }
            }
            blocks.push(block);
        }
        (self.problems.len() == before).then_some(blocks)
    }

    fn block(&mut self, value: &Value, path: &StackPath) -> Option<Block> {
        let Value::Object(entries) = value else {
            self.expected(path, "a block object", value);
            return None;
        };
        // The type decides which keys are known, so it is read before the keys are checked.
        let kind = self.required(&Fields { entries }, "type", path)?;
        let kind = self.choice(kind, &path.key("type"), BLOCK_TYPES)?;
        match kind {
            "paragraph" => self.paragraph(value, path),
            "heading" => self.heading(value, path).map(Block::Heading),
            "image" => self.image(value, path).map(Block::Image),
            "youtube" => self.youtube(value, path).map(Block::YouTube),
            "vimeo" => self.vimeo(value, path).map(Block::Vimeo),
            "embed" => self.embed(value, path).map(Block::Embed),
            "quote" => self.quote(value, path).map(Block::Quote),
            "list" => self.list(value, path).map(Block::List),
            "markdown" => self.markdown_block(value, path),
            _ => {
                self.object(value, path, &["type"])?;
                Some(Block::Divider)
            }
        }
    }

    fn paragraph(&mut self, value: &Value, path: &StackPath) -> Option<Block> {
        let fields = self.object(value, path, &["type", "text"])?;
        let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
        Some(Block::Paragraph(text?))
    }

    fn heading(&mut self, value: &Value, path: &StackPath) -> Option<Heading> {
        let fields = self.object(value, path, &["type", "level", "text", "id"])?;
        let level = self.required(&fields, "level", path).and_then(|v| self.integer(v, &path.key("level"), 2, 6));
        let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
        let id = fields.get("id").and_then(|v| self.id(v, &path.key("id")));
        Some(Heading { level: level? as u8, text: text?, id })
    }

    fn quote(&mut self, value: &Value, path: &StackPath) -> Option<Quote> {
        let fields = self.object(value, path, &["type", "text", "cite", "source", "style"])?;
        let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
        let cite = self.opt_text(&fields, "cite", path);
        let source = self.opt_url(&fields, "source", path, UrlUse::Link);
        let style = match fields.get("style") {
            Some(v) => match self.choice(v, &path.key("style"), &["block", "pull"])? {
                "pull" => QuoteStyle::Pull,
                _ => QuoteStyle::Block,
            },
            None => QuoteStyle::Block,
        };
        Some(Quote { text: text?, cite, source, style })
    }

    fn list(&mut self, value: &Value, path: &StackPath) -> Option<List> {
        let fields = self.object(value, path, &["type", "ordered", "items"])?;
        self.list_body(&fields, path, 1)
    }

    /// `ordered` and `items` of a list `depth` lists deep (1 for a list block).
    fn list_body(&mut self, fields: &Fields, path: &StackPath, depth: usize) -> Option<List> {
        let ordered = match fields.get("ordered") {
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.expected(&path.key("ordered"), "true or false", other);
                false
            }
            None => false,
        };
        let items_path = path.key("items");
        let values = self.required(fields, "items", path).and_then(|v| self.array(v, &items_path))?;
        if values.is_empty() {
            self.report(&items_path, "a list needs at least one item");
            return None;
        }
        let items: Vec<ListItem> =
            values.iter().enumerate().filter_map(|(i, v)| self.list_item(v, &items_path.index(i), depth)).collect();
        (items.len() == values.len()).then_some(List { ordered, items })
    }

    /// An item: Markdown text, or (format 1.1) `{ text, items?, ordered? }` with a nested list.
    fn list_item(&mut self, value: &Value, path: &StackPath, depth: usize) -> Option<ListItem> {
        if !matches!(value, Value::Object(_)) {
            return Some(ListItem { text: self.inline(value, path)?, list: None });
        }
        let fields = self.object(value, path, &["text", "items", "ordered"])?;
        let text = self.required(&fields, "text", path).and_then(|v| self.inline(v, &path.key("text")));
        let list = match fields.get("items") {
            None => {
                if fields.get("ordered").is_some() {
                    self.report(&path.key("ordered"), "only means something with items");
                }
                None
            }
            Some(_) if depth >= self.limits.max_list_depth => {
                let max = self.limits.max_list_depth;
                self.report(&path.key("items"), format!("lists nest deeper than {max} levels (limits.max_list_depth)"));
                return None;
            }
            Some(_) => Some(self.list_body(&fields, path, depth + 1)?),
        };
        Some(ListItem { text: text?, list })
    }

    fn markdown_block(&mut self, value: &Value, path: &StackPath) -> Option<Block> {
        let fields = self.object(value, path, &["type", "text"])?;
        let text = self.required(&fields, "text", path)?;
        self.markdown(text, &path.key("text"), Flavor::Block).map(Block::Markdown)
    }

    fn image(&mut self, value: &Value, path: &StackPath) -> Option<Image> {
        let keys = ["type", "src", "alt", "width", "height", "caption", "credit", "srcset", "sizes"];
        let fields = self.object(value, path, &keys)?;
        let picture = self.picture(&fields, path);
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let Picture { src, alt, width, height, srcset, sizes } = picture?;
        Some(Image { src, alt, width, height, caption, credit, srcset, sizes })
    }

    /// What every picture has: `src`, `alt` (required, `""` for a decorative one), its size, and
    /// the responsive `srcset` and `sizes`.
    fn picture(&mut self, fields: &Fields, path: &StackPath) -> Option<Picture> {
        let src = self.required(fields, "src", path).and_then(|v| self.url(v, &path.key("src"), UrlUse::Resource));
        let alt = match fields.get("alt") {
            Some(v) => self.any_string(v, &path.key("alt")),
            None => {
                self.report(&path.key("alt"), "is required (describe the image, or \"\" if it is decorative)");
                None
            }
        };
        let width = self.opt_integer(fields, "width", path, *Image::SIDE_PIXELS.start(), *Image::SIDE_PIXELS.end());
        let height = self.opt_integer(fields, "height", path, *Image::SIDE_PIXELS.start(), *Image::SIDE_PIXELS.end());
        let srcset = match fields.get("srcset") {
            Some(v) => self.list_of(v, &path.key("srcset"), |c, v, p| {
                let fields = c.object(v, p, &["src", "width"])?;
                let src = c.required(&fields, "src", p).and_then(|v| c.url(v, &p.key("src"), UrlUse::Resource));
                let width = c.required(&fields, "width", p).and_then(|v| c.integer(v, &p.key("width"), *Image::SIDE_PIXELS.start(), *Image::SIDE_PIXELS.end()));
                if src.as_deref().is_some_and(|s| s.starts_with(',') || s.ends_with(',')) {
                    c.report(&p.key("src"), "a srcset URL cannot start or end with a comma");
                    return None;
                }
                Some(ImageSource { src: src?, width: width? })
            }),
            None => Vec::new(),
        };
        let sizes = self.opt_text(fields, "sizes", path);
        if sizes.is_some() && srcset.is_empty() && fields.get("srcset").is_none() {
            self.report(&path.key("sizes"), "only means something with a srcset");
        }
        Some(Picture { src: src?, alt: alt?.to_owned(), width, height, srcset, sizes })
    }

    fn youtube(&mut self, value: &Value, path: &StackPath) -> Option<YouTube> {
        let keys = ["type", "id", "url", "title", "start", "caption", "credit", "poster", "uploaded", "duration"];
        let fields = self.object(value, path, &keys)?;
        let site = VideoSite {
            id_rule: "a YouTube video id (11 of A-Z, a-z, 0-9, _ and -)",
            is_video_id: youtube::is_video_id,
            parse_url: |url| youtube::parse_url(url).map(|v| VideoSource { id: v.id, start: v.start, vertical: v.vertical }),
        };
        let (video, start) = self.video_source(&fields, path, &site);
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let poster = self.opt_url(&fields, "poster", path, UrlUse::Resource);
        let uploaded = fields.get("uploaded").and_then(|v| self.date_time(v, &path.key("uploaded")));
        let duration = fields.get("duration").and_then(|v| self.duration(v, &path.key("duration")));
        let video = video?;
        Some(YouTube {
            id: video.id,
            start,
            vertical: video.vertical,
            title: title?.to_owned(),
            caption,
            credit,
            poster,
            uploaded,
            duration,
        })
    }

    fn vimeo(&mut self, value: &Value, path: &StackPath) -> Option<Vimeo> {
        let keys = ["type", "id", "url", "title", "start", "caption", "credit", "poster"];
        let fields = self.object(value, path, &keys)?;
        let site = VideoSite {
            id_rule: "a Vimeo video id (1 to 12 digits)",
            is_video_id: vimeo::is_video_id,
            parse_url: |url| vimeo::parse_url(url).map(|v| VideoSource { id: v.id, start: v.start, vertical: false }),
        };
        let (video, start) = self.video_source(&fields, path, &site);
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let poster = self.opt_url(&fields, "poster", path, UrlUse::Resource);
        let video = video?;
        Some(Vimeo { id: video.id, start, title: title?.to_owned(), caption, credit, poster })
    }

    /// A video's `id` or `url` (exactly one) and its `start`, which must agree with the url's;
    /// the start is the block's or else the url's.
    fn video_source(&mut self, fields: &Fields, path: &StackPath, site: &VideoSite) -> (Option<VideoSource>, Option<u32>) {
        let start = self.opt_integer(fields, "start", path, 0, 86_400 * 7);
        let video = match (fields.get("id"), fields.get("url")) {
            (Some(_), Some(_)) => {
                self.report(&path.key("url"), "give either id or url, not both");
                None
            }
            (None, None) => {
                self.report(&path.key("id"), "is required (or give the video's url)");
                None
            }
            (Some(id), None) => {
                let id_path = path.key("id");
                match self.any_string(id, &id_path) {
                    Some(id) if (site.is_video_id)(id) => Some(VideoSource { id: id.to_owned(), start: None, vertical: false }),
                    Some(id) => {
                        self.report(&id_path, format!("\"{id}\" is not {}", site.id_rule));
                        None
                    }
                    None => None,
                }
            }
            (None, Some(url)) => {
                let url_path = path.key("url");
                let parsed = self.url(url, &url_path, UrlUse::Link).map(|url| (site.parse_url)(&url));
                match parsed {
                    Some(Ok(video)) => Some(video),
                    Some(Err(why)) => {
                        self.report(&url_path, why);
                        None
                    }
                    None => None,
                }
            }
        };
        if let (Some(from_url), Some(start)) = (video.as_ref().and_then(|v| v.start), start) {
            if from_url != start {
                self.report(&path.key("start"), format!("is {start} but the url starts at {from_url}; keep one"));
            }
        }
        let start = start.or(video.as_ref().and_then(|v| v.start));
        (video, start)
    }

    fn embed(&mut self, value: &Value, path: &StackPath) -> Option<Embed> {
        let keys = ["type", "url", "title", "provider", "caption", "credit", "image"];
        let fields = self.object(value, path, &keys)?;
        let url = self.required(&fields, "url", path).and_then(|v| self.url(v, &path.key("url"), UrlUse::Link));
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let provider = self.opt_text(&fields, "provider", path);
        let caption = self.opt_inline(&fields, "caption", path);
        let credit = self.opt_text(&fields, "credit", path);
        let image = match fields.get("image") {
            Some(v) => Some(self.picture_object(v, &path.key("image"))?),
            None => None,
        };
        Some(Embed { url: url?, title: title?.to_owned(), provider, caption, credit, image })
    }

    /// Seconds, given as a number or as an ISO 8601 duration (`PT1M30S`, `P1DT2H`).
    fn duration(&mut self, value: &Value, path: &StackPath) -> Option<u32> {
        const MAX: u32 = 86_400 * 30;
        match value {
            Value::String(text) => match parse_duration(text) {
                Some(seconds) if seconds <= MAX => Some(seconds),
                _ => {
                    self.report(path, format!("\"{text}\" is not an ISO 8601 duration such as PT1M30S (up to 30 days)"));
                    None
                }
            },
            _ => self.integer(value, path, 0, MAX),
        }
    }

    fn related(&mut self, value: &Value, path: &StackPath) -> Option<Related> {
        let fields = self.object(value, path, &["title", "items"])?;
        let title = self.required(&fields, "title", path).and_then(|v| self.text(v, &path.key("title")));
        let items_path = path.key("items");
        let values = self.required(&fields, "items", path).and_then(|v| self.array(v, &items_path))?;
        if values.is_empty() {
            self.report(&items_path, "the rail needs at least one item");
        }
        let items: Vec<RelatedItem> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let p = items_path.index(i);
                let fields = self.object(v, &p, &["headline", "url", "image"])?;
                let headline = self.required(&fields, "headline", &p).and_then(|v| self.text(v, &p.key("headline")));
                let url = self.required(&fields, "url", &p).and_then(|v| self.url(v, &p.key("url"), UrlUse::Link));
                let image = fields.get("image").and_then(|v| self.thumbnail(v, &p.key("image")));
                if fields.get("image").is_some() && image.is_none() {
                    return None;
                }
                Some(RelatedItem { headline: headline?.to_owned(), url: url?, image })
            })
            .collect();
        Some(Related { title: title?.to_owned(), items })
    }

    /// A related item's image: a bare URL (a decorative thumbnail) or, in format 1.1, a picture.
    fn thumbnail(&mut self, value: &Value, path: &StackPath) -> Option<Thumbnail> {
        if !matches!(value, Value::Object(_)) {
            let src = self.url(value, path, UrlUse::Resource)?;
            return Some(Thumbnail { src, alt: String::new(), width: None, height: None, srcset: Vec::new(), sizes: None });
        }
        self.picture_object(value, path)
    }

    /// An image object: `{ src, alt, width?, height?, srcset?, sizes? }`.
    fn picture_object(&mut self, value: &Value, path: &StackPath) -> Option<Thumbnail> {
        let fields = self.object(value, path, &["src", "alt", "width", "height", "srcset", "sizes"])?;
        let Picture { src, alt, width, height, srcset, sizes } = self.picture(&fields, path)?;
        Some(Thumbnail { src, alt, width, height, srcset, sizes })
    }
}

/// How a video site names its videos.
struct VideoSite {
    /// What an id is, for the message: "a Vimeo video id (1 to 12 digits)".
    id_rule: &'static str,
    is_video_id: fn(&str) -> bool,
    parse_url: fn(&str) -> Result<VideoSource, String>,
}

/// The video a block names, by id or by url.
struct VideoSource {
    id: String,
    start: Option<u32>,
    vertical: bool,
}

/// The fields every picture shares, checked.
struct Picture {
    src: String,
    alt: String,
    width: Option<u32>,
    height: Option<u32>,
    srcset: Vec<ImageSource>,
    sizes: Option<String>,
}
