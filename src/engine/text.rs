//! Localisable text: either one string, or a map from locale tag to string.

use crate::engine::json::{key_path, Reader, Value};
use crate::engine::map::Map;

/// The locale every definition falls back to when a text lacks the requested one.
pub const FALLBACK_LOCALE: &str = "en";

/// A user-visible text. In JSON it is either `"text"` or `{"en": "text", "de": "Text"}`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), serde(untagged))]
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Plain(String),
    Localised(Map<String, String>),
}

impl Text {
    /// Reads a text: a string, or an object of locale to string.
    pub fn read(r: &mut Reader, v: &Value, path: &str) -> Text {
        match v {
            Value::Str(s) => Text::Plain(s.clone()),
            Value::Obj(members) => Text::Localised(crate::engine::map::Map::from_iter(
                members.iter().map(|(k, v)| (k.clone(), r.string(v, &key_path(path, k)))),
            )),
            _ => {
                r.error(path, format!("expected a string, or an object of locale to string, found {}", v.describe()));
                Text::Plain(String::new())
            }
        }
    }

    /// The text for `locale`, falling back to its language (`de` for `de-CH`), then English,
    /// then any locale the text has.
    pub fn get(&self, locale: &str) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Localised(map) => {
                let language = locale.split(['-', '_']).next().unwrap_or(locale);
                map.get(locale)
                    .or_else(|| map.get(language))
                    .or_else(|| map.get(FALLBACK_LOCALE))
                    .or_else(|| map.values().next())
                    .map(String::as_str)
                    .unwrap_or("")
            }
        }
    }

    /// True when some variant of the text is empty (or the map has no entries).
    pub fn has_empty(&self) -> bool {
        match self {
            Text::Plain(s) => s.trim().is_empty(),
            Text::Localised(map) => map.is_empty() || map.values().any(|s| s.trim().is_empty()),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_the_same_in_every_locale() {
        let t = Text::from("Hello");
        assert_eq!(t.get("en"), "Hello");
        assert_eq!(t.get("de"), "Hello");
    }

    fn text(json: &str) -> Result<Text, Vec<(String, String)>> {
        let mut r = Reader::default();
        let t = Text::read(&mut r, &crate::engine::json::parse(json).unwrap(), "title");
        if r.errors.is_empty() {
            Ok(t)
        } else {
            Err(r.errors)
        }
    }

    #[test]
    fn localised_text_falls_back_to_language_then_english() {
        let t = text(r#"{"en":"Hello","de":"Hallo","fr":"Bonjour"}"#).unwrap();
        assert_eq!(t.get("de"), "Hallo");
        assert_eq!(t.get("de-CH"), "Hallo");
        assert_eq!(t.get("fr_CA"), "Bonjour");
        assert_eq!(t.get("es"), "Hello");
        let only_de = text(r#"{"de":"Hallo"}"#).unwrap();
        assert_eq!(only_de.get("en"), "Hallo");
    }

    #[test]
    fn other_json_is_not_a_text() {
        for bad in ["5", "null", "[\"a\"]", "{\"en\": 5}", "true"] {
            assert!(text(bad).is_err(), "{bad}");
        }
        let e = text("5").unwrap_err();
        assert_eq!(
            e,
            [(
                "title".to_string(),
                "expected a string, or an object of locale to string, found the number 5".to_string()
            )]
        );
        let e = text(r#"{"en": "Hi", "de": 5}"#).unwrap_err();
        assert_eq!(e, [("title.de".to_string(), "expected a string, found the number 5".to_string())]);
    }

    #[test]
    fn empty_variants_are_detected() {
        assert!(Text::from("  ").has_empty());
        let t = text(r#"{"en":"Hi","de":""}"#).unwrap();
        assert!(t.has_empty());
        let t = text(r#"{}"#).unwrap();
        assert!(t.has_empty());
    }
}
