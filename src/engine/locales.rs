//! Language packs for the default assessment. The widget carries its texts in English only; the
//! German, French and Spanish texts are small JSON files fetched when a visitor needs them, so
//! nobody downloads languages they do not read.
//!
//! A pack is `{"assessment": id, "version": version, "locale": "de", "texts": [...], "ui": {...},
//! "engine": {...}}`: the assessment's texts in the order of [`Definition::texts_mut`], then the
//! widget's and the engine's own strings. Packs are generated at build time from the
//! definition's source (`default_definition.json`, every language) and `src/locales/*.json`.

use crate::engine::definition::Definition;
use crate::engine::json::{self, obj, Value};
use crate::engine::map::Map;
use crate::engine::messages::{supported, Messages, EN};
use crate::engine::text::{Text, FALLBACK_LOCALE};

/// The sources of the packs' strings, `src/locales/<language>.json` (`{"ui": {...}, "engine":
/// {...}}`), for building packs and for tests; the widget does not carry them.
pub const STRINGS_SOURCES: [(&str, &str); 3] = [
    ("de", include_str!("../locales/de.json")),
    ("fr", include_str!("../locales/fr.json")),
    ("es", include_str!("../locales/es.json")),
];

/// The pack of `locale`: the texts of a definition whose texts include that locale, and the
/// widget's and the engine's strings from `strings` (`{"ui": {...}, "engine": {...}}`, the
/// source file `src/locales/<locale>.json`).
pub fn pack(def: &Definition, locale: &str, strings: &Value) -> String {
    let mut def = def.clone();
    let texts = def
        .texts_mut()
        .into_iter()
        .map(|t| match t {
            Text::Plain(s) => Value::from(s.as_str()),
            Text::Localised(map) => map.get(locale).map_or(Value::Null, Value::from),
        })
        .collect();
    obj([
        ("assessment", def.id.as_str().into()),
        ("version", def.version.as_str().into()),
        ("locale", locale.into()),
        ("texts", Value::Arr(texts)),
        ("ui", strings.get("ui").cloned().unwrap_or(Value::Obj(Vec::new()))),
        ("engine", strings.get("engine").cloned().unwrap_or(Value::Obj(Vec::new()))),
    ])
    .to_string()
}

/// A language pack, read and checked, ready to be added.
pub struct Pack {
    pub locale: &'static str,
    /// The definition with the pack's texts added.
    pub definition: Definition,
    pub messages: Messages,
    /// The widget's strings, which the UI reads.
    pub ui: Value,
}

/// Reads a pack for `def`. A pack made for another assessment, version, shape or language is
/// refused whole.
pub fn read_pack(def: &Definition, pack: &str) -> Result<Pack, String> {
    let v = json::parse(pack).map_err(|e| format!("not JSON: {}", e.message))?;
    let field = |k: &str| v.get(k).and_then(Value::as_str);
    let locale = supported(field("locale").ok_or("no locale")?)?;
    if field("assessment") != Some(&def.id) || field("version") != Some(&def.version) {
        return Err(format!("made for another assessment or version than {} {}", def.id, def.version));
    }
    let Some(Value::Arr(texts)) = v.get("texts") else { return Err("no texts".into()) };
    let mut definition = def.clone();
    let mut targets = definition.texts_mut();
    if texts.len() != targets.len() {
        return Err(format!("{} texts where the assessment has {}", texts.len(), targets.len()));
    }
    if !texts.iter().all(|t| matches!(t, Value::Null) || t.as_str().is_some_and(|s| !s.trim().is_empty())) {
        return Err("every text must be a non-empty string or null".into());
    }
    for (target, text) in targets.iter_mut().zip(texts) {
        let Some(text) = text.as_str() else { continue };
        if let Text::Plain(s) = &**target {
            **target = Text::Localised(Map::from_iter([(FALLBACK_LOCALE.to_string(), s.clone())]));
        }
        if let Text::Localised(map) = &mut **target {
            map.insert(locale.to_string(), text.to_string());
        }
    }
    let empty = Value::Obj(Vec::new());
    let messages = Messages::read(v.get("engine").unwrap_or(&empty), &EN, "engine")?;
    let ui = v.get("ui").cloned().unwrap_or(empty);
    Ok(Pack { locale, definition, messages, ui })
}

impl Definition {
    /// Adds a language pack's texts (not its strings) and returns its locale; a pack that does
    /// not fit leaves the definition as it was.
    pub fn add_locale(&mut self, pack: &str) -> Result<String, String> {
        let p = read_pack(self, pack)?;
        *self = p.definition;
        Ok(p.locale.to_string())
    }
}
