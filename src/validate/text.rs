//! Text the format cares about: characters HTML cannot carry, language tags, dates, and the
//! wording of messages (suggestions, numbers).

use crate::article::DateTime;

/// The first control character (other than tab and line breaks) or noncharacter in `s`. Bytes of
/// printable ASCII are skipped as bytes; only the rest are decoded as characters.
pub(super) fn unfit_for_html(s: &str) -> Option<char> {
    let mut rest = s;
    loop {
        let at = printable_ascii_prefix(rest);
        let c = rest[at..].chars().next()?;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_noncharacter(c) {
            return Some(c);
        }
        rest = &rest[at + c.len_utf8()..];
    }
}

/// How many leading bytes of `s` are printable ASCII (`' '..='~'`), tested eight at a time.
pub(super) fn printable_ascii_prefix(s: &str) -> usize {
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
pub(crate) fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || (c & 0xFFFE) == 0xFFFE
}

/// A number for a message ("a number of 16 or more digits" past what [`number_text`] writes).
pub(super) fn number_text(n: f64) -> String {
    match n.abs() >= 1e15 {
        true => "a number of 16 or more digits".to_owned(),
        false => crate::json::number_text(n),
    }
}

pub(super) fn quoted(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    quoted.join(", ")
}

/// The known word closest to a misspelt one, if it is close enough to be a likely typo.
pub(super) fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(&word.to_ascii_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, for suggestions; inputs are short keys.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Well-formed per RFC 5646: language, then optional extlangs, script, region, variants,
/// extensions and a private-use part (or a private-use tag alone).
pub(crate) fn is_language_tag(tag: &str) -> bool {
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

/// RFC 3339 `date-time`: `2019-10-31T14:05:00Z`, `2019-10-31t14:05:00.123456+02:00`, …
pub(crate) fn parse_date_time(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    if !(at(4, b'-') && at(7, b'-') && matches!(b.get(10), Some(b'T' | b't' | b' ')) && at(13, b':') && at(16, b':')) {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let fraction_start = i;
    if at(i, b'.') {
        i += 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
    }
    let fraction = &s[fraction_start..i];
    let offset = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => "Z".to_owned(),
        Some(b'+' | b'-') if b.len() == i + 6 && at(i + 3, b':') => {
            if number(i + 1, 2)? > 23 || number(i + 4, 2)? > 59 {
                return None;
            }
            s[i..].to_owned()
        }
        _ => return None,
    };
    // HTML's datetime allows at most three fractional digits and no leap second.
    let fraction = &fraction[..fraction.len().min(4)];
    let machine = format!("{}T{}:{:02}{fraction}{offset}", &s[..10], &s[11..16], second.min(59));
    Some(DateTime { machine, year: year as u16, month: month as u8, day: day as u8 })
}

/// An ISO 8601 duration of days, hours, minutes and seconds (`PT1M30S`, `P1DT2H`, `PT90.5S`) in
/// whole seconds; years, months and weeks are refused (their length in seconds varies).
pub(super) fn parse_duration(text: &str) -> Option<u32> {
    let rest = text.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) if !time.is_empty() => (days, Some(time)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut total: u64 = 0;
    let mut any = false;
    if !days.is_empty() {
        let n = days.strip_suffix('D')?;
        let days = n.parse::<u64>().ok().filter(|_| n.bytes().all(|b| b.is_ascii_digit()) && n.len() <= 9)?;
        total += days * 86_400;
        any = true;
    }
    let mut time = time.unwrap_or("");
    for (unit, seconds) in [('H', 3_600), ('M', 60), ('S', 1)] {
        let Some(at) = time.find(unit) else { continue };
        let (number, after) = (&time[..at], &time[at + 1..]);
        let whole = match (unit, number.split_once('.')) {
            ('S', Some((whole, fraction))) if fraction.bytes().all(|b| b.is_ascii_digit()) && !fraction.is_empty() => whole,
            _ => number,
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 9 {
            return None;
        }
        total += whole.parse::<u64>().ok()? * seconds;
        time = after;
        any = true;
    }
    (any && time.is_empty()).then(|| u32::try_from(total).ok()).flatten()
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
    fn date_times() {
        let machine = |s: &str| parse_date_time(s).map(|d| d.machine);
        assert_eq!(machine("2019-10-31T14:05:00Z").as_deref(), Some("2019-10-31T14:05:00Z"));
        assert_eq!(machine("2019-10-31t14:05:00.123456z").as_deref(), Some("2019-10-31T14:05:00.123Z"));
        assert_eq!(machine("2016-12-31T23:59:60+01:00").as_deref(), Some("2016-12-31T23:59:59+01:00"));
        assert_eq!(machine("2020-02-29 08:00:00-05:00").as_deref(), Some("2020-02-29T08:00:00-05:00"));
        for bad in ["2019-02-29T00:00:00Z", "2019-10-31", "2019-10-31T25:00:00Z", "2019-10-31T14:05:00", "2019-10-31T14:05:00+0100"] {
            assert_eq!(machine(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations() {
        let cases = [("PT1M30S", Some(90)), ("PT90S", Some(90)), ("P1DT2H", Some(93_600)), ("PT1H2M3S", Some(3_723)), ("PT90.5S", Some(90)), ("P2D", Some(172_800))];
        for (text, seconds) in cases {
            assert_eq!(parse_duration(text), seconds, "{text}");
        }
        assert_eq!(parse_duration("P213503982334602D"), None, "no overflow");
        for bad in ["", "P", "PT", "1M", "PT1.5M", "P1Y", "P1W", "PT-5S", "PT5", "PT1S2M", "P1DT", "PTS", "PD"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_in_messages() {
        let texts: Vec<String> = [2.0, -7.0, 2.5, 0.1, -0.25, 1e20, 123456.000001].map(number_text).to_vec();
        assert_eq!(texts, ["2", "-7", "2.5", "0.1", "-0.25", "a number of 16 or more digits", "123456.000001"]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("captoin", &["caption", "credit"]), Some("caption"));
        assert_eq!(closest("Headline", &["headline"]), Some("headline"));
        assert_eq!(closest("zzz", &["caption", "credit"]), None);
    }
}
