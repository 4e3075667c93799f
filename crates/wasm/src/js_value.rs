//! A JS value → the JSON tree validation walks. Whatever JS can hand over is survived: a throwing
//! getter or `Proxy` trap, a cycle, a `BigInt`, a function, a symbol or a non-finite number is a
//! problem at its path, never an exception that escapes.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use broadsheet::{Error, Path, Problem, Segment};
use broadsheet::json::{Value, MAX_JSON_DEPTH};

#[wasm_bindgen]
extern "C" {
    // Both throw for a revoked `Proxy`, and a `Proxy` trap may throw anything.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn own_keys(object: &JsValue) -> Result<Array, JsValue>;
}

/// Reads `value` as JSON data; paths in problems start at `root` (`""` or `"options"`).
pub fn read(value: &JsValue, root: &str) -> Result<Value<'static>, Error> {
    let mut reader = JsValueReader { path: Vec::new(), root };
    reader.value(value, None).map_err(Error::from)
}

/// The objects and arrays being read, innermost first, to tell a cycle from deep nesting.
struct Ancestors<'a> {
    value: &'a JsValue,
    parent: Option<&'a Ancestors<'a>>,
}

struct JsValueReader<'r> {
    path: Vec<Segment>,
    root: &'r str,
}

impl JsValueReader<'_> {
    fn value(&mut self, value: &JsValue, parent: Option<&Ancestors>) -> Result<Value<'static>, Problem> {
        // As in JSON.stringify, an object with a `toJSON` method (a `Date`, say) stands for what
        // the method returns.
        let converted;
        let value = match self.to_json(value)? {
            Some(result) => {
                converted = result;
                &converted
            }
            None => value,
        };
        if let Some(text) = value.as_string() {
            return Ok(Value::String(text.into()));
        }
        if let Some(number) = value.as_f64() {
            return match number.is_finite() {
                true => Ok(Value::Number(number)),
                false => Err(self.problem(match number.is_nan() {
                    true => "is NaN, which JSON cannot hold".to_owned(),
                    false => "is an infinite number, which JSON cannot hold".to_owned(),
                })),
            };
        }
        if let Some(flag) = value.as_bool() {
            return Ok(Value::Bool(flag));
        }
        if value.is_null() || value.is_undefined() {
            return Ok(Value::Null);
        }
        let kind = if value.is_bigint() {
            "a BigInt"
        } else if value.is_symbol() {
            "a symbol"
        } else if value.is_function() {
            "a function"
        } else if value.is_object() {
            return self.container(value, parent);
        } else {
            "a value"
        };
        Err(self.problem(format!("is {kind}, which JSON cannot hold")))
    }

    fn container(&mut self, value: &JsValue, parent: Option<&Ancestors>) -> Result<Value<'static>, Problem> {
        let depth = std::iter::successors(parent, |a| a.parent).count();
        if depth >= MAX_JSON_DEPTH {
            let cycle = std::iter::successors(parent, |a| a.parent).any(|a| Object::is(a.value, value));
            return Err(self.problem(match cycle {
                true => "contains itself (a cycle), which JSON cannot hold".to_owned(),
                false => format!("arrays and objects nest deeper than {MAX_JSON_DEPTH} levels"),
            }));
        }
        let here = Ancestors { value, parent };
        if is_array(value).map_err(|e| self.unreadable(&e))? {
            let length = self.get(value, &JsValue::from_str("length"))?.as_f64().unwrap_or(0.0) as u32;
            let mut items = Vec::with_capacity(length.min(4096) as usize);
            for index in 0..length {
                self.path.push(Segment::Index(index as usize));
                let item = self.get(value, &JsValue::from(index))?;
                items.push(self.value(&item, Some(&here))?);
                self.path.pop();
            }
            return Ok(Value::Array(items));
        }
        let keys = own_keys(value).map_err(|e| self.unreadable(&e))?;
        let mut entries = Vec::with_capacity(keys.length() as usize);
        for key in keys.iter() {
            let name = key.as_string().unwrap_or_default();
            self.path.push(Segment::Key(name));
            let item = self.get(value, &key)?;
            // As in JSON.stringify, a property that is `undefined` is absent.
            let item = match item.is_undefined() {
                true => None,
                false => Some(self.value(&item, Some(&here))?),
            };
            if let (Some(Segment::Key(name)), Some(item)) = (self.path.pop(), item) {
                entries.push((name.into(), item));
            }
        }
        Ok(Value::Object(entries))
    }

    /// What `value.toJSON(key)` returns, when `value` is an object with that method.
    fn to_json(&self, value: &JsValue) -> Result<Option<JsValue>, Problem> {
        if !value.is_object() {
            return Ok(None);
        }
        let method = self.get(value, &JsValue::from_str("toJSON"))?;
        let Some(method) = method.dyn_ref::<js_sys::Function>() else { return Ok(None) };
        let key = match self.path.last() {
            Some(Segment::Key(key)) => JsValue::from_str(key),
            Some(Segment::Index(index)) => JsValue::from_str(&index.to_string()),
            None => JsValue::from_str(""),
        };
        method.call1(value, &key).map(Some).map_err(|e| self.unreadable(&e))
    }

    /// `object[key]`, which may run a getter or a `Proxy` trap that throws.
    fn get(&self, object: &JsValue, key: &JsValue) -> Result<JsValue, Problem> {
        Reflect::get(object, key).map_err(|e| self.unreadable(&e))
    }

    fn unreadable(&self, exception: &JsValue) -> Problem {
        let reason = match exception.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.message()),
            None => exception.as_string().unwrap_or_else(|| "a value that is not an Error was thrown".to_owned()),
        };
        self.problem(format!("could not be read: {reason}"))
    }

    fn problem(&self, message: String) -> Problem {
        let root = (!self.root.is_empty()).then(|| Segment::Key(self.root.to_owned()));
        Problem::new(Path::from_segments(root.into_iter().chain(self.path.iter().cloned()).collect()), message)
    }
}
