//! The JSON tree that validation walks.
//!
//! One `Deserialize` implementation serves both ways an article arrives: JSON text (through
//! `serde_json`, which gives line and column on syntax errors) and, in WebAssembly, a JS object
//! (through `serde-wasm-bindgen`). Objects keep their key order so errors come out in input order.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

use crate::error::{Error, Problem};

/// How deep arrays and objects may nest. Format v1 needs five levels; the limit keeps a hostile
/// input from exhausting the stack (a trap, in WebAssembly).
pub const MAX_JSON_DEPTH: usize = 64;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Every JSON number, as a double.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// Entries in input order; duplicate keys are rejected while parsing.
    Object(Vec<(String, Value)>),
}

impl Value {
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
}

/// Parses JSON text; a syntax error names its line and column.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { depth: 0 }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    value.map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; we state the place first instead.
        let message = match message.rfind(" at line ") {
            Some(cut) => &message[..cut],
            None => &message,
        };
        Error::from(Problem::new(
            String::new(),
            format!("invalid JSON at line {}, column {}: {}", e.line(), e.column(), message),
        ))
    })
}

impl<'de> de::Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ValueSeed { depth: 0 }.deserialize(deserializer)
    }
}

/// Carries the nesting depth down the tree so it can be bounded.
struct ValueSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed {
    fn child<E: de::Error>(&self) -> Result<ValueSeed, E> {
        if self.depth >= MAX_JSON_DEPTH {
            return Err(E::custom(format_args!(
                "arrays and objects nest deeper than {MAX_JSON_DEPTH} levels"
            )));
        }
        Ok(ValueSeed { depth: self.depth + 1 })
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let seed = self.child()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(ValueSeed { depth: seed.depth })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let seed = self.child()?;
        let mut entries: Vec<(String, Value)> = Vec::new();
        // Large objects switch to a set so that duplicate detection stays linear.
        let mut seen: Option<HashSet<String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            let duplicate = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None if entries.len() < 16 => entries.iter().any(|(k, _)| *k == key),
                None => {
                    let mut set: HashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
                    let duplicate = !set.insert(key.clone());
                    seen = Some(set);
                    duplicate
                }
            };
            if duplicate {
                return Err(de::Error::custom(format_args!("duplicate key \"{key}\"")));
            }
            let value = map.next_value_seed(ValueSeed { depth: seed.depth })?;
            entries.push((key, value));
        }
        Ok(Value::Object(entries))
    }
}
