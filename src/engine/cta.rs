//! Calls to action by result (the `cta` option): a list of offers, each shown when the result
//! matches its rule; the first that matches is the one shown.

use crate::engine::result::AssessmentResult;
use crate::engine::text::{quote, Text};
use serde::{Deserialize, Serialize};

/// One call to action: `{id, text, url, description?, when?}`. Texts may be localised like a
/// definition's (`{"en": …, "de": …}`).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cta {
    pub id: String,
    pub text: Text,
    pub url: String,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub description: Option<Text>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub when: Option<When>,
}

/// When a call to action applies: the overall level is one of `level`, or with `dimension`,
/// that dimension's level is. Without a rule it always applies.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub dimension: Option<String>,
    pub level: Vec<u8>,
}

/// Whether `url` may be followed: `https:`, `http:` or relative. What a browser would read as
/// another scheme (`javascript:`, `data:`, also spelt with tabs, newlines or leading spaces,
/// which URL parsing drops) is not.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c <= ' ');
    if cleaned.is_empty() {
        return false;
    }
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => true,
        Some(colon) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            scheme == "https" || scheme == "http"
        }
    }
}

/// Checks a list of calls to action; each problem names its entry (`cta[1].url`).
pub fn validate(ctas: &[Cta]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, c) in ctas.iter().enumerate() {
        if c.id.trim().is_empty() {
            problems.push(format!("cta[{i}].id must not be empty"));
        } else if ctas[..i].iter().any(|o| o.id == c.id) {
            problems.push(format!("cta[{i}].id {} is given twice", quote(&c.id)));
        }
        if !is_safe_url(&c.url) {
            problems.push(format!("cta[{i}].url must be an https:, http: or relative URL, got {}", quote(&c.url)));
        }
        if c.text.get("en").trim().is_empty() {
            problems.push(format!("cta[{i}].text must not be empty"));
        }
        if let Some(w) = &c.when {
            if w.level.is_empty() {
                problems.push(format!("cta[{i}].when.level must list at least one level"));
            }
        }
    }
    problems
}

/// The call to action shown for `result`: the first whose rule matches, if any.
pub fn choose<'a>(ctas: &'a [Cta], result: &AssessmentResult) -> Option<&'a Cta> {
    ctas.iter().find(|c| match &c.when {
        None => true,
        Some(When { dimension: None, level }) => result.overall.level.is_some_and(|l| level.contains(&l)),
        Some(When { dimension: Some(id), level }) => {
            result.dimensions.iter().find(|d| d.id == *id).and_then(|d| d.level).is_some_and(|l| level.contains(&l))
        }
    })
}
