//! Article format 1.1 (a superset of v1), as a validated Rust model.
//!
//! This is the public contract in one place; `docs/format-v1.md` describes the JSON and
//! `schema/article-v1.schema.json` publishes it as a JSON Schema. A value of these types made by
//! [`crate::parse`] has passed every check; the writer still applies the URL policy and escaping
//! to whatever it is given, so a hand-built model cannot produce unsafe HTML either.

/// One article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Prefix for element ids, `[A-Za-z0-9_-]{1,64}`; `None` means a slug of the headline.
    pub id: Option<String>,
    /// BCP 47 language tag; `None` means `en`.
    pub lang: Option<String>,
    /// Text direction of the whole article; `None` inherits the page's.
    pub dir: Option<Dir>,
    /// Canonical URL (absolute http or https).
    pub url: Option<String>,
    /// The section it is filed under, shown above the headline.
    pub section: Option<Section>,
    /// The title, written as the `<h1>`; plain text.
    pub headline: String,
    /// Standfirst under the headline, inline Markdown.
    pub dek: Option<Inline>,
    /// The byline, in order; may be empty.
    pub authors: Vec<Author>,
    /// When it was first published.
    pub published: Option<DateTime>,
    /// When it was last updated.
    pub modified: Option<DateTime>,
    /// Topics, plain text, listed in the footer.
    pub tags: Vec<String>,
    /// Lead media, shown before the body and loaded first.
    pub hero: Option<Media>,
    /// The story's blocks, in reading order; may be empty.
    pub body: Vec<Block>,
    /// Links to other stories, after the footer.
    pub related: Option<Related>,
}

/// Text direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Left to right (`ltr`).
    Ltr,
    /// Right to left (`rtl`), as for Arabic or Hebrew.
    Rtl,
    /// The browser decides from the text (`auto`).
    Auto,
}

impl Dir {
    /// The value as the format and HTML's `dir` attribute spell it: `ltr`, `rtl` or `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
            Dir::Auto => "auto",
        }
    }
}

/// Inline Markdown source: emphasis, strong, code, strikethrough and links; block syntax is text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline(pub String);

/// The section the article belongs to ("Life").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Plain text, shown above the headline.
    pub name: String,
    /// The section's front page; the name links to it.
    pub url: Option<String>,
}

/// One name in the byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Plain text.
    pub name: String,
    /// The author's page or address (`mailto:` allowed); the name links to it.
    pub url: Option<String>,
}

/// An RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTime {
    /// Normalised for HTML's `datetime` attribute: `T` and `Z` upper case, at most three
    /// fractional digits, a leap second read as `:59`.
    pub machine: String,
    /// The calendar year, as written (in the date's own offset).
    pub year: u16,
    /// The month, 1 to 12, as written.
    pub month: u8,
    /// The day of the month, as written.
    pub day: u8,
    /// The instant it names, for comparing dates across offsets: seconds since
    /// 1970-01-01T00:00:00Z, then milliseconds (a leap second read as `:59`).
    pub instant: (i64, u32),
}

/// Lead media: an image or a video.
#[derive(Debug, Clone, PartialEq)]
pub enum Media {
    /// A lead image.
    Image(Image),
    /// A lead YouTube video.
    YouTube(YouTube),
}

/// A body block.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of inline Markdown.
    Paragraph(Inline),
    /// A subheading in the body.
    Heading(Heading),
    /// An image with its caption and credit.
    Image(Image),
    /// A YouTube video, written as a facade that loads nothing from YouTube until it is played.
    YouTube(YouTube),
    /// Format 1.1.
    Vimeo(Vimeo),
    /// Format 1.1: anything else a story embeds, as a link card.
    Embed(Embed),
    /// A quotation, as a block quote or a pull quote.
    Quote(Quote),
    /// A bulleted or numbered list.
    List(List),
    /// Full CommonMark with tables and strikethrough.
    Markdown(String),
    /// A thematic break between parts of the story (`<hr>`).
    Divider,
}

/// A subheading; it gets an id, so it can be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 to 6, relative to the headline's 1.
    pub level: u8,
    /// The heading's words, inline Markdown.
    pub text: Inline,
    /// Used as the element id as given.
    pub id: Option<String>,
}

/// An image, in the body or as lead media.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The image's URL.
    pub src: String,
    /// What the image shows, for readers who cannot see it; `""` marks a decorative image.
    pub alt: String,
    /// Intrinsic width in pixels; with `height`, it reserves the image's box before it loads.
    pub width: Option<u32>,
    /// Intrinsic height in pixels.
    pub height: Option<u32>,
    /// Shown under the image, inline Markdown.
    pub caption: Option<Inline>,
    /// Who made the image, shown with the caption; plain text.
    pub credit: Option<String>,
    /// Other sizes of the same image, for the browser to choose from; may be empty.
    pub srcset: Vec<ImageSource>,
    /// HTML's `sizes` for the `srcset`: how wide the image is drawn; `None` means the
    /// `default_sizes` option.
    pub sizes: Option<String>,
}

impl Image {
    /// The widths and heights the format takes, in whole pixels; sizes in `srcset` too.
    pub const SIDE_PIXELS: std::ops::RangeInclusive<u32> = 1..=100_000;

    /// Whether `n` is a width or height the format takes: a whole number in [`Self::SIDE_PIXELS`].
    pub fn is_side(n: f64) -> bool {
        n.fract() == 0.0 && (f64::from(*Self::SIDE_PIXELS.start())..=f64::from(*Self::SIDE_PIXELS.end())).contains(&n)
    }
}

/// One `srcset` candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSource {
    /// The URL of this size.
    pub src: String,
    /// Intrinsic width in pixels (`w` descriptor).
    pub width: u32,
}

/// A YouTube video: a poster and a play button that load the player (from
/// youtube-nocookie.com) only when the reader asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YouTube {
    /// 11 characters of `[A-Za-z0-9_-]`.
    pub id: String,
    /// Start offset in seconds.
    pub start: Option<u32>,
    /// A YouTube Short: a 9:16 box instead of 16:9.
    pub vertical: bool,
    /// Plain text; names the play control and the player.
    pub title: String,
    /// Shown under the video, inline Markdown.
    pub caption: Option<Inline>,
    /// Who made the video, shown with the caption; plain text.
    pub credit: Option<String>,
    /// A self-hosted poster image, used instead of YouTube's.
    pub poster: Option<String>,
    /// When the video was published (format 1.1), for search metadata.
    pub uploaded: Option<DateTime>,
    /// How long the video runs, in seconds (format 1.1: ISO 8601 `PT1M30S` or a number).
    pub duration: Option<u32>,
}

/// A Vimeo video (format 1.1): the same facade as YouTube's, with no poster but a self-hosted one
/// (Vimeo's own thumbnails need an API call, a request before the reader asks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vimeo {
    /// One to twelve digits.
    pub id: String,
    /// Start offset in seconds.
    pub start: Option<u32>,
    /// Plain text; names the play control and the player.
    pub title: String,
    /// Shown under the video, inline Markdown.
    pub caption: Option<Inline>,
    /// Who made the video, shown with the caption; plain text.
    pub credit: Option<String>,
    /// A self-hosted poster image; without one the facade shows none.
    pub poster: Option<String>,
}

/// A post, an episode, a map…: a link card to it, with no third-party script, frame or request
/// (format 1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// Where the card links to: the post, episode or map itself.
    pub url: String,
    /// Plain text: what the link opens.
    pub title: String,
    /// Plain text: where it lives ("Bluesky", "Spotify").
    pub provider: Option<String>,
    /// Shown under the card, inline Markdown.
    pub caption: Option<Inline>,
    /// Who made what the card links to; plain text.
    pub credit: Option<String>,
    /// A self-hosted image for the card.
    pub image: Option<Thumbnail>,
}

/// A quotation, with who said it and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The words quoted, inline Markdown.
    pub text: Inline,
    /// Who said it (plain text).
    pub cite: Option<String>,
    /// Where it was said (URL).
    pub source: Option<String>,
    /// How it is set: a block quote in the text, or a pull quote.
    pub style: QuoteStyle,
}

/// How a quote is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    /// A block quote, set off from the text (`block`, the default).
    Block,
    /// A pull quote: words from the story set large, to draw the eye (`pull`).
    Pull,
}

/// A list of items, each inline Markdown, possibly with a list nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Numbered (`<ol>`) rather than bulleted (`<ul>`).
    pub ordered: bool,
    /// At least one.
    pub items: Vec<ListItem>,
}

/// One item: its text and, in format 1.1, a list nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's words, inline Markdown.
    pub text: Inline,
    /// A list nested under the item (format 1.1).
    pub list: Option<List>,
}

/// The "Latest in …" rail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The rail's heading ("Latest in Life"); plain text.
    pub title: String,
    /// The stories, at least one.
    pub items: Vec<RelatedItem>,
}

/// One story in the related rail: its headline, linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedItem {
    /// The other story's headline; plain text.
    pub headline: String,
    /// The other story's URL.
    pub url: String,
    /// Shown beside the headline.
    pub image: Option<Thumbnail>,
}

/// A related item's image: in format 1.1 an object with alt text and size; a bare URL (v1) is a
/// decorative thumbnail (`alt` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// The image's URL.
    pub src: String,
    /// What the image shows; `""` marks a decorative thumbnail.
    pub alt: String,
    /// Intrinsic width in pixels; the thumbnail is drawn at this width.
    pub width: Option<u32>,
    /// Intrinsic height in pixels.
    pub height: Option<u32>,
    /// Other sizes of the same image, for the browser to choose from; may be empty.
    pub srcset: Vec<ImageSource>,
    /// HTML's `sizes` for the `srcset`; `None` means the thumbnail's width, else the
    /// `default_sizes` option.
    pub sizes: Option<String>,
}
