//! Progress since last time: the last completion of an assessment, kept in the browser (its
//! scores only: never its answers, never the lead), and the change of a later completion since.

use crate::engine::definition::Definition;
use crate::engine::result::AssessmentResult;
use crate::engine::scoring::round1;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const FORMAT: u32 = 1;

/// An earlier completion, as the result's `previous` carries it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Previous {
    pub completed_at: String,
    pub overall: PreviousOverall,
    pub dimensions: Vec<PreviousDimension>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousOverall {
    pub score: Option<f64>,
    pub level: Option<u8>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousDimension {
    pub id: String,
    pub score: Option<f64>,
}

impl Previous {
    /// What is kept of a completion.
    pub fn of(r: &AssessmentResult) -> Previous {
        Previous {
            completed_at: r.completed_at.clone(),
            overall: PreviousOverall { score: r.overall.score, level: r.overall.level },
            dimensions: r.dimensions.iter().map(|d| PreviousDimension { id: d.id.clone(), score: d.score }).collect(),
        }
    }
}

/// What the browser keeps for one assessment: its last completion (by result id) and the one
/// before it, so that the last completion, shown again, still compares with the one before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kept {
    pub format: u32,
    /// The assessment's id.
    pub id: String,
    /// The result id of the last completion.
    pub result_id: String,
    pub last: Previous,
    #[serde(default)]
    pub earlier: Option<Previous>,
}

impl Kept {
    /// What `r` compares with: the last completion, or, when `r` is the last, the one before it.
    pub fn previous_for(&self, r: &AssessmentResult) -> Option<&Previous> {
        if self.result_id == r.id {
            self.earlier.as_ref()
        } else {
            Some(&self.last)
        }
    }

    /// What to keep once `r` is completed, given what was kept (unchanged when `r` is the last).
    pub fn after(kept: Option<&Kept>, r: &AssessmentResult) -> Kept {
        match kept {
            Some(k) if k.result_id == r.id => k.clone(),
            _ => Kept {
                format: FORMAT,
                id: r.assessment.id.clone(),
                result_id: r.id.clone(),
                last: Previous::of(r),
                earlier: kept.map(|k| k.last.clone()),
            },
        }
    }

    /// Reads what was kept; anything unreadable, or for another assessment, is nothing.
    pub fn read(def: &Definition, value: Value) -> Option<Kept> {
        let kept: Kept = crate::engine::wire::read_plain(value).ok()?;
        (kept.format == FORMAT && kept.id == def.id).then_some(kept)
    }
}

/// Where the last completion of an assessment is kept: `cx-scorecard:last:<id>`, and
/// `…:<storageKey>` for a widget given one. Every version of the assessment shares it: the change
/// is per dimension id, and a dimension the earlier completion did not have shows none.
pub fn kept_key(def: &Definition, scope: Option<&str>) -> String {
    match scope {
        Some(scope) => format!("cx-scorecard:last:{}:{scope}", def.id),
        None => format!("cx-scorecard:last:{}", def.id),
    }
}

/// The change of a completion since an earlier one: overall, and per dimension in the result's
/// order. A change is `None` where either score is missing; it is rounded to one decimal.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub overall: Option<f64>,
    pub dimensions: Vec<Option<f64>>,
}

fn difference(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(round1(now? - before?))
}

/// How `r` changed since `previous`.
pub fn change(r: &AssessmentResult, previous: &Previous) -> Change {
    Change {
        overall: difference(r.overall.score, previous.overall.score),
        dimensions: r
            .dimensions
            .iter()
            .map(|d| difference(d.score, previous.dimensions.iter().find(|p| p.id == d.id).and_then(|p| p.score)))
            .collect(),
    }
}

/// A change for people: `+12`, `−3.5` (with a minus sign), `±0`, the number written by `number`.
pub fn signed(delta: f64, number: &dyn Fn(f64) -> String) -> String {
    if delta > 0.0 {
        format!("+{}", number(delta))
    } else if delta < 0.0 {
        format!("\u{2212}{}", number(-delta))
    } else {
        format!("\u{b1}{}", number(0.0))
    }
}
