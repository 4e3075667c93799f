//! Which addresses are videos the format shows behind a facade: the one rule the importers ask
//! before they write a `youtube` or `vimeo` block instead of an `embed` link card.

/// A site whose videos the format shows behind a facade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoSite {
    /// `youtube` blocks.
    YouTube,
    /// `vimeo` blocks (format 1.1).
    Vimeo,
}

impl VideoSite {
    /// The site of the video at `url` (surrounding white space ignored), if the format has a
    /// facade for it: a URL that [`crate::youtube::parse_url`] or [`crate::vimeo::parse_url`] reads.
    ///
    /// ```
    /// use broadsheet::video::VideoSite;
    /// assert_eq!(VideoSite::of_url(" https://youtu.be/Bm5lP1dHq9E "), Some(VideoSite::YouTube));
    /// assert_eq!(VideoSite::of_url("https://vimeo.com/76979871"), Some(VideoSite::Vimeo));
    /// assert_eq!(VideoSite::of_url("https://www.youtube.com/channel/x"), None);
    /// ```
    pub fn of_url(url: &str) -> Option<VideoSite> {
        let url = url.trim();
        if crate::youtube::parse_url(url).is_ok() {
            Some(VideoSite::YouTube)
        } else if crate::vimeo::parse_url(url).is_ok() {
            Some(VideoSite::Vimeo)
        } else {
            None
        }
    }

    /// The block type that shows it: `youtube` or `vimeo`.
    pub fn block_type(self) -> &'static str {
        match self {
            VideoSite::YouTube => "youtube",
            VideoSite::Vimeo => "vimeo",
        }
    }

    /// The site's name, for people: `YouTube`, `Vimeo`.
    pub fn name(self) -> &'static str {
        match self {
            VideoSite::YouTube => "YouTube",
            VideoSite::Vimeo => "Vimeo",
        }
    }
}
