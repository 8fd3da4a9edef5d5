//! The result JSON hosts receive (`schemaVersion: 1`, see the embedding contract), and the
//! recommendations with the reason each was chosen.

use crate::engine::definition::Definition;
use crate::engine::lead::Lead;
use crate::engine::messages::{fill, Wording};
use crate::engine::scoring::{score, Cap, DimensionScore, GateBlock, Scorecard};
use crate::engine::session::{ProfileAnswer, Session};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentResult {
    pub schema_version: u32,
    /// A random 128-bit identifier of this completion, 32 lowercase hex digits: the same value the
    /// submission sends as its `Idempotency-Key`, so that hosts can drop duplicates. (Results made
    /// before it was added have none.)
    #[serde(default)]
    pub id: String,
    pub assessment: AssessmentRef,
    pub locale: String,
    pub started_at: String,
    pub completed_at: String,
    pub profile: BTreeMap<String, ProfileAnswer>,
    pub answers: Vec<AnswerRecord>,
    pub dimensions: Vec<DimensionResult>,
    pub overall: OverallResult,
    pub recommendations: Vec<Recommendation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Lead>,
    /// Where the respondent came from (only with the `attribution` option).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attribution: Option<crate::engine::attribution::Attribution>,
    /// The last earlier completion of this assessment kept in this browser, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub previous: Option<crate::engine::history::Previous>,
}

impl AssessmentResult {
    /// What analytics (the data layer) may receive: the result without the lead, and without any
    /// attribution value that holds an email address. Nothing else in a result is typed by the
    /// respondent: answers and profile answers are values and option ids chosen from the
    /// definition's.
    pub fn for_analytics(&self) -> AssessmentResult {
        AssessmentResult {
            lead: None,
            attribution: self.attribution.as_ref().map(|a| a.for_analytics()),
            ..self.clone()
        }
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRef {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRecord {
    pub question_id: String,
    pub dimension_id: String,
    /// The value as given, `null` for "Don't know".
    pub value: Option<u8>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionResult {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub critical: bool,
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub level_name: Option<String>,
    pub evidence_gap: bool,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OverallResult {
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub level_name: Option<String>,
    pub capped_by: Option<String>,
    pub gate: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub dimension_id: String,
    pub level: u8,
    pub text: String,
    pub why: String,
}

fn dimension_title(def: &Definition, id: &str, locale: &str) -> String {
    def.dimensions.iter().find(|d| d.id == id).map(|d| d.title.get(locale).to_string()).unwrap_or_default()
}

/// The reason a critical dimension capped the overall level.
pub fn cap_reason(def: &Definition, cap: &Cap, w: &Wording) -> String {
    let locale = w.locale;
    fill(
        w.messages.cap,
        &[
            ("cap_name", def.level_name(cap.level, locale)),
            ("cap", cap.level.to_string()),
            ("dim", dimension_title(def, &cap.dimension_id, locale)),
            ("dl_name", def.level_name(cap.dimension_level, locale)),
            ("dl", cap.dimension_level.to_string()),
            ("margin", def.rules.critical_cap_margin.to_string()),
            ("uncapped", cap.uncapped.to_string()),
        ],
    )
}

/// The reason the top level was withheld.
pub fn gate_reason(def: &Definition, gate: &GateBlock, w: &Wording) -> String {
    let (m, locale) = (w.messages, w.locale);
    let below: Vec<String> = gate
        .below
        .iter()
        .map(|(id, s)| match s {
            Some(s) => format!("{} ({})", dimension_title(def, id, locale), (w.number)(*s)),
            None => format!("{} ({})", dimension_title(def, id, locale), m.unassessed),
        })
        .collect();
    fill(
        m.gate,
        &[
            ("level", gate.level.to_string()),
            ("name", def.level_name(gate.level, locale)),
            ("min", (w.number)(gate.min_dimension_score)),
            ("list", below.join(m.list_separator)),
        ],
    )
}

/// The dimension indices, weakest first: scored ones by ascending score (ties by larger
/// weight, then definition order), then unassessed ones in definition order.
pub fn weakest_first(def: &Definition, scores: &[DimensionScore]) -> Vec<usize> {
    let weaker = |a: usize, b: usize| match (scores[a].score, scores[b].score) {
        (Some(x), Some(y)) => {
            x.total_cmp(&y).then(def.dimensions[b].weight.total_cmp(&def.dimensions[a].weight)).is_lt()
        }
        (Some(_), None) => true,
        _ => false,
    };
    // An insertion sort: a handful of dimensions, and stable, so ties keep definition order.
    let mut order: Vec<usize> = Vec::with_capacity(scores.len());
    for i in 0..scores.len() {
        let at = order.iter().position(|&o| weaker(i, o)).unwrap_or(order.len());
        order.insert(at, i);
    }
    order
}

/// One recommendation per dimension, for its level, weakest dimension first, each with its reason.
pub fn recommendations(def: &Definition, card: &Scorecard, w: &Wording) -> Vec<Recommendation> {
    let (m, locale) = (w.messages, w.locale);
    let order = weakest_first(def, &card.dimensions);
    let scored = card.dimensions.iter().filter(|d| d.score.is_some()).count();
    let first_level = def.levels.first().map(|l| l.level).unwrap_or(1);
    order
        .iter()
        .enumerate()
        .filter_map(|(rank, &i)| {
            let d = &def.dimensions[i];
            let s = &card.dimensions[i];
            let level = s.level.unwrap_or(first_level);
            let text = d.recommendation(level)?.get(locale).to_string();
            let mut why = match (s.score, s.level) {
                (Some(score), Some(l)) => {
                    let standing = if rank == 0 && scored > 1 {
                        m.weakest.to_string()
                    } else if rank + 1 == scored && scored > 1 {
                        m.strongest.to_string()
                    } else {
                        fill(m.ranked, &[("r", (rank + 1).to_string()), ("n", scored.to_string())])
                    };
                    fill(
                        m.why_scored,
                        &[
                            ("standing", standing),
                            ("score", (w.number)(score)),
                            ("level", l.to_string()),
                            ("name", def.level_name(l, locale)),
                        ],
                    )
                }
                _ => m.why_unassessed.to_string(),
            };
            if d.critical && s.score.is_some() {
                why.push_str(m.why_critical);
            }
            if s.evidence_gap && s.score.is_some() {
                why.push_str(&fill(
                    m.why_gap,
                    &[("n", s.dont_know.to_string()), ("max", def.rules.evidence_gap_max_level.to_string())],
                ));
            }
            Some(Recommendation { dimension_id: d.id.clone(), level, text, why })
        })
        .collect()
}

/// Builds the result of a completed session; `None` until the session is complete.
pub fn build_result(def: &Definition, session: &Session, w: &Wording) -> Option<AssessmentResult> {
    let locale = w.locale;
    let completed_at = session.completed_at.clone()?;
    let card = score(def, &session.answers);
    let level_name = |l: Option<u8>| l.map(|l| def.level_name(l, locale));
    let answers = def
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .filter_map(|(d, s)| {
            session.answers.get(&s.id).map(|a| AnswerRecord {
                question_id: s.id.clone(),
                dimension_id: d.id.clone(),
                value: a.value(),
            })
        })
        .collect();
    let dimensions = def
        .dimensions
        .iter()
        .zip(&card.dimensions)
        .map(|(d, s)| DimensionResult {
            id: d.id.clone(),
            title: d.title.get(locale).to_string(),
            weight: d.weight,
            critical: d.critical,
            score: s.score,
            level: s.level,
            level_name: level_name(s.level),
            evidence_gap: s.evidence_gap,
        })
        .collect();
    let overall = OverallResult {
        score: card.overall.score,
        level: card.overall.level,
        level_name: level_name(card.overall.level),
        capped_by: card.overall.capped_by.as_ref().map(|c| cap_reason(def, c, w)),
        gate: card.overall.gate.as_ref().map(|g| gate_reason(def, g, w)),
    };
    Some(AssessmentResult {
        id: session.id.clone().unwrap_or_default(),
        schema_version: SCHEMA_VERSION,
        assessment: AssessmentRef {
            id: def.id.clone(),
            version: def.version.clone(),
            title: def.title.get(locale).to_string(),
        },
        locale: locale.to_string(),
        started_at: session.started_at.clone().unwrap_or_else(|| completed_at.clone()),
        completed_at,
        profile: session.profile.clone(),
        answers,
        dimensions,
        overall,
        recommendations: recommendations(def, &card, w),
        lead: session.lead.clone(),
        attribution: None,
        previous: None,
    })
}
