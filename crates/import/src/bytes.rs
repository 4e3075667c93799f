//! A page's bytes read as text the way browsers read them (the WHATWG Encoding Standard, through
//! encoding_rs): a byte order mark first; then bytes that are valid UTF-8 are UTF-8, whatever the
//! page declares (saved and re-served pages often keep a stale `<meta charset>`); then the
//! encoding the page declares in its first 1024 bytes; then, with none, the guess Firefox makes
//! (chardetng). Bytes that cannot be decoded become U+FFFD, each noted at its byte offset.
//! Native only: in WebAssembly a page arrives as a JS string, already text.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use broadsheet::{Path, Problem};

/// How many undecodable byte sequences are noted one by one; the rest are counted.
const NOTED_ONE_BY_ONE: usize = 10;

/// The page's text and the notes on how it was read.
pub fn decode_page(bytes: &[u8]) -> (String, Vec<Problem>) {
    let mut notes = Vec::new();
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = decode(encoding, &bytes[bom..], bom, &mut notes);
        return (text, notes);
    }
    let declared = declared_encoding(bytes);
    let declared_note = |encoding: &'static Encoding, how: &str| format!("the page declares {} ({how})", encoding.name());
    if std::str::from_utf8(bytes).is_ok() {
        if let Some((encoding, how)) = declared.filter(|(e, _)| *e != UTF_8) {
            if !bytes.is_ascii() {
                notes.push(Problem::whole(format!("{}, but its bytes are UTF-8; it was read as UTF-8", declared_note(encoding, how))));
            }
        }
        return (String::from_utf8_lossy(bytes).into_owned(), notes);
    }
    let encoding = match declared {
        Some((encoding, _)) => encoding,
        None if mostly_utf8(bytes) => UTF_8,
        None => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
            notes.push(Problem::whole(format!(
                "the page declares no encoding and is not UTF-8; it was read as {} (the encoding a browser guesses for it)",
                guessed.name()
            )));
            guessed
        }
    };
    let text = decode(encoding, bytes, 0, &mut notes);
    (text, notes)
}

/// `bytes` decoded as `encoding`; each malformed sequence becomes U+FFFD and a note at its byte
/// offset (`offset` is where `bytes` starts in the page).
fn decode(encoding: &'static Encoding, bytes: &[u8], offset: usize, notes: &mut Vec<Problem>) -> String {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len()));
    let (mut read, mut malformed) = (0, 0usize);
    loop {
        let (result, consumed) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, after) => {
                let at = read - usize::from(after) - usize::from(bad);
                malformed += 1;
                if malformed <= NOTED_ONE_BY_ONE {
                    let shown: Vec<String> = bytes[at..at + usize::from(bad)].iter().map(|b| format!("{b:02X}")).collect();
                    let path = Path::default().key("bytes").index(offset + at);
                    let message = format!("bytes {} are not {}; read as U+FFFD (\u{FFFD})", shown.join(" "), encoding.name());
                    notes.push(Problem::new(path, message));
                }
                if out.capacity() - out.len() < 4 {
                    out.reserve(bytes.len() - read + 16);
                }
                out.push('\u{FFFD}');
            }
        }
    }
    if malformed > NOTED_ONE_BY_ONE {
        notes.push(Problem::whole(format!(
            "{} more byte sequences are not {} and were read as U+FFFD (\u{FFFD})",
            malformed - NOTED_ONE_BY_ONE,
            encoding.name()
        )));
    }
    out
}

/// Whether `bytes`, not valid UTF-8, are still UTF-8 with a few damaged bytes: far more valid
/// multibyte sequences than invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid, mut rest) = (0usize, 0usize, bytes);
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let good = error.valid_up_to();
                valid += std::str::from_utf8(&rest[..good]).map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                rest = &rest[good + error.error_len().unwrap_or(rest.len() - good)..];
            }
        }
    }
    valid >= 8 * invalid
}

/// The encoding a `<meta charset>` or `<meta http-equiv="content-type" content="…; charset=…">`
/// in the first 1024 bytes declares (the Encoding Standard's prescan, simplified), and how.
fn declared_encoding(bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    let head: String = bytes[..bytes.len().min(1024)].iter().map(|&b| char::from(b.to_ascii_lowercase())).collect();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let found = if let Some(label) = attribute(tag, "charset") {
            Encoding::for_label(label.as_bytes()).map(|e| (e, "<meta charset>"))
        } else if attribute(tag, "http-equiv").is_some_and(|v| v.trim() == "content-type") {
            attribute(tag, "content")
                .and_then(|content| content.split_once("charset=").map(|(_, c)| c.trim_matches(['"', '\'', ' ', ';']).to_owned()))
                .and_then(|label| Encoding::for_label(label.split(';').next().unwrap_or("").as_bytes()))
                .map(|e| (e, "<meta http-equiv=\"content-type\">"))
        } else {
            None
        };
        if let Some((encoding, how)) = found {
            // As the standard says: a page cannot declare UTF-16 in itself (it would be unreadable
            // as ASCII); x-user-defined is windows-1252.
            let encoding = match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => encoding_rs::WINDOWS_1252,
                _ => encoding,
            };
            return Some((encoding, how));
        }
    }
    None
}

/// The value of attribute `name` in the inside of a start tag (lower case already).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start == 0 || tag.as_bytes()[start - 1].is_ascii_whitespace() || tag.as_bytes()[start - 1] == b'/';
        let after = tag[from..].trim_start();
        let Some(value) = after.strip_prefix('=').filter(|_| before_ok) else { continue };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or("").to_owned(),
            _ => value.split(|c: char| c.is_ascii_whitespace() || c == '/').next().unwrap_or("").to_owned(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, Vec<String>) {
        let (text, notes) = decode_page(bytes);
        (text, notes.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn pages_decode_as_browsers_read_them() {
        // A byte order mark wins over any declaration.
        assert_eq!(read(b"\xEF\xBB\xBF<meta charset=latin1>caf\xC3\xA9"), ("<meta charset=latin1>café".into(), vec![]));
        assert_eq!(read(b"\xFF\xFEa\x00\xE9\x00"), ("aé".into(), vec![]));
        // Declared, and so.
        assert_eq!(read(b"<meta charset=\"windows-1252\">caf\xE9"), ("<meta charset=\"windows-1252\">café".into(), vec![]));
        assert_eq!(read(b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>\x93\xfa\x96\x7b").0.chars().rev().take(2).collect::<String>(), "本日");
        // Declared one way, UTF-8 in fact.
        let (text, notes) = read("<meta charset=iso-8859-1>café".as_bytes());
        assert_eq!(text, "<meta charset=iso-8859-1>café");
        assert_eq!(notes, ["the page declares windows-1252 (<meta charset>), but its bytes are UTF-8; it was read as UTF-8"]);
        // Undecodable bytes are replaced and noted where they are.
        let (text, notes) = read(b"<meta charset=utf-8>ok \xFF \xC3\xA9 \xE2\x82");
        assert_eq!(text, "<meta charset=utf-8>ok \u{FFFD} é \u{FFFD}");
        assert_eq!(notes, ["bytes[23]: bytes FF are not UTF-8; read as U+FFFD (\u{FFFD})", "bytes[28]: bytes E2 82 are not UTF-8; read as U+FFFD (\u{FFFD})"]);
        // Undeclared and not UTF-8: guessed.
        let (text, notes) = read("Ceci est une page écrite à l'ancienne, déjà très répandue.".as_bytes());
        assert!(notes.is_empty() && text.contains("déjà"));
        let latin1: Vec<u8> = "Ceci est une page écrite à l'ancienne, déjà très répandue, où l'on lit des accents.".chars().map(|c| c as u32 as u8).collect();
        let (text, notes) = read(&latin1);
        assert!(text.contains("déjà très répandue"), "{text}");
        assert_eq!(notes, ["the page declares no encoding and is not UTF-8; it was read as windows-1252 (the encoding a browser guesses for it)"]);
        // Many bad bytes: a count after the first ten.
        let (_, notes) = read(&[b'\xFF'; 15]);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let (_, notes) = read(&[b"<meta charset=utf-8>".as_slice(), &[b'\xFF'; 15]].concat());
        assert_eq!(notes.len(), 11);
        assert_eq!(notes[10], "5 more byte sequences are not UTF-8 and were read as U+FFFD (\u{FFFD})");
    }
}
