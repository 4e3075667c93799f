//! Vimeo addresses: reading the forms people paste, and the URLs the facade and player use.

/// What a Vimeo URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoRef {
    /// The numeric video id.
    pub id: String,
    /// Start offset in seconds, from `#t=`.
    pub start: Option<u32>,
}

/// One to twelve digits.
pub fn is_video_id(id: &str) -> bool {
    (1..=12).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
}

/// Reads `vimeo.com/ID`, `vimeo.com/channels/NAME/ID`, `vimeo.com/groups/NAME/videos/ID`,
/// `vimeo.com/showcase/N/video/ID` and `player.vimeo.com/video/ID`, with `#t=90s` (or `1m30s`)
/// as the start.
pub fn parse_url(url: &str) -> Result<VideoRef, String> {
    let web = crate::url::web_parts(url).ok_or("is not a Vimeo URL (expected https://vimeo.com/…)")?;
    let (host, path, fragment) = (web.host, web.path, web.fragment);
    if !matches!(host.as_str(), "vimeo.com" | "www.vimeo.com" | "player.vimeo.com") {
        return Err(format!("is not a Vimeo URL (host {host})"));
    }
    // The id is the last path segment that is all digits; the segments before it name where it
    // is shown (a channel, a group, a showcase).
    let id = path.trim_end_matches('/').rsplit('/').find(|s| is_video_id(s));
    let Some(id) = id else {
        return Err(format!("is a Vimeo URL without a video in it (path /{path})"));
    };
    let start = match fragment.strip_prefix("t=") {
        Some(t) => Some(crate::youtube::parse_offset(t).ok_or_else(|| format!("has a start time \"{t}\" that is not like 90, 90s or 1m30s"))?),
        None => None,
    };
    Ok(VideoRef { id: id.to_owned(), start })
}

/// The video's page on vimeo.com (it works without JavaScript).
pub fn watch_url(id: &str, start: Option<u32>) -> String {
    match start {
        Some(s) if s > 0 => format!("https://vimeo.com/{id}#t={s}s"),
        _ => format!("https://vimeo.com/{id}"),
    }
}

/// The video's player, as search engines expect to be told of it (`embedUrl`): no autoplay, no
/// start, no tracking parameter.
pub fn embed_url(id: &str) -> String {
    format!("https://player.vimeo.com/video/{id}")
}

/// The player the facade becomes when the reader asks for it; `dnt=1` asks Vimeo not to track.
pub fn player_url(id: &str, start: Option<u32>) -> String {
    match start {
        Some(s) if s > 0 => format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1#t={s}s"),
        _ => format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video(id: &str, start: Option<u32>) -> Result<VideoRef, String> {
        Ok(VideoRef { id: id.into(), start })
    }

    #[test]
    fn reads_every_url_form() {
        assert_eq!(parse_url("https://vimeo.com/76979871"), video("76979871", None));
        assert_eq!(parse_url("https://vimeo.com/76979871#t=1m30s"), video("76979871", Some(90)));
        assert_eq!(parse_url("https://www.vimeo.com/channels/staffpicks/76979871"), video("76979871", None));
        assert_eq!(parse_url("https://vimeo.com/groups/shortfilms/videos/76979871/"), video("76979871", None));
        assert_eq!(parse_url("https://player.vimeo.com/video/76979871?h=abc"), video("76979871", None));
        assert_eq!(parse_url("https://youtube.com/76979871"), Err("is not a Vimeo URL (host youtube.com)".into()));
        assert_eq!(parse_url("https://vimeo.com/channels/staffpicks"), Err("is a Vimeo URL without a video in it (path /channels/staffpicks)".into()));
        assert_eq!(parse_url("vimeo.com/1"), Err("is not a Vimeo URL (expected https://vimeo.com/…)".into()));
        assert_eq!(parse_url("https://vimeo.com/1#t=soon"), Err("has a start time \"soon\" that is not like 90, 90s or 1m30s".into()));
    }

    #[test]
    fn builds_urls() {
        assert_eq!(watch_url("76979871", Some(5)), "https://vimeo.com/76979871#t=5s");
        assert_eq!(player_url("76979871", None), "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
        assert_eq!(player_url("76979871", Some(5)), "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=5s");
        assert_eq!(embed_url("76979871"), "https://player.vimeo.com/video/76979871");
    }
}
