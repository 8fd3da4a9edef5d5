//! The assessment definition: the data a host can replace with its own assessment.

use crate::engine::json::{Obj, Reader, Value};
use crate::engine::text::Text;

/// A whole assessment: what is asked, how answers are scored, and what is recommended.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Definition {
    /// Stable id; results and saved answers are keyed by it.
    pub id: String,
    /// Version of this definition; saved answers from another version are not reused.
    pub version: String,
    pub title: Text,
    /// What the assessment measures, shown on the intro screen.
    #[cfg_attr(feature = "schema", serde(default, skip_serializing_if = "Option::is_none"))]
    pub intro: Option<Text>,
    /// Typical minutes to complete, shown on the intro screen.
    #[cfg_attr(feature = "schema", serde(default, skip_serializing_if = "Option::is_none"))]
    pub estimated_minutes: Option<u32>,
    pub scale: Scale,
    pub levels: Vec<Level>,
    pub rules: Rules,
    pub dimensions: Vec<Dimension>,
    #[cfg_attr(feature = "schema", serde(default))]
    pub profile: Vec<ProfileQuestion>,
    /// Published figures shown as context next to the result (never as a like-for-like comparison).
    #[cfg_attr(feature = "schema", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub benchmarks: Vec<Benchmark>,
}

/// The answer scale: numbered options plus a "Don't know" choice that is left out of the mean.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Scale {
    /// Ascending consecutive values, e.g. 1 (Strongly disagree) to 5 (Strongly agree).
    pub options: Vec<ScaleOption>,
    pub dont_know: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ScaleOption {
    pub value: u8,
    pub label: Text,
}

/// A maturity level. A score belongs to the highest level whose `min` it reaches.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Level {
    pub level: u8,
    /// Lowest score (0–100) of this level; the first level starts at 0.
    pub min: f64,
    pub name: Text,
    #[cfg_attr(feature = "schema", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
}

/// Scoring rules that are data, not code.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Rules {
    /// This many "Don't know" answers in a dimension flag an evidence gap.
    pub evidence_gap_dont_know: u32,
    /// The highest level a dimension with an evidence gap can reach.
    pub evidence_gap_max_level: u8,
    /// The overall level is at most this many levels above the lowest critical dimension.
    pub critical_cap_margin: u8,
    /// A level that needs every dimension at a minimum score (`null` for none).
    pub top_level_gate: Option<Gate>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Gate {
    pub level: u8,
    pub min_dimension_score: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    #[cfg_attr(feature = "schema", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
    /// Relative weight; weights are renormalised over the dimensions that have a score.
    pub weight: f64,
    /// A critical dimension limits the overall level (see `Rules::critical_cap_margin`).
    #[cfg_attr(feature = "schema", serde(default))]
    pub critical: bool,
    pub statements: Vec<Statement>,
    /// One recommendation for every level.
    pub recommendations: Vec<LevelText>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Statement {
    pub id: String,
    pub text: Text,
    /// Reverse-scored: agreement means weaker capability.
    #[cfg_attr(feature = "schema", serde(default))]
    pub reverse: bool,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct LevelText {
    pub level: u8,
    pub text: Text,
}

/// An optional question about the organisation, asked before the statements.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct ProfileQuestion {
    pub id: String,
    pub label: Text,
    /// Several options may be chosen.
    #[cfg_attr(feature = "schema", serde(default))]
    pub multiple: bool,
    #[cfg_attr(feature = "schema", serde(default))]
    pub required: bool,
    pub options: Vec<Choice>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct Benchmark {
    pub text: Text,
    pub source: String,
    pub year: Option<u16>,
}

/// The members of each object, for "unknown field" errors.
const DEFINITION: &[&str] = &[
    "id",
    "version",
    "title",
    "intro",
    "estimatedMinutes",
    "scale",
    "levels",
    "rules",
    "dimensions",
    "profile",
    "benchmarks",
];

impl Definition {
    /// Reads a definition's structure; `validate` then checks what the types cannot.
    pub fn read(r: &mut Reader, v: &Value) -> Definition {
        let o = r.object(v, "", Some(DEFINITION));
        Definition {
            id: r.req_string(&o, "id"),
            version: r.req_string(&o, "version"),
            title: req_text(r, &o, "title"),
            intro: opt_text(r, &o, "intro"),
            estimated_minutes: r.opt_integer(&o, "estimatedMinutes", u32::MAX),
            scale: {
                let v = r.required(&o, "scale").unwrap_or(&Value::Null);
                let s = r.object(v, "scale", Some(&["options", "dontKnow"]));
                Scale {
                    options: r.list(&s, "options", true, |r, v, path| {
                        let o = r.object(v, path, Some(&["value", "label"]));
                        ScaleOption { value: r.req_integer(&o, "value", 255) as u8, label: req_text(r, &o, "label") }
                    }),
                    dont_know: req_text(r, &s, "dontKnow"),
                }
            },
            levels: r.list(&o, "levels", true, |r, v, path| {
                let o = r.object(v, path, Some(&["level", "min", "name", "description"]));
                Level {
                    level: r.req_integer(&o, "level", 255) as u8,
                    min: r.req_number(&o, "min"),
                    name: req_text(r, &o, "name"),
                    description: opt_text(r, &o, "description"),
                }
            }),
            rules: {
                let v = r.required(&o, "rules").unwrap_or(&Value::Null);
                let known = ["evidenceGapDontKnow", "evidenceGapMaxLevel", "criticalCapMargin", "topLevelGate"];
                let o = r.object(v, "rules", Some(&known));
                Rules {
                    evidence_gap_dont_know: r.req_integer(&o, "evidenceGapDontKnow", u32::MAX),
                    evidence_gap_max_level: r.req_integer(&o, "evidenceGapMaxLevel", 255) as u8,
                    critical_cap_margin: r.req_integer(&o, "criticalCapMargin", 255) as u8,
                    top_level_gate: match o.some("topLevelGate") {
                        None => None,
                        Some(v) => {
                            let g = r.object(v, &o.at("topLevelGate"), Some(&["level", "minDimensionScore"]));
                            Some(Gate {
                                level: r.req_integer(&g, "level", 255) as u8,
                                min_dimension_score: r.req_number(&g, "minDimensionScore"),
                            })
                        }
                    },
                }
            },
            dimensions: r.list(&o, "dimensions", true, |r, v, path| {
                let known = ["id", "title", "description", "weight", "critical", "statements", "recommendations"];
                let o = r.object(v, path, Some(&known));
                Dimension {
                    id: r.req_string(&o, "id"),
                    title: req_text(r, &o, "title"),
                    description: opt_text(r, &o, "description"),
                    weight: r.req_number(&o, "weight"),
                    critical: r.flag(&o, "critical"),
                    statements: r.list(&o, "statements", true, |r, v, path| {
                        let o = r.object(v, path, Some(&["id", "text", "reverse"]));
                        Statement {
                            id: r.req_string(&o, "id"),
                            text: req_text(r, &o, "text"),
                            reverse: r.flag(&o, "reverse"),
                        }
                    }),
                    recommendations: r.list(&o, "recommendations", true, |r, v, path| {
                        let o = r.object(v, path, Some(&["level", "text"]));
                        LevelText { level: r.req_integer(&o, "level", 255) as u8, text: req_text(r, &o, "text") }
                    }),
                }
            }),
            profile: r.list(&o, "profile", false, |r, v, path| {
                let o = r.object(v, path, Some(&["id", "label", "multiple", "required", "options"]));
                ProfileQuestion {
                    id: r.req_string(&o, "id"),
                    label: req_text(r, &o, "label"),
                    multiple: r.flag(&o, "multiple"),
                    required: r.flag(&o, "required"),
                    options: r.list(&o, "options", true, |r, v, path| {
                        let o = r.object(v, path, Some(&["id", "label"]));
                        Choice { id: r.req_string(&o, "id"), label: req_text(r, &o, "label") }
                    }),
                }
            }),
            benchmarks: r.list(&o, "benchmarks", false, |r, v, path| {
                let o = r.object(v, path, Some(&["text", "source", "year"]));
                Benchmark {
                    text: req_text(r, &o, "text"),
                    source: r.req_string(&o, "source"),
                    year: r.opt_integer(&o, "year", 65_535).map(|y| y as u16),
                }
            }),
        }
    }

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

fn req_text(r: &mut Reader, o: &Obj, key: &str) -> Text {
    match r.required(o, key) {
        Some(v) => Text::read(r, v, &o.at(key)),
        None => Text::Plain(String::new()),
    }
}

fn opt_text(r: &mut Reader, o: &Obj, key: &str) -> Option<Text> {
    o.some(key).map(|v| Text::read(r, v, &o.at(key)))
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
