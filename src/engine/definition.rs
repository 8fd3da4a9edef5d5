//! The assessment definition: the data a host can replace with its own assessment.

use crate::engine::text::Text;
use serde::{Deserialize, Serialize};

/// A whole assessment: what is asked, how answers are scored, and what is recommended.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Definition {
    /// Stable id; results and saved answers are keyed by it.
    pub id: String,
    /// Version of this definition; saved answers from another version are not reused.
    pub version: String,
    pub title: Text,
    /// What the assessment measures, shown on the intro screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Typical minutes to complete, shown on the intro screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_minutes: Option<u32>,
    pub scale: Scale,
    pub levels: Vec<Level>,
    pub rules: Rules,
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub profile: Vec<ProfileQuestion>,
    /// Published figures shown as context next to the result (never as a like-for-like comparison).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benchmarks: Vec<Benchmark>,
    /// The team report's groups (`team-report.md`): which answers to the grouping question form
    /// each group. Without them each answer is a group (the built-in assessment has its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub team_groups: Vec<TeamGroupDef>,
}

/// A group of the team report: its id, its title, and the answers that belong to it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamGroupDef {
    pub id: String,
    pub title: Text,
    pub values: Vec<String>,
}

/// The answer scale: numbered options plus a "Don't know" choice that is left out of the mean.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// Ascending consecutive values, e.g. 1 (Strongly disagree) to 5 (Strongly agree).
    pub options: Vec<ScaleOption>,
    pub dont_know: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScaleOption {
    pub value: u8,
    pub label: Text,
}

/// A maturity level. A score belongs to the highest level whose `min` it reaches.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    pub level: u8,
    /// Lowest score (0–100) of this level; the first level starts at 0.
    pub min: f64,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Scoring rules that are data, not code.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rules {
    /// This many "Don't know" answers in a dimension flag an evidence gap.
    pub evidence_gap_dont_know: u32,
    /// The highest level a dimension with an evidence gap can reach.
    pub evidence_gap_max_level: u8,
    /// The overall level is at most this many levels above the lowest critical dimension.
    pub critical_cap_margin: u8,
    /// A level that needs every dimension at a minimum score (`null` or absent for none).
    #[serde(default)]
    pub top_level_gate: Option<Gate>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gate {
    pub level: u8,
    pub min_dimension_score: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Relative weight; weights are renormalised over the dimensions that have a score.
    pub weight: f64,
    /// A critical dimension limits the overall level (see `Rules::critical_cap_margin`).
    #[serde(default)]
    pub critical: bool,
    pub statements: Vec<Statement>,
    /// One recommendation for every level.
    pub recommendations: Vec<LevelText>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub text: Text,
    /// Reverse-scored: agreement means weaker capability.
    #[serde(default)]
    pub reverse: bool,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelText {
    pub level: u8,
    pub text: Text,
}

/// An optional question about the organisation, asked before the statements.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileQuestion {
    pub id: String,
    pub label: Text,
    /// Several options may be chosen.
    #[serde(default)]
    pub multiple: bool,
    #[serde(default)]
    pub required: bool,
    pub options: Vec<Choice>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Benchmark {
    pub text: Text,
    pub source: String,
    #[serde(default)]
    pub year: Option<u16>,
}

impl Definition {
    /// The level a score (0–100) falls in: the highest level whose `min` it reaches.
    pub fn level_for(&self, score: f64) -> u8 {
        self.levels
            .iter()
            .filter(|l| score >= l.min)
            .map(|l| l.level)
            .max()
            .unwrap_or_else(|| self.levels.first().map(|l| l.level).unwrap_or(1))
    }

    pub fn level(&self, level: u8) -> Option<&Level> {
        self.levels.iter().find(|l| l.level == level)
    }

    pub fn level_name(&self, level: u8, locale: &str) -> String {
        self.level(level).map(|l| l.name.get(locale).to_string()).unwrap_or_default()
    }

    pub fn statement_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.statements.len()).sum()
    }

    pub fn scale_min(&self) -> u8 {
        self.scale.options.iter().map(|o| o.value).min().unwrap_or(1)
    }

    pub fn scale_max(&self) -> u8 {
        self.scale.options.iter().map(|o| o.value).max().unwrap_or(5)
    }

    /// The dimension a statement belongs to.
    pub fn dimension_of(&self, statement_id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.statements.iter().any(|s| s.id == statement_id))
    }
}

impl Dimension {
    pub fn recommendation(&self, level: u8) -> Option<&Text> {
        self.recommendations.iter().find(|r| r.level == level).map(|r| &r.text)
    }
}

impl Definition {
    /// Every user-visible text, in a fixed order (the order of a language pack's `texts`).
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut out = vec![&mut self.title];
        out.extend(self.intro.as_mut());
        out.extend(self.scale.options.iter_mut().map(|o| &mut o.label));
        out.push(&mut self.scale.dont_know);
        for l in &mut self.levels {
            out.push(&mut l.name);
            out.extend(l.description.as_mut());
        }
        for d in &mut self.dimensions {
            out.push(&mut d.title);
            out.extend(d.description.as_mut());
            out.extend(d.statements.iter_mut().map(|s| &mut s.text));
            out.extend(d.recommendations.iter_mut().map(|r| &mut r.text));
        }
        for q in &mut self.profile {
            out.push(&mut q.label);
            out.extend(q.options.iter_mut().map(|o| &mut o.label));
        }
        out.extend(self.benchmarks.iter_mut().map(|b| &mut b.text));
        out
    }
}
