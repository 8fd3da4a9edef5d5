//! The team report (`team-report.md`): many respondents' results of one assessment combined.
//! Each accepted result is scored once, from its answers, when it is added; the report is
//! aggregated from those scores, so adding a file never rescores what was already there.

use crate::engine::code::{self, CodeError};
use crate::engine::definition::Definition;
use crate::engine::messages::{fill, text_table, Messages, Wording};
use crate::engine::result::{AssessmentRef, OverallResult, Recommendation};
use crate::engine::scoring::{combine, round1, score_with, Answer, Answers, Raw};
use crate::engine::session::ProfileAnswer;
use crate::engine::text::Text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A difference between two groups' means of this many points or more is a gap.
pub const GAP: f64 = 15.0;
/// A dimension whose standard deviation is this or more has no shared view.
pub const DISAGREEMENT: f64 = 20.0;
/// A team dimension with this share of "Don't know" answers or more has an evidence gap.
pub const EVIDENCE_GAP_SHARE: f64 = 0.4;

/// Why an input was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    #[default]
    NotJson,
    NotAResult,
    /// Text that starts like a result code but is not a whole, unchanged one.
    NotACode,
    OtherAssessment,
    OtherVersion,
    Duplicate,
    /// Its answers name statements the assessment does not have, or values outside the scale.
    AnswersDoNotFit,
    /// A file or URL whose text could not be had.
    Unreadable,
}

impl Reason {
    pub fn words(self) -> &'static str {
        match self {
            Reason::NotJson => "not JSON",
            Reason::NotAResult => "not a result",
            Reason::NotACode => "not a whole result code (it may have been cut short or changed in copying)",
            Reason::OtherAssessment => "a result of another assessment",
            Reason::OtherVersion => "a result of another version of this assessment",
            Reason::Duplicate => "a duplicate of a result already added",
            Reason::AnswersDoNotFit => "its answers do not fit this assessment",
            Reason::Unreadable => "the file could not be read",
        }
    }
}

/// A rejected input: where it came from (a file name and position, or "pasted text, line 3").
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub source: String,
    /// The reason in words (English until the report words it in its language).
    pub reason: String,
    #[serde(skip)]
    pub code: Reason,
}

/// A named group of answers to the grouping question.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamGroup {
    pub id: String,
    /// `None` for the built-in assessment's groups, which the team texts name.
    pub title: Option<Text>,
    pub values: Vec<String>,
}

/// The default assessment's role groups: leaders, front line, support functions.
pub fn default_groups() -> Vec<TeamGroup> {
    let g = |id: &str, _: &str, values: &[&str]| TeamGroup {
        id: id.into(),
        title: None,
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
struct Input<'a> {
    #[serde(default)]
    id: String,
    #[serde(borrow)]
    assessment: InputRef<'a>,
    #[serde(borrow)]
    answers: Vec<InputAnswer<'a>>,
    #[serde(default)]
    profile: BTreeMap<String, ProfileAnswer>,
}

// Borrowed from the text where it has no escapes, so that reading 10,000 results allocates little.
#[derive(Deserialize)]
struct InputRef<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    version: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InputAnswer<'a> {
    #[serde(borrow)]
    question_id: Cow<'a, str>,
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
    /// Groups were named up front (otherwise each answer makes one).
    named: bool,
    ids: HashSet<String>,
    /// Each statement's id and its place in definition order.
    statements: HashMap<String, usize>,
    respondents: Vec<Respondent>,
    rejected: Vec<Rejected>,
}

impl Team {
    /// An empty team. `groups` empty: each answer to `group_by` is a group of its own.
    pub fn new(def: Definition, group_by: &str, min_group: usize, groups: Vec<TeamGroup>) -> Team {
        let statements =
            def.dimensions.iter().flat_map(|d| &d.statements).enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        Team {
            def,
            group_by: group_by.into(),
            min_group: min_group.max(1),
            named: !groups.is_empty(),
            groups,
            ids: HashSet::new(),
            statements,
            respondents: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// An empty team grouped as the definition says: its `teamGroups`, the built-in assessment's
    /// role groups when grouped by role, otherwise one group per answer.
    pub fn for_definition(def: Definition, group_by: &str, min_group: usize) -> Team {
        let groups = if !def.team_groups.is_empty() {
            def.team_groups
                .iter()
                .map(|g| TeamGroup { id: g.id.clone(), title: Some(g.title.clone()), values: g.values.clone() })
                .collect()
        } else if def.id == crate::engine::DEFAULT_ID && group_by == "role" {
            default_groups()
        } else {
            Vec::new()
        };
        Team::new(def, group_by, min_group, groups)
    }

    pub fn definition(&self) -> &Definition {
        &self.def
    }

    pub fn respondents(&self) -> usize {
        self.respondents.len()
    }

    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Adds one result (JSON data) from `source`; a rejection is listed with its reason.
    pub fn add(&mut self, source: &str, value: serde_json::Value) -> Result<(), Reason> {
        let outcome = Input::deserialize(&value).map_err(|_| Reason::NotAResult).and_then(|i| self.accept(i));
        self.note(source, outcome)
    }

    fn note(&mut self, source: &str, outcome: Result<(), Reason>) -> Result<(), Reason> {
        if let Err(reason) = outcome {
            self.rejected.push(Rejected { source: source.into(), reason: reason.words().into(), code: reason });
        }
        outcome
    }

    /// One result's JSON text, read straight into what is counted (the rest is skipped, never
    /// built): a syntax error is "not JSON", valid JSON of another shape "not a result".
    fn add_one(&mut self, source: &str, text: &str) -> Result<(), Reason> {
        let outcome = match serde_json::from_str::<Input>(text) {
            Ok(input) => self.accept(input),
            Err(e) if e.is_data() => Err(Reason::NotAResult),
            Err(_) => Err(Reason::NotJson),
        };
        self.note(source, outcome)
    }

    /// Adds JSON text: one result, an array of them, or NDJSON (one per line). Each is named by
    /// `source` and its position (`"team.json, result 2"`, `"team.ndjson, line 3"`). The text is
    /// first only checked and split (`RawValue`), then each result read on its own, so that one
    /// bad result rejects only itself and 10,000 results are read quickly.
    pub fn add_text(&mut self, source: &str, text: &str) -> usize {
        use serde_json::value::RawValue;
        let before = self.respondents.len();
        if let Ok(whole) = serde_json::from_str::<&RawValue>(text) {
            if whole.get().starts_with('[') {
                if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(whole.get()) {
                    for (i, item) in items.iter().enumerate() {
                        let _ = self.add_one(&format!("{source}, result {}", i + 1), item.get());
                    }
                }
            } else {
                let _ = self.add_one(source, whole.get());
            }
        } else {
            // A text of one line is named by its source alone.
            let one = text.lines().filter(|l| !l.trim().is_empty()).count() == 1;
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let at = if one { source.to_string() } else { format!("{source}, line {}", i + 1) };
                let _ = self.add_one(&at, line);
            }
        }
        self.respondents.len() - before
    }

    /// Adds one result code (`cxr1.…`) from `source`.
    pub fn add_code(&mut self, source: &str, text: &str) -> Result<(), Reason> {
        let outcome = match code::decode(&self.def, text) {
            // A code written without a result id holds zeros there.
            Ok(c) => {
                let id = if c.id.bytes().all(|b| b == b'0') { String::new() } else { c.id };
                self.accept_answers(id, c.answers, &c.profile)
            }
            Err(CodeError::Malformed) => Err(Reason::NotACode),
            Err(CodeError::OtherAssessment) => Err(Reason::OtherAssessment),
            Err(CodeError::OtherVersion) => Err(Reason::OtherVersion),
        };
        if let Err(reason) = outcome {
            self.rejected.push(Rejected { source: source.into(), reason: reason.words().into(), code: reason });
        }
        outcome
    }

    /// Adds pasted text: result JSON (one, an array, or NDJSON) or result codes, one per line or
    /// separated by spaces. Positions are named as "pasted text, line 3".
    pub fn add_pasted(&mut self, source: &str, text: &str) -> usize {
        if !code::is_code(text) {
            return self.add_text(source, text);
        }
        let before = self.respondents.len();
        for (i, line) in text.lines().enumerate() {
            for word in line.split_whitespace() {
                let _ = self.add_code(&format!("{source}, line {}", i + 1), word);
            }
        }
        self.respondents.len() - before
    }

    fn accept(&mut self, input: Input) -> Result<(), Reason> {
        if input.assessment.id != self.def.id.as_str() {
            return Err(Reason::OtherAssessment);
        }
        if input.assessment.version != self.def.version.as_str() {
            return Err(Reason::OtherVersion);
        }
        let mut flat = vec![None; self.statements.len()];
        let (lo, hi) = (self.def.scale_min(), self.def.scale_max());
        for a in &input.answers {
            let Some(&at) = self.statements.get(a.question_id.as_ref()) else { return Err(Reason::AnswersDoNotFit) };
            flat[at] = Some(match a.value {
                Some(v) if v < lo || v > hi => return Err(Reason::AnswersDoNotFit),
                Some(v) => Answer::Value(v),
                None => Answer::DontKnow,
            });
        }
        self.accept_flat(input.id, flat, &input.profile)
    }

    fn accept_answers(
        &mut self,
        id: String,
        answers: Answers,
        profile: &BTreeMap<String, ProfileAnswer>,
    ) -> Result<(), Reason> {
        let flat =
            self.def.dimensions.iter().flat_map(|d| &d.statements).map(|s| answers.get(&s.id).copied()).collect();
        self.accept_flat(id, flat, profile)
    }

    /// Counts a respondent from their answers in definition order.
    fn accept_flat(
        &mut self,
        id: String,
        flat: Vec<Option<Answer>>,
        profile: &BTreeMap<String, ProfileAnswer>,
    ) -> Result<(), Reason> {
        if !id.is_empty() && self.ids.contains(&id) {
            return Err(Reason::Duplicate);
        }
        let card = score_with(&self.def, &|id| self.statements.get(id).and_then(|&i| flat[i]));
        let (lo, hi) = (f64::from(self.def.scale_min()), f64::from(self.def.scale_max()));
        let statements = self
            .def
            .dimensions
            .iter()
            .flat_map(|d| &d.statements)
            .zip(&flat)
            .map(|(s, a)| a.map(|a| a.value().map(|v| if s.reverse { lo + hi - f64::from(v) } else { f64::from(v) })))
            .collect();
        let group = match profile.get(&self.group_by) {
            Some(ProfileAnswer::One(value)) => self.group_of(value),
            _ => None,
        };
        if !id.is_empty() {
            self.ids.insert(id);
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
                .map_or_else(|| Text::Plain(value.to_string()), |o| o.label.clone());
            self.groups.push(TeamGroup { id: value.into(), title: Some(title), values: vec![value.into()] });
            return Some(self.groups.len() - 1);
        }
        None
    }

    fn named_groups(&self) -> bool {
        self.named
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
    /// The first and third quartiles (the middle half), interpolated between ranks as
    /// spreadsheets' `QUARTILE.INC` does.
    pub q1: Option<f64>,
    pub q3: Option<f64>,
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
    let quartile = |q: f64| {
        (n > 0).then(|| {
            let at = q * (n - 1) as f64;
            let (lo, frac) = (at.floor() as usize, at.fract());
            sorted[lo] + (sorted[(lo + 1).min(n - 1)] - sorted[lo]) * frac
        })
    };
    Stats {
        n,
        q1: quartile(0.25).map(round1),
        q3: quartile(0.75).map(round1),
        mean: mean.map(round1),
        median: median.map(round1),
        min: sorted.first().copied(),
        max: sorted.last().copied(),
        sd: sd.map(round1),
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub id: String,
    pub title: String,
    pub n: usize,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMean {
    pub id: String,
    pub n: usize,
    pub mean: Option<f64>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
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
    /// The middle half of the scores: first and third quartiles (an addition to `team-report.md`'s
    /// fields, for the spread the report draws).
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    /// Respondents at level 1…5 in this dimension.
    pub level_counts: Vec<usize>,
    pub dont_know_share: f64,
    pub groups: Vec<GroupMean>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub dimension_id: String,
    pub higher: String,
    pub lower: String,
    pub difference: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    pub dimension_id: String,
    pub sd: f64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamReport {
    pub schema_version: u32,
    pub kind: String,
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
    /// With a previous round: the change per dimension and group since then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Comparison>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl Team {
    /// The report in `w`'s language (English texts where the definition has no other), with the
    /// team's sentences from `t`.
    pub fn report(&self, w: &Wording, t: &TeamTexts) -> TeamReport {
        let def = &self.def;
        let locale = w.locale;
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
                q1: st.q1,
                q3: st.q3,
                level_counts,
                dont_know_share: round1(dont_know_share * 1000.0) / 1000.0,
                groups,
            });
        }
        let card = combine(def, &raws);
        // A team's recommendations say "the team's weakest dimension", not "your".
        let messages = Messages { weakest: t.weakest, strongest: t.strongest, ..*w.messages };
        let wording = Wording { locale, messages: &messages, number: w.number };
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
        let mut recommendations = crate::engine::result::recommendations(def, &card, &wording);
        let title =
            |g: &str| self.groups.iter().find(|x| x.id == g).map_or_else(|| g.to_string(), |x| x.title(locale, t));
        for r in &mut recommendations {
            // The largest gap of the dimension (gaps are sorted), then its disagreement.
            if let Some(g) = gaps.iter().find(|g| g.dimension_id == r.dimension_id) {
                r.why.push(' ');
                r.why.push_str(&fill(
                    t.why_gap,
                    &[
                        ("higher", title(&g.higher)),
                        ("lower", title(&g.lower)),
                        ("difference", (w.number)(g.difference)),
                    ],
                ));
            }
            if let Some(d) = disagreements.iter().find(|d| d.dimension_id == r.dimension_id) {
                r.why.push(' ');
                r.why.push_str(&fill(t.why_disagreement, &[("sd", (w.number)(d.sd))]));
            }
        }
        TeamReport {
            schema_version: 1,
            kind: "team".into(),
            assessment: AssessmentRef {
                id: def.id.clone(),
                version: def.version.clone(),
                title: def.title.get(locale).to_string(),
            },
            locale: locale.into(),
            group_by: self.group_by.clone(),
            min_group: self.min_group,
            respondents: all,
            rejected: self
                .rejected
                .iter()
                .map(|r| Rejected { source: r.source.clone(), reason: t.reason(r.code).into(), code: r.code })
                .collect(),
            groups: shown
                .iter()
                .map(|&g| GroupRef {
                    id: self.groups[g].id.clone(),
                    title: self.groups[g].title(locale, t),
                    n: members(g).count(),
                })
                .collect(),
            dimensions,
            overall,
            gaps,
            disagreements,
            statements,
            recommendations,
            previous: None,
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

impl TeamGroup {
    fn title(&self, locale: &str, t: &TeamTexts) -> String {
        match &self.title {
            Some(text) => text.get(locale).to_string(),
            None => t.group(&self.id).to_string(),
        }
    }
}

text_table! {
    /// The team report's own texts: its sentences (in the report JSON) and its screen's.
    TeamTexts {
        reason_not_json,
        reason_not_a_result,
        reason_not_a_code,
        reason_other_assessment,
        reason_other_version,
        reason_duplicate,
        reason_answers_do_not_fit,
        group_leaders,
        group_front_line,
        group_support,
        weakest,
        strongest,
        gap,
        why_gap,
        why_disagreement,
        heading,
        privacy,
        add_heading,
        choose_files,
        drop_hint,
        previous_round,
        paste_label,
        paste_add,
        empty,
        respondents,
        groups_heading,
        group_item,
        hidden_groups,
        no_groups,
        rejected_heading,
        rejected_item,
        level_heading,
        not_assessed,
        dimensions_heading,
        chart_label,
        chart_legend_team,
        chart_legend_range,
        chart_legend_middle,
        table_caption,
        col_dimension,
        col_group,
        col_n,
        col_mean,
        col_range,
        col_middle,
        col_sd,
        col_dont_know,
        col_change,
        team,
        gaps_heading,
        no_gaps,
        disagreements_heading,
        disagreement_item,
        no_disagreements,
        statements_heading,
        statement_item,
        recommendations_heading,
        previous_heading,
        since,
        download_json,
        download_csv,
        print,
        unreadable,
        loading,
    }
}

/// English, compiled in; German, French and Spanish are in `src/locales/team.json`.
pub const TEAM_EN: TeamTexts = TeamTexts {
    reason_not_json: "not JSON",
    reason_not_a_result: "not a result",
    reason_not_a_code: "not a whole result code (it may have been cut short or changed in copying)",
    reason_other_assessment: "a result of another assessment",
    reason_other_version: "a result of another version of this assessment",
    reason_duplicate: "a duplicate of a result already added",
    reason_answers_do_not_fit: "its answers do not fit this assessment",
    group_leaders: "Leaders",
    group_front_line: "Front line",
    group_support: "Support functions",
    weakest: "The team's weakest dimension",
    strongest: "The team's strongest dimension",
    gap: "{higher} score {dimension} {difference} points higher than {lower} ({a} vs {b})",
    why_gap: "{higher} and {lower} see it {difference} points apart: start by walking the journey together.",
    why_disagreement: "Respondents do not share a view here (standard deviation {sd}): start by walking the journey together.",
    heading: "Team report",
    privacy: "Results are read in this browser only; nothing is sent anywhere.",
    add_heading: "Add results",
    choose_files: "Choose result files",
    drop_hint: "or drop .json and .ndjson files here",
    previous_round: "Add as the previous round (to compare with)",
    paste_label: "Paste result JSON or result codes",
    paste_add: "Add the pasted results",
    empty: "No results yet. Add result files or paste result codes to see the team's picture.",
    respondents: "Respondents: {n}",
    groups_heading: "Groups",
    group_item: "{title}: {n}",
    hidden_groups: "Groups with fewer than {n} respondents are not shown on their own, so nobody can be singled out; their respondents count in the totals.",
    no_groups: "No group has enough respondents to be shown on its own.",
    rejected_heading: "Not added",
    rejected_item: "{source}: {reason}",
    level_heading: "Team level",
    not_assessed: "Not assessed",
    dimensions_heading: "Dimensions",
    chart_label: "The team's mean per dimension, with the range from lowest to highest, the middle half, and each group's mean (0–100). The table below holds the same figures.",
    chart_legend_team: "Team mean",
    chart_legend_range: "Lowest to highest",
    chart_legend_middle: "Middle half",
    table_caption: "Scores per dimension and group (0–100)",
    col_dimension: "Dimension",
    col_group: "Group",
    col_n: "Respondents",
    col_mean: "Mean",
    col_range: "Lowest–highest",
    col_middle: "Middle half",
    col_sd: "Standard deviation",
    col_dont_know: "Don't know",
    col_change: "Change",
    team: "Whole team",
    gaps_heading: "Gaps between groups",
    no_gaps: "No group scores a dimension 15 points or more apart from another.",
    disagreements_heading: "No shared view",
    disagreement_item: "{dimension}: standard deviation {sd}",
    no_disagreements: "Respondents broadly agree on every dimension.",
    statements_heading: "Statements that divide the groups most",
    statement_item: "{difference} apart on the 1–5 scale",
    recommendations_heading: "Recommendations",
    previous_heading: "Since the previous round",
    since: "{change} since the previous round",
    download_json: "Download the report (JSON)",
    download_csv: "Download the table (CSV)",
    print: "Print or save as PDF",
    unreadable: "the file could not be read",
    loading: "Loading the team report…",
};

impl TeamTexts {
    pub fn reason(&self, r: Reason) -> &'static str {
        match r {
            Reason::NotJson => self.reason_not_json,
            Reason::NotAResult => self.reason_not_a_result,
            Reason::NotACode => self.reason_not_a_code,
            Reason::OtherAssessment => self.reason_other_assessment,
            Reason::OtherVersion => self.reason_other_version,
            Reason::Duplicate => self.reason_duplicate,
            Reason::AnswersDoNotFit => self.reason_answers_do_not_fit,
            Reason::Unreadable => self.unreadable,
        }
    }

    /// The title of a built-in group.
    pub fn group(&self, id: &str) -> &'static str {
        match id {
            "leaders" => self.group_leaders,
            "front-line" => self.group_front_line,
            _ => self.group_support,
        }
    }

    /// The team texts of `locale`: English, or the language's from `sources` (the JSON of
    /// `src/locales/team.json`, `{"de": {...}, ...}`), where a missing key stays English.
    pub fn of(locale: &str, sources: &str) -> TeamTexts {
        let language = crate::engine::messages::resolve(locale);
        let all: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(sources).unwrap_or_default();
        match all.get(language) {
            Some(strings) => TeamTexts::read(strings, &TEAM_EN),
            None => TEAM_EN,
        }
    }
}

/// The team texts' other languages.
pub const TEAM_TEXTS_SOURCE: &str = include_str!("../locales/team.json");

/// A gap in words: "Leaders score Failure demand 24 points higher than Front line (71 vs 47)".
pub fn gap_sentence(report: &TeamReport, gap: &Gap, w: &Wording, t: &TeamTexts) -> String {
    let group = |id: &str| report.groups.iter().find(|g| g.id == id);
    let dimension = report.dimensions.iter().find(|d| d.id == gap.dimension_id);
    let mean = |id: &str| {
        dimension
            .and_then(|d| d.groups.iter().find(|g| g.id == id))
            .and_then(|g| g.mean)
            .map_or_else(String::new, w.number)
    };
    fill(
        t.gap,
        &[
            ("higher", group(&gap.higher).map_or_else(|| gap.higher.clone(), |g| g.title.clone())),
            ("lower", group(&gap.lower).map_or_else(|| gap.lower.clone(), |g| g.title.clone())),
            ("dimension", dimension.map_or_else(|| gap.dimension_id.clone(), |d| d.title.clone())),
            ("difference", (w.number)(gap.difference)),
            ("a", mean(&gap.higher)),
            ("b", mean(&gap.lower)),
        ],
    )
}

/// The change since a previous round (`baseline-src`, or files added as the previous round).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub respondents: usize,
    pub overall: Change,
    pub dimensions: Vec<DimensionChange>,
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
                    team: Change::of(then.and_then(|b| b.mean), d.mean),
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

/// The report as CSV: a header, then per dimension one row for the whole team and one per shown
/// group. Numbers are written plainly (`58.3`); texts are quoted where they need it.
pub fn csv(report: &TeamReport) -> String {
    fn field(s: &str) -> String {
        // A leading =, +, - or @ would make a spreadsheet read the text as a formula.
        let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
        if s.contains([',', '"', '\n', '\r']) || s != s.trim() {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }
    let num = |x: Option<f64>| x.map_or_else(String::new, crate::engine::messages::plain_number);
    let mut out = String::from(
        "dimension_id,dimension,group_id,group,n,mean,median,min,max,sd,dont_know_share,previous_mean,change\r\n",
    );
    for d in &report.dimensions {
        let change = report.previous.as_ref().and_then(|p| p.dimensions.iter().find(|c| c.dimension_id == d.id));
        out.push_str(
            &[
                field(&d.id),
                field(&d.title),
                String::new(),
                String::new(),
                d.n.to_string(),
                num(d.mean),
                num(d.median),
                num(d.min),
                num(d.max),
                num(d.sd),
                d.dont_know_share.to_string(),
                num(change.and_then(|c| c.team.before)),
                num(change.and_then(|c| c.team.change)),
            ]
            .join(","),
        );
        out.push_str("\r\n");
        for g in &d.groups {
            let title = report.groups.iter().find(|x| x.id == g.id).map_or(g.id.as_str(), |x| x.title.as_str());
            let gc = change.and_then(|c| c.groups.iter().find(|x| x.id == g.id));
            out.push_str(
                &[
                    field(&d.id),
                    field(&d.title),
                    field(&g.id),
                    field(title),
                    g.n.to_string(),
                    num(g.mean),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    num(gc.and_then(|c| c.change.before)),
                    num(gc.and_then(|c| c.change.change)),
                ]
                .join(","),
            );
            out.push_str("\r\n");
        }
    }
    out
}

/// Which set of results an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    Current,
    /// The previous round, to compare with (`baseline-src`, or files added as such).
    Previous,
}

/// The results of a team report: this round's, and a previous round's to compare with.
#[derive(Debug, Clone)]
pub struct TeamBook {
    pub current: Team,
    pub previous: Option<Team>,
}

impl TeamBook {
    pub fn new(def: Definition, group_by: &str, min_group: usize) -> TeamBook {
        TeamBook { current: Team::for_definition(def, group_by, min_group), previous: None }
    }

    /// The team of a round (the previous one made when first needed).
    pub fn team(&mut self, round: Round) -> &mut Team {
        match round {
            Round::Current => &mut self.current,
            Round::Previous => self.previous.get_or_insert_with(|| {
                let c = &self.current;
                Team::for_definition(c.def.clone(), &c.group_by, c.min_group)
            }),
        }
    }

    /// Adds text (result JSON, NDJSON or result codes) to a round; returns how many were accepted.
    pub fn add(&mut self, round: Round, source: &str, text: &str) -> usize {
        self.team(round).add_pasted(source, text)
    }

    /// Lists an input whose text could not be had.
    pub fn unreadable(&mut self, round: Round, source: &str) {
        self.team(round).rejected.push(Rejected {
            source: source.into(),
            reason: Reason::Unreadable.words().into(),
            code: Reason::Unreadable,
        });
    }

    /// The report of this round, with the previous round's rejections and the change since it.
    pub fn report(&self, w: &Wording, t: &TeamTexts) -> TeamReport {
        let mut report = self.current.report(w, t);
        if let Some(previous) = &self.previous {
            let before = previous.report(w, t);
            report.rejected.extend(before.rejected.iter().cloned());
            if before.respondents > 0 {
                report.previous = Some(compare(&report, &before));
            }
        }
        report
    }
}
