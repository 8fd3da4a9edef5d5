//! Reading the wire formats: every format is a serde type, read from a `serde_json::Value` so that
//! a type error names its path (`dimensions[2].weight: invalid type: string "high", expected f64`).
//! Natively the value comes from `serde_json`; in the wasm from the browser's `JSON.parse` or the
//! host's own object (see `ui::wire`).

use crate::engine::validate::ValidationError;
use serde::de::DeserializeOwned;

/// Reads a `T`, naming the path of the first type error.
pub fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ValidationError { path: if path == "." { String::new() } else { path }, message: e.into_inner().to_string() }
    })
}

/// Reads a `T` without tracking the path: for what the widget wrote itself (a saved session, the
/// outbox) or messages it only accepts in its exact shape, where a path would help nobody and
/// tracking it costs code in the wasm for every type read.
pub fn read_plain<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// Parses JSON text; a syntax error gives its line and column.
pub fn parse_value(text: &str) -> Result<serde_json::Value, ValidationError> {
    serde_json::from_str(text).map_err(|e| ValidationError { path: String::new(), message: e.to_string() })
}

/// Parses and reads a `T` from JSON text.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ValidationError> {
    read(parse_value(text)?)
}
