//! The team report (`team-report.md`): many respondents' results of one assessment combined.
//! Each accepted result is scored once, from its answers, when it is added; the report is
//! aggregated from those scores, so adding a file never rescores what was already there.

use crate::engine::code::{self, CodeError};
use crate::engine::definition::Definition;
use crate::engine::messages::{fill, text_table, Messages, Wording};
use crate::engine::result::{AssessmentRef, OverallResult, Recommendation};
use crate::engine::scoring::{combine, dimension_level, dimension_raw, round1, Answer, Raw};
use crate::engine::session::ProfileAnswer;
use crate::engine::text::Text;
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

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
    /// The source as named, and the place in it, to word `source` in the report's language.
    #[serde(skip)]
    pub origin: (String, Option<At>),
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

/// Where in its source an input was: the result's place in an array, or its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Result(usize),
    Line(usize),
}

/// A source's name with the place in it, worded by `t` (`"team.json, result 2"`).
fn place(source: &str, at: Option<At>, t: &TeamTexts) -> String {
    match at {
        None => source.to_string(),
        Some(At::Result(n)) => fill(t.source_result, &[("source", source.to_string()), ("n", n.to_string())]),
        Some(At::Line(n)) => fill(t.source_line, &[("source", source.to_string()), ("n", n.to_string())]),
    }
}

// What a result must hold to be counted is read straight from its text (or JSON data) into the
// team's counts, by the seeds below: its id, assessment, answers (each put at its statement's
// place in definition order) and its single-choice profile answers. Everything else in it is
// skipped, never built; strings without escapes are borrowed, so that 10,000 results allocate
// little.

/// A string, borrowed from the text where it has no escapes.
#[derive(Deserialize)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

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

/// One result as read: what is counted, and whether its answers fit the assessment.
struct Read<'a> {
    id: Cow<'a, str>,
    assessment: InputRef<'a>,
    answers: Vec<Option<Answer>>,
    fits: bool,
    profile: ProfileAnswers<'a>,
}

/// Reads one result for `Team`.
struct ResultSeed<'t>(&'t Team);

impl<'de> DeserializeSeed<'de> for ResultSeed<'_> {
    type Value = Read<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read<'de>, D::Error> {
        // As a struct, so that a reader of JS objects looks up these fields alone.
        d.deserialize_struct("Result", &["id", "assessment", "answers", "profile"], self)
    }
}

impl<'de> Visitor<'de> for ResultSeed<'_> {
    type Value = Read<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a result")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<'de>, A::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "camelCase")]
        enum Field {
            Id,
            Assessment,
            Answers,
            Profile,
            #[serde(other)]
            Other,
        }
        let (mut id, mut assessment, mut answers, mut profile) = (None, None, None, Vec::new());
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                // No id, `null` or (from JS) `undefined`: a result without an id.
                Field::Id => id = map.next_value::<Option<Str>>()?.map(|s| s.0),
                Field::Assessment => assessment = Some(map.next_value()?),
                Field::Answers => answers = Some(map.next_value_seed(AnswersSeed(self.0))?),
                Field::Profile => profile = map.next_value_seed(ProfileSeed)?,
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let assessment = assessment.ok_or_else(|| A::Error::missing_field("assessment"))?;
        let (answers, fits) = answers.ok_or_else(|| A::Error::missing_field("answers"))?;
        Ok(Read { id: id.unwrap_or_default(), assessment, answers, fits, profile })
    }
}

/// Reads a result's answers into definition order; `false` beside them when one names a
/// statement the assessment does not have, or a value outside its scale.
struct AnswersSeed<'t>(&'t Team);

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_> {
    type Value = (Vec<Option<Answer>>, bool);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_> {
    type Value = (Vec<Option<Answer>>, bool);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of answers")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let team = self.0;
        let mut flat = vec![None; team.order.len()];
        let (mut fits, mut next) = (true, 0);
        while let Some(a) = seq.next_element::<InputAnswer>()? {
            // Results list their answers in definition order: try the next statement first.
            let id = a.question_id.as_ref();
            let at = match team.order.get(next) {
                Some(s) if s.as_str() == id => Some(next),
                _ => team.statements.get(id).copied(),
            };
            match (at, a.value) {
                (None, _) => fits = false,
                (Some(_), Some(v)) if v < team.scale.0 || v > team.scale.1 => fits = false,
                (Some(at), value) => {
                    flat[at] = Some(value.map_or(Answer::DontKnow, Answer::Value));
                    next = at + 1;
                }
            }
        }
        Ok((flat, fits))
    }
}

/// Reads a result's profile answers, keeping those that are one option (what groups are made
/// of); every answer must be an option id, a list of them, or none (`null`, `undefined`).
struct ProfileSeed;

/// The profile's single-choice answers: (question, option).
type ProfileAnswers<'de> = Vec<(Cow<'de, str>, Cow<'de, str>)>;

impl<'de> DeserializeSeed<'de> for ProfileSeed {
    type Value = ProfileAnswers<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for ProfileSeed {
    type Value = ProfileAnswers<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("profile answers")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut answers = Vec::new();
        while let Some(Str(key)) = map.next_key()? {
            if let ProfileRef(Some(answer)) = map.next_value()? {
                answers.push((key, answer));
            }
        }
        Ok(answers)
    }
}

/// A profile answer: `Some` option id, or `None` for a list of them.
struct ProfileRef<'a>(Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for ProfileRef<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProfileRef<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id, or a list of them")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(ProfileRef(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(ProfileRef(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<Str>()?.is_some() {}
                Ok(ProfileRef(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ProfileRef(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ProfileRef(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A count of values and their sum.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    n: usize,
    sum: u64,
}

impl Sum {
    fn add(&mut self, v: u64) {
        self.n += 1;
        self.sum += v;
    }
    /// The mean, divided by `unit` (10 for scores kept in tenths).
    fn mean(self, unit: f64) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64 / unit)
    }
}

/// The highest score, in tenths of a point.
const TENTHS: usize = 1000;

/// A score (0–100, at one decimal) in whole tenths of a point.
fn tenths(score: f64) -> usize {
    ((score * 10.0).round().max(0.0) as usize).min(TENTHS)
}

/// The scores of a set of respondents, each a whole number of tenths of a point (scores are kept
/// at one decimal), counted per value: enough for every statistic, exactly, whatever their number.
#[derive(Debug, Clone)]
struct Scores {
    counts: Vec<u32>,
    n: usize,
    sum: u64,
    squares: u128,
}

impl Scores {
    fn new() -> Scores {
        Scores { counts: vec![0; TENTHS + 1], n: 0, sum: 0, squares: 0 }
    }
    fn add(&mut self, tenths: usize) {
        self.counts[tenths] += 1;
        self.n += 1;
        self.sum += tenths as u64;
        self.squares += (tenths * tenths) as u128;
    }
    /// The `k`th smallest score (from 0), in points.
    fn nth(&self, k: usize) -> f64 {
        let mut seen = 0;
        for (tenths, &c) in self.counts.iter().enumerate() {
            seen += c as usize;
            if seen > k {
                return tenths as f64 / 10.0;
            }
        }
        TENTHS as f64 / 10.0
    }
    fn stats(&self) -> Stats {
        let n = self.n;
        let mean = (n > 0).then(|| self.sum as f64 / n as f64 / 10.0);
        let median =
            (n > 0).then(|| if n % 2 == 1 { self.nth(n / 2) } else { (self.nth(n / 2 - 1) + self.nth(n / 2)) / 2.0 });
        // n·Σx² − (Σx)² is exact in whole tenths.
        let sd = (n >= 2).then(|| {
            let spread = n as u128 * self.squares - u128::from(self.sum) * u128::from(self.sum);
            (spread as f64 / (n as f64 * (n - 1) as f64)).sqrt() / 10.0
        });
        let quartile = |q: f64| {
            (n > 0).then(|| {
                let at = q * (n - 1) as f64;
                let (lo, frac) = (at.floor() as usize, at.fract());
                let below = self.nth(lo);
                below + (self.nth((lo + 1).min(n - 1)) - below) * frac
            })
        };
        Stats {
            n,
            q1: quartile(0.25).map(round1),
            q3: quartile(0.75).map(round1),
            mean: mean.map(round1),
            median: median.map(round1),
            min: (n > 0).then(|| self.nth(0)),
            max: (n > 0).then(|| self.nth(n - 1)),
            sd: sd.map(round1),
        }
    }
}

/// One dimension's counts over every accepted respondent.
#[derive(Debug, Clone)]
struct DimensionTally {
    scores: Scores,
    /// Respondents at level 1…5.
    levels: [usize; 5],
    /// Answers given to its statements, and how many of them were "Don't know".
    given: usize,
    dont_know: usize,
}

/// One statement's counts: answers given, "Don't know"s, and the reverse-corrected values.
#[derive(Debug, Clone, Copy, Default)]
struct StatementTally {
    given: usize,
    dont_know: usize,
    values: Sum,
}

/// A group's members, and their sums per dimension (scores in tenths) and per statement.
#[derive(Debug, Clone)]
struct GroupTally {
    n: usize,
    dimensions: Vec<Sum>,
    statements: Vec<Sum>,
}

/// The team: the definition, the grouping, and the counts of every accepted respondent. Each
/// result is scored once, when it is added, into counts that hold every figure of the report, so
/// that adding results never goes over the ones already there, and making the report takes the
/// same time for ten respondents as for ten thousand.
#[derive(Debug, Clone)]
pub struct Team {
    def: Definition,
    group_by: String,
    min_group: usize,
    groups: Vec<TeamGroup>,
    /// Groups were named up front (otherwise each answer makes one).
    named: bool,
    ids: HashSet<String>,
    /// The statements' ids in definition order, and each one's place in it.
    order: Vec<String>,
    statements: HashMap<String, usize>,
    /// The lowest and highest value of the scale.
    scale: (u8, u8),
    dimensions: Vec<DimensionTally>,
    statement_tallies: Vec<StatementTally>,
    /// Per group, in the order of `groups`.
    tallies: Vec<GroupTally>,
    rejected: Vec<Rejected>,
    /// Every accepted respondent's answers and single-choice profile answers, to count again in
    /// another grouping (`regroup`): a few dozen bytes each.
    members: Vec<Member>,
    /// The profile's question and option ids, each stored once; members refer to them by number.
    names: HashMap<String, u32>,
    name_list: Vec<String>,
}

/// An accepted respondent, as kept.
#[derive(Debug, Clone)]
struct Member {
    answers: Vec<Option<Answer>>,
    /// (question, option), numbers in `Team::names`.
    profile: Vec<(u32, u32)>,
}

/// The groups of a definition for a grouping question: its `teamGroups`, the built-in
/// assessment's role groups when grouped by role, otherwise none (one group per answer).
fn groups_for(def: &Definition, group_by: &str) -> Vec<TeamGroup> {
    if !def.team_groups.is_empty() {
        def.team_groups
            .iter()
            .map(|g| TeamGroup { id: g.id.clone(), title: Some(g.title.clone()), values: g.values.clone() })
            .collect()
    } else if def.id == crate::engine::DEFAULT_ID && group_by == "role" {
        default_groups()
    } else {
        Vec::new()
    }
}

impl Team {
    /// An empty team. `groups` empty: each answer to `group_by` is a group of its own.
    pub fn new(def: Definition, group_by: &str, min_group: usize, groups: Vec<TeamGroup>) -> Team {
        let order: Vec<String> = def.dimensions.iter().flat_map(|d| &d.statements).map(|s| s.id.clone()).collect();
        let statements = order.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect();
        let dimensions = def
            .dimensions
            .iter()
            .map(|_| DimensionTally { scores: Scores::new(), levels: [0; 5], given: 0, dont_know: 0 })
            .collect();
        let mut team = Team {
            scale: (def.scale_min(), def.scale_max()),
            statement_tallies: vec![StatementTally::default(); order.len()],
            dimensions,
            order,
            statements,
            group_by: group_by.into(),
            min_group: min_group.max(1),
            named: !groups.is_empty(),
            groups: Vec::new(),
            tallies: Vec::new(),
            ids: HashSet::new(),
            rejected: Vec::new(),
            members: Vec::new(),
            names: HashMap::new(),
            name_list: Vec::new(),
            def,
        };
        for g in groups {
            team.push_group(g);
        }
        team
    }

    /// Groups the same respondents anew: by another question, or with another smallest group
    /// shown. Every respondent is counted again from what was kept; rejections stay as they were.
    pub fn regroup(&mut self, group_by: &str, min_group: usize) {
        let groups = groups_for(&self.def, group_by);
        let mut fresh = Team::new(self.def.clone(), group_by, min_group, groups);
        let key = self.names.get(group_by).copied();
        for m in &self.members {
            let value = key.and_then(|k| m.profile.iter().find(|(q, _)| *q == k)).map(|(_, v)| v);
            let group = value.and_then(|&v| fresh.group_of(&self.name_list[v as usize]));
            fresh.tally(&m.answers, group);
        }
        fresh.members = std::mem::take(&mut self.members);
        fresh.names = std::mem::take(&mut self.names);
        fresh.name_list = std::mem::take(&mut self.name_list);
        fresh.ids = std::mem::take(&mut self.ids);
        fresh.rejected = std::mem::take(&mut self.rejected);
        *self = fresh;
    }

    /// A profile id's number in `names`.
    fn name(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.names.get(s) {
            return n;
        }
        let n = self.name_list.len() as u32;
        self.name_list.push(s.to_string());
        self.names.insert(s.to_string(), n);
        n
    }

    /// An empty team grouped as the definition says: its `teamGroups`, the built-in assessment's
    /// role groups when grouped by role, otherwise one group per answer.
    pub fn for_definition(def: Definition, group_by: &str, min_group: usize) -> Team {
        let groups = groups_for(&def, group_by);
        Team::new(def, group_by, min_group, groups)
    }

    pub fn definition(&self) -> &Definition {
        &self.def
    }

    pub fn respondents(&self) -> usize {
        self.members.len()
    }

    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Adds one result (JSON data) from `source`; a rejection is listed with its reason.
    pub fn add(&mut self, source: &str, value: serde_json::Value) -> Result<(), Reason> {
        self.add_from(source, None, &value)
    }

    /// Adds one result read by any serde reader (JS objects, say) from `source` at `at`.
    pub fn add_from<'de, D: Deserializer<'de>>(&mut self, source: &str, at: Option<At>, data: D) -> Result<(), Reason> {
        let outcome = ResultSeed(self).deserialize(data).map_err(|_| Reason::NotAResult);
        let outcome = outcome.and_then(|read| self.accept(read));
        self.note(source, at, outcome)
    }

    fn note(&mut self, source: &str, at: Option<At>, outcome: Result<(), Reason>) -> Result<(), Reason> {
        if let Err(code) = outcome {
            self.rejected.push(Rejected {
                source: place(source, at, &TEAM_EN),
                reason: code.words().into(),
                code,
                origin: (source.into(), at),
            });
        }
        outcome
    }

    /// One result's JSON text: a syntax error is "not JSON", valid JSON of another shape "not a
    /// result".
    fn add_one(&mut self, source: &str, at: Option<At>, text: &str) -> Result<(), Reason> {
        // A result code given as a JSON string (an array of codes, say).
        if text.starts_with('"') {
            if let Ok(code) = serde_json::from_str::<Cow<str>>(text) {
                if code::is_code(&code) {
                    return self.add_code_at(source, at, code.trim());
                }
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let outcome = match ResultSeed(self).deserialize(&mut de).and_then(|read| de.end().map(|()| read)) {
            Ok(read) => self.accept(read),
            // Reading stops at the first thing that does not fit: the rest may not be JSON.
            Err(e) if e.is_data() && serde_json::from_str::<IgnoredAny>(text).is_ok() => Err(Reason::NotAResult),
            Err(_) => Err(Reason::NotJson),
        };
        self.note(source, at, outcome)
    }

    /// Adds JSON text: one result, an array of them, or NDJSON (one per line). Each is named by
    /// `source` and its position (`"team.json, result 2"`, `"team.ndjson, line 3"`). An array is
    /// first only checked and split (`RawValue`), then each result read on its own, so that one
    /// bad result rejects only itself. Text that is none of these (an array cut short, a page of
    /// HTML: no line of it a JSON object) is rejected once, as a whole.
    pub fn add_text(&mut self, source: &str, text: &str) -> usize {
        use serde_json::value::RawValue;
        let before = self.respondents();
        let lines = || text.split('\n').enumerate().filter(|(_, l)| !l.trim().is_empty());
        let object = |l: &str| l.trim_start().starts_with('{') && serde_json::from_str::<&RawValue>(l).is_ok();
        if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(text) {
            for (i, item) in items.iter().enumerate() {
                let _ = self.add_one(source, Some(At::Result(i + 1)), item.get());
            }
        } else if let Ok(whole) = serde_json::from_str::<&RawValue>(text) {
            let _ = self.add_one(source, None, whole.get());
        } else if lines().nth(1).is_some() && !text.trim_start().starts_with('[') && lines().any(|(_, l)| object(l)) {
            for (i, line) in lines() {
                let _ = self.add_one(source, Some(At::Line(i + 1)), line);
            }
        } else {
            let _ = self.add_one(source, None, text);
        }
        self.respondents() - before
    }

    /// Adds one result code (`cxr1.…`) from `source`.
    pub fn add_code(&mut self, source: &str, text: &str) -> Result<(), Reason> {
        self.add_code_at(source, None, text)
    }

    fn add_code_at(&mut self, source: &str, at: Option<At>, text: &str) -> Result<(), Reason> {
        let outcome = match code::decode(&self.def, text) {
            Ok(c) => {
                // A code written without a result id holds zeros there.
                let id = if c.id.bytes().all(|b| b == b'0') { String::new() } else { c.id };
                let answers = self.order.iter().map(|s| c.answers.get(s).copied()).collect();
                let profile: Vec<(&String, &String)> = c
                    .profile
                    .iter()
                    .filter_map(|(q, a)| match a {
                        ProfileAnswer::One(value) => Some((q, value)),
                        ProfileAnswer::Many(_) => None,
                    })
                    .collect();
                self.count(&id, answers, &profile)
            }
            Err(CodeError::Malformed) => Err(Reason::NotACode),
            Err(CodeError::OtherAssessment) => Err(Reason::OtherAssessment),
            Err(CodeError::OtherVersion) => Err(Reason::OtherVersion),
        };
        self.note(source, at, outcome)
    }

    /// Adds one item's text from `source` at `at`: a result code, or one result's JSON.
    pub fn add_item(&mut self, source: &str, at: Option<At>, text: &str) -> usize {
        let before = self.respondents();
        if code::is_code(text) {
            self.add_codes(source, at, text);
        } else {
            let _ = self.add_one(source, at, text);
        }
        self.respondents() - before
    }

    /// Adds the result codes of `text`, separated by spaces, each named by `source` at `at`.
    fn add_codes(&mut self, source: &str, at: Option<At>, text: &str) {
        for word in text.split_whitespace() {
            let _ = self.add_code_at(source, at, word);
        }
    }

    /// Adds pasted text: result JSON (one, an array, or NDJSON) or result codes, one per line or
    /// separated by spaces. Positions are named as "pasted text, line 3".
    pub fn add_pasted(&mut self, source: &str, text: &str) -> usize {
        if !code::is_code(text) {
            return self.add_text(source, text);
        }
        let before = self.respondents();
        for (i, line) in text.lines().enumerate() {
            self.add_codes(source, Some(At::Line(i + 1)), line);
        }
        self.respondents() - before
    }

    fn accept(&mut self, read: Read) -> Result<(), Reason> {
        if read.assessment.id != self.def.id.as_str() {
            return Err(Reason::OtherAssessment);
        }
        if read.assessment.version != self.def.version.as_str() {
            return Err(Reason::OtherVersion);
        }
        if !read.fits {
            return Err(Reason::AnswersDoNotFit);
        }
        self.count(&read.id, read.answers, &read.profile)
    }

    /// Counts a respondent from their answers in definition order: scored once, into the team's,
    /// the group's, each dimension's and each statement's counts.
    fn count<S: AsRef<str>>(
        &mut self,
        id: &str,
        answers: Vec<Option<Answer>>,
        profile: &[(S, S)],
    ) -> Result<(), Reason> {
        // A result id (32 hexadecimal digits) is the same in either case; other ids are as given.
        let id = if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
            Cow::Owned(id.to_ascii_lowercase())
        } else {
            Cow::Borrowed(id)
        };
        if !id.is_empty() && !self.ids.insert(id.into_owned()) {
            return Err(Reason::Duplicate);
        }
        let group = profile
            .iter()
            .find(|(q, _)| q.as_ref() == self.group_by)
            .and_then(|(_, value)| self.group_of(value.as_ref()));
        self.tally(&answers, group);
        let profile = profile.iter().map(|(q, a)| (self.name(q.as_ref()), self.name(a.as_ref()))).collect();
        self.members.push(Member { answers, profile });
        Ok(())
    }

    /// Adds a respondent's answers (in definition order) to the counts, and to `group`'s.
    fn tally(&mut self, answers: &[Option<Answer>], group: Option<usize>) {
        let (lo, hi) = (u64::from(self.scale.0), u64::from(self.scale.1));
        let mut start = 0;
        for (di, d) in self.def.dimensions.iter().enumerate() {
            let range = start..start + d.statements.len();
            start = range.end;
            let raw = dimension_raw(&self.def, d, answers[range.clone()].iter().copied());
            let tally = &mut self.dimensions[di];
            if let (Some(score), Some(level)) = dimension_level(&self.def, &raw) {
                let score = tenths(score);
                tally.scores.add(score);
                if (1..=5).contains(&level) {
                    tally.levels[usize::from(level) - 1] += 1;
                }
                if let Some(g) = group {
                    self.tallies[g].dimensions[di].add(score as u64);
                }
            }
            tally.given += raw.answered + raw.dont_know;
            tally.dont_know += raw.dont_know;
            for (at, s) in range.zip(&d.statements) {
                let Some(answer) = answers[at] else { continue };
                let st = &mut self.statement_tallies[at];
                st.given += 1;
                match answer.value() {
                    None => st.dont_know += 1,
                    Some(v) => {
                        let v = if s.reverse { lo + hi - u64::from(v) } else { u64::from(v) };
                        st.values.add(v);
                        if let Some(g) = group {
                            self.tallies[g].statements[at].add(v);
                        }
                    }
                }
            }
        }
        if let Some(g) = group {
            self.tallies[g].n += 1;
        }
    }

    fn push_group(&mut self, group: TeamGroup) {
        self.groups.push(group);
        self.tallies.push(GroupTally {
            n: 0,
            dimensions: vec![Sum::default(); self.def.dimensions.len()],
            statements: vec![Sum::default(); self.order.len()],
        });
    }

    /// The index of the group `value` belongs to, adding a group per answer when none are named.
    fn group_of(&mut self, value: &str) -> Option<usize> {
        if let Some(i) = self.groups.iter().position(|g| g.values.iter().any(|v| v == value)) {
            return Some(i);
        }
        if !self.named {
            let title = self
                .def
                .profile
                .iter()
                .find(|q| q.id == self.group_by)
                .and_then(|q| q.options.iter().find(|o| o.id == value))
                .map_or_else(|| Text::Plain(value.to_string()), |o| o.label.clone());
            self.push_group(TeamGroup { id: value.into(), title: Some(title), values: vec![value.into()] });
            return Some(self.groups.len() - 1);
        }
        None
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

/// `n`, mean, median, min, max and sample sd of `values` (scores, 0–100 at one decimal), each at
/// one decimal.
pub fn stats(values: &[f64]) -> Stats {
    let mut scores = Scores::new();
    for &v in values {
        scores.add(tenths(v));
    }
    scores.stats()
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

impl Team {
    /// The report in `w`'s language (English texts where the definition has no other), with the
    /// team's sentences from `t`.
    pub fn report(&self, w: &Wording, t: &TeamTexts) -> TeamReport {
        let def = &self.def;
        let locale = w.locale;
        // Shown groups: at least `min_group` respondents.
        let shown: Vec<usize> = (0..self.groups.len()).filter(|&g| self.tallies[g].n >= self.min_group).collect();
        let mut offset = 0;
        let mut dimensions = Vec::new();
        let mut raws = Vec::new();
        let mut statements = Vec::new();
        let mut gaps = Vec::new();
        for (di, (d, tally)) in def.dimensions.iter().zip(&self.dimensions).enumerate() {
            let st = tally.scores.stats();
            let range = offset..offset + d.statements.len();
            offset = range.end;
            let (given, dont_know) = (tally.given, tally.dont_know);
            let dont_know_share = if given > 0 { dont_know as f64 / given as f64 } else { 0.0 };
            let exact: Vec<(usize, usize, Option<f64>)> = shown
                .iter()
                .map(|&g| {
                    // A shown group's mean of fewer scores than `min_group` (the rest left
                    // it unassessed) is not shown either: it could single someone out.
                    let sum = self.tallies[g].dimensions[di];
                    (g, sum.n, sum.mean(10.0).filter(|_| sum.n >= self.min_group))
                })
                .collect();
            // Gaps from the unrounded means, reported at one decimal.
            for (i, &(a, _, x)) in exact.iter().enumerate() {
                for &(b, _, y) in &exact[i + 1..] {
                    if let (Some(x), Some(y)) = (x, y) {
                        let (sa, sb) = (self.tallies[a].dimensions[di], self.tallies[b].dimensions[di]);
                        // 15 points or more, exactly: |Σa/na − Σb/nb| ≥ 150 tenths.
                        let apart = (i128::from(sa.sum) * sb.n as i128 - i128::from(sb.sum) * sa.n as i128).abs();
                        if apart >= (GAP as i128) * 10 * sa.n as i128 * sb.n as i128 {
                            let difference = round1((x - y).abs());
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
            for (at, s) in range.zip(&d.statements) {
                let counts = self.statement_tallies[at];
                let means: Vec<f64> = shown
                    .iter()
                    .map(|&g| self.tallies[g].statements[at])
                    .filter(|sum| sum.n >= self.min_group)
                    .filter_map(|sum| sum.mean(1.0))
                    .collect();
                let largest_gap = match (means.iter().copied().reduce(f64::max), means.iter().copied().reduce(f64::min))
                {
                    (Some(hi), Some(lo)) if means.len() >= 2 => Some(round1(hi - lo)),
                    _ => None,
                };
                statements.push(TeamStatement {
                    id: s.id.clone(),
                    dimension_id: d.id.clone(),
                    mean: counts.values.mean(1.0).map(round1),
                    dont_know_share: if counts.given > 0 {
                        round1(counts.dont_know as f64 / counts.given as f64 * 1000.0) / 1000.0
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
                level_counts: tally.levels.to_vec(),
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
            respondents: self.respondents(),
            rejected: self
                .rejected
                .iter()
                .map(|r| Rejected {
                    source: place(&r.origin.0, r.origin.1, t),
                    reason: t.reason(r.code).into(),
                    code: r.code,
                    origin: r.origin.clone(),
                })
                .collect(),
            groups: shown
                .iter()
                .map(|&g| GroupRef {
                    id: self.groups[g].id.clone(),
                    title: self.groups[g].title(locale, t),
                    n: self.tallies[g].n,
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
        source_result,
        source_line,
        pasted,
        added_status,
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
    source_result: "{source}, result {n}",
    source_line: "{source}, line {n}",
    pasted: "pasted text",
    added_status: "{added} added, {rejected} not added",
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

    /// Groups both rounds anew (see [`Team::regroup`]).
    pub fn regroup(&mut self, group_by: &str, min_group: usize) {
        self.current.regroup(group_by, min_group);
        if let Some(previous) = &mut self.previous {
            previous.regroup(group_by, min_group);
        }
    }

    /// How many respondents both rounds have.
    pub fn respondents(&self) -> usize {
        self.current.respondents() + self.previous.as_ref().map_or(0, Team::respondents)
    }

    /// Lists an input whose text could not be had.
    pub fn unreadable(&mut self, round: Round, source: &str) {
        let _ = self.team(round).note(source, None, Err(Reason::Unreadable));
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
