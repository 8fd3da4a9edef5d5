//! Language packs for the default assessment. The widget carries its texts in English only; the
//! German, French and Spanish texts are small JSON files fetched when a visitor needs them, so
//! nobody downloads languages they do not read.
//!
//! A pack is `{"assessment": id, "version": version, "locale": "de", "texts": [...], "ui": {...},
//! "engine": {...}}`: the assessment's texts in the order of [`Definition::texts_mut`], then the
//! widget's and the engine's own strings. Packs are generated at build time from the
//! definition's source (`default_definition.json`, every language) and `src/locales/*.json`.

use crate::engine::definition::Definition;
use crate::engine::messages::{supported, Messages, EN};
use crate::engine::text::{Text, FALLBACK_LOCALE};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The widget's and the engine's strings of one language, keyed by name: a source file
/// `src/locales/<language>.json`, and the `ui` and `engine` members of a pack.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
    #[serde(default)]
    pub engine: BTreeMap<String, String>,
}

/// A language pack as published (`pkg/locales/<language>.json`, or given to `registerLocale`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagePack {
    pub assessment: String,
    pub version: String,
    pub locale: String,
    /// The assessment's texts in the order of [`Definition::texts_mut`]; `null` for one the
    /// language does not have.
    pub texts: Vec<Option<String>>,
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
    #[serde(default)]
    pub engine: BTreeMap<String, String>,
}

/// The sources of the packs' strings, `src/locales/<language>.json` (`{"ui": {...}, "engine":
/// {...}}`), for building packs and for tests; the widget does not carry them.
pub const STRINGS_SOURCES: [(&str, &str); 3] = [
    ("de", include_str!("../locales/de.json")),
    ("fr", include_str!("../locales/fr.json")),
    ("es", include_str!("../locales/es.json")),
];

/// The pack of `locale`: the texts of a definition whose texts include that locale, and the
/// widget's and the engine's strings (the source file `src/locales/<locale>.json`).
pub fn pack(def: &Definition, locale: &str, strings: &Strings) -> LanguagePack {
    let mut def = def.clone();
    let texts = def
        .texts_mut()
        .into_iter()
        .map(|t| match t {
            Text::Plain(s) => Some(s.clone()),
            Text::Localised(map) => map.get(locale).cloned(),
        })
        .collect();
    LanguagePack {
        assessment: def.id.clone(),
        version: def.version.clone(),
        locale: locale.to_string(),
        texts,
        ui: strings.ui.clone(),
        engine: strings.engine.clone(),
    }
}

/// A language pack, read and checked, ready to be added.
pub struct Loaded {
    pub locale: &'static str,
    /// The definition with the pack's texts added.
    pub definition: Definition,
    pub messages: Messages,
    /// The widget's strings, which the UI reads.
    pub ui: BTreeMap<String, String>,
}

/// Checks a pack for `def`. A pack made for another assessment, version, shape or language is
/// refused whole.
pub fn read_pack(def: &Definition, pack: LanguagePack) -> Result<Loaded, String> {
    let locale = supported(&pack.locale)?;
    if pack.assessment != def.id || pack.version != def.version {
        return Err(format!("made for another assessment or version than {} {}", def.id, def.version));
    }
    let mut definition = def.clone();
    let mut targets = definition.texts_mut();
    if pack.texts.len() != targets.len() {
        return Err(format!("{} texts where the assessment has {}", pack.texts.len(), targets.len()));
    }
    if !pack.texts.iter().flatten().all(|s| !s.trim().is_empty()) {
        return Err("every text must be a non-empty string or null".into());
    }
    for (target, text) in targets.iter_mut().zip(&pack.texts) {
        let Some(text) = text else { continue };
        if let Text::Plain(s) = &**target {
            **target = Text::Localised(BTreeMap::from([(FALLBACK_LOCALE.to_string(), s.clone())]));
        }
        if let Text::Localised(map) = &mut **target {
            map.insert(locale.to_string(), text.clone());
        }
    }
    let messages = Messages::read(&pack.engine, &EN);
    Ok(Loaded { locale, definition, messages, ui: pack.ui })
}

impl Definition {
    /// Adds a language pack's texts (not its strings) and returns its locale; a pack that does
    /// not fit leaves the definition as it was.
    pub fn add_locale(&mut self, pack: LanguagePack) -> Result<String, String> {
        let p = read_pack(self, pack)?;
        *self = p.definition;
        Ok(p.locale.to_string())
    }
}
