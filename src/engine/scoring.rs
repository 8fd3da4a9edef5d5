//! Scoring as `assessment-model.md` specifies it: reverse items, "Don't know", evidence gaps,
//! renormalised weights, unassessed dimensions, the critical cap and the top-level gate.

use crate::engine::definition::{Definition, Dimension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An answer to one statement: a value on the scale, or "Don't know". In JSON: the number, or `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Option<u8>", into = "Option<u8>")]
pub enum Answer {
    Value(u8),
    DontKnow,
}

impl Answer {
    /// The value as given, `None` for "Don't know".
    pub fn value(self) -> Option<u8> {
        match self {
            Answer::Value(v) => Some(v),
            Answer::DontKnow => None,
        }
    }
}

impl From<Option<u8>> for Answer {
    fn from(v: Option<u8>) -> Answer {
        v.map_or(Answer::DontKnow, Answer::Value)
    }
}

impl From<Answer> for Option<u8> {
    fn from(a: Answer) -> Option<u8> {
        a.value()
    }
}

/// Answers keyed by statement id.
pub type Answers = BTreeMap<String, Answer>;

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    pub id: String,
    /// 0–100, rounded to one decimal; `None` when no item was answered (unassessed).
    pub score: Option<f64>,
    /// The level, after the evidence-gap cap.
    pub level: Option<u8>,
    pub evidence_gap: bool,
    pub answered: usize,
    pub dont_know: usize,
}

/// Why the overall level was capped by a critical dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    /// The level the overall result was capped at.
    pub level: u8,
    /// The level the overall score alone would have reached.
    pub uncapped: u8,
    pub dimension_id: String,
    pub dimension_level: u8,
}

/// Why the top level was withheld.
#[derive(Debug, Clone, PartialEq)]
pub struct GateBlock {
    pub level: u8,
    pub min_dimension_score: f64,
    /// The dimensions below the minimum, with their score (`None` when unassessed).
    pub below: Vec<(String, Option<f64>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overall {
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub capped_by: Option<Cap>,
    pub gate: Option<GateBlock>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub dimensions: Vec<DimensionScore>,
    pub overall: Overall,
}

/// Rounds to one decimal place, the precision scores are reported and levelled at.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A dimension's [`Raw`] from its statements' answers, in the definition's order.
pub fn dimension_raw(def: &Definition, d: &Dimension, answers: impl Iterator<Item = Option<Answer>>) -> Raw {
    let (lo, hi) = (f64::from(def.scale_min()), f64::from(def.scale_max()));
    let mut sum = 0.0;
    let (mut answered, mut dont_know) = (0, 0);
    for (s, answer) in d.statements.iter().zip(answers) {
        match answer {
            Some(Answer::Value(v)) => {
                let v = f64::from(v);
                sum += if s.reverse { lo + hi - v } else { v };
                answered += 1;
            }
            Some(Answer::DontKnow) => dont_know += 1,
            None => {}
        }
    }
    let raw = (answered > 0).then(|| (sum / answered as f64 - lo) / (hi - lo) * 100.0);
    Raw { raw, evidence_gap: dont_know as u32 >= def.rules.evidence_gap_dont_know, answered, dont_know }
}

/// A dimension's score at one decimal and its level (at most the evidence gap's level when it
/// has one), as [`combine`] gives them.
pub fn dimension_level(def: &Definition, raw: &Raw) -> (Option<f64>, Option<u8>) {
    let score = raw.raw.map(round1);
    let level = score.map(|s| {
        let l = def.level_for(s);
        if raw.evidence_gap {
            l.min(def.rules.evidence_gap_max_level)
        } else {
            l
        }
    });
    (score, level)
}

/// The power of two of the largest weight (its exponent bits alone), to divide every weight by.
/// Dividing by a power of two is exact, so the weighted mean is what the spec gives, to the bit;
/// and every divided weight is below 2, so each term is at most 200 and the sums cannot overflow,
/// however large the weights (validation allows at most `MAX_WEIGHT`, but a definition can be
/// built without validation).
fn weight_unit(top: f64) -> f64 {
    let unit = f64::from_bits(top.to_bits() & 0x7ff0_0000_0000_0000);
    // Weights this small (subnormal) or none at all: nothing to overflow.
    if unit > 0.0 && unit.is_finite() {
        unit
    } else {
        1.0
    }
}

/// Scores a set of answers against a definition.
pub fn score(def: &Definition, answers: &Answers) -> Scorecard {
    let raws: Vec<_> = def
        .dimensions
        .iter()
        .map(|d| dimension_raw(def, d, d.statements.iter().map(|s| answers.get(&s.id).copied())))
        .collect();
    combine(def, &raws)
}

/// A dimension's unrounded score (0–100, `None` when unassessed), whether it has an evidence gap,
/// and its answer counts: what [`combine`] levels and weighs.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub raw: Option<f64>,
    pub evidence_gap: bool,
    pub answered: usize,
    pub dont_know: usize,
}

/// The definition's rules applied to dimension scores (one per dimension, in order): each
/// dimension's level, and the overall score and level, weights renormalised over the scored
/// dimensions, with the critical cap and the top-level gate. A respondent's scores come from
/// their answers ([`score`]); a team's are its mean dimension scores.
pub fn combine(def: &Definition, raws: &[Raw]) -> Scorecard {
    let rules = &def.rules;
    let mut dimensions = Vec::with_capacity(def.dimensions.len());
    // Over the scored dimensions only, so that a large unscored weight cannot shrink the others to 0.
    let top = def.dimensions.iter().zip(raws).filter(|(_, r)| r.raw.is_some()).fold(0.0, |m, (d, _)| d.weight.max(m));
    let unit = weight_unit(top);
    let (mut weighted, mut weights) = (0.0, 0.0);
    for (d, r) in def.dimensions.iter().zip(raws) {
        let &Raw { raw, evidence_gap, answered, dont_know } = r;
        let (score, level) = dimension_level(def, r);
        if let Some(raw) = raw {
            let weight = d.weight / unit;
            weighted += raw * weight;
            weights += weight;
        }
        dimensions.push(DimensionScore { id: d.id.clone(), score, level, evidence_gap, answered, dont_know });
    }

    let score = (weights > 0.0).then(|| round1(weighted / weights));
    let mut overall = Overall { score, level: score.map(|s| def.level_for(s)), capped_by: None, gate: None };

    if let Some(uncapped) = overall.level {
        // Critical cap: at most `margin` above the lowest level among the scored critical dimensions.
        let lowest_critical = def
            .dimensions
            .iter()
            .zip(&dimensions)
            .filter(|(d, _)| d.critical)
            .filter_map(|(d, s)| s.level.map(|l| (l, d)))
            .min_by_key(|(l, _)| *l);
        if let Some((dimension_level, d)) = lowest_critical {
            let cap = dimension_level.saturating_add(rules.critical_cap_margin);
            if uncapped > cap {
                overall.level = Some(cap);
                overall.capped_by = Some(Cap { level: cap, uncapped, dimension_id: d.id.clone(), dimension_level });
            }
        }
        // Gate: the gate level needs every dimension at the minimum score.
        if let (Some(g), Some(level)) = (&rules.top_level_gate, overall.level) {
            if level >= g.level {
                let below: Vec<_> = dimensions
                    .iter()
                    .filter(|d| d.score.is_none_or(|s| s < g.min_dimension_score))
                    .map(|d| (d.id.clone(), d.score))
                    .collect();
                if !below.is_empty() {
                    overall.level = Some(g.level.saturating_sub(1).max(1));
                    overall.gate =
                        Some(GateBlock { level: g.level, min_dimension_score: g.min_dimension_score, below });
                }
            }
        }
    }
    Scorecard { dimensions, overall }
}
