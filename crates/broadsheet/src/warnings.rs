//! Warnings: what is valid but bad for readers (alt text, link words, titles, sizes, dates), each
//! with the JSON path it is about and the id of the rule that found it.
//!
//! Validation refuses what cannot be written; these rules only advise, and never change the HTML.
//! `docs/warnings.md` explains each rule: what it finds, why it matters, an example and the fix.

use std::collections::HashMap;
use std::fmt;

use crate::article::*;
use crate::error::Path;
use crate::markdown::{self, Flavor};

/// One warning: where, what is wrong there and how to fix it, and the rule that found it.
/// `Display` prints `path: message [rule]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where: `hero.alt`, `body[3].caption`, `related.items[1].url`.
    pub path: Path,
    /// What is wrong there and how to fix it, quoting the value.
    pub message: String,
    /// The rule's id, one of [`RULES`]: `image-alt`.
    pub rule: &'static str,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{} [{}]", self.message, self.rule)
    }
}

/// A warning rule: its id (axe-core's where axe has the rule) and what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id warnings print and options switch off: `image-alt`.
    pub id: &'static str,
    /// What it finds, in a line.
    pub summary: &'static str,
}

const IMAGE_ALT: Rule = Rule {
    id: "image-alt",
    summary: "alt text that is a file name, a slug, a placeholder word or only white space",
};
const IMAGE_REDUNDANT_ALT: Rule = Rule {
    id: "image-redundant-alt",
    summary: "alt text that repeats the caption, or the words of the link the image is in",
};
const ALT_TOO_LONG: Rule = Rule { id: "alt-too-long", summary: "alt text over 150 characters" };
const LINK_NAME: Rule = Rule {
    id: "link-name",
    summary: "link words that do not say where the link goes: none, \"click here\", \"read more\", a bare URL",
};
const GENERIC_VIDEO_TITLE: Rule = Rule {
    id: "generic-video-title",
    summary: "a video title that names the site, not the video: \"YouTube video player\"",
};
const IMAGE_SIZE: Rule = Rule { id: "image-size", summary: "an image without width and height (the page shifts as it loads)" };
const HERO_SRCSET: Rule = Rule { id: "hero-srcset", summary: "a hero image without srcset (every screen loads the largest file)" };
const DATES_ORDER: Rule = Rule { id: "dates-order", summary: "modified before published" };
const EMPTY_HEADING: Rule = Rule { id: "empty-heading", summary: "a heading with no words once its Markdown is read" };
const DUPLICATE_RELATED: Rule = Rule { id: "duplicate-related", summary: "two related items that link to the same page" };
const VIDEO_UPLOAD_DATE: Rule = Rule {
    id: "video-upload-date",
    summary: "a YouTube video without its upload date (search engines need one)",
};

/// Every rule, in the order `docs/warnings.md` documents them; the one list of rule ids.
pub const RULES: &[Rule] = &[
    IMAGE_ALT,
    IMAGE_REDUNDANT_ALT,
    ALT_TOO_LONG,
    LINK_NAME,
    GENERIC_VIDEO_TITLE,
    IMAGE_SIZE,
    HERO_SRCSET,
    DATES_ORDER,
    EMPTY_HEADING,
    DUPLICATE_RELATED,
    VIDEO_UPLOAD_DATE,
];

/// Alt text longer than this many characters is read in one breath.
const MAX_ALT_CHARS: usize = 150;

/// The warnings for a valid article, in input order, leaving out the rules whose ids are in `off`.
pub fn warnings(article: &Article, off: &[String]) -> Vec<Warning> {
    let mut walk = Walk { off, found: Vec::new() };
    walk.article(article);
    walk.found
}

/// One pass over the article; `found` grows in input order.
struct Walk<'o> {
    off: &'o [String],
    found: Vec<Warning>,
}

impl Walk<'_> {
    fn warn(&mut self, path: Path, rule: Rule, message: String) {
        if !self.off.iter().any(|id| id == rule.id) {
            self.found.push(Warning { path, message, rule: rule.id });
        }
    }

    fn article(&mut self, article: &Article) {
        let root = Path::default();
        if let Some(dek) = &article.dek {
            self.inline(dek, root.key("dek"));
        }
        if let (Some(published), Some(modified)) = (&article.published, &article.modified) {
            if modified.instant < published.instant {
                let message = format!(
                    "{} is before published ({}); an update cannot come before the article, and readers and search engines are shown the wrong dates; correct the one that is wrong (are the two swapped?)",
                    modified.machine, published.machine
                );
                self.warn(root.key("modified"), DATES_ORDER, message);
            }
        }
        match &article.hero {
            Some(Media::Image(image)) => self.image(image, &root.key("hero"), true),
            Some(Media::YouTube(video)) => self.youtube(video, &root.key("hero")),
            None => {}
        }
        let body = root.key("body");
        for (i, block) in article.body.iter().enumerate() {
            self.block(block, &body.index(i));
        }
        if let Some(related) = &article.related {
            self.related(related, &root.key("related"));
        }
    }

    fn block(&mut self, block: &Block, path: &Path) {
        match block {
            Block::Paragraph(text) => self.inline(text, path.key("text")),
            Block::Heading(heading) => self.heading(heading, path),
            Block::Image(image) => self.image(image, path, false),
            Block::YouTube(video) => self.youtube(video, path),
            Block::Vimeo(video) => {
                self.video_title(&video.title, path);
                self.opt_inline(video.caption.as_ref(), path.key("caption"));
            }
            Block::Embed(embed) => self.embed(embed, path),
            Block::Quote(quote) => self.inline(&quote.text, path.key("text")),
            Block::List(list) => self.list(list, path),
            Block::Markdown(text) => self.markdown_block(text, path.key("text")),
            Block::Divider => {}
        }
    }

    /// Links in an inline Markdown field.
    fn inline(&mut self, text: &Inline, path: Path) {
        for link in markdown::landmarks(&text.0, Flavor::Inline).links {
            self.link_words(&link.words, &link.url, &path);
        }
    }

    fn opt_inline(&mut self, text: Option<&Inline>, path: Path) {
        if let Some(text) = text {
            self.inline(text, path);
        }
    }

    fn heading(&mut self, heading: &Heading, path: &Path) {
        let words = markdown::plain_text(&heading.text.0);
        if !says_something(&words) {
            let mut message = format!("heading {} has no words", quote(&heading.text.0));
            if !words.is_empty() && words != heading.text.0.trim() {
                message.push_str(&format!(" (a reader sees {})", quote(&words)));
            }
            message.push_str(EMPTY_HEADING_FIX);
            self.warn(path.key("text"), EMPTY_HEADING, message);
        }
        self.inline(&heading.text, path.key("text"));
    }

    /// An image block or the hero (`is_hero`), in the order of its keys.
    fn image(&mut self, image: &Image, path: &Path, is_hero: bool) {
        self.alt(&image.alt, &image.src, path);
        if let Some(caption) = &image.caption {
            let caption_words = markdown::plain_text(&caption.0);
            if repeats(&image.alt, &caption_words) {
                let message = format!(
                    "alt {} repeats the caption, so screen readers read the same words twice; let the alt text say what the image shows and the caption what the reader should know about it, or write \"\" if the caption already describes the image",
                    quote(&image.alt)
                );
                self.warn(path.key("alt"), IMAGE_REDUNDANT_ALT, message);
            }
        }
        self.size(image.width, image.height, path);
        self.opt_inline(image.caption.as_ref(), path.key("caption"));
        if is_hero && image.srcset.is_empty() {
            let message = "the hero image has no srcset, so phones download the same file as the widest screen, and the hero is the first image readers wait for; list the sizes you have, like \"srcset\": [{\"src\": \"…-800.jpg\", \"width\": 800}, {\"src\": \"…-1600.jpg\", \"width\": 1600}]";
            self.warn(path.key("srcset"), HERO_SRCSET, message.to_owned());
        }
    }

    /// `image-alt` and `alt-too-long` for the alt text at `path.alt` of the picture at `src`.
    fn alt(&mut self, alt: &str, src: &str, path: &Path) {
        if let Some(problem) = alt_problem(alt, src) {
            self.warn(path.key("alt"), IMAGE_ALT, format!("alt {problem}"));
        }
        if let Some(problem) = alt_length_problem(alt) {
            self.warn(path.key("alt"), ALT_TOO_LONG, format!("alt {problem}"));
        }
    }

    /// Width and height, or the layout shifts when the image arrives.
    fn size(&mut self, width: Option<u32>, height: Option<u32>, path: &Path) {
        const WHY: &str = "the browser cannot reserve its space and the text jumps when the image arrives";
        let (path, message) = match (width, height) {
            (Some(_), Some(_)) => return,
            (None, None) => (
                path.clone(),
                format!("the image has no width and height, so {WHY}; give the file's size in pixels, like \"width\": 1200, \"height\": 800"),
            ),
            (Some(width), None) => (
                path.key("height"),
                format!("the image has a width ({width}) but no height, so {WHY}; give the file's height in pixels too"),
            ),
            (None, Some(height)) => (
                path.key("width"),
                format!("the image has a height ({height}) but no width, so {WHY}; give the file's width in pixels too"),
            ),
        };
        self.warn(path, IMAGE_SIZE, message);
    }

    fn youtube(&mut self, video: &YouTube, path: &Path) {
        self.video_title(&video.title, path);
        self.opt_inline(video.caption.as_ref(), path.key("caption"));
        if video.uploaded.is_none() {
            let message = "the video has no upload date, which search engines need to list it as a video (schema.org VideoObject's uploadDate); add \"uploaded\" with the date it was published on YouTube, like \"uploaded\": \"2019-10-18T12:00:00Z\"";
            self.warn(path.key("uploaded"), VIDEO_UPLOAD_DATE, message.to_owned());
        }
    }

    fn video_title(&mut self, title: &str, path: &Path) {
        if is_generic_video_title(title) {
            let message = format!(
                "title {} does not say what the video is, yet it names the play button and the player for screen readers and the video for search engines; write what the video shows, as a headline would",
                quote(title)
            );
            self.warn(path.key("title"), GENERIC_VIDEO_TITLE, message);
        }
    }

    fn embed(&mut self, embed: &Embed, path: &Path) {
        // The card is one link; its title is the words it is known by.
        self.link_words(&embed.title, &embed.url, &path.key("title"));
        self.opt_inline(embed.caption.as_ref(), path.key("caption"));
        if let Some(image) = &embed.image {
            let image_path = path.key("image");
            self.thumbnail(image, &embed.title, "the card's title", &image_path);
            self.size(image.width, image.height, &image_path);
        }
    }

    /// A picture inside a link whose words are `link_words` (`what` names them in the message).
    fn thumbnail(&mut self, image: &Thumbnail, link_words: &str, what: &str, path: &Path) {
        self.alt(&image.alt, &image.src, path);
        if repeats(&image.alt, link_words) {
            let message = format!(
                "alt {} repeats {what} in the same link, so screen readers read it twice; write \"\" ({what} already names the link), or say what the picture shows",
                quote(&image.alt)
            );
            self.warn(path.key("alt"), IMAGE_REDUNDANT_ALT, message);
        }
    }

    fn list(&mut self, list: &List, path: &Path) {
        let items = path.key("items");
        for (i, item) in list.items.iter().enumerate() {
            let item_path = items.index(i);
            match &item.list {
                // Only an item object can hold a list, so its text is at `.text`.
                Some(nested) => {
                    self.inline(&item.text, item_path.key("text"));
                    self.list(nested, &item_path);
                }
                // The model does not keep whether the item was a string or `{ "text": … }`: the
                // item itself is named, which holds its text either way.
                None => self.inline(&item.text, item_path),
            }
        }
    }

    fn markdown_block(&mut self, text: &str, path: Path) {
        let found = markdown::landmarks(text, Flavor::Block);
        for heading in &found.headings {
            if !says_something(heading) {
                let message = match heading.is_empty() {
                    true => format!("a heading in this Markdown (a \"#\" line) has no words{EMPTY_HEADING_FIX}"),
                    false => format!("a heading in this Markdown, {}, has no words{EMPTY_HEADING_FIX}", quote(heading)),
                };
                self.warn(path.clone(), EMPTY_HEADING, message);
            }
        }
        for picture in &found.pictures {
            let image = format!("image {}: alt", quote(&picture.url));
            if let Some(problem) = alt_problem(&picture.words, &picture.url) {
                self.warn(path.clone(), IMAGE_ALT, format!("{image} {problem}"));
            }
            if let Some(problem) = alt_length_problem(&picture.words) {
                self.warn(path.clone(), ALT_TOO_LONG, format!("{image} {problem}"));
            }
        }
        for link in &found.links {
            self.link_words(&link.words, &link.url, &path);
        }
    }

    /// `link-name` for a link known by `words` that goes to `url`.
    fn link_words(&mut self, words: &str, url: &str, path: &Path) {
        const FIX: &str = "put the link on words that name what it opens";
        let message = if words.trim().is_empty() {
            format!("the link to {} has no words, so screen readers announce it only as \"link\" or read out its URL; {FIX}", quote(url))
        } else if is_bare_url(words, url) {
            format!("link text {} is a bare URL, which screen readers spell out and which says nothing about what it opens; {FIX}", quote(words))
        } else if is_generic_link_text(words) {
            format!(
                "link text {} (to {}) does not say where the link goes, and screen reader users often hear links listed on their own; {FIX}",
                quote(words),
                quote(url)
            )
        } else {
            return;
        };
        self.warn(path.clone(), LINK_NAME, message);
    }

    fn related(&mut self, related: &Related, path: &Path) {
        let items = path.key("items");
        // Each page's first item; a map, so that a long rail stays linear.
        let mut first_items: HashMap<String, usize> = HashMap::new();
        for (i, item) in related.items.iter().enumerate() {
            let item_path = items.index(i);
            self.link_words(&item.headline, &item.url, &item_path.key("headline"));
            if let Some(&first) = first_items.get(&page(&item.url)) {
                let message = format!(
                    "{} links to the same page as {}, so the rail offers readers one story twice; remove one, or link another story",
                    quote(&item.url),
                    items.index(first)
                );
                self.warn(item_path.key("url"), DUPLICATE_RELATED, message);
            } else {
                first_items.insert(page(&item.url), i);
            }
            if let Some(image) = &item.image {
                // Thumbnails are drawn at a fixed size, so a missing width and height shift nothing.
                self.thumbnail(image, &item.headline, "the headline", &item_path.key("image"));
            }
        }
    }
}

const EMPTY_HEADING_FIX: &str =
    "; screen reader users move from heading to heading, and this one tells them nothing; write the heading's words, or remove it";

const ALT_FIX: &str = "say what the image shows (who or what, doing what, where), or write \"\" if it is only decoration";

/// What is wrong with alt text for `image-alt`, as the rest of a message after "alt ".
fn alt_problem(alt: &str, src: &str) -> Option<String> {
    if alt.is_empty() {
        return None; // decorative, on purpose
    }
    let trimmed = alt.trim();
    if trimmed.is_empty() {
        return Some(format!("{} is only white space, which some screen readers announce as an unnamed image; write \"\" for a decorative image, or say what it shows", quote(alt)));
    }
    let lower = lower(trimmed);
    let one_word = !trimmed.contains(char::is_whitespace);
    let file = file_name(src);
    let what = if has_image_extension(&lower) || is_camera_name(&lower) {
        "is a file name".to_owned()
    } else if one_word && !file.is_empty() && loose(trimmed) == loose(stem(file)) {
        format!("is the image's file name ({file})")
    } else if one_word && is_slug(trimmed) {
        "is a slug".to_owned()
    } else if is_placeholder(&lower) {
        "is a placeholder".to_owned()
    } else {
        return None;
    };
    Some(format!("{} {what}, not a description; {ALT_FIX}", quote(alt)))
}

/// `alt-too-long`'s message after "alt ", if `alt` is over the limit.
fn alt_length_problem(alt: &str) -> Option<String> {
    let chars = alt.chars().count();
    (chars > MAX_ALT_CHARS).then(|| {
        format!(
            "{} is {chars} characters; screen readers read alt text in one go, with no way to pause or go back; keep it under {MAX_ALT_CHARS} characters and put the detail in the caption",
            quote(alt)
        )
    })
}

const IMAGE_EXTENSIONS: &[&str] = &[
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".jxl",
];

fn has_image_extension(lower: &str) -> bool {
    IMAGE_EXTENSIONS.iter().any(|ext| lower.len() > ext.len() && lower.ends_with(ext))
}

/// The names cameras and phones give files: `IMG_0042`, `DSC01234`, `PXL_20230101_123456`.
fn is_camera_name(lower: &str) -> bool {
    const PREFIXES: &[&str] = &["img", "dsc", "dscn", "dscf", "pxl", "gopr", "dji", "mvimg", "screenshot", "dcim"];
    PREFIXES.iter().any(|prefix| {
        lower.strip_prefix(prefix).is_some_and(|rest| {
            rest.bytes().any(|b| b.is_ascii_digit()) && rest.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'_' | b'-' | b' '))
        })
    })
}

/// Words joined by `-` or `_` with no space: `el-chapo-son`, `hero_image`. One hyphen alone is
/// ordinary writing (`X-ray`, `COVID-19`).
fn is_slug(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && (word.contains('_') || word.matches('-').count() >= 2)
}

/// Words that stand in for a description; compared after trimming punctuation and a number
/// (`Image 1`, `photo #2`).
fn is_placeholder(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "image", "img", "photo", "photograph", "picture", "pic", "graphic", "figure", "icon", "logo", "thumbnail", "thumb",
        "placeholder", "untitled", "spacer", "banner", "hero", "hero image", "header image", "featured image", "main image",
        "screenshot", "alt", "alt text", "image description", "description", "no description", "blank", "null", "undefined",
        "none", "n/a", "todo", "tbd", "tk", "default", "image of", "photo of", "picture of",
        // Spanish, French, German, Portuguese, Italian.
        "imagen", "foto", "fotografía", "ilustración", "sin título", "illustration", "sans titre", "bild", "abbildung",
        "grafik", "imagem", "fotografia", "immagine",
    ];
    let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let without_number = trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '#' | '-' | '_'));
    let word = if without_number.is_empty() { trimmed } else { without_number };
    WORDS.contains(&word)
}

/// The last path segment of a URL, without query or fragment: `guzman.jpg`.
fn file_name(url: &str) -> &str {
    let path = crate::url::Url::parse(url).path;
    path.rsplit('/').next().unwrap_or(path)
}

fn stem(file: &str) -> &str {
    match file.rfind('.') {
        Some(at) if at > 0 => &file[..at],
        _ => file,
    }
}

/// Lower case with `-`, `_` and `+` read as spaces, for comparing a word with a file name.
fn loose(text: &str) -> String {
    lower(text).replace(['-', '_', '+'], " ")
}

/// Whether alt text says the same as other words beside it: equal but for case, punctuation
/// and spacing. Empty alt repeats nothing.
fn repeats(alt: &str, other: &str) -> bool {
    let alt = comparable(alt);
    !alt.is_empty() && alt == comparable(other)
}

fn comparable(text: &str) -> String {
    let words: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    lower(&words).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether text has anything a reader can read as words: a letter or a digit.
fn says_something(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Link words that are the URL itself.
fn is_bare_url(words: &str, url: &str) -> bool {
    let lower = lower(words.trim());
    words.trim() == url || lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

/// Words that could link anywhere, compared after trimming punctuation and arrows.
fn is_generic_link_text(words: &str) -> bool {
    const PHRASES: &[&str] = &[
        "click here", "click", "here", "click this", "tap here", "this", "link", "this link", "go", "go here", "read more",
        "read", "more", "learn more", "see more", "view more", "more info", "more information", "more details", "details",
        "info", "continue", "continue reading", "keep reading", "read the rest", "this page", "page", "website",
        "this website", "this article", "article", "view", "download", "open", "a link", "the link", "see here",
        "more here", "read here", "check it out", "this story", "this post",
        // Spanish.
        "aquí", "aqui", "clic aquí", "haga clic aquí", "haz clic aquí", "pulse aquí", "leer más", "ver más", "más",
        "más información", "enlace", "este enlace",
        // French.
        "ici", "cliquez ici", "lire la suite", "en savoir plus", "voir plus", "lien", "ce lien",
        // German.
        "hier", "hier klicken", "klicken sie hier", "mehr", "weiterlesen", "mehr erfahren",
        // Portuguese.
        "clique aqui", "leia mais", "saiba mais", "ver mais", "mais",
        // Italian.
        "qui", "clicca qui", "leggi di più", "scopri di più",
    ];
    PHRASES.contains(&normalized(words).as_str())
}

/// A video title that names the site or the player, not the video.
fn is_generic_video_title(title: &str) -> bool {
    const TITLES: &[&str] = &[
        "youtube video", "youtube video player", "youtube", "youtube player", "youtube embed", "view this video on youtube",
        "watch this video on youtube", "watch on youtube", "vimeo", "vimeo video", "vimeo video player", "vimeo player",
        "vimeo embed", "view this video on vimeo", "watch on vimeo", "video", "video player", "embedded video",
        "embedded content", "embed", "iframe", "untitled", "untitled video", "play", "play video", "watch", "watch video",
        "this video", "vídeo", "vidéo", "vídeo de youtube", "vidéo youtube",
    ];
    let lower = lower(title.trim());
    lower.starts_with("http://") || lower.starts_with("https://") || TITLES.contains(&normalized(title).as_str())
}

/// Lower case for comparing words, for the letters of the languages the word lists cover (ASCII
/// and Latin-1): core's whole Unicode case table would add about 10 KB to the WebAssembly module.
fn lower(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Lower case, single spaces, no punctuation or symbols at either end: `"Read more »"` → `read more`.
fn normalized(text: &str) -> String {
    let lower = lower(text);
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).trim().to_owned()
}

/// The page a URL opens, for telling whether two related links go to one page: the URL but for a
/// `#fragment`, a trailing `/` and the case of the scheme and host.
fn page(url: &str) -> String {
    let parts = crate::url::Url::parse(url);
    let mut page = String::with_capacity(url.len());
    if let Some(scheme) = parts.scheme {
        page.push_str(&scheme.to_ascii_lowercase());
        page.push(':');
    }
    if let Some(authority) = parts.authority {
        page.push_str("//");
        page.push_str(&authority.to_ascii_lowercase());
    }
    page.push_str(parts.path);
    if let Some(query) = parts.query {
        page.push('?');
        page.push_str(query);
    }
    if page.ends_with('/') {
        page.pop();
    }
    page
}

/// A value quoted for a one-line message: escaped as in JSON source (`\"`, `\n`), and cut after
/// 60 characters.
fn quote(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        out.extend(c.escape_debug());
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_text_that_is_not_a_description() {
        let says = |alt: &str, src: &str| alt_problem(alt, src).map(|p| p.split(',').next().unwrap_or_default().to_owned());
        assert_eq!(says("guzman", "https://i.test/guzman.jpg?w=2"), Some("\"guzman\" is the image's file name (guzman.jpg)".into()));
        assert_eq!(says("IMG_0042.JPG", "/a.png"), Some("\"IMG_0042.JPG\" is a file name".into()));
        assert_eq!(says("DSC01234", "/a.png"), Some("\"DSC01234\" is a file name".into()));
        assert_eq!(says("el-chapo-son", "/a.png"), Some("\"el-chapo-son\" is a slug".into()));
        assert_eq!(says("Photo #2", "/a.png"), Some("\"Photo #2\" is a placeholder".into()));
        assert_eq!(says("Imagen.", "/a.png"), Some("\"Imagen.\" is a placeholder".into()));
        for fine in ["", "Photo of a heron at dusk", "Heron", "X-ray of a hand", "COVID-19 testing tent", "Heron at dusk"] {
            assert_eq!(alt_problem(fine, "/heron-at-dusk.jpg"), None, "{fine}");
        }
        assert!(alt_problem(" ", "/a.png").is_some_and(|p| p.starts_with("\" \" is only white space")));
    }

    #[test]
    fn link_words_that_say_nothing() {
        for generic in ["click here", "Here.", "Read more »", "READ  MORE", "leer más", "→ more"] {
            assert!(is_generic_link_text(generic), "{generic}");
        }
        for fine in ["Read more about the budget", "the council's report", "here and there"] {
            assert!(!is_generic_link_text(fine), "{fine}");
        }
        assert!(is_bare_url("https://e.test/x", "https://e.test/x") && is_bare_url("www.e.test", "https://www.e.test/"));
        assert!(!is_bare_url("me@e.test", "mailto:me@e.test"));
    }

    #[test]
    fn pages_are_the_same_but_for_fragment_slash_and_host_case() {
        assert_eq!(page("https://E.test/a/"), page("https://e.test/a#top"));
        assert_ne!(page("https://e.test/A"), page("https://e.test/a"));
        assert_eq!(page("/life/a"), page("/life/a/"));
    }

    #[test]
    fn quoting_keeps_a_line_one_line() {
        assert_eq!(quote("say \"hi\"\nthen"), r#""say \"hi\"\nthen""#);
        assert_eq!(quote(&"a".repeat(61)), format!("\"{}…\"", "a".repeat(60)));
    }

    #[test]
    fn a_heading_that_is_an_empty_link_is_empty_and_so_is_its_link() {
        let json = r#"{"headline": "h", "body": [{"type": "heading", "level": 2, "text": "[](https://e.test/x)"}]}"#;
        let article = crate::parse(json, &Default::default()).unwrap();
        let lines: Vec<String> = warnings(&article, &[]).iter().map(ToString::to_string).collect();
        assert_eq!(lines, [
            format!("body[0].text: heading \"[](https://e.test/x)\" has no words{EMPTY_HEADING_FIX} [empty-heading]"),
            "body[0].text: the link to \"https://e.test/x\" has no words, so screen readers announce it only as \"link\" or read out its URL; put the link on words that name what it opens [link-name]".to_owned(),
        ]);
    }

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(rule.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", rule.id);
            assert!(RULES[..i].iter().all(|earlier| earlier.id != rule.id), "{} twice", rule.id);
        }
    }
}
