//! The wire formats at the JS boundary, with serde-wasm-bindgen. The browser's own `JSON.parse`
//! turns text into JS values, so the wasm carries no JSON parser (but for syntax errors' positions);
//! serde_json writes text.
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

/// What makes a host's value unfit to be read as JSON data, if anything: nesting deeper than
/// `MAX_DEPTH` (or an object that contains itself), an array with holes (serde-wasm-bindgen would
/// read a hole's index through the prototype chain), or a `Map` (which it would walk without
/// end if the map contains itself). Only own enumerable properties are looked at, as they are
/// read.
pub fn shape_problem(v: &JsValue, depth: u32) -> Option<&'static str> {
    if !v.is_object() {
        return None;
    }
    if depth > MAX_DEPTH {
        return Some("it is nested too deeply, or contains itself");
    }
    if v.is_instance_of::<js_sys::Map>() {
        return Some("it holds a Map, which is not JSON data: give a plain object");
    }
    let object: &js_sys::Object = v.unchecked_ref();
    if js_sys::Array::is_array(v)
        && js_sys::Object::keys(object).length() != v.unchecked_ref::<js_sys::Array>().length()
    {
        return Some("it holds an array with holes, which is not JSON data");
    }
    js_sys::Object::values(object).iter().find_map(|item| shape_problem(&item, depth + 1))
}

/// A host's JS value as JSON data: own enumerable properties only; functions are refused.
pub fn value(js: &JsValue) -> Result<serde_json::Value, ValidationProblem> {
    if let Some(why) = shape_problem(js, 0) {
        return Err(problem(why));
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

/// A value as compact JSON text. Written by serde_json, not `JSON.stringify`: that calls any
/// `toJSON` a page put on a prototype (`Array.prototype.toJSON`, as old Prototype.js does, would
/// turn every list in a submission or a saved session into a string).
pub fn to_text<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A value as JSON text indented by two spaces (see [`to_text`]).
pub fn to_pretty<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
