//! The options of `mountTeam` and of `update()`: own properties only, each a known one of the
//! right type; a bad one is an `Error` naming it.

use crate::embed::js_error;
use crate::embed::options::{definition, invalid_message, locale_tag, own, type_name};
use crate::engine::team::{grouping_problem, min_group_problem, DEFAULT_MIN_GROUP};
use crate::engine::Definition;
use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;

pub(super) const OPTIONS: [&str; 11] = [
    "results",
    "resultsSrc",
    "baseline",
    "baselineSrc",
    "definition",
    "definitionSrc",
    "locale",
    "groupBy",
    "minGroup",
    "onReport",
    "onError",
];

pub(super) struct TeamOptions {
    pub results: Option<JsValue>,
    pub results_src: Option<String>,
    pub baseline: Option<JsValue>,
    pub baseline_src: Option<String>,
    pub definition: Option<Definition>,
    pub definition_src: Option<String>,
    pub locale: String,
    pub group_by: String,
    pub min_group: usize,
    pub on_report: Option<Function>,
    pub on_error: Option<Function>,
}

fn text_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match own(options, key) {
        v if v.is_undefined() || v.is_null() => Ok(None),
        v => v
            .as_string()
            .map(Some)
            .ok_or_else(|| js_error(format!("options.{key} must be a string, got {}", type_name(&v)))),
    }
}

fn url_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let Some(text) = text_option(options, key)? else { return Ok(None) };
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let url = web_sys::Url::new_with_base(&text, &base)
        .map_err(|_| js_error(format!("options.{key} is not a URL: {}", crate::engine::text::quote(&text))))?;
    if !matches!(url.protocol().as_str(), "https:" | "http:") {
        return Err(js_error(format!(
            "options.{key} must be an http: or https: URL, got {}",
            crate::engine::text::quote(&text)
        )));
    }
    Ok(Some(url.href()))
}

fn callback_option(options: &JsValue, key: &str) -> Result<Option<Function>, JsValue> {
    match own(options, key) {
        v if v.is_undefined() || v.is_null() => Ok(None),
        v => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|v| js_error(format!("options.{key} must be a function, got {}", type_name(&v)))),
    }
}

/// `minGroup`: a whole number of at least 3 (default 5), as a number or its text.
fn min_group_option(v: Option<JsValue>) -> Result<usize, JsValue> {
    let Some(v) = v else { return Ok(DEFAULT_MIN_GROUP) };
    let n = v.as_f64().or_else(|| v.as_string().filter(|s| !s.trim().is_empty()).and_then(|s| s.trim().parse().ok()));
    match n {
        Some(n) if min_group_problem(n).is_none() => Ok(n as usize),
        _ => Err(js_error(format!(
            "options.{}, got {}",
            min_group_problem(n.unwrap_or(f64::NAN)).unwrap_or_default(),
            match (v.as_string(), v.as_f64()) {
                (Some(s), _) => crate::engine::text::quote(&s),
                (None, Some(n)) => n.to_string(),
                (None, None) => type_name(&v),
            }
        ))),
    }
}

/// Whether `group_by` can group `def`'s results: an error naming the option if not.
pub(super) fn check_grouping(def: &Definition, group_by: &str) -> Result<(), JsValue> {
    grouping_problem(def, group_by).map_or(Ok(()), |why| Err(js_error(format!("options.{why}"))))
}

/// Reads the options: own properties only, each a known one of the right type.
pub(super) fn read_options(options: &JsValue) -> Result<TeamOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return read_options(&crate::ui::bare::<Object>().into());
    }
    if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
        return Err(js_error(format!(
            "mountTeam(element, options): options must be an object, got {}",
            type_name(options)
        )));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()) {
        if !OPTIONS.contains(&key.as_str()) {
            return Err(js_error(format!(
                "options.{key} is not an option of mountTeam (its options are {})",
                OPTIONS.join(", ")
            )));
        }
    }
    let present = |key: &str| {
        let v = own(options, key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    };
    let def = match present("definition") {
        None => None,
        Some(v) => Some(
            definition("options.definition", &v)?
                .map_err(|errors| js_error(invalid_message("options.definition", &errors)))?,
        ),
    };
    let locale = match present("locale") {
        None => web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".into()),
        Some(v) => locale_tag("options.locale", &v)?,
    };
    let group_by = text_option(options, "groupBy")?.unwrap_or_else(|| "role".into());
    if group_by.trim().is_empty() {
        return Err(js_error("options.groupBy must name a single-choice profile question of the assessment, got \"\""));
    }
    let min_group = min_group_option(present("minGroup"))?;
    for key in ["results", "baseline"] {
        if let Some(v) = present(key) {
            if !(v.is_object() || v.is_string()) || v.is_function() {
                return Err(js_error(format!(
                    "options.{key} must be an array of results, a result, or their JSON or NDJSON text, got {}",
                    type_name(&v)
                )));
            }
        }
    }
    if present("definition").is_some() && present("definitionSrc").is_some() {
        return Err(js_error("options.definition and options.definitionSrc cannot both be given"));
    }
    Ok(TeamOptions {
        results: present("results"),
        results_src: url_option(options, "resultsSrc")?,
        baseline: present("baseline"),
        baseline_src: url_option(options, "baselineSrc")?,
        definition: def,
        definition_src: url_option(options, "definitionSrc")?,
        locale,
        group_by,
        min_group,
        on_report: callback_option(options, "onReport")?,
        on_error: callback_option(options, "onError")?,
    })
}
