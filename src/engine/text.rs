//! Localisable text: either one string, or a map from locale tag to string.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The locale every definition falls back to when a text lacks the requested one.
pub const FALLBACK_LOCALE: &str = "en";

/// A user-visible text. In JSON it is either `"text"` or `{"en": "text", "de": "Text"}`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Localised(BTreeMap<String, String>),
}

/// Read directly rather than as an untagged enum, which would buffer every value first: the
/// default definition holds hundreds of texts, and this keeps start-up fast and the wasm small.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an object of locale to string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Text, A::Error> {
                let mut map = BTreeMap::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    map.insert(k, v);
                }
                Ok(Text::Localised(map))
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

impl Text {
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

    #[test]
    fn localised_text_falls_back_to_language_then_english() {
        let t: Text = serde_json::from_str(r#"{"en":"Hello","de":"Hallo","fr":"Bonjour"}"#).unwrap();
        assert_eq!(t.get("de"), "Hallo");
        assert_eq!(t.get("de-CH"), "Hallo");
        assert_eq!(t.get("fr_CA"), "Bonjour");
        assert_eq!(t.get("es"), "Hello");
        let only_de: Text = serde_json::from_str(r#"{"de":"Hallo"}"#).unwrap();
        assert_eq!(only_de.get("en"), "Hallo");
    }

    #[test]
    fn other_json_is_not_a_text() {
        for bad in ["5", "null", "[\"a\"]", "{\"en\": 5}", "true"] {
            assert!(serde_json::from_str::<Text>(bad).is_err(), "{bad}");
        }
        let e = serde_json::from_str::<Text>("5").unwrap_err().to_string();
        assert!(e.starts_with("invalid type: integer `5`, expected a string, or an object of locale to string"), "{e}");
    }

    #[test]
    fn empty_variants_are_detected() {
        assert!(Text::from("  ").has_empty());
        let t: Text = serde_json::from_str(r#"{"en":"Hi","de":""}"#).unwrap();
        assert!(t.has_empty());
        let t: Text = serde_json::from_str(r#"{}"#).unwrap();
        assert!(t.has_empty());
    }
}
