//! Everything that decides what untrusted text may become in HTML: escaping, one function per
//! context, and the URL policy. [`Html`](crate::html::Html), the writers' output, lets input in
//! only through these.

/// Appends `text` as an HTML text node: `&`, `<` and `>` are escaped.
pub fn text(out: &mut String, text: &str) {
    escape(out, text, text_lanes, |b| matches!(b, b'&' | b'<' | b'>'))
}

/// Appends `value` for use inside a double-quoted attribute: `&`, `<`, `>`, `"` and `'` are escaped.
pub fn attr(out: &mut String, value: &str) {
    escape(out, value, attr_lanes, |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte lane of `x` that equals `byte` is set. Exact for the lowest flagged
/// lane; a lane above a match may be flagged too (the subtraction's borrow), so only the lowest
/// flag is trusted.
#[inline(always)]
fn lanes_equal(x: u64, byte: u8) -> u64 {
    let v = x ^ (ONES * byte as u64);
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Lanes holding `&`, `<` or `>` (`<` and `>` differ only in bit 1).
#[inline(always)]
fn text_lanes(x: u64) -> u64 {
    lanes_equal(x, b'&') | lanes_equal(x | (ONES * 0x02), b'>')
}

/// Lanes holding `&`, `<`, `>`, `"` or `'` (`&` and `'` differ only in bit 0).
#[inline(always)]
fn attr_lanes(x: u64) -> u64 {
    lanes_equal(x | ONES, b'\'') | lanes_equal(x | (ONES * 0x02), b'>') | lanes_equal(x, b'"')
}

/// Copies the clean runs between escapes in whole slices; the next byte to escape is found eight
/// bytes at a time (`lanes`), the last few one by one (`needs_escape`).
fn escape(out: &mut String, s: &str, lanes: impl Fn(u64) -> u64, needs_escape: impl Fn(u8) -> bool) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    let mut i = 0;
    loop {
        let found = loop {
            match bytes.get(i..i + 8) {
                Some(chunk) => {
                    let flags = lanes(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
                    if flags != 0 {
                        break Some(i + (flags.trailing_zeros() / 8) as usize);
                    }
                    i += 8;
                }
                None => break bytes[i..].iter().position(|&b| needs_escape(b)).map(|at| i + at),
            }
        };
        let Some(at) = found else { break };
        // Every escaped byte is ASCII, so `at` and `at + 1` are char boundaries.
        out.push_str(&s[start..at]);
        out.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        start = at + 1;
        i = at + 1;
    }
    out.push_str(&s[start..]);
}

use crate::url::{scheme_colon, Url};

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

/// A URL the policy allows for the use it was checked for: the only URL an
/// [`Html`](crate::html::Html) writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllowedUrl<'u>(&'u str);

impl<'u> AllowedUrl<'u> {
    /// `url`, when the policy allows it for `usage`.
    pub fn check(url: &'u str, usage: UrlUse) -> Option<Self> {
        check_url(url, usage).ok().map(|()| AllowedUrl(url))
    }

    /// A URL the policy allowed earlier in the same call: validation, for the model it made and
    /// handed straight to the writer, and the Markdown writer's checks, for the event they passed.
    /// Each URL is checked once, not again at the attribute.
    pub(crate) fn allowed_before(url: &'u str) -> Self {
        AllowedUrl(url)
    }

    /// The URL.
    pub fn as_str(self) -> &'u str {
        self.0
    }
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
    // One pass over the bytes finds everything the rules below ask about; printable ASCII is
    // decided by the byte, other characters are decoded. The rules then apply in their order.
    let bytes = url.as_bytes();
    let (mut backslash, mut reference, mut bad_percent) = (false, false, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match URL_BYTE[b as usize] {
            PLAIN => {}
            DECODE => {
                // Not printable ASCII: `i` is a char boundary (every step so far was a whole char).
                let c = url[i..].chars().next().unwrap_or_default();
                if c.is_whitespace() || c.is_control() || is_invisible(c) {
                    return Err(format!(
                        "URL contains U+{:04X}; whitespace, control and invisible characters are not allowed",
                        c as u32
                    ));
                }
                i += c.len_utf8();
                continue;
            }
            _ => match b {
                b'\\' => backslash = true,
                b'&' => reference |= starts_character_reference(&bytes[i + 1..]),
                b'%' => {
                    bad_percent |= !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                        && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
                }
                _ => {}
            },
        }
        i += 1;
    }
    if backslash {
        return Err("URL contains a backslash, which browsers read as a slash".into());
    }
    if reference {
        return Err("URL contains an HTML character reference (&...;); write the character itself".into());
    }
    if bad_percent {
        return Err("URL has a % that does not start a two-digit hex escape".into());
    }
    let Some(colon) = scheme_colon(url) else {
        return match usage {
            UrlUse::Canonical => Err("URL must be absolute, starting with https:// or http://".into()),
            UrlUse::Link | UrlUse::Resource => Ok(()),
        };
    };
    let scheme = &url[..colon];
    if !is_scheme(scheme) {
        return Err(format!(
            "URL has a ':' in \"{}\", which browsers may read as a scheme; write it as %3A",
            &url[..url.find(['/', '?', '#']).unwrap_or(url.len())]
        ));
    }
    // Lower-cased only when it has to be: "https" needs no allocation.
    let scheme = match scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        true => std::borrow::Cow::Owned(scheme.to_ascii_lowercase()),
        false => std::borrow::Cow::Borrowed(scheme),
    };
    match (&*scheme, usage) {
        ("https" | "http", _) => {
            match Url::parse(url).authority {
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

/// What each byte is to [`check_url`]'s scan: printable ASCII with no rule of its own, a byte
/// some rule looks at, or the start of a character to decode (space, controls, DEL, non-ASCII).
const PLAIN: u8 = 0;
const MARK: u8 = 1;
const DECODE: u8 = 2;
const URL_BYTE: [u8; 256] = {
    let mut table = [DECODE; 256];
    let mut b = b'!';
    while b <= b'~' {
        table[b as usize] = match b {
            b'\\' | b'&' | b'%' => MARK,
            _ => PLAIN,
        };
        b += 1;
    }
    table
};

/// After a `&`: `name;`, `#123;` or `#x1F;`, text a browser would decode inside an attribute.
fn starts_character_reference(rest: &[u8]) -> bool {
    let body = rest.strip_prefix(b"#").unwrap_or(rest);
    let len = body.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    len > 0 && body.get(len) == Some(&b';')
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
