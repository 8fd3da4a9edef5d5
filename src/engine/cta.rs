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

/// Why `url` may not be followed, if it may not: it must be `https:`, `http:` or relative, and
/// relative means this site. What a browser would read as another scheme (`javascript:`, `data:`,
/// also spelt with tabs, newlines or leading spaces, which URL parsing drops) is refused, as is a
/// relative URL that begins with two slashes or backslashes in any mix (`//evil.example`,
/// `/\evil.example`, `\\evil.example`: the browser reads each as another host), and an address
/// with a user name or password (`https://user:secret@host/`), which would be printed with the
/// report and handed to analytics.
pub fn url_problem(url: &str) -> Option<UrlProblem> {
    let cleaned: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    if cleaned.is_empty() {
        return Some(UrlProblem::Scheme);
    }
    let slash = |c: char| c == '/' || c == '\\';
    let end = cleaned.find(['/', '\\', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => {
            let mut start = cleaned.chars();
            (start.next().is_some_and(slash) && start.next().is_some_and(slash)).then_some(UrlProblem::OtherSite)
        }
        Some(colon) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            if scheme != "https" && scheme != "http" {
                return Some(UrlProblem::Scheme);
            }
            // The authority: after the slashes (or backslashes), up to the path, query or fragment.
            let rest = cleaned[colon + 1..].trim_start_matches(slash);
            let authority = &rest[..rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len())];
            authority.contains('@').then_some(UrlProblem::Credentials)
        }
    }
}

/// Why a call to action's URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not `https:`, `http:` or relative.
    Scheme,
    /// Relative in form, but to another host (`//host`, `/\host`, `\\host`).
    OtherSite,
    /// A user name or password before the host.
    Credentials,
}

/// Whether `url` may be followed (see [`url_problem`]).
pub fn is_safe_url(url: &str) -> bool {
    url_problem(url).is_none()
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
        match url_problem(&c.url) {
            None => {}
            Some(UrlProblem::Scheme) => {
                problems.push(format!("cta[{i}].url must be an https:, http: or relative URL, got {}", quote(&c.url)))
            }
            Some(UrlProblem::OtherSite) => problems.push(format!(
                "cta[{i}].url must not begin with two slashes or backslashes, which lead to another site \
                 (write https:// for that), got {}",
                quote(&c.url)
            )),
            // Not quoted: the URL holds a password.
            Some(UrlProblem::Credentials) => {
                problems.push(format!("cta[{i}].url must not hold a user name or password (before an @)"))
            }
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
