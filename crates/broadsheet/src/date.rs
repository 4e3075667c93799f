//! Dates and durations as the format writes them: RFC 3339 date-times and ISO 8601 durations.
//! Validation and the importers read them here, and nowhere else.

use crate::article::DateTime;

/// RFC 3339 `date-time`: `2019-10-31T14:05:00Z`, `2019-10-31t14:05:00.123456+02:00`, …
pub fn parse_date_time(s: &str) -> Option<DateTime> {
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
    let (offset, offset_seconds) = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => ("Z".to_owned(), 0),
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && at(i + 3, b':') => {
            let (hours, minutes) = (number(i + 1, 2)?, number(i + 4, 2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3_600 + minutes * 60);
            (s[i..].to_owned(), if *sign == b'+' { seconds } else { -seconds })
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    let local = days * 86_400 + i64::from(hour * 3_600 + minute * 60 + second.min(59));
    let millis = fraction.bytes().skip(1).take(3).chain(std::iter::repeat(b'0')).take(3).fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    // HTML's datetime allows at most three fractional digits and no leap second.
    let fraction = &fraction[..fraction.len().min(4)];
    let machine = format!("{}T{}:{:02}{fraction}{offset}", &s[..10], &s[11..16], second.min(59));
    Some(DateTime { machine, year: year as u16, month: month as u8, day: day as u8, instant: (local - offset_seconds, millis) })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// An ISO 8601 duration of days, hours, minutes and seconds (`PT1M30S`, `P1DT2H`, `PT90.5S`) in
/// whole seconds; years, months and weeks are refused (their length in seconds varies).
pub fn parse_duration(text: &str) -> Option<u32> {
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
    fn instants_compare_across_offsets() {
        let instant = |s: &str| parse_date_time(s).unwrap().instant;
        assert_eq!(instant("1970-01-01T00:00:00Z"), (0, 0));
        assert_eq!(instant("2000-03-01T00:00:00Z").0, 951_868_800);
        assert_eq!(instant("2019-10-31T16:20:00.5Z"), (1_572_538_800, 500));
        assert_eq!(instant("2019-10-31T16:20:00.123456Z"), (1_572_538_800, 123));
        assert_eq!(instant("2019-10-31T18:20:00+02:00"), instant("2019-10-31T16:20:00Z"));
        assert_eq!(instant("2019-10-31T11:20:00-05:00"), instant("2019-10-31T16:20:00Z"));
        assert!(instant("2019-10-31T17:00:00+01:00") < instant("2019-10-31T16:20:00.001Z"));
    }
}
