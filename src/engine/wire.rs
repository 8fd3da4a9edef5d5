//! Reading the wire formats: every format is a serde type, read from a `serde_json::Value` so that
//! a type error names its path (`dimensions[2].weight: invalid type: string "high", expected f64`).
//! Natively the value comes from `serde_json`; in the wasm from the browser's `JSON.parse` or the
//! host's own object (see `ui::wire`).

use crate::engine::validate::ValidationProblem;
use serde::de::DeserializeOwned;

/// Reads a `T`, naming the path of the first type error.
pub fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationProblem> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ValidationProblem { path: if path == "." { String::new() } else { path }, message: e.into_inner().to_string() }
    })
}

/// Object members that are `null` left out, at every depth: a host's `null` (or, from JS,
/// `undefined`) means "not given", so a field with a default takes it (`"critical": null` is not
/// critical). `null` inside arrays stays (a pack's `texts`).
fn without_null_members(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(members) => serde_json::Value::Object(
            members.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_null_members(v))).collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(without_null_members).collect())
        }
        other => other,
    }
}

/// Reads a `T` that is a JSON object given by a host (a definition, a lead configuration, a
/// language pack), members that are `null` counting as absent. serde would also fill a struct
/// from an array, element by element; that is refused here.
pub fn read_object<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationProblem> {
    let found = match &value {
        serde_json::Value::Object(_) => return read(without_null_members(value)),
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
    };
    Err(ValidationProblem { path: String::new(), message: format!("expected an object, found {found}") })
}

/// Reads a `T` without tracking the path: for what the widget wrote itself (a saved session, the
/// outbox) or messages it only accepts in its exact shape, where a path would help nobody and
/// tracking it costs code in the wasm for every type read.
pub fn read_plain<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// Parses JSON text; a syntax error gives its line and column.
pub fn parse_value(text: &str) -> Result<serde_json::Value, ValidationProblem> {
    serde_json::from_str(text).map_err(|e| ValidationProblem { path: String::new(), message: e.to_string() })
}

/// Parses and reads a `T` from JSON text.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ValidationProblem> {
    read(parse_value(text)?)
}

/// Parses and reads a `T` that is a JSON object from JSON text.
pub fn parse_object<T: DeserializeOwned>(text: &str) -> Result<T, ValidationProblem> {
    read_object(parse_value(text)?)
}
