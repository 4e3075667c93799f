//! Everything that decides what untrusted text may become in HTML: escaping, one function per
//! context, and the URL policy. No other module writes input text into the output.

/// Appends `text` as an HTML text node: `&`, `<` and `>` are escaped.
pub fn text(out: &mut String, text: &str) {
    escape(out, text, |b| matches!(b, b'&' | b'<' | b'>'))
}

/// Appends `value` for use inside a double-quoted attribute: `&`, `<`, `>`, `"` and `'` are escaped.
pub fn attr(out: &mut String, value: &str) {
    escape(out, value, |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
}

/// Appends JSON text for a `<script type="application/json">` element: `<` becomes `\u003c`, so
/// nothing in it can close the element or open a comment. (Inside JSON strings, which is the only
/// place a `<` can appear in JSON, the escape decodes to the same text.)
pub fn json_in_script(out: &mut String, json: &str) {
    let mut start = 0;
    for (i, _) in json.match_indices('<') {
        out.push_str(&json[start..i]);
        out.push_str("\\u003c");
        start = i + 1;
    }
    out.push_str(&json[start..]);
}

/// Copies the clean runs between escapes in whole slices.
fn escape(out: &mut String, s: &str, needs_escape: impl Fn(u8) -> bool) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        out.push_str(&s[start..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

use crate::url::Url;

/// Where a URL is used, which decides the schemes it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// A link the reader follows: `https`, `http`, `mailto` or a relative reference.
    Link,
    /// Something the browser fetches by itself (an image): `https`, `http` or a relative reference.
    Resource,
    /// The article's canonical URL: absolute `https` or `http` only.
    Canonical,
}

/// Checks `url` against the URL policy; the error says why it is refused.
///
/// Allowed: `https`, `http`, `mailto` (links only) and relative references. Refused: every other
/// scheme, and anything a browser might read differently from how it looks (control characters,
/// whitespace, invisible formatting characters, backslashes, character references, malformed or
/// scheme-hiding percent-encoding).
pub fn check_url(url: &str, usage: UrlUse) -> Result<(), String> {
    if url.is_empty() {
        return Err("URL is empty".into());
    }
    // Printable ASCII is decided by the byte; characters are decoded from the first other byte on.
    let suspect = url.bytes().position(|b| b <= b' ' || b >= 0x7f).unwrap_or(url.len());
    if let Some(c) = url[suspect..].chars().find(|&c| c.is_whitespace() || c.is_control() || is_invisible(c)) {
        return Err(format!(
            "URL contains U+{:04X}; whitespace, control and invisible characters are not allowed",
            c as u32
        ));
    }
    if url.contains('\\') {
        return Err("URL contains a backslash, which browsers read as a slash".into());
    }
    if has_character_reference(url) {
        return Err("URL contains an HTML character reference (&...;); write the character itself".into());
    }
    if has_malformed_percent(url) {
        return Err("URL has a % that does not start a two-digit hex escape".into());
    }
    // The scheme is whatever precedes the first ':' that comes before any '/', '?' or '#'; a ':'
    // there with nothing before it is no scheme to the URL parser, but is refused all the same.
    let parts = Url::parse(url);
    let head_end = url.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(url.len());
    let scheme = match parts.scheme {
        Some(scheme) => scheme,
        None if url[..head_end].starts_with(':') => "",
        None => {
            return match usage {
                UrlUse::Canonical => Err("URL must be absolute, starting with https:// or http://".into()),
                UrlUse::Link | UrlUse::Resource => Ok(()),
            }
        }
    };
    if !is_scheme(scheme) {
        return Err(format!(
            "URL has a ':' in \"{}\", which browsers may read as a scheme; write it as %3A",
            &url[..head_end]
        ));
    }
    // Lower-cased only when it has to be: "https" needs no allocation.
    let scheme = match scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        true => std::borrow::Cow::Owned(scheme.to_ascii_lowercase()),
        false => std::borrow::Cow::Borrowed(scheme),
    };
    match (&*scheme, usage) {
        ("https" | "http", _) => {
            match parts.authority {
                Some(host) if !host.is_empty() && !host.starts_with(['@', ':']) => Ok(()),
                _ => Err(format!("{scheme} URL needs a host: {scheme}://host/…")),
            }
        }
        ("mailto", UrlUse::Link) => Ok(()),
        (_, UrlUse::Link) => Err(format!(
            "URL scheme \"{scheme}\" is not allowed here (allowed: https, http, mailto, or a relative URL)"
        )),
        (_, UrlUse::Resource) => Err(format!(
            "URL scheme \"{scheme}\" is not allowed here (allowed: https, http, or a relative URL)"
        )),
        (_, UrlUse::Canonical) => Err(format!(
            "URL scheme \"{scheme}\" is not allowed here (allowed: https, http)"
        )),
    }
}

/// RFC 3986: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Zero-width, bidirectional-override and other format characters (Unicode category Cf) that
/// make a URL read differently from how it displays.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE0001 | 0xE0020..=0xE007F)
}

/// `&name;`, `&#123;` or `&#x1F;`: text a browser would decode inside an attribute.
fn has_character_reference(url: &str) -> bool {
    url.match_indices('&').any(|(i, _)| {
        let rest = &url.as_bytes()[i + 1..];
        let body = rest.strip_prefix(b"#").unwrap_or(rest);
        let len = body.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        len > 0 && body.get(len) == Some(&b';')
    })
}

fn has_malformed_percent(url: &str) -> bool {
    let bytes = url.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        text(&mut out, "a<b>&\"'");
        assert_eq!(out, "a&lt;b&gt;&amp;\"'");
        out.clear();
        attr(&mut out, "a<b>&\"'");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;&#39;");
        out.clear();
        json_in_script(&mut out, r#"{"a":"</script><!--"}"#);
        assert_eq!(out, r#"{"a":"\u003c/script>\u003c!--"}"#);
    }

    #[test]
    fn url_policy() {
        let ok = |u: &str, usage| assert_eq!(check_url(u, usage), Ok(()), "{u}");
        let bad = |u: &str, usage, m: &str| assert_eq!(check_url(u, usage), Err(m.to_string()), "{u}");
        ok("https://example.com/a?b=1&c=2#d", UrlUse::Link);
        ok("HTTP://EXAMPLE.COM", UrlUse::Resource);
        ok("/relative/path.jpg", UrlUse::Resource);
        ok("page?x=a:b", UrlUse::Link);
        ok("//cdn.example.com/x.png", UrlUse::Resource);
        ok("mailto:desk@example.com", UrlUse::Link);
        ok("https://example.com/caf%C3%A9", UrlUse::Canonical);
        bad("mailto:desk@example.com", UrlUse::Resource,
            "URL scheme \"mailto\" is not allowed here (allowed: https, http, or a relative URL)");
        bad("JaVaScRiPt:alert(1)", UrlUse::Link,
            "URL scheme \"javascript\" is not allowed here (allowed: https, http, mailto, or a relative URL)");
        bad("java\tscript:alert(1)", UrlUse::Link,
            "URL contains U+0009; whitespace, control and invisible characters are not allowed");
        bad("java\u{200B}script:alert(1)", UrlUse::Link,
            "URL contains U+200B; whitespace, control and invisible characters are not allowed");
        bad("javascript&colon;alert(1)", UrlUse::Link,
            "URL contains an HTML character reference (&...;); write the character itself");
        bad("java%73cript:alert(1)", UrlUse::Link,
            "URL has a ':' in \"java%73cript:alert(1)\", which browsers may read as a scheme; write it as %3A");
        bad("%zz", UrlUse::Link, "URL has a % that does not start a two-digit hex escape");
        bad("\\\\evil.example", UrlUse::Link, "URL contains a backslash, which browsers read as a slash");
        bad("https:evil.example", UrlUse::Link, "https URL needs a host: https://host/…");
        bad("/a", UrlUse::Canonical, "URL must be absolute, starting with https:// or http://");
        bad("", UrlUse::Link, "URL is empty");
    }
}
