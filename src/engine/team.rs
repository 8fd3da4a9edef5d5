//! The team report (`team-report.md`): many respondents' results of one assessment combined.
//! Each accepted result is scored once, from its answers, when it is added; the report is
//! aggregated from those scores, so adding a file never rescores what was already there.

use crate::engine::definition::Definition;
use crate::engine::result::{AssessmentRef, OverallResult, Recommendation};
use crate::engine::scoring::{combine, round1, score, Answer, Answers, Raw};
use crate::engine::session::ProfileAnswer;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// A difference between two groups' means of this many points or more is a gap.
pub const GAP: f64 = 15.0;
/// A dimension whose standard deviation is this or more has no shared view.
pub const DISAGREEMENT: f64 = 20.0;
/// A team dimension with this share of "Don't know" answers or more has an evidence gap.
pub const EVIDENCE_GAP_SHARE: f64 = 0.4;

/// Why an input was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    NotJson,
    NotAResult,
    OtherAssessment,
    OtherVersion,
    Duplicate,
    /// Its answers name statements the assessment does not have, or values outside the scale.
    AnswersDoNotFit,
}

impl Reason {
    pub fn words(self) -> &'static str {
        match self {
            Reason::NotJson => "not JSON",
            Reason::NotAResult => "not a result",
            Reason::OtherAssessment => "a result of another assessment",
            Reason::OtherVersion => "a result of another version of this assessment",
            Reason::Duplicate => "a duplicate of a result already added",
            Reason::AnswersDoNotFit => "its answers do not fit this assessment",
        }
    }
}

/// A rejected input: where it came from (a file name and position, or "pasted text, line 3").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub source: String,
    pub reason: String,
}

/// A named group of answers to the grouping question.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamGroup {
    pub id: String,
    pub title: String,
    pub values: Vec<String>,
}

/// The default assessment's role groups: leaders, front line, support functions.
pub fn default_groups() -> Vec<TeamGroup> {
    let g = |id: &str, title: &str, values: &[&str]| TeamGroup {
        id: id.into(),
        title: title.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    vec![
        g("leaders", "Leaders", &["executive"]),
        g("front-line", "Front line", &["front-line-manager", "front-line-staff"]),
        g("support", "Support functions", &["cx", "operations", "it-data"]),
    ]
}

/// What a result must hold to be counted; everything else in it is ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Input {
    #[serde(default)]
    id: String,
    assessment: InputRef,
    answers: Vec<InputAnswer>,
    #[serde(default)]
    profile: BTreeMap<String, ProfileAnswer>,
}

#[derive(Deserialize)]
struct InputRef {
    id: String,
    version: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InputAnswer {
    question_id: String,
    value: Option<u8>,
}

/// One accepted respondent, scored once.
#[derive(Debug, Clone)]
struct Respondent {
    group: Option<usize>,
    /// Per dimension: the score (one decimal) and level, `None` when unassessed.
    scores: Vec<Option<(f64, u8)>>,
    /// Per statement, in definition order: the reverse-corrected value, `Some(None)` for "Don't know".
    answers: Vec<Option<Option<f64>>>,
}

/// The team: the definition, the grouping, and every accepted respondent.
#[derive(Debug, Clone)]
pub struct Team {
    def: Definition,
    group_by: String,
    min_group: usize,
    groups: Vec<TeamGroup>,
    ids: HashSet<String>,
    respondents: Vec<Respondent>,
    rejected: Vec<Rejected>,
}

impl Team {
    /// An empty team. `groups` empty: each answer to `group_by` is a group of its own.
    pub fn new(def: Definition, group_by: &str, min_group: usize, groups: Vec<TeamGroup>) -> Team {
        Team {
            def,
            group_by: group_by.into(),
            min_group: min_group.max(1),
            groups,
            ids: HashSet::new(),
            respondents: Vec::new(),
            rejected: Vec::new(),
        }
    }

    pub fn respondents(&self) -> usize {
        self.respondents.len()
    }

    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Adds one result (JSON data) from `source`; a rejection is listed with its reason.
    pub fn add(&mut self, source: &str, value: serde_json::Value) -> Result<(), Reason> {
        let outcome = self.accept(value);
        if let Err(reason) = outcome {
            self.rejected.push(Rejected { source: source.into(), reason: reason.words().into() });
        }
        outcome
    }

    /// Adds JSON text: one result, an array of them, or NDJSON (one per line). Each is named by
    /// `source` and its position (`"team.json, result 2"`, `"team.ndjson, line 3"`).
    pub fn add_text(&mut self, source: &str, text: &str) -> usize {
        let before = self.respondents.len();
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    let _ = self.add(&format!("{source}, result {}", i + 1), item);
                }
            }
            Ok(one) => {
                let _ = self.add(source, one);
            }
            Err(_) => {
                for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                    let at = format!("{source}, line {}", i + 1);
                    match serde_json::from_str(line) {
                        Ok(v) => {
                            let _ = self.add(&at, v);
                        }
                        Err(_) => self.rejected.push(Rejected { source: at, reason: Reason::NotJson.words().into() }),
                    }
                }
            }
        }
        self.respondents.len() - before
    }

    fn accept(&mut self, value: serde_json::Value) -> Result<(), Reason> {
        let input: Input = serde_json::from_value(value).map_err(|_| Reason::NotAResult)?;
        if input.assessment.id != self.def.id {
            return Err(Reason::OtherAssessment);
        }
        if input.assessment.version != self.def.version {
            return Err(Reason::OtherVersion);
        }
        if !input.id.is_empty() && self.ids.contains(&input.id) {
            return Err(Reason::Duplicate);
        }
        let mut answers = Answers::new();
        for a in &input.answers {
            if self.def.dimension_of(&a.question_id).is_none() {
                return Err(Reason::AnswersDoNotFit);
            }
            let answer = match a.value {
                Some(v) if v < self.def.scale_min() || v > self.def.scale_max() => return Err(Reason::AnswersDoNotFit),
                Some(v) => Answer::Value(v),
                None => Answer::DontKnow,
            };
            answers.insert(a.question_id.clone(), answer);
        }
        let card = score(&self.def, &answers);
        let (lo, hi) = (f64::from(self.def.scale_min()), f64::from(self.def.scale_max()));
        let statements = self
            .def
            .dimensions
            .iter()
            .flat_map(|d| &d.statements)
            .map(|s| {
                answers
                    .get(&s.id)
                    .map(|a| a.value().map(|v| if s.reverse { lo + hi - f64::from(v) } else { f64::from(v) }))
            })
            .collect();
        let group = match input.profile.get(&self.group_by) {
            Some(ProfileAnswer::One(value)) => self.group_of(value),
            _ => None,
        };
        if !input.id.is_empty() {
            self.ids.insert(input.id);
        }
        self.respondents.push(Respondent {
            group,
            scores: card.dimensions.iter().map(|d| d.score.zip(d.level)).collect(),
            answers: statements,
        });
        Ok(())
    }

    /// The index of the group `value` belongs to, adding a group per answer when none are named.
    fn group_of(&mut self, value: &str) -> Option<usize> {
        if let Some(i) = self.groups.iter().position(|g| g.values.iter().any(|v| v == value)) {
            return Some(i);
        }
        if !self.named_groups() {
            let title = self
                .def
                .profile
                .iter()
                .find(|q| q.id == self.group_by)
                .and_then(|q| q.options.iter().find(|o| o.id == value))
                .map_or_else(|| value.to_string(), |o| o.label.get("en").to_string());
            self.groups.push(TeamGroup { id: value.into(), title, values: vec![value.into()] });
            return Some(self.groups.len() - 1);
        }
        None
    }

    fn named_groups(&self) -> bool {
        // Groups named up front keep their values; those made from answers have one value equal
        // to their id.
        self.groups.iter().any(|g| g.values.len() != 1 || g.values[0] != g.id)
    }
}

/// Statistics of a list of scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Sample standard deviation (n − 1); `None` when n < 2.
    pub sd: Option<f64>,
}

/// `n`, mean, median, min, max and sample sd of `values`, each at one decimal.
pub fn stats(values: &[f64]) -> Stats {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
    let median = (n > 0).then(|| if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 });
    let sd = mean
        .filter(|_| n >= 2)
        .map(|m| (values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1) as f64).sqrt());
    Stats {
        n,
        mean: mean.map(round1),
        median: median.map(round1),
        min: sorted.first().copied(),
        max: sorted.last().copied(),
        sd: sd.map(round1),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub id: String,
    pub title: String,
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMean {
    pub id: String,
    pub n: usize,
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamDimension {
    pub id: String,
    pub title: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub sd: Option<f64>,
    /// Respondents at level 1…5 in this dimension.
    pub level_counts: Vec<usize>,
    pub dont_know_share: f64,
    pub groups: Vec<GroupMean>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub dimension_id: String,
    pub higher: String,
    pub lower: String,
    pub difference: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    pub dimension_id: String,
    pub sd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamStatement {
    pub id: String,
    pub dimension_id: String,
    pub mean: Option<f64>,
    pub dont_know_share: f64,
    /// The largest difference between two shown groups' means (reverse-corrected, 1–5).
    pub largest_gap: Option<f64>,
}

/// The team report (`kind: "team"`); its fields are `team-report.md`'s.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamReport {
    pub schema_version: u32,
    pub kind: &'static str,
    pub assessment: AssessmentRef,
    pub locale: String,
    pub group_by: String,
    pub min_group: usize,
    pub respondents: usize,
    pub rejected: Vec<Rejected>,
    pub groups: Vec<GroupRef>,
    pub dimensions: Vec<TeamDimension>,
    pub overall: OverallResult,
    pub gaps: Vec<Gap>,
    pub disagreements: Vec<Disagreement>,
    pub statements: Vec<TeamStatement>,
    pub recommendations: Vec<Recommendation>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl Team {
    /// The report, in `locale` (English texts where the definition has no other).
    pub fn report(&self, locale: &str) -> TeamReport {
        let def = &self.def;
        let all = self.respondents.len();
        // Shown groups: at least `min_group` respondents.
        let shown: Vec<usize> = (0..self.groups.len())
            .filter(|&g| self.respondents.iter().filter(|r| r.group == Some(g)).count() >= self.min_group)
            .collect();
        let members = |g: usize| self.respondents.iter().filter(move |r| r.group == Some(g));
        let mut offset = 0;
        let mut dimensions = Vec::new();
        let mut raws = Vec::new();
        let mut statements = Vec::new();
        let mut gaps = Vec::new();
        for (di, d) in def.dimensions.iter().enumerate() {
            let scores: Vec<f64> = self.respondents.iter().filter_map(|r| r.scores[di].map(|s| s.0)).collect();
            let st = stats(&scores);
            let mut level_counts = vec![0; 5];
            for r in &self.respondents {
                if let Some((_, l)) = r.scores[di] {
                    if (1..=5).contains(&l) {
                        level_counts[usize::from(l) - 1] += 1;
                    }
                }
            }
            let range = offset..offset + d.statements.len();
            offset = range.end;
            let given: usize =
                self.respondents.iter().map(|r| r.answers[range.clone()].iter().filter(|a| a.is_some()).count()).sum();
            let dont_know: usize = self
                .respondents
                .iter()
                .map(|r| r.answers[range.clone()].iter().filter(|a| **a == Some(None)).count())
                .sum();
            let dont_know_share = if given > 0 { dont_know as f64 / given as f64 } else { 0.0 };
            let exact: Vec<(usize, usize, Option<f64>)> = shown
                .iter()
                .map(|&g| {
                    let values: Vec<f64> = members(g).filter_map(|r| r.scores[di].map(|s| s.0)).collect();
                    (g, values.len(), mean(values.into_iter()))
                })
                .collect();
            // Gaps from the unrounded means, reported at one decimal.
            for (i, &(a, _, x)) in exact.iter().enumerate() {
                for &(b, _, y) in &exact[i + 1..] {
                    if let (Some(x), Some(y)) = (x, y) {
                        let difference = round1((x - y).abs());
                        if difference >= GAP {
                            let (higher, lower) = if x >= y { (a, b) } else { (b, a) };
                            gaps.push(Gap {
                                dimension_id: d.id.clone(),
                                higher: self.groups[higher].id.clone(),
                                lower: self.groups[lower].id.clone(),
                                difference,
                            });
                        }
                    }
                }
            }
            let groups: Vec<GroupMean> = exact
                .iter()
                .map(|&(g, n, m)| GroupMean { id: self.groups[g].id.clone(), n, mean: m.map(round1) })
                .collect();
            raws.push(Raw {
                raw: st.mean,
                evidence_gap: dont_know_share >= EVIDENCE_GAP_SHARE,
                answered: given - dont_know,
                dont_know,
            });
            for (si, s) in d.statements.iter().enumerate() {
                let at = range.start + si;
                let values =
                    |rs: &mut dyn Iterator<Item = &Respondent>| mean(rs.filter_map(|r| r.answers[at].flatten()));
                let answered = self.respondents.iter().filter(|r| r.answers[at].is_some()).count();
                let dk = self.respondents.iter().filter(|r| r.answers[at] == Some(None)).count();
                let means: Vec<f64> = shown.iter().filter_map(|&g| values(&mut members(g))).collect();
                let largest_gap = match (means.iter().copied().reduce(f64::max), means.iter().copied().reduce(f64::min))
                {
                    (Some(hi), Some(lo)) if means.len() >= 2 => Some(round1(hi - lo)),
                    _ => None,
                };
                statements.push(TeamStatement {
                    id: s.id.clone(),
                    dimension_id: d.id.clone(),
                    mean: values(&mut self.respondents.iter()).map(round1),
                    dont_know_share: if answered > 0 {
                        round1(dk as f64 / answered as f64 * 1000.0) / 1000.0
                    } else {
                        0.0
                    },
                    largest_gap,
                });
            }
            dimensions.push(TeamDimension {
                id: d.id.clone(),
                title: d.title.get(locale).to_string(),
                n: st.n,
                mean: st.mean,
                median: st.median,
                min: st.min,
                max: st.max,
                sd: st.sd,
                level_counts,
                dont_know_share: round1(dont_know_share * 1000.0) / 1000.0,
                groups,
            });
        }
        let card = combine(def, &raws);
        let wording = crate::engine::Wording::english();
        let overall = OverallResult {
            score: card.overall.score,
            level: card.overall.level,
            level_name: card.overall.level.map(|l| def.level_name(l, locale)),
            capped_by: card.overall.capped_by.as_ref().map(|c| crate::engine::result::cap_reason(def, c, &wording)),
            gate: card.overall.gate.as_ref().map(|g| crate::engine::result::gate_reason(def, g, &wording)),
        };
        gaps.sort_by(|a, b| b.difference.total_cmp(&a.difference));
        let mut disagreements: Vec<Disagreement> = dimensions
            .iter()
            .filter_map(|d| {
                d.sd.filter(|&sd| sd >= DISAGREEMENT).map(|sd| Disagreement { dimension_id: d.id.clone(), sd })
            })
            .collect();
        disagreements.sort_by(|a, b| b.sd.total_cmp(&a.sd));
        let recommendations = crate::engine::result::recommendations(def, &card, &wording);
        TeamReport {
            schema_version: 1,
            kind: "team",
            assessment: AssessmentRef {
                id: def.id.clone(),
                version: def.version.clone(),
                title: def.title.get(locale).to_string(),
            },
            locale: locale.into(),
            group_by: self.group_by.clone(),
            min_group: self.min_group,
            respondents: all,
            rejected: self.rejected.clone(),
            groups: shown
                .iter()
                .map(|&g| GroupRef {
                    id: self.groups[g].id.clone(),
                    title: self.groups[g].title.clone(),
                    n: members(g).count(),
                })
                .collect(),
            dimensions,
            overall,
            gaps,
            disagreements,
            statements,
            recommendations,
        }
    }
}

/// The five statements with the largest group differences, largest first.
pub fn most_divided(report: &TeamReport) -> Vec<&TeamStatement> {
    let mut s: Vec<&TeamStatement> = report.statements.iter().filter(|s| s.largest_gap.is_some()).collect();
    s.sort_by(|a, b| b.largest_gap.unwrap_or(0.0).total_cmp(&a.largest_gap.unwrap_or(0.0)));
    s.truncate(5);
    s
}
