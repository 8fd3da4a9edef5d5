//! The options of `mount`: one serde type, [`MountOptions`], read from the host's object (own
//! properties only: see `read`), then checked into [`Options`]. A type error names its field
//! (`options.locale: invalid type: …`); an unknown option is an error naming it.

use super::js_error;
use crate::engine::lead::{LeadConfig, LeadMode};
use crate::engine::saved::is_storage_scope;
use crate::engine::text::quote;
use crate::engine::{Definition, ValidationProblem};
use js_sys::{Function, Object, Reflect};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

/// The options of `mount(element, options)`, as the host gives them (the embedding contract).
#[derive(Deserialize, Tsify, Default)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MountOptions {
    /// The assessment: a definition, or its JSON text. Without it, the default assessment.
    #[serde(default, deserialize_with = "js")]
    #[tsify(optional, type = "Definition | string")]
    pub definition: Option<JsValue>,
    /// An http(s) URL to fetch the definition from (not with `definition`).
    #[serde(default)]
    #[tsify(optional)]
    pub definition_src: Option<String>,
    /// A language tag such as `"de"` or `"de-CH"`; the browser's language when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
    /// Saves answers in this browser (`true` unless turned off).
    #[serde(default)]
    #[tsify(optional, type = "boolean | \"on\" | \"off\" | \"true\" | \"false\"")]
    pub autosave: Option<Switch>,
    /// `"auto"` (the default: follows `prefers-color-scheme`), `"light"`, `"dark"`, or the theme's
    /// properties (colours, a font, a corner radius).
    #[serde(default)]
    #[tsify(optional)]
    pub theme: Option<ThemeOption>,
    /// `"off"` (the default), a mode's name, or a lead form's configuration (or its JSON).
    #[serde(default, deserialize_with = "js")]
    #[tsify(optional, type = "\"off\" | \"before-start\" | \"before-results\" | \"teaser\" | LeadConfig | string")]
    pub lead_capture: Option<JsValue>,
    /// An http(s) URL the result is POSTed to.
    #[serde(default)]
    #[tsify(optional)]
    pub submit_url: Option<String>,
    /// `true` pushes results onto `window.dataLayer`; a name pushes onto that global array.
    #[serde(default)]
    #[tsify(optional, type = "boolean | string")]
    pub data_layer: Option<Switch>,
    /// Iframe mode: the exact origins that may receive the widget's messages.
    #[serde(default)]
    #[tsify(optional, type = "string[] | string")]
    pub target_origins: Option<Origins>,
    /// Separates this widget's autosave from others of the same assessment on the page.
    #[serde(default)]
    #[tsify(optional)]
    pub storage_key: Option<String>,
    /// Puts the page URL's UTM parameters and path into `result.attribution`; `"full"` adds the
    /// referring page's origin. Off unless given.
    #[serde(default)]
    #[tsify(optional, type = "boolean | \"full\"")]
    pub attribution: Option<Switch>,
    /// Calls to action by result (or their JSON): the first whose rule matches is shown.
    #[serde(default, deserialize_with = "js")]
    #[tsify(optional, type = "Cta[] | string")]
    pub cta: Option<JsValue>,
    /// Offers "Copy my result code" on the results: the answers and profile answers as a short
    /// text for the team report, never the lead. Off unless given.
    #[serde(default)]
    #[tsify(optional, type = "boolean | \"on\" | \"off\" | \"true\" | \"false\"")]
    pub result_code: Option<Switch>,
    #[serde(default, deserialize_with = "callback")]
    #[tsify(optional, type = "(detail: Record<string, never>) => void")]
    pub on_ready: Option<Function>,
    #[serde(default, deserialize_with = "callback")]
    #[tsify(optional, type = "(detail: Progress) => void")]
    pub on_progress: Option<Function>,
    #[serde(default, deserialize_with = "callback")]
    #[tsify(optional, type = "(result: AssessmentResult) => void")]
    pub on_complete: Option<Function>,
    #[serde(default, deserialize_with = "callback")]
    #[tsify(optional, type = "(detail: LeadDetail) => void")]
    pub on_lead: Option<Function>,
    #[serde(default, deserialize_with = "callback")]
    #[tsify(optional, type = "(detail: ErrorDetail) => void")]
    pub on_error: Option<Function>,
}

/// A JS value kept as it is (`null` and `undefined` as absent), to be read by what it is.
fn js<'de, D: Deserializer<'de>>(d: D) -> Result<Option<JsValue>, D::Error> {
    let v: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

/// A host's function, kept as it is.
fn callback<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Function>, D::Error> {
    match js(d)? {
        None => Ok(None),
        Some(v) => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|v| de::Error::custom(format_args!("invalid type: {}, expected a function", type_name(&v)))),
    }
}

/// A yes or no: a boolean, or a word (an attribute's value). (Declared inline in
/// [`MountOptions`]' TypeScript, with the words each option takes.)
#[derive(Clone, Debug, PartialEq)]
pub enum Switch {
    On(bool),
    Text(String),
}

/// Origins as a list, or as one comma- or space-separated string.
#[derive(Clone, Debug, PartialEq)]
pub enum Origins {
    List(Vec<String>),
    Text(String),
}

// Read by what the value is, not `untagged`: that buffers the value first, which costs code in
// the wasm and turns every error into "did not match any variant".

impl<'de> Deserialize<'de> for Switch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Switch, D::Error> {
        struct SwitchVisitor;
        impl<'de> Visitor<'de> for SwitchVisitor {
            type Value = Switch;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true, false or a string")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Switch, E> {
                Ok(Switch::On(b))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Switch, E> {
                Ok(Switch::Text(s.to_string()))
            }
        }
        d.deserialize_any(SwitchVisitor)
    }
}

impl<'de> Deserialize<'de> for Origins {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Origins, D::Error> {
        struct OriginsVisitor;
        impl<'de> Visitor<'de> for OriginsVisitor {
            type Value = Origins;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of origins or a comma-separated string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Origins, E> {
                Ok(Origins::Text(s.to_string()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Origins, A::Error> {
                let mut list = Vec::new();
                while let Some(origin) = seq.next_element()? {
                    list.push(origin);
                }
                Ok(Origins::List(list))
            }
        }
        d.deserialize_any(OriginsVisitor)
    }
}

/// `theme`: a colour scheme, or theme properties (or their JSON, as an attribute or a framework
/// that renders the property as text gives them).
#[derive(Tsify, Clone, Debug, PartialEq)]
#[tsify(hashmap_as_object, missing_as_null)]
#[tsify(type = "Scheme | ThemeProperties | string")]
pub enum ThemeOption {
    Scheme(Scheme),
    Properties(ThemeProperties),
}

impl<'de> Deserialize<'de> for ThemeOption {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ThemeOption, D::Error> {
        struct ThemeVisitor;
        impl<'de> Visitor<'de> for ThemeVisitor {
            type Value = ThemeOption;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"auto\", \"light\", \"dark\" or an object of theme properties")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ThemeOption, E> {
                if s.trim_start().starts_with('{') {
                    // Read as an object given as such would be (parsed by the browser).
                    let object = crate::ui::wire::parse_js(s).map_err(|e| E::custom(e.to_string()))?;
                    return ThemeProperties::deserialize(serde_wasm_bindgen::Deserializer::from(object))
                        .map(ThemeOption::Properties)
                        .map_err(|e| E::custom(e.to_string()));
                }
                Scheme::deserialize(de::value::StrDeserializer::new(s)).map(ThemeOption::Scheme)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ThemeOption, A::Error> {
                ThemeProperties::deserialize(de::value::MapAccessDeserializer::new(map)).map(ThemeOption::Properties)
            }
        }
        d.deserialize_any(ThemeVisitor)
    }
}

/// Theme properties: CSS values the widget's custom properties take (see [`THEME_PROPERTIES`]).
#[derive(Deserialize, Tsify, Clone, Debug, PartialEq, Default)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemeProperties {
    /// The colour scheme.
    #[serde(default)]
    #[tsify(optional)]
    pub scheme: Option<Scheme>,
    /// The accent colour: buttons, the chosen answer, focus rings, the progress bar (`--cx-accent`).
    #[serde(default)]
    #[tsify(optional)]
    pub accent: Option<String>,
    /// The colour of text on the accent colour (`--cx-accent-text`).
    #[serde(default)]
    #[tsify(optional)]
    pub accent_text: Option<String>,
    /// The widget's background colour (`--cx-background`).
    #[serde(default)]
    #[tsify(optional)]
    pub background: Option<String>,
    /// The colour of the widget's text (`--cx-text`).
    #[serde(default)]
    #[tsify(optional)]
    pub text: Option<String>,
    /// The font family: font names, the last of them generic (`--cx-font`).
    #[serde(default)]
    #[tsify(optional)]
    pub font: Option<String>,
    /// The corner radius of buttons and boxes, a length (`--cx-radius`).
    #[serde(default)]
    #[tsify(optional)]
    pub radius: Option<String>,
}

impl ThemeProperties {
    /// Each given value with its name and the entry of [`THEME_PROPERTIES`] it belongs to.
    fn given(&self) -> impl Iterator<Item = (&'static str, &'static str, &'static ValueKind, &String)> {
        let values = [&self.accent, &self.accent_text, &self.background, &self.text, &self.font, &self.radius];
        THEME_PROPERTIES
            .iter()
            .zip(values)
            .filter_map(|((name, property, kind), v)| Some((*name, *property, kind, v.as_ref()?)))
    }
}

#[derive(Default)]
pub(crate) struct Callbacks {
    pub on_ready: Option<Function>,
    pub on_progress: Option<Function>,
    pub on_complete: Option<Function>,
    pub on_error: Option<Function>,
    pub on_lead: Option<Function>,
}

/// Colour scheme of the widget.
#[derive(Deserialize, Tsify, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Follows `prefers-color-scheme` (also `""`, an empty attribute).
    #[default]
    #[serde(alias = "")]
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

/// Theme properties (in the order of [`ThemeProperties`]' fields), the CSS custom properties
/// they set, and the kind of value each takes.
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
    Invalid(Vec<ValidationProblem>),
    /// To be fetched from this absolute URL.
    Url(String),
}

/// The message for an invalid definition, listing every error with its path.
pub(crate) fn invalid_message(field: &str, errors: &[ValidationProblem]) -> String {
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
    /// Where the respondent came from, read from the page when mounted (with `attribution`).
    pub attribution: Option<crate::engine::attribution::Attribution>,
    /// Calls to action by result, checked.
    pub cta: Vec<crate::engine::cta::Cta>,
    /// Offer the result code on the results (`resultCode`).
    pub result_code: bool,
    pub callbacks: Callbacks,
}

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

/// `theme`, checked: every value must be a CSS value of its kind.
fn theme(given: Option<ThemeOption>) -> Result<Theme, JsValue> {
    let mut theme = Theme::default();
    match given {
        None => {}
        Some(ThemeOption::Scheme(scheme)) => theme.scheme = scheme,
        Some(ThemeOption::Properties(p)) => {
            theme.scheme = p.scheme.unwrap_or_default();
            for (name, property, kind, value) in p.given() {
                if !css_value_ok(kind, value) {
                    return Err(js_error(format!(
                        "options.theme.{name} must be {}, got {}",
                        kind.described,
                        quote(value)
                    )));
                }
                theme.properties.push((property, value.clone()));
            }
        }
    }
    Ok(theme)
}

/// `leadCapture`: a mode's name (`"off"`, `"before-start"`, `"before-results"`, `"teaser"`), or a
/// configuration object (or its JSON).
fn lead(v: Option<JsValue>) -> Result<LeadConfig, JsValue> {
    let Some(v) = v else { return Ok(LeadConfig::off()) };
    let read = match v.as_string() {
        Some(s) if LeadMode::named(&s).is_some() => {
            return Ok(match LeadMode::named(&s) {
                Some(LeadMode::Off) | None => LeadConfig::off(),
                Some(mode) => LeadConfig::with_mode(mode),
            })
        }
        Some(s) if s.trim_start().starts_with('{') => crate::ui::wire::parse_object::<LeadConfig>(&s),
        _ if is_plain_object(&v) => crate::ui::wire::read_object::<LeadConfig>(&v),
        _ => {
            return Err(js_error(format!(
                "options.leadCapture must be \"off\", \"before-start\", \"before-results\", \"teaser\" or an object, got {}",
                v.as_string().map_or_else(|| type_name(&v), |s| quote(&s))
            )))
        }
    };
    let config =
        read.map_err(|e| js_error(format!("options.leadCapture{}{e}", if e.path.is_empty() { ": " } else { "." })))?;
    if let Some((path, message)) = config.problems().into_iter().next() {
        return Err(js_error(format!("options.leadCapture.{path}: {message}")));
    }
    Ok(if config.mode == LeadMode::Off { LeadConfig::off() } else { config })
}

/// A definition given as an object or as JSON text: the definition, or every problem in it.
pub(crate) fn definition(field: &str, v: &JsValue) -> Result<Result<Definition, Vec<ValidationProblem>>, JsValue> {
    let value = if let Some(s) = v.as_string() {
        crate::ui::wire::parse_value(&s)
    } else if is_plain_object(v) {
        crate::ui::wire::value(v)
    } else {
        return Err(js_error(format!("{field} must be an object or a JSON string, got {}", type_name(v))));
    };
    Ok(value.map_err(|e| vec![e]).and_then(Definition::from_value))
}

/// A URL option, resolved against the page; http(s) only.
/// The page's UTM parameters and path, and with `full` the referring page's origin.
fn attribution(full: bool) -> crate::engine::attribution::Attribution {
    use crate::engine::attribution::Attribution;
    let Some(window) = web_sys::window() else { return Attribution::default() };
    let location = window.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default()).ok();
    let names = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
    let values: Vec<(&str, String)> = names.iter().filter_map(|n| Some((*n, params.as_ref()?.get(n)?))).collect();
    let referrer = full
        .then(|| window.document().map(|d| d.referrer()))
        .flatten()
        .and_then(|r| web_sys::Url::new(&r).ok())
        .map(|u| u.origin())
        .filter(|o| o != "null");
    Attribution::read(
        values.iter().map(|(n, v)| (*n, v.as_str())),
        &location.pathname().unwrap_or_default(),
        referrer.as_deref(),
    )
}

/// A yes or no option (`autosave`, `resultCode`): a boolean, or an attribute's word (`""`, `"on"`,
/// `"true"`; `"off"`, `"false"`); `default` when not given.
fn yes_no(name: &str, v: Option<Switch>, default: bool) -> Result<bool, JsValue> {
    match v {
        None => Ok(default),
        Some(Switch::On(b)) => Ok(b),
        Some(Switch::Text(t)) => match t.as_str() {
            "" | "on" | "true" => Ok(true),
            "off" | "false" => Ok(false),
            _ => Err(js_error(format!("options.{name} must be true or false, got {}", quote(&t)))),
        },
    }
}

fn http_url(field: &str, v: Option<String>) -> Result<Option<String>, JsValue> {
    let Some(s) = v else { return Ok(None) };
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

/// Reads the host's options object into [`MountOptions`] by its own enumerable properties
/// (`Object.entries`), each of which must be an option: serde-wasm-bindgen alone would look the
/// fields up by name, through the prototype chain, and ignore unknown ones (see `ui::wire`).
fn read(v: &JsValue) -> Result<MountOptions, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(MountOptions::default());
    }
    if !is_plain_object(v) {
        return Err(js_error(format!("options must be an object, got {}", type_name(v))));
    }
    if let Some(why) = crate::ui::wire::shape_problem(v, 0) {
        return Err(js_error(format!("options cannot be read: {why}")));
    }
    let pairs = Object::entries(v.unchecked_ref());
    let entries = pairs.iter().map(|pair| {
        let pair: js_sys::Array = pair.unchecked_into();
        (pair.get(0).as_string().unwrap_or_default(), serde_wasm_bindgen::Deserializer::from(pair.get(1)))
    });
    let map = de::value::MapDeserializer::<_, serde_wasm_bindgen::Error>::new(entries);
    serde_path_to_error::deserialize(map).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." { String::new() } else { format!(".{path}") };
        js_error(format!("options{at}: {}", describe(&JsValue::from(e.into_inner()))))
    })
}

impl Options {
    pub fn parse(v: &JsValue) -> Result<Options, JsValue> {
        let given = read(v)?;
        let mut out = Options {
            source: Source::Default,
            autosave: true,
            locale: None,
            theme: theme(given.theme)?,
            data_layer: None,
            target_origins: Vec::new(),
            lead: LeadConfig::off(),
            submit_url: None,
            storage_key: None,
            attribution: None,
            cta: Vec::new(),
            result_code: false,
            callbacks: Callbacks {
                on_ready: given.on_ready,
                on_progress: given.on_progress,
                on_complete: given.on_complete,
                on_error: given.on_error,
                on_lead: given.on_lead,
            },
        };
        if let Some(def) = &given.definition {
            out.source = match definition("options.definition", def)? {
                Ok(parsed) => Source::Given(parsed),
                Err(errors) => Source::Invalid(errors),
            };
        }
        if let Some(url) = http_url("definitionSrc", given.definition_src)? {
            if !matches!(out.source, Source::Default) {
                return Err(js_error("options.definition and options.definitionSrc cannot both be given"));
            }
            out.source = Source::Url(url);
        }
        out.autosave = yes_no("autosave", given.autosave, true)?;
        if let Some(locale) = given.locale {
            out.locale = Some(locale_tag("options.locale", &JsValue::from(locale))?);
        }
        out.data_layer = match given.data_layer {
            None | Some(Switch::On(false)) => None,
            Some(Switch::On(true)) => Some("dataLayer".into()),
            Some(Switch::Text(name))
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') =>
            {
                Some(name)
            }
            Some(Switch::Text(name)) => {
                return Err(js_error(format!(
                    "options.dataLayer must be true, false or the name of a global array, got {}",
                    quote(&name)
                )))
            }
        };
        if let Some(origins) = given.target_origins {
            let list: Vec<String> = match origins {
                Origins::Text(s) => s.split([',', ' ']).filter(|p| !p.is_empty()).map(String::from).collect(),
                Origins::List(list) => list,
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
        out.lead = lead(given.lead_capture)?;
        out.submit_url = http_url("submitUrl", given.submit_url)?;
        if let Some(key) = given.storage_key {
            if !is_storage_scope(&key) {
                return Err(js_error(format!(
                    "options.storageKey must be 1 to 64 letters, digits, \"-\" or \"_\", got {}",
                    quote(&key)
                )));
            }
            out.storage_key = Some(key);
        }
        out.attribution = match given.attribution {
            None | Some(Switch::On(false)) => None,
            Some(Switch::On(true)) => Some(attribution(false)),
            Some(Switch::Text(t)) => match t.as_str() {
                "" | "on" | "true" => Some(attribution(false)),
                "full" => Some(attribution(true)),
                "off" | "false" => None,
                _ => {
                    return Err(js_error(format!(
                        "options.attribution must be true, false or \"full\", got {}",
                        quote(&t)
                    )))
                }
            },
        };
        out.cta = cta(given.cta)?;
        out.result_code = yes_no("resultCode", given.result_code, false)?;
        Ok(out)
    }
}

/// The calls to action, given as an array or its JSON; every entry checked, the first problem
/// named by its entry (`options.cta[1].url: …`).
fn cta(v: Option<JsValue>) -> Result<Vec<crate::engine::cta::Cta>, JsValue> {
    use crate::engine::cta::{validate, Cta};
    let Some(v) = v else { return Ok(Vec::new()) };
    let value = match v.as_string() {
        Some(s) => crate::ui::wire::parse_value(&s),
        None if js_sys::Array::is_array(&v) => crate::ui::wire::value(&v),
        None => return Err(js_error(format!("options.cta must be an array or its JSON, got {}", type_name(&v)))),
    };
    // Entry by entry, so that a problem names its entry (`options.cta[1]: …`).
    let entries = match value.map_err(|e| js_error(format!("options.cta: {e}")))? {
        serde_json::Value::Array(entries) => entries,
        _ => return Err(js_error("options.cta must be an array of calls to action")),
    };
    let list = entries
        .into_iter()
        .enumerate()
        .map(|(i, v)| crate::engine::wire::read_plain::<Cta>(v).map_err(|e| js_error(format!("options.cta[{i}]: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    match validate(&list).into_iter().next() {
        Some(problem) => Err(js_error(format!("options.{problem}"))),
        None => Ok(list),
    }
}
