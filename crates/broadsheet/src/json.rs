//! The JSON tree that validation walks, the parser that reads it from text, and the writer.
//! [`Value::field`] reads an object's field as the format does (`null` is absent);
//! [`ObjectBuilder`] builds an object in key order.
//!
//! Strings and keys borrow from the text unless they hold escapes, so a typical article is read
//! with one allocation per array and object. Objects keep their key order so that errors come out
//! in input order; duplicate keys are rejected. A syntax error names its line and column.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::error::{Error, Problem, TextPosition};

/// How deep arrays and objects may nest. Format v1 needs five levels; the limit keeps a hostile
/// input from exhausting the stack (a trap, in WebAssembly).
pub const MAX_JSON_DEPTH: usize = 64;

/// A parsed JSON value; strings borrow from the text they were read from where they can.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Every JSON number, as a double.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// Entries in input order; duplicate keys are rejected while parsing.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The JSON type name, for messages such as "expected a string, found an array".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value of `key` when this is an object; `null` counts as absent, as in the format.
    /// `None` for anything but an object.
    ///
    /// ```
    /// let value = broadsheet::json::parse(r#"{"a": {"b": "text"}, "c": null}"#).unwrap();
    /// assert_eq!(value.field("a").and_then(|a| a.field("b")).and_then(|b| b.as_str()), Some("text"));
    /// assert_eq!(value.field("c"), None);
    /// assert_eq!(value.field("d"), None);
    /// ```
    pub fn field(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(entries) => field_of(entries, key),
            _ => None,
        }
    }

    /// The text of a string; `None` for anything else.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// The value of `key` among an object's entries; `null` counts as absent, as in the format.
/// [`Value::field`] for code that holds the entries of an object rather than the object.
pub fn field_of<'v, 'a>(entries: &'v [(Cow<'a, str>, Value<'a>)], key: &str) -> Option<&'v Value<'a>> {
    entries.iter().find(|(k, _)| k == key).map(|(_, value)| value).filter(|value| !matches!(value, Value::Null))
}

/// A JSON object under construction: keys keep the order they are first set in, and setting a
/// key again replaces its value in place.
///
/// ```
/// use broadsheet::json::{JsonStyle, ObjectBuilder, Value};
///
/// let text = |s: &'static str| Value::String(s.into());
/// let mut object = ObjectBuilder::new();
/// object.set("type", text("image")).set("alt", text("")).set_some("caption", None);
/// object.set("alt", text("A heron"));
/// let value = object.with("width", Value::Number(800.0)).into_value();
/// assert_eq!(value.to_json(JsonStyle::Script), r#"{"type":"image","alt":"A heron","width":800}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectBuilder<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> ObjectBuilder<'a> {
    /// An object with no keys yet.
    pub fn new() -> Self {
        ObjectBuilder::default()
    }

    /// Sets `key` to `value`, in place of an earlier value of `key`.
    pub fn set(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) -> &mut Self {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
        self
    }

    /// Sets `key` when there is a value; `None` leaves the object as it is.
    pub fn set_some(&mut self, key: impl Into<Cow<'a, str>>, value: Option<Value<'a>>) -> &mut Self {
        if let Some(value) = value {
            self.set(key, value);
        }
        self
    }

    /// [`Self::set_some`] by value, to build an object in one expression; takes a [`Value`] or an
    /// `Option<Value>`.
    pub fn with(mut self, key: impl Into<Cow<'a, str>>, value: impl Into<Option<Value<'a>>>) -> Self {
        self.set_some(key, value.into());
        self
    }

    /// The entries, in order, for code that places keys itself.
    pub fn into_entries(self) -> Vec<(Cow<'a, str>, Value<'a>)> {
        self.entries
    }

    /// The object.
    pub fn into_value(self) -> Value<'a> {
        Value::Object(self.entries)
    }
}

/// How [`Value::to_json`] writes JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonStyle {
    /// Two-space indentation, one entry per line: for people (`broadsheet import`).
    Pretty,
    /// One line, and `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, so the text is
    /// safe inside an HTML `<script>` element and in any JS source.
    Script,
}

impl Value<'_> {
    /// Writes the value as JSON text; keys keep their order.
    pub fn to_json(&self, style: JsonStyle) -> String {
        let mut out = String::new();
        write_value(&mut out, self, style, 0);
        if style == JsonStyle::Pretty {
            out.push('\n');
        }
        out
    }
}

fn write_value(out: &mut String, value: &Value, style: JsonStyle, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, s, style),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separate(out, i, style, depth + 1);
                write_value(out, item, style, depth + 1);
            }
            close(out, ']', style, depth);
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                separate(out, i, style, depth + 1);
                write_string(out, key, style);
                out.push_str(if style == JsonStyle::Pretty { ": " } else { ":" });
                write_value(out, item, style, depth + 1);
            }
            close(out, '}', style, depth);
        }
    }
}

fn separate(out: &mut String, index: usize, style: JsonStyle, depth: usize) {
    if index > 0 {
        out.push(',');
    }
    if style == JsonStyle::Pretty {
        out.push('\n');
        (0..depth).for_each(|_| out.push_str("  "));
    }
}

fn close(out: &mut String, bracket: char, style: JsonStyle, depth: usize) {
    if style == JsonStyle::Pretty {
        out.push('\n');
        (0..depth).for_each(|_| out.push_str("  "));
    }
    out.push(bracket);
}

/// Integers as integers (`3`, not `3.0`), others to six decimal places: every number the format
/// and its metadata hold is whole, or `schema`'s `1.1`.
fn write_number(out: &mut String, n: f64) {
    match n.is_finite() && n.abs() < 1e15 {
        true => out.push_str(&number_text(n)),
        // Not from JSON text, nor in anything broadsheet writes; JSON.stringify writes `null` too.
        false => out.push_str("null"),
    }
}

/// A number as text without core's float formatting (which would add about 20 KB to the
/// WebAssembly module): whole numbers exactly, others to six decimal places. Below 1e15.
pub(crate) fn number_text(n: f64) -> String {
    let millionths = (n.abs() * 1e6).round() as u64;
    let sign = if n < 0.0 && millionths > 0 { "-" } else { "" };
    let (whole, fraction) = (millionths / 1_000_000, millionths % 1_000_000);
    match fraction {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{}", format!("{fraction:06}").trim_end_matches('0')),
    }
}

fn write_string(out: &mut String, s: &str, style: JsonStyle) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' if style == JsonStyle::Script => push_unicode_escape(out, c),
            c if (c as u32) < 0x20 => push_unicode_escape(out, c),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_unicode_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{:04x}", c as u32);
}

/// Parses JSON text (RFC 8259); a syntax error names its line and column.
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0 };
    let value = parser.value(0).and_then(|value| {
        parser.skip_whitespace();
        match parser.pos < parser.bytes.len() {
            true => Err(parser.error("trailing characters")),
            false => Ok(value),
        }
    });
    value.map_err(|SyntaxError { at, message }| {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        let mut problem = Problem::whole(format!("invalid JSON at line {line}, column {column}: {message}"));
        problem.position = Some(TextPosition { line, column });
        Error::from(problem)
    })
}

/// What is wrong, and the byte offset of the character where it was found.
struct SyntaxError {
    at: usize,
    message: Cow<'static, str>,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

type Parsed<T> = Result<T, SyntaxError>;

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<Cow<'static, str>>) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, at: usize, message: impl Into<Cow<'static, str>>) -> SyntaxError {
        SyntaxError { at: at.min(self.bytes.len()), message: message.into() }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Parsed<Value<'a>> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Parsed<Value<'a>> {
        for &expected in word.as_bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                None => return Err(self.error("EOF while parsing a value")),
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    /// Steps into an array or object at `depth`, refusing to nest past the limit.
    fn open(&mut self, depth: usize) -> Parsed<()> {
        if depth >= MAX_JSON_DEPTH {
            return Err(self.error(format!("arrays and objects nest deeper than {MAX_JSON_DEPTH} levels")));
        }
        self.pos += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Parsed<Value<'a>> {
        self.open(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Parsed<Value<'a>> {
        self.open(depth)?;
        let mut entries: Vec<(Cow<'a, str>, Value<'a>)> = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(entries));
        }
        // Articles' objects are small: a scan finds a duplicate faster than hashing would. Past
        // that, a set keeps hostile inputs linearithmic.
        let mut seen: Option<HashSet<String>> = None;
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            let duplicate = match &mut seen {
                Some(set) => !set.insert(key.to_string()),
                None if entries.len() < 16 => entries.iter().any(|(k, _)| *k == key),
                None => {
                    let mut set: HashSet<String> = entries.iter().map(|(k, _)| k.to_string()).collect();
                    let duplicate = !set.insert(key.to_string());
                    seen = Some(set);
                    duplicate
                }
            };
            if duplicate {
                return Err(self.error_at(self.pos - 1, format!("duplicate key \"{key}\"")));
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(entries));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string at the opening quote; borrowed from the text when it holds no escape.
    fn string(&mut self) -> Parsed<Cow<'a, str>> {
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start; // Start of the stretch not yet copied into `owned`.
        loop {
            // Quotes and backslashes are ASCII, so the slices below fall on char boundaries.
            let Some(offset) = string_end(&self.bytes[self.pos..]) else {
                self.pos = self.bytes.len();
                return Err(self.error("EOF while parsing a string"));
            };
            self.pos += offset;
            match self.bytes[self.pos] {
                b'"' => {
                    let tail = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Cow::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    text.push(self.escape()?);
                    run = self.pos;
                }
                _ => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// The character an escape stands for, just after its backslash.
    fn escape(&mut self) -> Parsed<char> {
        let Some(b) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let at = self.pos - 2;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error_at(at, "lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error_at(at, "lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => unit,
                };
                return char::from_u32(code).ok_or_else(|| self.error_at(at, "invalid unicode code point"));
            }
            _ => return Err(self.error_at(self.pos - 1, "invalid escape")),
        })
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?,
            };
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Parsed<f64> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let mut decimal = Decimal::default();
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(&mut decimal, 0),
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits()?;
            self.digits(&mut decimal, -1);
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let sign = match self.peek() {
                Some(b'-') => -1,
                Some(b'+') => 1,
                _ => 0,
            };
            if sign != 0 {
                self.pos += 1;
            }
            self.required_digits()?;
            let mut exponent: i32 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exponent = exponent.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.pos += 1;
            }
            decimal.exponent = decimal.exponent.saturating_add(if sign < 0 { -exponent } else { exponent });
        }
        match decimal.to_f64() {
            Some(magnitude) => Ok(if negative { -magnitude } else { magnitude }),
            None => Err(self.error_at(start, "number out of range")),
        }
    }

    /// Reads a run of digits into `decimal`; each digit after the point lowers the exponent by
    /// `scale` (`-1` for fraction digits, `0` for the integer part).
    fn digits(&mut self, decimal: &mut Decimal, scale: i32) {
        while let Some(d @ b'0'..=b'9') = self.peek() {
            decimal.push(d - b'0', scale);
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Parsed<()> {
        match self.peek() {
            Some(b'0'..=b'9') => Ok(()),
            None => Err(self.error("EOF while parsing a value")),
            Some(_) => Err(self.error("invalid number")),
        }
    }
}

/// The offset of the first `"`, `\\` or control character: where a string's plain run ends. Eight
/// bytes are tested at a time (each test below is exact for "does any byte match").
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let flags = below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1) | below(word, 0x20);
        if flags != 0 {
            // The lowest flagged lane is exact (a borrow only flags lanes above a true one).
            return Some(start + (flags.trailing_zeros() / 8) as usize);
        }
        start += 8;
    }
    let is_special = |b: &u8| *b == b'"' || *b == b'\\' || *b < 0x20;
    bytes[start..].iter().position(is_special).map(|i| start + i)
}

/// A number as `digits × 10^exponent`, the digits kept while they fit in a `u64`.
#[derive(Default)]
struct Decimal {
    digits: u64,
    exponent: i32,
}

impl Decimal {
    /// Powers of ten that a double holds exactly.
    const EXACT_POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    fn push(&mut self, digit: u8, scale: i32) {
        match self.digits.checked_mul(10).and_then(|d| d.checked_add(u64::from(digit))) {
            Some(digits) => {
                self.digits = digits;
                self.exponent += scale;
            }
            // Digits past what a u64 holds only shift the integer part; they cannot change a
            // double that has 53 bits.
            None => self.exponent += 1 + scale,
        }
    }

    /// The nearest double when the digits and power are exact (every number an article holds:
    /// up to 2^53 with at most 22 decimal places); otherwise a double within a few units in the
    /// last place. `None` past the largest double.
    fn to_f64(&self) -> Option<f64> {
        let digits = self.digits as f64;
        let power = self.exponent.unsigned_abs() as usize;
        let value = match Self::EXACT_POWERS.get(power) {
            _ if self.digits == 0 => 0.0,
            Some(&exact) if self.digits < 1 << 53 => match self.exponent < 0 {
                true => digits / exact,
                false => digits * exact,
            },
            _ => digits * 10f64.powi(self.exponent.clamp(-400, 400)),
        };
        value.is_finite().then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value = parse(r#" {"a": [1, -2.5e1, 0, true, false, null], "b\u00e9": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#).unwrap();
        let Value::Object(entries) = value else { panic!("not an object") };
        assert_eq!(entries[0].0, "a");
        assert_eq!(
            entries[0].1,
            Value::Array(vec![
                Value::Number(1.0),
                Value::Number(-25.0),
                Value::Number(0.0),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null
            ])
        );
        assert_eq!(entries[1].0, "bé");
        assert_eq!(entries[1].1, Value::String("x\"\\/\u{8}\u{c}\n\r\té😀".into()));
        assert!(matches!(parse(r#""plain""#).unwrap(), Value::String(Cow::Borrowed("plain"))));
        assert_eq!(parse("123456789012345678").unwrap(), Value::Number(123456789012345678.0));
        assert_eq!(parse("-0.000001").unwrap(), Value::Number(-0.000001));
        assert_eq!(parse("1.1").unwrap(), Value::Number(1.1));
        assert_eq!(parse("2.5E+2").unwrap(), Value::Number(250.0));
        assert_eq!(parse("0.0").unwrap(), Value::Number(0.0));
        assert_eq!(parse("1e-400").unwrap(), Value::Number(0.0));
    }

    #[test]
    fn syntax_errors_name_the_place() {
        assert_eq!(error("{\n  \"a\": 1,\n}"), "invalid JSON at line 3, column 1: trailing comma");
        assert_eq!(error("[1,]"), "invalid JSON at line 1, column 4: trailing comma");
        assert_eq!(error(r#"{"a": 1, "a": 2}"#), "invalid JSON at line 1, column 12: duplicate key \"a\"");
        assert_eq!(error("{\"a\" 1}"), "invalid JSON at line 1, column 6: expected `:`");
        assert_eq!(error("{1: 2}"), "invalid JSON at line 1, column 2: key must be a string");
        assert_eq!(error("[1 2]"), "invalid JSON at line 1, column 4: expected `,` or `]`");
        assert_eq!(error("{\"a\": 1 \"b\"}"), "invalid JSON at line 1, column 9: expected `,` or `}`");
        assert_eq!(error("[1, }"), "invalid JSON at line 1, column 5: expected value");
        assert_eq!(error("[tru]"), "invalid JSON at line 1, column 5: expected ident");
        assert_eq!(error("[1"), "invalid JSON at line 1, column 3: EOF while parsing a list");
        assert_eq!(error("{\"a\": 1"), "invalid JSON at line 1, column 8: EOF while parsing an object");
        assert_eq!(error("\"abc"), "invalid JSON at line 1, column 5: EOF while parsing a string");
        assert_eq!(error(""), "invalid JSON at line 1, column 1: EOF while parsing a value");
        assert_eq!(error("1 2"), "invalid JSON at line 1, column 3: trailing characters");
        assert_eq!(error("\"a\u{1}\""), "invalid JSON at line 1, column 3: control character (\\u0000-\\u001F) found while parsing a string");
        assert_eq!(error(r#""\x""#), "invalid JSON at line 1, column 3: invalid escape");
        assert_eq!(error(r#""\u12G4""#), "invalid JSON at line 1, column 6: invalid escape");
        assert_eq!(error(r#""é\ud800x""#), "invalid JSON at line 1, column 3: lone leading surrogate in hex escape");
        assert_eq!(error(r#""\udc00""#), "invalid JSON at line 1, column 2: invalid unicode code point");
        assert_eq!(error("-"), "invalid JSON at line 1, column 2: invalid number");
        assert_eq!(error("1.e5"), "invalid JSON at line 1, column 3: invalid number");
        assert_eq!(error("1e999"), "invalid JSON at line 1, column 1: number out of range");
        assert_eq!(error("01"), "invalid JSON at line 1, column 2: trailing characters");
        // Columns count characters, as an editor does, not bytes.
        assert_eq!(error("{\"é\": 1,}"), "invalid JSON at line 1, column 9: trailing comma");
    }

    #[test]
    fn plain_runs_end_at_the_first_special_byte() {
        for len in 0..20 {
            let plain = "é".repeat(len / 2) + &"a".repeat(len % 2);
            assert_eq!(string_end(plain.as_bytes()), None, "{plain:?}");
            for special in ["\"", "\\", "\u{1}", "\u{1f}"] {
                let text = format!("{plain}{special}x\"");
                assert_eq!(string_end(text.as_bytes()), Some(plain.len()), "{text:?}");
            }
        }
        // Bytes just outside the ranges are plain: space, DEL, and UTF-8 continuation bytes.
        assert_eq!(string_end(" \u{7f}\u{80}\u{10ffff}!#[]".as_bytes()), None);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        assert!(parse(&deep).is_ok());
        let deeper = "[".repeat(MAX_JSON_DEPTH + 1);
        assert_eq!(error(&deeper), "invalid JSON at line 1, column 65: arrays and objects nest deeper than 64 levels");
    }

    #[test]
    fn large_objects_find_duplicates_too() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        assert!(parse(&format!("{{{}}}", keys.join(","))).is_ok());
        let text = format!("{{{}, \"k3\": 0}}", keys.join(","));
        assert!(error(&text).ends_with("duplicate key \"k3\""));
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"a": [1, 2.5, -3e-7, true, null], "b": {}, "c": "q\"\\\n\u0001é</script>&\u2028"}"#;
        let value = parse(text).unwrap();
        let script = value.to_json(JsonStyle::Script);
        assert_eq!(script, r#"{"a":[1,2.5,0,true,null],"b":{},"c":"q\"\\\n\u0001é\u003c/script\u003e\u0026\u2028"}"#);
        let pretty = value.to_json(JsonStyle::Pretty);
        assert!(pretty.starts_with("{\n  \"a\": [\n    1,\n"), "{pretty}");
        assert_eq!(parse(&pretty).unwrap(), parse(&script).unwrap());
    }
}
