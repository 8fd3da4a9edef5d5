//! The change since a previous round (`baseline-src`, or files added as the previous round): each
//! round's report follows the anonymity rules on its own, and the two are compared only when
//! their difference cannot describe fewer than `min_group` respondents either.

use super::report::TeamReport;
use super::Team;
use crate::engine::scoring::round1;
use serde::Serialize;

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub respondents: usize,
    pub overall: Change,
    pub dimensions: Vec<DimensionChange>,
}

/// Why the change since the previous round is not shown.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PreviousWithheld {
    /// The previous round holds the same results as this one.
    SameResults,
    /// The rounds share results, and one of them has only 1 to `minGroup − 1` of its own: the
    /// change would describe those few.
    SharedResults,
    /// The previous round has fewer than `minGroup` respondents.
    TooFew,
}

/// A mean then and now, and the change (each at one decimal; `None` where either is missing).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub before: Option<f64>,
    pub now: Option<f64>,
    pub change: Option<f64>,
}

impl Change {
    fn of(before: Option<f64>, now: Option<f64>) -> Change {
        Change { before, now, change: before.zip(now).map(|(b, n)| round1(n - b)) }
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionChange {
    pub dimension_id: String,
    #[serde(flatten)]
    pub team: Change,
    /// Each group shown in this round, against its mean in the previous one.
    pub groups: Vec<GroupChange>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupChange {
    pub id: String,
    #[serde(flatten)]
    pub change: Change,
}

/// Whether the two rounds may be compared, and why not: the results they share (by result id,
/// or for results without one by their answers, profile and times) leave each round with none
/// or `min_group` or more of its own.
pub fn withheld(now: &Team, before: &Team) -> Option<PreviousWithheld> {
    let k = now.min_group();
    if before.respondents() < k {
        return Some(PreviousWithheld::TooFew);
    }
    let shared = now.shared_with(before);
    let (own_now, own_before) = (now.respondents() - shared, before.respondents() - shared);
    if shared > 0 && own_now == 0 && own_before == 0 {
        return Some(PreviousWithheld::SameResults);
    }
    let few = |own: usize| (1..k).contains(&own);
    (shared > 0 && (few(own_now) || few(own_before))).then_some(PreviousWithheld::SharedResults)
}

/// `now` with the change since `before` (a report of the same assessment's previous round).
pub fn compare(now: &TeamReport, before: &TeamReport) -> Comparison {
    Comparison {
        respondents: before.respondents,
        overall: Change::of(before.overall.score, now.overall.score),
        dimensions: now
            .dimensions
            .iter()
            .map(|d| {
                let then = before.dimensions.iter().find(|b| b.id == d.id);
                DimensionChange {
                    dimension_id: d.id.clone(),
                    team: Change::of(then.and_then(|b| b.stats.mean), d.stats.mean),
                    groups: d
                        .groups
                        .iter()
                        .map(|g| GroupChange {
                            id: g.id.clone(),
                            change: Change::of(
                                then.and_then(|b| b.groups.iter().find(|x| x.id == g.id)).and_then(|x| x.mean),
                                g.mean,
                            ),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}
