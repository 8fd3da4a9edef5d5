//! The optional lead gate: its configuration, validation of what the user entered, and the lead
//! record, which exists only with consent.

use crate::engine::text::quote;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap as Map;
use std::fmt;

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeadMode {
    #[default]
    Off,
    /// The form before the first statement (the lead comes before any answer).
    BeforeStart,
    /// A form between the last statement and the results.
    BeforeResults,
    /// The results show the level, overall score and top priority; the full report follows the form.
    Teaser,
}

impl LeadMode {
    /// The mode named by `lead-capture`'s short form, if it is one.
    pub fn named(s: &str) -> Option<LeadMode> {
        Some(match s {
            "off" | "" => LeadMode::Off,
            "before-start" => LeadMode::BeforeStart,
            "before-results" => LeadMode::BeforeResults,
            "teaser" => LeadMode::Teaser,
            _ => return None,
        })
    }
}
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Name,
    Email,
    Company,
    Role,
    /// A custom free-text field.
    Text,
    /// A custom field with fixed options.
    Choice,
}
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadField {
    /// Key of the value in the lead; defaults to the kind for the built-in kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// Shown label; built-in kinds have a default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub required: bool,
    /// For `choice`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub options: Vec<String>,
}

impl LeadField {
    pub fn key(&self) -> &str {
        match (&self.id, self.kind) {
            (Some(id), _) => id,
            (None, FieldKind::Name) => "name",
            (None, FieldKind::Email) => "email",
            (None, FieldKind::Company) => "company",
            (None, FieldKind::Role) => "role",
            (None, FieldKind::Text) => "text",
            (None, FieldKind::Choice) => "choice",
        }
    }
}

fn default_fields() -> Vec<LeadField> {
    let f = |kind, required| LeadField { id: None, kind, label: None, required, options: vec![] };
    vec![f(FieldKind::Name, false), f(FieldKind::Email, true), f(FieldKind::Company, false)]
}

fn before_results() -> LeadMode {
    LeadMode::BeforeResults
}

/// `lead-capture`: `"off"`, `"before-results"`, or this object.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeadConfig {
    #[serde(default = "before_results")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mode: LeadMode,
    #[serde(default = "default_fields")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub fields: Vec<LeadField>,
    /// The host's consent text, shown beside the required checkbox.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub consent_text: Option<String>,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub privacy_policy_url: Option<String>,
    /// Offer "skip and see results" (no lead is recorded then).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allow_skip: bool,
}

impl LeadConfig {
    /// Reads `lead-capture` given as an object's JSON (natively; the wasm reads the host's object,
    /// see `embed::options`), then checks it; each problem is `(path, message)`.
    pub fn from_json(text: &str) -> Result<LeadConfig, Vec<(String, String)>> {
        let config = crate::engine::wire::parse_object(text).map_err(|e| vec![(e.path, e.message)])?;
        LeadConfig::checked(config)
    }

    /// The configuration if [`LeadConfig::problems`] finds none.
    pub fn checked(config: LeadConfig) -> Result<LeadConfig, Vec<(String, String)>> {
        let problems = config.problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    pub fn off() -> Self {
        LeadConfig { mode: LeadMode::Off, ..Self::before_results() }
    }

    pub fn before_results() -> Self {
        LeadConfig {
            mode: LeadMode::BeforeResults,
            fields: default_fields(),
            consent_text: None,
            privacy_policy_url: None,
            allow_skip: false,
        }
    }

    /// A form of `mode` with the default fields.
    pub fn with_mode(mode: LeadMode) -> Self {
        LeadConfig { mode, ..Self::before_results() }
    }

    pub fn enabled(&self) -> bool {
        self.mode != LeadMode::Off
    }

    /// Checks the configuration; each problem is `(path, message)`.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let key = f.key();
            // `__proto__` would set the lead object's prototype instead of a member.
            if key.trim().is_empty() || key == "consent" || key == "__proto__" {
                out.push((format!("fields[{i}].id"), format!("\"{key}\" cannot be used as a field id")));
            } else if seen.contains(&key) {
                out.push((format!("fields[{i}].id"), format!("duplicate field id \"{key}\"")));
            }
            seen.push(key);
            if matches!(f.kind, FieldKind::Text | FieldKind::Choice) {
                if f.id.is_none() {
                    out.push((format!("fields[{i}].id"), "a custom field needs an id".into()));
                }
                if f.label.as_deref().is_none_or(|l| l.trim().is_empty()) {
                    out.push((format!("fields[{i}].label"), "a custom field needs a label".into()));
                }
            }
            if f.kind == FieldKind::Choice && f.options.is_empty() {
                out.push((format!("fields[{i}].options"), "a choice field needs options".into()));
            }
        }
        if let Some(url) = &self.privacy_policy_url {
            // A relative URL, or an absolute http(s) one: no javascript:, data: or other schemes.
            let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
            let ok = !url.trim().is_empty()
                && scheme.is_none_or(|s| s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http"));
            if !ok {
                out.push((
                    "privacyPolicyUrl".into(),
                    format!("must be an http(s) URL or a relative link, got {}", quote(url)),
                ));
            }
        }
        out
    }
}

/// Why a lead field was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadError {
    Required,
    InvalidEmail,
    NotAnOption,
    TooLong,
    ConsentRequired,
}

impl fmt::Display for LeadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LeadError::Required => "required",
            LeadError::InvalidEmail => "invalid email",
            LeadError::NotAnOption => "not one of the options",
            LeadError::TooLong => "too long",
            LeadError::ConsentRequired => "consent required",
        })
    }
}

pub const MAX_FIELD_LEN: usize = 200;

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    let labels: Vec<&str> = domain.split('.').collect();
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2)
}

/// Validates entered values; returns `(field key, error)` for each problem, the consent last.
pub fn validate_lead(config: &LeadConfig, values: &Map<String, String>, consent: bool) -> Vec<(String, LeadError)> {
    let mut errors = Vec::new();
    for f in &config.fields {
        let key = f.key();
        let v = values.get(key).map(|v| v.trim()).unwrap_or("");
        let error = if v.is_empty() {
            f.required.then_some(LeadError::Required)
        } else if v.chars().count() > MAX_FIELD_LEN {
            Some(LeadError::TooLong)
        } else if f.kind == FieldKind::Email && !is_email(v) {
            Some(LeadError::InvalidEmail)
        } else if f.kind == FieldKind::Choice && !f.options.iter().any(|o| o == v) {
            Some(LeadError::NotAnOption)
        } else {
            None
        };
        if let Some(e) = error {
            errors.push((key.to_string(), e));
        }
    }
    if !consent {
        errors.push(("consent".to_string(), LeadError::ConsentRequired));
    }
    errors
}

/// The record of consent that travels with a lead.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    pub at: String,
}

/// A consented lead: the entered values (trimmed, empty ones left out) and the consent.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", tsify(type = "{ consent: Consent; [field: string]: string | Consent }"))]
pub struct Lead {
    #[serde(flatten)]
    pub values: Map<String, String>,
    pub consent: Consent,
}

/// Builds the lead, or the reasons it cannot be built. There is no lead without consent.
pub fn make_lead(
    config: &LeadConfig,
    values: &Map<String, String>,
    consent: bool,
    consent_text: &str,
    at: &str,
) -> Result<Lead, Vec<(String, LeadError)>> {
    let errors = validate_lead(config, values, consent);
    if !errors.is_empty() {
        return Err(errors);
    }
    let values = Map::from_iter(config.fields.iter().filter_map(|f| {
        let v = values.get(f.key())?.trim();
        (!v.is_empty()).then(|| (f.key().to_string(), v.to_string()))
    }));
    Ok(Lead {
        values,
        consent: Consent {
            text: consent_text.to_string(),
            privacy_policy_url: config.privacy_policy_url.clone(),
            at: at.to_string(),
        },
    })
}
