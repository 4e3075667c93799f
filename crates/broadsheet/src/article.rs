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
    pub dir: Option<Dir>,
    /// Canonical URL (absolute http or https).
    pub url: Option<String>,
    pub section: Option<Section>,
    /// Plain text.
    pub headline: String,
    /// Standfirst under the headline, inline Markdown.
    pub dek: Option<Inline>,
    pub authors: Vec<Author>,
    pub published: Option<DateTime>,
    pub modified: Option<DateTime>,
    pub tags: Vec<String>,
    /// Lead media.
    pub hero: Option<Media>,
    pub body: Vec<Block>,
    pub related: Option<Related>,
}

/// Text direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
    Auto,
}

impl Dir {
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
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
}

/// An RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTime {
    /// Normalised for HTML's `datetime` attribute: `T` and `Z` upper case, at most three
    /// fractional digits, a leap second read as `:59`.
    pub machine: String,
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// The instant it names, for comparing dates across offsets: seconds since
    /// 1970-01-01T00:00:00Z, then milliseconds (a leap second read as `:59`).
    pub instant: (i64, u32),
}

/// Lead media: an image or a video.
#[derive(Debug, Clone, PartialEq)]
pub enum Media {
    Image(Image),
    YouTube(YouTube),
}

/// A body block.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Inline),
    Heading(Heading),
    Image(Image),
    YouTube(YouTube),
    /// Format 1.1.
    Vimeo(Vimeo),
    /// Format 1.1: anything else a story embeds, as a link card.
    Embed(Embed),
    Quote(Quote),
    List(List),
    /// Full CommonMark with tables and strikethrough.
    Markdown(String),
    Divider,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 to 6, relative to the headline's 1.
    pub level: u8,
    pub text: Inline,
    /// Used as the element id as given.
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    /// `""` marks a decorative image.
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: Option<Inline>,
    /// Plain text.
    pub credit: Option<String>,
    pub srcset: Vec<ImageSource>,
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
    pub src: String,
    /// Intrinsic width in pixels (`w` descriptor).
    pub width: u32,
}

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
    pub caption: Option<Inline>,
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
    pub caption: Option<Inline>,
    pub credit: Option<String>,
    pub poster: Option<String>,
}

/// A post, an episode, a map…: a link card to it, with no third-party script, frame or request
/// (format 1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    pub url: String,
    /// Plain text: what the link opens.
    pub title: String,
    /// Plain text: where it lives ("Bluesky", "Spotify").
    pub provider: Option<String>,
    pub caption: Option<Inline>,
    pub credit: Option<String>,
    /// A self-hosted image for the card.
    pub image: Option<Thumbnail>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub text: Inline,
    /// Who said it (plain text).
    pub cite: Option<String>,
    /// Where it was said (URL).
    pub source: Option<String>,
    pub style: QuoteStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    Block,
    Pull,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub ordered: bool,
    pub items: Vec<ListItem>,
}

/// One item: its text and, in format 1.1, a list nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub text: Inline,
    pub list: Option<List>,
}

/// The "Latest in …" rail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub title: String,
    pub items: Vec<RelatedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedItem {
    pub headline: String,
    pub url: String,
    /// Shown beside the headline.
    pub image: Option<Thumbnail>,
}

/// A related item's image: in format 1.1 an object with alt text and size; a bare URL (v1) is a
/// decorative thumbnail (`alt` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub srcset: Vec<ImageSource>,
    pub sizes: Option<String>,
}
