//! How an article is written: heading levels, ids, posters, UI labels and input limits; which
//! warnings are switched off; and the site whole pages belong to.

/// Rendering options. `Options::default()` is what the CLI, the package and the element use.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Added to every heading level. Default `0`: the headline is an `<h1>`. Use `1` on pages
    /// that already own the `<h1>`. Levels past 6 stay at `<h6>`.
    pub heading_shift: u8,
    /// Prefix for element ids. Default `None`: the article's `id`, else a slug of its headline.
    pub id_prefix: Option<String>,
    /// Where video posters come from. Default [`PosterPolicy::YouTube`].
    pub poster: PosterPolicy,
    /// Every word the HTML shows or announces that is not the article's. Default: English.
    pub labels: Labels,
    /// `sizes` for images that give a `srcset` but no `sizes`. Default matches the stylesheet's
    /// column: `(min-width: 46rem) 44rem, 100vw`.
    pub default_sizes: String,
    /// Bounds on the input. Default: [`Limits::default()`].
    pub limits: Limits,
    /// Ids of the warning rules switched off (see [`crate::RULES`]); they report nothing. Default:
    /// none. An id that is no rule's matches nothing here; [`Options::from_json_value`] refuses it.
    pub warnings_off: Vec<String>,
    /// The site the article is published on, said once rather than in every article: whole pages
    /// ([`crate::render_page`]) and the JSON-LD name it as the publisher. Default `None`: nothing
    /// about a site is written. The `<article>` fragment does not change with it.
    pub site: Option<Site>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            heading_shift: 0,
            id_prefix: None,
            poster: PosterPolicy::YouTube,
            labels: Labels::default(),
            default_sizes: "(min-width: 46rem) 44rem, 100vw".into(),
            limits: Limits::default(),
            warnings_off: Vec::new(),
            site: None,
        }
    }
}

/// The site a page belongs to: what link previews show as its name (`og:site_name`), whose account
/// a shared link credits (`twitter:site`), and the publisher search engines read in the JSON-LD
/// (a schema.org `Organization`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Plain text: "The Example Times".
    pub name: String,
    /// The site's home page, absolute `https` or `http`.
    pub url: Option<String>,
    /// The site's logo, for the publisher.
    pub logo: Option<Logo>,
    /// The site's X (Twitter) account, written with its `@`: `"@example"`.
    pub twitter: Option<String>,
    /// The Open Graph locale (`language_TERRITORY`, as `"en_US"`) of the site's articles in its
    /// language: the territory an article's `lang` does not name (`en`), when the languages agree.
    pub locale: Option<String>,
}

/// The site's logo, for the publisher in the JSON-LD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Absolute `https` or `http`.
    pub src: String,
    /// In pixels.
    pub width: Option<u32>,
    /// In pixels.
    pub height: Option<u32>,
}

/// Which image stands in for a video before it plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterPolicy {
    /// The block's `poster` if it has one, else YouTube's own from `i.ytimg.com`.
    YouTube,
    /// The block's `poster` if it has one, else no image: the page makes no third-party request
    /// until the reader plays the video.
    SelfHostedOnly,
}

/// UI text, for translation. `{title}` in `play_video` is replaced by the video's title;
/// `{day}`, `{month}` and `{year}` in `date` by the date's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Before the authors: "By".
    pub by: String,
    /// Between the last two authors: "and".
    pub and: String,
    /// Before the modified date: "Updated".
    pub updated: String,
    /// The play control's name: "Play video: {title}".
    pub play_video: String,
    /// The link under a video to its page on its site: "Watch on {site}" ({site}: YouTube, Vimeo).
    pub watch_video: String,
    /// Announced before an image credit: "Credit:".
    pub credit: String,
    /// Link text for a quote's source when it has no speaker: "Source".
    pub source: String,
    /// Names the tag list: "Tags".
    pub tags: String,
    /// Link text for the canonical URL: "Permalink".
    pub permalink: String,
    /// Names the scrolling region around a Markdown table: "Table".
    pub table: String,
    /// Date display: "{month} {day}, {year}".
    pub date: String,
    /// Month names, January first.
    pub months: [String; 12],
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            by: "By".into(),
            and: "and".into(),
            updated: "Updated".into(),
            play_video: "Play video: {title}".into(),
            watch_video: "Watch on {site}".into(),
            credit: "Credit:".into(),
            source: "Source".into(),
            tags: "Tags".into(),
            permalink: "Permalink".into(),
            table: "Table".into(),
            date: "{month} {day}, {year}".into(),
            months: [
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December",
            ]
            .map(String::from),
        }
    }
}

impl Labels {
    /// `template` with every placeholder of `values` filled, wherever and however often it
    /// appears; text the values bring is not searched again, and other braces stay as written.
    ///
    /// ```
    /// use broadsheet::Labels;
    /// assert_eq!(Labels::fill("{title} ({title})", &[("{title}", "A {title}")]), "A {title} (A {title})");
    /// ```
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            rest = &rest[open..];
            match values.iter().find(|(name, _)| rest.starts_with(name)) {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = &rest[name.len()..];
                }
                None => {
                    out.push('{');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Bounds on the input; each error names the limit it hit. The defaults are far above any real
/// article (a long-form piece is about 60 KB and 100 blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Size of the JSON text in bytes. Default 32 MiB.
    pub max_input_bytes: usize,
    /// Blocks in `body`. Default 20,000.
    pub max_blocks: usize,
    /// Length of any one string, in bytes. Default 4 MiB.
    pub max_string_bytes: usize,
    /// How deep Markdown containers (quotes, lists, emphasis, links) may nest. Default 32.
    pub max_markdown_depth: usize,
    /// How deep lists may nest inside list items (format 1.1). Default 8.
    pub max_list_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 32 << 20,
            max_blocks: 20_000,
            max_string_bytes: 4 << 20,
            max_markdown_depth: 32,
            max_list_depth: 8,
        }
    }
}
