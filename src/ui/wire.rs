//! The wire formats at the JS boundary, with serde-wasm-bindgen. The browser's own `JSON.parse`
//! and `JSON.stringify` turn text into JS values and back, so the wasm carries no JSON parser or
//! number formatter.
//!
//! Reading goes from the JS value to a `serde_json::Value`, then to the engine's type
//! (`engine::wire::read`, which names the path of a type error). That middle step is deliberate:
//! serde-wasm-bindgen reads a Rust struct from a JS object by looking up each field by name, which
//! also finds what a page set on `Object.prototype` and never sees a misspelt member, so
//! `deny_unknown_fields` has no effect (serde-wasm-bindgen issue #39). A `serde_json::Value` is
//! read through `Object.entries`: own enumerable properties only, every one of them.

use crate::engine::validate::ValidationProblem;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// Deeper nesting than this is refused: real definitions are 6 levels deep, and an object that
/// contains itself must not take the stack with it.
const MAX_DEPTH: u32 = 64;

fn problem(message: impl Into<String>) -> ValidationProblem {
    ValidationProblem { path: String::new(), message: message.into() }
}

/// Whether an object or array nests deeper than `MAX_DEPTH` (or contains itself), by its own
/// enumerable properties.
fn too_deep(v: &JsValue, depth: u32) -> bool {
    if !v.is_object() {
        return false;
    }
    if depth > MAX_DEPTH {
        return true;
    }
    js_sys::Object::values(v.unchecked_ref()).iter().any(|item| too_deep(&item, depth + 1))
}

/// A host's JS value as JSON data: own enumerable properties only; `undefined` members are
/// left out and functions are refused.
pub fn value(js: &JsValue) -> Result<serde_json::Value, ValidationProblem> {
    if too_deep(js, 0) {
        return Err(problem("it is nested too deeply, or contains itself"));
    }
    serde_json::Value::deserialize(serde_wasm_bindgen::Deserializer::from(js.clone()))
        .map_err(|e| problem(e.to_string()))
}

/// Reads a `T` that is an object from a JS value (see `engine::wire::read_object`).
pub fn read_object<T: DeserializeOwned>(js: &JsValue) -> Result<T, ValidationProblem> {
    crate::engine::wire::read_object(value(js)?)
}

/// Parses and reads a `T` that is an object from JSON text.
pub fn parse_object<T: DeserializeOwned>(text: &str) -> Result<T, ValidationProblem> {
    read_object(&parse_js(text)?)
}

/// Reads a `T` from a JS value without naming paths (see `engine::wire::read_plain`).
pub fn read_plain<T: DeserializeOwned>(js: &JsValue) -> Result<T, String> {
    crate::engine::wire::read_plain(value(js).map_err(|e| e.message)?)
}

/// Parses JSON text with the browser's `JSON.parse`. Its error messages seldom say where the
/// problem is, so a syntax error is described by serde_json's, which gives the line and column
/// (`expected value at line 3 column 7`); its parser runs only then.
pub fn parse_js(text: &str) -> Result<JsValue, ValidationProblem> {
    js_sys::JSON::parse(text).map_err(|e| {
        let message = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(e) => e.to_string(),
            Ok(_) => e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default(),
        };
        problem(format!("not JSON: {message}"))
    })
}

/// Parses JSON text into JSON data.
pub fn parse_value(text: &str) -> Result<serde_json::Value, ValidationProblem> {
    value(&parse_js(text)?)
}

/// A value as a plain JS object (maps as objects, `None` as `null`), as hosts receive results.
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// A value as compact JSON text.
pub fn to_text<T: Serialize + ?Sized>(v: &T) -> String {
    js_sys::JSON::stringify(&to_js(v)).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A value as JSON text indented by two spaces.
pub fn to_pretty<T: Serialize + ?Sized>(v: &T) -> String {
    js_sys::JSON::stringify_with_replacer_and_space(&to_js(v), &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
