//! Writes the default assessment as the widget carries it: the source
//! (`src/engine/default_definition.json`, every language) with each text reduced to English, and
//! without whitespace. The other languages become language packs (`src/engine/locales.rs`).

#[allow(dead_code)]
#[path = "src/engine/json.rs"]
mod json;

use json::Value;

const SOURCE: &str = "src/engine/default_definition.json";
const LANGUAGES: [&str; 4] = ["en", "de", "fr", "es"];

/// A text is an object whose members are all strings keyed by supported languages, English among them.
fn english_only(v: Value) -> Value {
    match v {
        Value::Obj(members) => {
            let is_text = members.iter().any(|(k, _)| k == "en")
                && members.iter().all(|(k, v)| LANGUAGES.contains(&k.as_str()) && matches!(v, Value::Str(_)));
            if is_text {
                members.into_iter().find(|(k, _)| k == "en").map(|(_, v)| v).unwrap_or(Value::Null)
            } else {
                Value::Obj(members.into_iter().map(|(k, v)| (k, english_only(v))).collect())
            }
        }
        Value::Arr(items) => Value::Arr(items.into_iter().map(english_only).collect()),
        other => other,
    }
}

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/engine/json.rs");
    let source = std::fs::read_to_string(SOURCE).expect("the default definition");
    let value = json::parse(&source).unwrap_or_else(|e| panic!("{SOURCE}: {} {}", e.path, e.message));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_definition.en.json");
    std::fs::write(out, english_only(value).to_string()).expect("write the English definition");
}
