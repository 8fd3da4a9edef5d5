//! Prepares data the widget carries, smaller than its source:
//! - the default assessment (`src/engine/default_definition.json`, every language) with each text
//!   reduced to English, without whitespace; the other languages become language packs
//!   (`src/engine/locales.rs`);
//! - the stylesheet (`src/ui/style.css`) without comments and extra whitespace.

use serde_json::Value;

const SOURCE: &str = "src/engine/default_definition.json";
const LANGUAGES: [&str; 4] = ["en", "de", "fr", "es"];

/// A text is an object whose members are all strings keyed by supported languages, English among them.
fn english_only(v: Value) -> Value {
    match v {
        Value::Object(mut members) => {
            let is_text = members.contains_key("en")
                && members.iter().all(|(k, v)| LANGUAGES.contains(&k.as_str()) && v.is_string());
            if is_text {
                members.remove("en").unwrap_or(Value::Null)
            } else {
                Value::Object(members.into_iter().map(|(k, v)| (k, english_only(v))).collect())
            }
        }
        Value::Array(items) => Value::Array(items.into_iter().map(english_only).collect()),
        other => other,
    }
}

/// Removes comments, and whitespace where CSS does not need it (around `{ } ; , >`; a space before
/// `:` can be a descendant combinator, so it stays).
fn minify_css(css: &str) -> String {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        let glue = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if !out.is_empty() && !out.ends_with(glue) && !w.starts_with(glue) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn main() {
    println!("cargo::rerun-if-changed=src/ui/style.css");
    let css = std::fs::read_to_string("src/ui/style.css").expect("the stylesheet");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(std::path::Path::new(&out_dir).join("style.css"), minify_css(&css)).expect("write the stylesheet");
    // The team report's own rules, added to the widget's in its module.
    println!("cargo::rerun-if-changed=src/ui/team/team.css");
    let css = std::fs::read_to_string("src/ui/team/team.css").expect("the team report's stylesheet");
    std::fs::write(std::path::Path::new(&out_dir).join("team.css"), minify_css(&css))
        .expect("write the team stylesheet");
    println!("cargo::rerun-if-changed={SOURCE}");
    let source = std::fs::read_to_string(SOURCE).expect("the default definition");
    let value: Value = serde_json::from_str(&source).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_definition.en.json");
    std::fs::write(out, english_only(value).to_string()).expect("write the English definition");
}
