//! Typed reading of the JS options object. A wrong type is an `Error` naming the field.

use super::js_error;
use crate::engine::Definition;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
pub(crate) struct Callbacks {
    pub on_ready: Option<Function>,
    pub on_progress: Option<Function>,
    pub on_complete: Option<Function>,
}

pub(crate) struct Options {
    pub definition: Option<Definition>,
    pub locale: Option<String>,
    pub callbacks: Callbacks,
}

/// Options this build reads.
const KNOWN: &[&str] = &["definition", "locale", "onReady", "onProgress", "onComplete"];
/// Options the embedding contract names that this build does not read yet.
const NOT_YET: &[&str] = &[
    "definitionSrc", "theme", "leadCapture", "autosave", "submitUrl", "dataLayer", "targetOrigins", "onLead", "onError",
];

/// `typeof`, with `null` and arrays told apart.
pub(crate) fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        let t = v.js_typeof().as_string().unwrap_or_default();
        match t.as_str() {
            "object" => "an object".into(),
            "undefined" => "undefined".into(),
            _ => format!("a {t}"),
        }
    }
}

/// A readable description of a thrown JS value.
pub(crate) fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| type_name(e))
}

/// A definition given as an object or a JSON string, as JSON text.
pub(crate) fn definition_json(field: &str, v: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_object() && !js_sys::Array::is_array(v) && !v.is_function() {
        return js_sys::JSON::stringify(v)
            .map(String::from)
            .map_err(|e| js_error(format!("{field} could not be read as JSON: {}", describe(&e))));
    }
    Err(js_error(format!("{field} must be an object or a JSON string, got {}", type_name(v))))
}

/// A BCP 47-ish tag: letters, digits and hyphens, 2–35 characters.
pub(crate) fn locale_tag(field: &str, v: &JsValue) -> Result<String, JsValue> {
    let s = v
        .as_string()
        .ok_or_else(|| js_error(format!("{field} must be a string such as \"en\" or \"de-CH\", got {}", type_name(v))))?;
    let ok = (2..=35).contains(&s.len())
        && s.split(['-', '_']).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(s)
    } else {
        Err(js_error(format!("{field} must be a language tag such as \"en\" or \"de-CH\", got {s:?}")))
    }
}

fn function(field: &str, v: JsValue) -> Result<Option<Function>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<Function>()
        .map(Some)
        .map_err(|v| js_error(format!("options.{field} must be a function, got {}", type_name(&v))))
}

impl Options {
    pub fn parse(v: &JsValue) -> Result<Options, JsValue> {
        let mut out = Options { definition: None, locale: None, callbacks: Callbacks::default() };
        if v.is_undefined() || v.is_null() {
            return Ok(out);
        }
        if !v.is_object() || js_sys::Array::is_array(v) || v.is_function() {
            return Err(js_error(format!("options must be an object, got {}", type_name(v))));
        }
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if NOT_YET.contains(&key.as_str()) {
                return Err(js_error(format!("options.{key} is not supported by this build yet")));
            }
            if !KNOWN.contains(&key.as_str()) {
                return Err(js_error(format!("options.{key} is not a known option (known: {})", KNOWN.join(", "))));
            }
        }
        let get = |k: &str| Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let def = get("definition");
        if !def.is_undefined() && !def.is_null() {
            let json = definition_json("options.definition", &def)?;
            let parsed = Definition::from_json(&json).map_err(|errors| {
                let list: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
                js_error(format!(
                    "options.definition is not a valid assessment definition ({} error{}):\n{}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    list.join("\n")
                ))
            })?;
            out.definition = Some(parsed);
        }
        let locale = get("locale");
        if !locale.is_undefined() {
            out.locale = Some(locale_tag("options.locale", &locale)?);
        }
        out.callbacks.on_ready = function("onReady", get("onReady"))?;
        out.callbacks.on_progress = function("onProgress", get("onProgress"))?;
        out.callbacks.on_complete = function("onComplete", get("onComplete"))?;
        Ok(out)
    }
}
