//! Localisable text: either one string, or a map from locale tag to string.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;

/// The locale every definition falls back to when a text lacks the requested one.
pub const FALLBACK_LOCALE: &str = "en";

/// A user-visible text. In JSON it is either `"text"` or `{"en": "text", "de": "Text"}`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Localised(BTreeMap<String, String>),
}

/// Not `untagged` for reading: that would report only "did not match any variant" and lose the
/// path inside a localised text (`title.de`).
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an object of locale to string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Plain(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::Plain(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(Text::Localised(out))
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

/// A string in double quotes, for messages: `"high"`.
pub fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// A number for messages (`not 1e308`, `threshold 120`), as JSON would write it: integers up to
/// 2^53 exactly, others to 15 significant digits (which read back within 10^-13 of the value);
/// `null` if not finite. Not `{}`, which writes 1e308 with all its 309 digits; and done with
/// integer arithmetic, as the float formatter would add 14 KB to the download.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    let a = x.abs();
    if a == 0.0 {
        return "0".into();
    }
    let mut out = String::from(if x < 0.0 { "-" } else { "" });
    if a.fract() == 0.0 && a <= 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", a as u64);
        return out;
    }
    // a ≈ digits × 10^(point − 15), with 15 digits.
    let (mut m, mut point) = (a, 15i32);
    while m >= 1e15 {
        m /= 10.0;
        point += 1;
    }
    while m < 1e14 {
        m *= 10.0;
        point -= 1;
    }
    // Rounding up could pass the largest finite number, which would not read back.
    let mut digits = if point > 308 { m.floor() } else { m.round() } as u64;
    if digits >= 1_000_000_000_000_000 {
        digits /= 10;
        point += 1;
    }
    let all = digits.to_string();
    let sig = all.trim_end_matches('0');
    if (1..=15).contains(&point) {
        let point = point as usize;
        if sig.len() <= point {
            out.push_str(sig);
            out.extend(std::iter::repeat_n('0', point - sig.len()));
        } else {
            out.push_str(&sig[..point]);
            out.push('.');
            out.push_str(&sig[point..]);
        }
    } else if (-5..=0).contains(&point) {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(sig);
    } else {
        out.push_str(&sig[..1]);
        if sig.len() > 1 {
            out.push('.');
            out.push_str(&sig[1..]);
        }
        let _ = write!(out, "e{}", point - 1);
    }
    out
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

    fn text(json: &str) -> Result<Text, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de).map_err(|e| format!("{}: {}", e.path(), e.inner()))
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
            ".: invalid type: integer `5`, expected a string, or an object of locale to string at line 1 column 1"
        );
        let e = text(r#"{"en": "Hi", "de": 5}"#).unwrap_err();
        assert_eq!(e, "de: invalid type: integer `5`, expected a string at line 1 column 20");
    }

    #[test]
    fn empty_variants_are_detected() {
        assert!(Text::from("  ").has_empty());
        let t = text(r#"{"en":"Hi","de":""}"#).unwrap();
        assert!(t.has_empty());
        let t = text(r#"{}"#).unwrap();
        assert!(t.has_empty());
    }

    /// (Moved here with `number` from the former JSON writer.)
    #[test]
    fn numbers_are_written_without_float_formatting() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (14.0, "14"),
            (58.3, "58.3"),
            (-3.5, "-3.5"),
            (0.1, "0.1"),
            (12.25, "12.25"),
            (1_763_892_000_000.0, "1763892000000"),
            (0.999_999_999_9, "0.9999999999"),
            (1e20, "1e20"),
            (-2.5e-7, "-2.5e-7"),
            (0.000_012_5, "0.0000125"),
            (1234.5678, "1234.5678"),
            (f64::NAN, "null"),
        ];
        for (x, want) in cases {
            assert_eq!(number(x), want, "{x}");
        }
        for x in [1e20, -3.25e300, 123_456_789_012_345_680.0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 1.0 / 3.0] {
            let back: f64 = serde_json::from_str(&number(x)).unwrap();
            assert!(((back - x) / x).abs() < 1e-13, "{x} → {}", number(x));
        }
    }
}
