//! Language packs for the default assessment. The widget carries its texts in English only; the
//! German, French and Spanish texts are small JSON files fetched when a visitor needs them, so
//! nobody downloads languages they do not read.
//!
//! A pack is `{"assessment": id, "version": version, "locale": "de", "texts": [...]}`, with the
//! texts in the order of [`Definition::texts_mut`]. Packs are generated from the definition's
//! source (`default_definition.json`, every language) at build time.

use crate::engine::definition::Definition;
use crate::engine::json::{self, obj, Value};
use crate::engine::text::{Text, FALLBACK_LOCALE};

/// The pack of `locale` for a definition whose texts include that locale.
pub fn pack(def: &Definition, locale: &str) -> String {
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
    ])
    .to_string()
}

impl Definition {
    /// Adds a language pack's texts and returns its locale. A pack made for another assessment,
    /// version or shape is refused whole, and the definition is left as it was.
    pub fn add_locale(&mut self, pack: &str) -> Result<String, String> {
        let v = json::parse(pack).map_err(|e| format!("not JSON: {}", e.message))?;
        let field = |k: &str| v.get(k).and_then(Value::as_str);
        let locale = field("locale").filter(|l| !l.is_empty() && l.len() <= 35).ok_or("no locale")?.to_string();
        if field("assessment") != Some(&self.id) || field("version") != Some(&self.version) {
            return Err(format!("made for another assessment or version than {} {}", self.id, self.version));
        }
        let Some(Value::Arr(texts)) = v.get("texts") else { return Err("no texts".into()) };
        let mut targets = self.texts_mut();
        if texts.len() != targets.len() {
            return Err(format!("{} texts where the assessment has {}", texts.len(), targets.len()));
        }
        if !texts.iter().all(|t| matches!(t, Value::Null) || t.as_str().is_some_and(|s| !s.trim().is_empty())) {
            return Err("every text must be a non-empty string or null".into());
        }
        for (target, text) in targets.iter_mut().zip(texts) {
            let Some(text) = text.as_str() else { continue };
            if let Text::Plain(s) = &**target {
                **target =
                    Text::Localised(crate::engine::map::Map::from_iter([(FALLBACK_LOCALE.to_string(), s.clone())]));
            }
            if let Text::Localised(map) = &mut **target {
                map.insert(locale.clone(), text.to_string());
            }
        }
        Ok(locale)
    }
}
