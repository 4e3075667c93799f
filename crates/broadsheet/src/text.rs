//! Rules for the text an article carries, asked by validation and by every importer: which
//! characters HTML can carry, how character references decode, and what a language tag looks
//! like.

use std::borrow::Cow;

/// Whether `id` is an element id the format allows (and the `idPrefix` option): 1 to 64 of
/// A-Z, a-z, 0-9, `_` and `-`.
pub fn is_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether HTML can carry `c`: not a control character (tab and line breaks aside), not a
/// noncharacter.
pub fn fits_html(c: char) -> bool {
    (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !is_noncharacter(c)
}

/// The first control character (other than tab and line breaks) or noncharacter in `s`. Bytes of
/// printable ASCII are skipped as bytes; only the rest are decoded as characters.
pub fn unfit_for_html(s: &str) -> Option<char> {
    let mut rest = s;
    loop {
        let at = printable_ascii_prefix(rest);
        let c = rest[at..].chars().next()?;
        if !fits_html(c) {
            return Some(c);
        }
        rest = &rest[at + c.len_utf8()..];
    }
}

/// How many leading bytes of `s` are printable ASCII (`' '..='~'`), tested eight at a time.
fn printable_ascii_prefix(s: &str) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        // The high bit of a lane is set where a byte is below 0x20, or 0x7f and above. (A borrow
        // or carry between lanes only starts at a lane that is itself flagged.)
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let del_or_above = x.wrapping_add(ONES) | x;
        if (below_space | del_or_above) & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|b| !(b' '..0x7f).contains(b)).unwrap_or(bytes.len() - at)
}

/// U+FDD0..U+FDEF and the last two code points of every plane.
pub fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || (c & 0xFFFE) == 0xFFFE
}

/// Well-formed per RFC 5646: language, then optional extlangs, script, region, variants,
/// extensions and a private-use part (or a private-use tag alone).
pub fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str, min, max| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic());
    let alnum = |s: &str, min, max| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let private_use = |rest: &[&str]| !rest.is_empty() && rest.iter().all(|s| alnum(s, 1, 8));
    if subtags[0].eq_ignore_ascii_case("x") {
        return private_use(&subtags[1..]);
    }
    if !alpha(subtags[0], 2, 8) || subtags[0].len() == 4 {
        return false;
    }
    let mut i = 1;
    let mut extlangs = 0;
    while subtags[0].len() <= 3 && extlangs < 3 && subtags.get(i).is_some_and(|s| alpha(s, 3, 3)) {
        i += 1;
        extlangs += 1;
    }
    if subtags.get(i).is_some_and(|s| alpha(s, 4, 4)) {
        i += 1;
    }
    if subtags.get(i).is_some_and(|s| alpha(s, 2, 2) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))) {
        i += 1;
    }
    while subtags.get(i).is_some_and(|s| alnum(s, 5, 8) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit() && alnum(s, 4, 4))) {
        i += 1;
    }
    while subtags.get(i).is_some_and(|s| alnum(s, 1, 1) && !s.eq_ignore_ascii_case("x")) {
        let count = subtags[i + 1..].iter().take_while(|s| alnum(s, 2, 8)).count();
        if count == 0 {
            return false;
        }
        i += 1 + count;
    }
    if subtags.get(i).is_some_and(|s| s.eq_ignore_ascii_case("x")) {
        return private_use(&subtags[i + 1..]);
    }
    i == subtags.len()
}

/// Decodes character references (`&amp;`, `&#233;`, `&#xE9;`, every named one HTML defines).
/// An unknown name or a reference without its `;` stays as written.
pub fn decode_character_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let decoded = match end {
            Some(end) if rest[end..].starts_with(';') => reference(&rest[1..end]).map(|c| (c, end + 1)),
            _ => None,
        };
        match decoded {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What the reference named `name` (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<Cow<'static, str>> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        }?;
        // As browsers do: NUL, surrogates and out-of-range numbers read as U+FFFD.
        let c = char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
        return Some(Cow::Owned(c.to_string()));
    }
    let common = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        _ => "",
    };
    if !common.is_empty() {
        return Some(Cow::Borrowed(common));
    }
    // pulldown-cmark carries HTML's whole table of named references; reading `&name;` as
    // Markdown decodes exactly the names HTML defines.
    let source = format!("&{name};");
    let text: String = pulldown_cmark::Parser::new(&source)
        .filter_map(|event| match event {
            pulldown_cmark::Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect();
    (text != source).then_some(Cow::Owned(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["en", "pt-BR", "zh-Hant-TW", "sl-rozaj-biske", "de-CH-1901", "en-US-u-ca-gregory", "x-whatever", "es-419", "zh-yue-HK"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english!", "en--US", "en-", "abcd", "en-u", "toolonglanguage"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn character_references() {
        assert_eq!(decode_character_references("a &amp;lt; b &eacute; &#233;&#xE9; &bogus; &amp"), "a &lt; b é éé &bogus; &amp");
        assert_eq!(decode_character_references("&#0;&#xD800;&#99999999;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
    }
}
