//! YouTube addresses: reading the forms people paste, and the URLs the facade and player use.

use std::borrow::Cow;

use crate::article::YouTube;
use crate::options::PosterPolicy;

/// What a YouTube URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoRef {
    /// The 11-character video id.
    pub id: String,
    /// Start offset in seconds, from `t=` or `start=`.
    pub start: Option<u32>,
    /// A `shorts/` URL: the video is 9:16.
    pub vertical: bool,
}

/// `[A-Za-z0-9_-]{11}`.
pub fn is_video_id(id: &str) -> bool {
    id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Reads `watch?v=`, `youtu.be/`, `embed/`, `shorts/`, `live/`, `youtube-nocookie.com` and `m.`
/// forms, with `t=` or `start=` (`90`, `90s`, `1m30s`, `1h2m3s`) as the start.
pub fn parse_url(url: &str) -> Result<VideoRef, String> {
    let web = crate::url::web_parts(url).ok_or("is not a YouTube URL (expected https://www.youtube.com/watch?v=… or https://youtu.be/…)")?;
    let (host, path, query, fragment) = (web.host, web.path, web.query, web.fragment);
    let param = |name: &str| {
        query.split('&').chain(fragment.split('&')).find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then_some(v)
        })
    };
    let (id, vertical) = match host.as_str() {
        "youtu.be" | "www.youtu.be" => (path.split('/').next().unwrap_or(""), false),
        "youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com"
        | "youtube-nocookie.com" | "www.youtube-nocookie.com" => {
            let mut segments = path.split('/');
            match (segments.next().unwrap_or(""), segments.next()) {
                ("watch", _) => (param("v").unwrap_or(""), false),
                ("embed" | "v" | "live", Some(id)) => (id, false),
                ("shorts", Some(id)) => (id, true),
                _ => return Err(format!("is a YouTube URL without a video in it (path /{path})")),
            }
        }
        _ => return Err(format!("is not a YouTube URL (host {host})")),
    };
    if !is_video_id(id) {
        return Err(format!("has \"{id}\" where an 11-character video id belongs"));
    }
    let start = match param("t").or_else(|| param("start")) {
        Some(t) => Some(parse_offset(t).ok_or_else(|| format!("has a start time \"{t}\" that is not like 90, 90s or 1m30s"))?),
        None => None,
    };
    Ok(VideoRef { id: id.to_owned(), start, vertical })
}

/// `90`, `90s`, `1m30s`, `1h2m3s` → seconds.
pub(crate) fn parse_offset(t: &str) -> Option<u32> {
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let mut total: u32 = 0;
    let mut number: Option<u32> = None;
    for c in t.chars() {
        match c {
            '0'..='9' => number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(c as u32 - '0' as u32)?),
            'h' | 'm' | 's' => {
                let unit = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                total = total.checked_add(number.take()?.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    (number.is_none() && !t.is_empty()).then_some(total)
}

/// The page on youtube.com the facade links to (it works without JavaScript).
pub fn watch_url(id: &str, start: Option<u32>, vertical: bool) -> String {
    match (vertical, start) {
        (true, _) => format!("https://www.youtube.com/shorts/{id}"),
        (false, Some(s)) if s > 0 => format!("https://www.youtube.com/watch?v={id}&t={s}s"),
        (false, _) => format!("https://www.youtube.com/watch?v={id}"),
    }
}

/// YouTube's own poster for a video ([`POSTER_WIDTH`]×[`POSTER_HEIGHT`]).
pub fn poster_url(id: &str) -> String {
    format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")
}

/// The width of YouTube's own poster, in pixels.
pub const POSTER_WIDTH: u32 = 480;
/// The height of YouTube's own poster, in pixels.
pub const POSTER_HEIGHT: u32 = 360;

/// The image that stands in for a video before it plays.
pub(crate) struct Poster<'v> {
    pub src: Cow<'v, str>,
    /// YouTube's own (its size is then known); otherwise the block's self-hosted one.
    pub from_youtube: bool,
}

/// The poster a video's facade shows, and so the one the page's metadata names: the block's own,
/// else YouTube's unless the policy allows self-hosted images only, in which case none.
pub(crate) fn poster(video: &YouTube, policy: PosterPolicy) -> Option<Poster<'_>> {
    match (&video.poster, policy) {
        (Some(poster), _) => Some(Poster { src: Cow::Borrowed(poster), from_youtube: false }),
        (None, PosterPolicy::YouTube) => Some(Poster { src: Cow::Owned(poster_url(&video.id)), from_youtube: true }),
        (None, PosterPolicy::SelfHostedOnly) => None,
    }
}

/// The video's player on youtube.com, as search engines expect to be told of it (`embedUrl`);
/// the facade itself plays [`player_url`], the privacy-enhanced one.
pub fn embed_url(id: &str) -> String {
    format!("https://www.youtube.com/embed/{id}")
}

/// The privacy-enhanced player the facade becomes when the reader asks for it.
pub fn player_url(id: &str, start: Option<u32>) -> String {
    match start {
        Some(s) if s > 0 => format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&start={s}"),
        _ => format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video(id: &str, start: Option<u32>, vertical: bool) -> Result<VideoRef, String> {
        Ok(VideoRef { id: id.into(), start, vertical })
    }

    #[test]
    fn reads_every_url_form() {
        let id = "dQw4w9WgXcQ";
        assert_eq!(parse_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), video(id, None, false));
        assert_eq!(parse_url("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=1m30s"), video(id, Some(90), false));
        assert_eq!(parse_url("https://youtu.be/dQw4w9WgXcQ?t=42"), video(id, Some(42), false));
        assert_eq!(parse_url("https://www.youtube.com/embed/dQw4w9WgXcQ?start=7"), video(id, Some(7), false));
        assert_eq!(parse_url("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), video(id, None, false));
        assert_eq!(parse_url("https://youtube.com/shorts/dQw4w9WgXcQ"), video(id, None, true));
        assert_eq!(parse_url("http://www.youtube.com/watch?v=dQw4w9WgXcQ#t=1h2m3s"), video(id, Some(3723), false));
        assert_eq!(parse_url("https://vimeo.com/1"), Err("is not a YouTube URL (host vimeo.com)".into()));
        assert_eq!(parse_url("https://youtu.be/short"), Err("has \"short\" where an 11-character video id belongs".into()));
        assert_eq!(
            parse_url("https://youtu.be/dQw4w9WgXcQ?t=soon"),
            Err("has a start time \"soon\" that is not like 90, 90s or 1m30s".into())
        );
    }

    #[test]
    fn builds_urls() {
        assert_eq!(watch_url("dQw4w9WgXcQ", Some(5), false), "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5s");
        assert_eq!(player_url("dQw4w9WgXcQ", Some(5)), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=5");
        assert_eq!(player_url("dQw4w9WgXcQ", None), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        assert_eq!(embed_url("dQw4w9WgXcQ"), "https://www.youtube.com/embed/dQw4w9WgXcQ");
    }
}
