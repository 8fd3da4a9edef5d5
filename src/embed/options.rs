//! Typed reading of the JS options object. A wrong type is an `Error` naming the field.

use super::js_error;
use crate::engine::json::quote;
use crate::engine::lead::{LeadConfig, LeadMode};
use crate::engine::saved::is_storage_scope;
use crate::engine::{Definition, ValidationError};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
pub(crate) struct Callbacks {
    pub on_ready: Option<Function>,
    pub on_progress: Option<Function>,
    pub on_complete: Option<Function>,
    pub on_error: Option<Function>,
    pub on_lead: Option<Function>,
}

/// Colour scheme of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Scheme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Scheme {
    pub fn class(self) -> &'static str {
        match self {
            Scheme::Auto => "",
            Scheme::Light => "cxs-light",
            Scheme::Dark => "cxs-dark",
        }
    }
}

/// What a theme value may be: the CSS property whose values it must be one of, and how to say so.
pub(crate) struct ValueKind {
    pub checked_as: &'static str,
    pub described: &'static str,
}

const COLOUR: ValueKind =
    ValueKind { checked_as: "color", described: "a colour such as \"#0b57d0\" or \"rgb(11 87 208)\"" };
const FONT: ValueKind = ValueKind { checked_as: "font-family", described: "font names such as \"Inter, sans-serif\"" };
const LENGTH: ValueKind = ValueKind { checked_as: "border-radius", described: "a length such as \"8px\"" };

/// Theme properties, the CSS custom properties they set, and the kind of value each takes.
pub(crate) const THEME_PROPERTIES: &[(&str, &str, ValueKind)] = &[
    ("accent", "--cx-accent", COLOUR),
    ("accentText", "--cx-accent-text", COLOUR),
    ("background", "--cx-background", COLOUR),
    ("text", "--cx-text", COLOUR),
    ("font", "--cx-font", FONT),
    ("radius", "--cx-radius", LENGTH),
];

#[derive(Default)]
pub(crate) struct Theme {
    pub scheme: Scheme,
    /// (custom property, value)
    pub properties: Vec<(&'static str, String)>,
}

/// Where the assessment comes from.
pub(crate) enum Source {
    Default,
    Given(Definition),
    /// The definition was given but is not valid.
    Invalid(Vec<ValidationError>),
    /// To be fetched from this absolute URL.
    Url(String),
}

/// The message for an invalid definition, listing every error with its path.
pub(crate) fn invalid_message(field: &str, errors: &[ValidationError]) -> String {
    let list: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
    format!(
        "{field} is not a valid assessment definition ({} error{}):\n{}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        list.join("\n")
    )
}

pub(crate) struct Options {
    pub source: Source,
    pub autosave: bool,
    pub locale: Option<String>,
    pub theme: Theme,
    /// The global array to push results onto (`dataLayer` unless named).
    pub data_layer: Option<String>,
    /// Exact origins allowed to receive messages in iframe mode.
    pub target_origins: Vec<String>,
    pub lead: LeadConfig,
    /// Absolute URL the result is POSTed to.
    pub submit_url: Option<String>,
    /// Separates this widget's autosave from others of the same assessment.
    pub storage_key: Option<String>,
    pub callbacks: Callbacks,
}

/// Options this build reads.
const KNOWN: &[&str] = &[
    "definition",
    "definitionSrc",
    "locale",
    "autosave",
    "theme",
    "leadCapture",
    "submitUrl",
    "dataLayer",
    "targetOrigins",
    "storageKey",
    "onReady",
    "onProgress",
    "onComplete",
    "onLead",
    "onError",
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

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !js_sys::Array::is_array(v) && !v.is_function()
}

/// An own property of a host's object, or `undefined`. Never read through the prototype chain,
/// so that what a page (or a script on it) sets on `Object.prototype` is not taken for an option.
pub(crate) fn own(v: &JsValue, key: &str) -> JsValue {
    let key = JsValue::from_str(key);
    // `unchecked_ref`: an object made with `Object.create(null)` is no `instanceof Object`.
    if v.is_object() && Object::has_own(v.unchecked_ref::<Object>(), &key) {
        Reflect::get(v, &key).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A host's object (or array, or plain value) as JSON text, as `JSON.stringify` would write it,
/// but reading only own enumerable properties and ignoring `toJSON`: nothing set on a prototype
/// reaches the widget.
pub(crate) fn own_json(field: &str, v: &JsValue) -> Result<String, JsValue> {
    fn write(v: &JsValue, out: &mut String, depth: u32) -> Result<(), &'static str> {
        if depth > 64 {
            return Err("it is nested too deeply, or refers to itself");
        }
        if let Some(s) = v.as_string() {
            out.push_str(&quote(&s));
        } else if let Some(n) = v.as_f64() {
            out.push_str(&if n.is_finite() { crate::engine::json::number(n) } else { "null".into() });
        } else if let Some(b) = v.as_bool() {
            out.push_str(if b { "true" } else { "false" });
        } else if js_sys::Array::is_array(v) {
            let items = js_sys::Array::from(v);
            out.push('[');
            for i in 0..items.length() {
                if i > 0 {
                    out.push(',');
                }
                let item = if Object::has_own(items.unchecked_ref::<Object>(), &JsValue::from(i)) {
                    items.get(i)
                } else {
                    JsValue::NULL // a hole: never the prototype's element
                };
                if item.is_undefined() || item.is_function() {
                    out.push_str("null");
                } else {
                    write(&item, out, depth + 1)?;
                }
            }
            out.push(']');
        } else if v.is_object() && !v.is_function() {
            out.push('{');
            let mut first = true;
            for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
                let value = Reflect::get(v, &key).unwrap_or(JsValue::UNDEFINED);
                if value.is_undefined() || value.is_function() {
                    continue;
                }
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                out.push_str(&quote(&key.as_string().unwrap_or_default()));
                out.push(':');
                write(&value, out, depth + 1)?;
            }
            out.push('}');
        } else if v.is_null() {
            out.push_str("null");
        } else {
            return Err("it holds a value JSON cannot carry");
        }
        Ok(())
    }
    let mut out = String::new();
    write(v, &mut out, 0).map_err(|why| js_error(format!("{field} could not be read as JSON: {why}")))?;
    Ok(out)
}

/// A definition given as an object or a JSON string, as JSON text.
pub(crate) fn definition_json(field: &str, v: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if is_plain_object(v) {
        return own_json(field, v);
    }
    Err(js_error(format!("{field} must be an object or a JSON string, got {}", type_name(v))))
}

/// A language tag: letters, digits and hyphens, 2–35 characters.
pub(crate) fn locale_tag(field: &str, v: &JsValue) -> Result<String, JsValue> {
    let s = v.as_string().ok_or_else(|| {
        js_error(format!("{field} must be a string such as \"en\" or \"de-CH\", got {}", type_name(v)))
    })?;
    if is_locale_tag(&s) {
        Ok(s)
    } else {
        Err(js_error(format!("{field} must be a language tag such as \"en\" or \"de-CH\", got {}", quote(&s))))
    }
}

pub(crate) fn is_locale_tag(s: &str) -> bool {
    (2..=35).contains(&s.len())
        && s.split(['-', '_']).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// An exact web origin such as `https://partner.example` (no path, no wildcard), normalised as
/// the browser writes origins (`HTTPS://Partner.Example:443/` is `https://partner.example`).
pub(crate) fn parse_origin(field: &str, s: &str) -> Result<String, JsValue> {
    let s = s.trim();
    let bad = || {
        js_error(format!(
            "{field} must list exact origins such as \"https://partner.example\", got {}{}",
            quote(s),
            if s.contains('*') { " (wildcards are not allowed)" } else { "" }
        ))
    };
    if s.contains('*') {
        return Err(bad());
    }
    let url = web_sys::Url::new(s).map_err(|_| bad())?;
    // Only a scheme, a host and perhaps a port (and one trailing slash): nothing the origin drops.
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let exact = rest.is_some_and(|r| {
        let r = r.strip_suffix('/').unwrap_or(r);
        !r.is_empty() && !r.contains(['/', '?', '#', '@', '\\'])
    });
    if exact {
        Ok(url.origin())
    } else {
        Err(bad())
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

fn scheme(field: &str, s: &str) -> Result<Scheme, JsValue> {
    match s {
        "auto" | "" => Ok(Scheme::Auto),
        "light" => Ok(Scheme::Light),
        "dark" => Ok(Scheme::Dark),
        _ => Err(js_error(format!("{field} must be \"auto\", \"light\" or \"dark\", got {}", quote(s)))),
    }
}

/// Whether `value` is a CSS value of `kind` (a colour, a length or font names), as the browser
/// itself parses it, and one that can never make it fetch anything.
fn css_value_ok(kind: &ValueKind, value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    // No escapes (`u\72l(` is `url(`), no resource functions even inside `var()` fallbacks.
    if value.len() > 200
        || value.contains([';', '{', '}', '<', '\\', '@'])
        || ["url(", "image", "src(", "element(", "cross-fade(", "paint("].iter().any(|f| lower.contains(f))
    {
        return false;
    }
    web_sys::css::supports_with_value(kind.checked_as, value).unwrap_or(false)
}

/// `theme`: a scheme name, or an object of theme properties (plus an optional `scheme`).
fn theme(v: &JsValue) -> Result<Theme, JsValue> {
    let mut theme = Theme::default();
    if v.is_undefined() || v.is_null() {
        return Ok(theme);
    }
    if let Some(s) = v.as_string() {
        theme.scheme = scheme("options.theme", &s)?;
        return Ok(theme);
    }
    if !is_plain_object(v) {
        return Err(js_error(format!(
            "options.theme must be \"auto\", \"light\", \"dark\" or an object of theme properties, got {}",
            type_name(v)
        )));
    }
    for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = own(v, &key);
        let field = format!("options.theme.{key}");
        let text = value
            .as_string()
            .ok_or_else(|| js_error(format!("{field} must be a string, got {}", type_name(&value))))?;
        if key == "scheme" {
            theme.scheme = scheme(&field, &text)?;
            continue;
        }
        let (_, property, kind) = THEME_PROPERTIES.iter().find(|(k, _, _)| *k == key).ok_or_else(|| {
            let names: Vec<&str> = THEME_PROPERTIES.iter().map(|(k, _, _)| *k).collect();
            js_error(format!("{field} is not a theme property (known: scheme, {})", names.join(", ")))
        })?;
        if !css_value_ok(kind, &text) {
            return Err(js_error(format!("{field} must be {}, got {}", kind.described, quote(&text))));
        }
        theme.properties.push((property, text));
    }
    Ok(theme)
}

/// `leadCapture`: `"off"`, `"before-results"`, or a configuration object (or its JSON).
fn lead(v: &JsValue) -> Result<LeadConfig, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(LeadConfig::off());
    }
    let json = match v.as_string() {
        Some(s) if s == "off" || s.is_empty() => return Ok(LeadConfig::off()),
        Some(s) if s == "before-results" => return Ok(LeadConfig::before_results()),
        Some(s) if s.trim_start().starts_with('{') => s,
        _ if is_plain_object(v) => own_json("options.leadCapture", v)?,
        _ => {
            return Err(js_error(format!(
                "options.leadCapture must be \"off\", \"before-results\" or an object, got {}",
                v.as_string().map_or_else(|| type_name(v), |s| quote(&s))
            )))
        }
    };
    let config = LeadConfig::from_json(&json).map_err(|errors| {
        let (path, message) = errors.into_iter().next().unwrap_or_default();
        js_error(format!("options.leadCapture{}{path}: {message}", if path.is_empty() { "" } else { "." }))
    })?;
    if let Some((path, message)) = config.problems().into_iter().next() {
        return Err(js_error(format!("options.leadCapture.{path}: {message}")));
    }
    Ok(if config.mode == LeadMode::Off { LeadConfig::off() } else { config })
}

/// A URL option, resolved against the page; http(s) only.
fn http_url(field: &str, v: &JsValue) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let s =
        v.as_string().ok_or_else(|| js_error(format!("options.{field} must be a URL string, got {}", type_name(v))))?;
    if s.trim().is_empty() {
        // It would resolve to the page itself.
        return Err(js_error(format!("options.{field} is empty: give an http(s) URL, or leave the option out")));
    }
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let url = web_sys::Url::new_with_base(&s, &base)
        .map_err(|_| js_error(format!("options.{field} is not a valid URL: {}", quote(&s))))?;
    if url.protocol() != "https:" && url.protocol() != "http:" {
        return Err(js_error(format!("options.{field} must be an http(s) URL, got {}", quote(&s))));
    }
    Ok(Some(url.href()))
}

impl Options {
    pub fn parse(v: &JsValue) -> Result<Options, JsValue> {
        let mut out = Options {
            source: Source::Default,
            autosave: true,
            locale: None,
            theme: Theme::default(),
            data_layer: None,
            target_origins: Vec::new(),
            lead: LeadConfig::off(),
            submit_url: None,
            storage_key: None,
            callbacks: Callbacks::default(),
        };
        if v.is_undefined() || v.is_null() {
            return Ok(out);
        }
        if !is_plain_object(v) {
            return Err(js_error(format!("options must be an object, got {}", type_name(v))));
        }
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !KNOWN.contains(&key.as_str()) {
                return Err(js_error(format!("options.{key} is not a known option (known: {})", KNOWN.join(", "))));
            }
        }
        let get = |k: &str| own(v, k);
        let def = get("definition");
        if !def.is_undefined() && !def.is_null() {
            let json = definition_json("options.definition", &def)?;
            out.source = match Definition::from_json(&json) {
                Ok(parsed) => Source::Given(parsed),
                Err(errors) => Source::Invalid(errors),
            };
        }
        if let Some(url) = http_url("definitionSrc", &get("definitionSrc"))? {
            if !matches!(out.source, Source::Default) {
                return Err(js_error("options.definition and options.definitionSrc cannot both be given"));
            }
            out.source = Source::Url(url);
        }
        let autosave = get("autosave");
        out.autosave = match (autosave.as_bool(), autosave.as_string().as_deref()) {
            (Some(b), _) => b,
            (_, Some("" | "on" | "true")) => true,
            (_, Some("off" | "false")) => false,
            _ if autosave.is_undefined() || autosave.is_null() => true,
            _ => return Err(js_error(format!("options.autosave must be true or false, got {}", type_name(&autosave)))),
        };
        let locale = get("locale");
        if !locale.is_undefined() && !locale.is_null() {
            out.locale = Some(locale_tag("options.locale", &locale)?);
        }
        out.theme = theme(&get("theme"))?;
        let layer = get("dataLayer");
        out.data_layer = match layer.as_bool() {
            Some(true) => Some("dataLayer".into()),
            Some(false) => None,
            None if layer.is_undefined() || layer.is_null() => None,
            None => match layer.as_string() {
                Some(name)
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') =>
                {
                    Some(name)
                }
                _ => {
                    return Err(js_error(format!(
                        "options.dataLayer must be true, false or the name of a global array, got {}",
                        layer.as_string().map_or_else(|| type_name(&layer), |s| quote(&s))
                    )))
                }
            },
        };
        let origins = get("targetOrigins");
        if !origins.is_undefined() && !origins.is_null() {
            let list: Vec<String> = if let Some(s) = origins.as_string() {
                s.split([',', ' ']).filter(|p| !p.is_empty()).map(String::from).collect()
            } else if js_sys::Array::is_array(&origins) {
                js_sys::Array::from(&origins)
                    .iter()
                    .map(|o| {
                        o.as_string().ok_or_else(|| {
                            js_error(format!("options.targetOrigins must hold strings, got {}", type_name(&o)))
                        })
                    })
                    .collect::<Result<_, _>>()?
            } else {
                return Err(js_error(format!(
                    "options.targetOrigins must be an array of origins or a comma-separated string, got {}",
                    type_name(&origins)
                )));
            };
            for o in list {
                out.target_origins.push(parse_origin("options.targetOrigins", &o)?);
            }
            if out.target_origins.is_empty() {
                // Iframe mode with nobody to tell: the partner page would hear nothing.
                return Err(js_error(
                    "options.targetOrigins lists no origin: give the partner page's origin, such as \"https://partner.example\"",
                ));
            }
        }
        out.callbacks.on_ready = function("onReady", get("onReady"))?;
        out.callbacks.on_progress = function("onProgress", get("onProgress"))?;
        out.callbacks.on_complete = function("onComplete", get("onComplete"))?;
        out.callbacks.on_error = function("onError", get("onError"))?;
        out.callbacks.on_lead = function("onLead", get("onLead"))?;
        out.lead = lead(&get("leadCapture"))?;
        out.submit_url = http_url("submitUrl", &get("submitUrl"))?;
        let key = get("storageKey");
        if !key.is_undefined() && !key.is_null() {
            out.storage_key = Some(key.as_string().filter(|k| is_storage_scope(k)).ok_or_else(|| {
                js_error(format!(
                    "options.storageKey must be 1 to 64 letters, digits, \"-\" or \"_\", got {}",
                    key.as_string().map_or_else(|| type_name(&key), |s| quote(&s))
                ))
            })?);
        }
        Ok(out)
    }
}
