//! The team report (the README's "Team report"): many respondents' results of one assessment combined,
//! with no figure that describes fewer than `min_group` respondents. Each accepted result is
//! scored once, from its answers, when it is added; the report is summed from those counts, so
//! adding a file never rescores what was already there.
//!
//! The files: `read` (a result's fields, read straight into the counts), `split` (the results in
//! text: JSON, NDJSON, arrays back to back, result codes anywhere), `stats`, `report` (the report
//! and its anonymity rules), `compare` (the previous round), `csv`, `texts`, `book` (both rounds).

mod book;
mod compare;
mod csv;
mod read;
mod report;
mod split;
mod stats;
mod texts;

pub use book::{Round, TeamBook};
pub use compare::{compare, withheld, Change, Comparison, DimensionChange, GroupChange, PreviousWithheld};
pub use csv::csv;
pub use report::{
    gap_sentence, most_divided, Disagreement, Gap, GroupMean, GroupRef, TeamDimension, TeamReport, TeamStatement,
};
pub use split::{Piece, Splitter};
pub use stats::{stats, Stats};
pub use texts::{TeamTexts, TEAM_EN, TEAM_TEXTS_SOURCE};

use crate::engine::code::{self, CodeError};
use crate::engine::definition::Definition;
use crate::engine::messages::fill;
use crate::engine::scoring::{dimension_level, dimension_raw, Answer};
use crate::engine::session::ProfileAnswer;
use crate::engine::text::Text;
use read::{Read, ResultSeed};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny};
use serde::Serialize;
use stats::{tenths, Scores, Sum};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A difference between two groups' means of this many points or more is a gap.
pub const GAP: f64 = 15.0;
/// A dimension whose standard deviation is this or more has no shared view.
pub const DISAGREEMENT: f64 = 20.0;
/// A team dimension with this share of "Don't know" answers or more has an evidence gap.
pub const EVIDENCE_GAP_SHARE: f64 = 0.4;
/// The smallest number of respondents a figure describes, unless the host says otherwise.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// The smallest `min_group` a host may set.
pub const LEAST_MIN_GROUP: usize = 3;
/// Rejected inputs listed one by one; the rest are counted by reason.
pub const LISTED: usize = 100;
/// The largest file read, in bytes: 256 MB.
pub const MAX_FILE_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Why an input was not accepted.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
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
    /// A file larger than `MAX_FILE_BYTES`, refused before it is read.
    TooLarge,
}

/// A rejected input: where it came from (a file name and position, or "pasted text, line 3").
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(all(target_arch = "wasm32", feature = "team"), derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub source: String,
    /// The reason in words (English until the report words it in its language).
    pub reason: String,
    /// The reason as a code.
    #[serde(rename = "code")]
    pub code: Reason,
    /// The source as named, and the place in it, to word `source` in the report's language.
    #[serde(skip)]
    pub origin: (String, Option<At>),
}

/// The rejected inputs: the first `LISTED`, and how many there were for each reason.
#[derive(Debug, Clone, Default)]
struct Rejections {
    listed: Vec<Rejected>,
    counts: BTreeMap<Reason, usize>,
}

impl Rejections {
    fn push(&mut self, source: &str, at: Option<At>, code: Reason) {
        *self.counts.entry(code).or_default() += 1;
        if self.listed.len() < LISTED {
            self.listed.push(Rejected {
                source: place(source, at, &TEAM_EN),
                reason: TEAM_EN.reason(code).into(),
                code,
                origin: (source.into(), at),
            });
        }
    }
    fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// A named group of answers to the grouping question.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamGroup {
    pub id: String,
    /// `None` for the built-in assessment's groups, which the team texts name.
    pub title: Option<Text>,
    pub values: Vec<String>,
}

impl TeamGroup {
    fn title(&self, locale: &str, t: &TeamTexts) -> String {
        match &self.title {
            Some(text) => text.get(locale).to_string(),
            None => t.group(&self.id).to_string(),
        }
    }
}

/// The default assessment's role groups: leaders, front line, support functions.
pub fn default_groups() -> Vec<TeamGroup> {
    let g = |id: &str, values: &[&str]| TeamGroup {
        id: id.into(),
        title: None,
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    vec![
        g("leaders", &["executive"]),
        g("front-line", &["front-line-manager", "front-line-staff"]),
        g("support", &["cx", "operations", "it-data"]),
    ]
}

/// The groups of a definition for a grouping question: its `teamGroups`, the built-in
/// assessment's role groups when grouped by role, otherwise one per option the question offers.
/// Answers that are none of these make no group.
pub fn groups_for(def: &Definition, group_by: &str) -> Vec<TeamGroup> {
    if !def.team_groups.is_empty() {
        return def
            .team_groups
            .iter()
            .map(|g| TeamGroup { id: g.id.clone(), title: Some(g.title.clone()), values: g.values.clone() })
            .collect();
    }
    if def.id == crate::engine::DEFAULT_ID && group_by == "role" {
        return default_groups();
    }
    let question = def.profile.iter().find(|q| q.id == group_by && !q.multiple);
    question.map_or_else(Vec::new, |q| {
        q.options
            .iter()
            .map(|o| TeamGroup { id: o.id.clone(), title: Some(o.label.clone()), values: vec![o.id.clone()] })
            .collect()
    })
}

/// Why `group_by` cannot group `def`'s results, if it cannot: it must be a single-choice
/// profile question.
pub fn grouping_problem(def: &Definition, group_by: &str) -> Option<String> {
    if def.profile.iter().any(|q| q.id == group_by && !q.multiple) {
        return None;
    }
    let choices: Vec<String> =
        def.profile.iter().filter(|q| !q.multiple).map(|q| crate::engine::text::quote(&q.id)).collect();
    Some(format!(
        "groupBy must name a single-choice profile question of the assessment ({}), got {}",
        if choices.is_empty() { "it has none".to_string() } else { choices.join(", ") },
        crate::engine::text::quote(group_by)
    ))
}

/// Why `n` cannot be the smallest group, if it cannot.
pub fn min_group_problem(n: f64) -> Option<String> {
    (n.fract() != 0.0 || !(LEAST_MIN_GROUP as f64..=1_000_000.0).contains(&n))
        .then(|| format!("minGroup must be a whole number of at least {LEAST_MIN_GROUP} (default {DEFAULT_MIN_GROUP})"))
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

/// One dimension's counts over a set of respondents.
#[derive(Debug, Clone, Default)]
struct DimensionTally {
    scores: Scores,
    /// Respondents at level 1…5.
    levels: [usize; 5],
    /// Answers given to its statements, and how many of them were "Don't know".
    given: usize,
    dont_know: usize,
}

impl DimensionTally {
    fn merge(&mut self, other: &DimensionTally) {
        self.scores.merge(&other.scores);
        for (a, b) in self.levels.iter_mut().zip(other.levels) {
            *a += b;
        }
        self.given += other.given;
        self.dont_know += other.dont_know;
    }
}

/// One statement's counts: answers given, "Don't know"s, and the reverse-corrected values.
#[derive(Debug, Clone, Copy, Default)]
struct StatementTally {
    given: usize,
    dont_know: usize,
    values: Sum,
}

impl StatementTally {
    fn merge(&mut self, other: &StatementTally) {
        self.given += other.given;
        self.dont_know += other.dont_know;
        self.values.merge(other.values);
    }
}

/// The counts of a set of respondents: a group's, or those in no group.
#[derive(Debug, Clone)]
struct Bucket {
    n: usize,
    dimensions: Vec<DimensionTally>,
    statements: Vec<StatementTally>,
}

impl Bucket {
    fn new(dimensions: usize, statements: usize) -> Bucket {
        Bucket {
            n: 0,
            dimensions: vec![DimensionTally::default(); dimensions],
            statements: vec![StatementTally::default(); statements],
        }
    }
}

/// What makes a respondent the same as another: the result id, or for a result without one, its
/// answers, profile answers and times.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Id(Box<str>),
    Print(u64),
}

impl Key {
    fn of<S: AsRef<str>>(read_id: &str, answers: &[Option<Answer>], profile: &[(S, S)], times: (&str, &str)) -> Key {
        // A result id (32 hexadecimal digits) is the same in either case; other ids are as given.
        if !read_id.is_empty() {
            return Key::Id(if read_id.len() == 32 && read_id.bytes().all(|b| b.is_ascii_hexdigit()) {
                read_id.to_ascii_lowercase().into()
            } else {
                read_id.into()
            });
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for a in answers {
            match a {
                None => 0u16.hash(&mut h),
                Some(Answer::DontKnow) => 1u16.hash(&mut h),
                Some(Answer::Value(v)) => (2 + u16::from(*v)).hash(&mut h),
            }
        }
        times.hash(&mut h);
        // The profile answers in any order: each pair hashed on its own, and the hashes summed.
        let pairs = profile.iter().fold(0u64, |sum, (q, a)| {
            let mut p = std::collections::hash_map::DefaultHasher::new();
            (q.as_ref(), a.as_ref()).hash(&mut p);
            sum.wrapping_add(p.finish())
        });
        pairs.hash(&mut h);
        Key::Print(h.finish())
    }
}

/// An accepted respondent, as kept: to count again in another grouping (`regroup`), a few dozen
/// bytes each.
#[derive(Debug, Clone)]
struct Member {
    answers: Vec<Option<Answer>>,
    /// (question, option), numbers in `Team::names`.
    profile: Vec<(u32, u32)>,
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
    /// The statements' ids in definition order, and each one's place in it.
    order: Vec<String>,
    statements: HashMap<String, usize>,
    /// The lowest and highest value of the scale.
    scale: (u8, u8),
    /// One per group, in the order of `groups`, then one of those in no group.
    buckets: Vec<Bucket>,
    rejected: Rejections,
    members: Vec<Member>,
    keys: HashSet<Key>,
    /// The profile's question and option ids, each stored once; members refer to them by number.
    names: HashMap<String, u32>,
    name_list: Vec<String>,
}

impl Team {
    /// An empty team grouped by `groups` (answers to `group_by` in none of them make no group);
    /// `min_group` is the smallest number of respondents a figure describes.
    pub fn new(def: Definition, group_by: &str, min_group: usize, groups: Vec<TeamGroup>) -> Team {
        let order: Vec<String> = def.dimensions.iter().flat_map(|d| &d.statements).map(|s| s.id.clone()).collect();
        let statements = order.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect();
        let buckets = vec![Bucket::new(def.dimensions.len(), order.len()); groups.len() + 1];
        Team {
            scale: (def.scale_min(), def.scale_max()),
            order,
            statements,
            group_by: group_by.into(),
            min_group: min_group.max(LEAST_MIN_GROUP),
            groups,
            buckets,
            rejected: Rejections::default(),
            members: Vec::new(),
            keys: HashSet::new(),
            names: HashMap::new(),
            name_list: Vec::new(),
            def,
        }
    }

    /// An empty team grouped as the definition says (see [`groups_for`]).
    pub fn for_definition(def: Definition, group_by: &str, min_group: usize) -> Team {
        let groups = groups_for(&def, group_by);
        Team::new(def, group_by, min_group, groups)
    }

    /// Groups the same respondents anew: by another question, or with another smallest group
    /// shown. Every respondent is counted again from what was kept; rejections stay as they were.
    pub fn regroup(&mut self, group_by: &str, min_group: usize) {
        let mut fresh = Team::for_definition(self.def.clone(), group_by, min_group);
        let key = self.names.get(group_by).copied();
        for m in &self.members {
            let value = key.and_then(|k| m.profile.iter().find(|(q, _)| *q == k)).map(|(_, v)| v);
            let group = value.and_then(|&v| fresh.group_of(&self.name_list[v as usize]));
            fresh.tally(&m.answers, group);
        }
        fresh.members = std::mem::take(&mut self.members);
        fresh.names = std::mem::take(&mut self.names);
        fresh.name_list = std::mem::take(&mut self.name_list);
        fresh.keys = std::mem::take(&mut self.keys);
        fresh.rejected = std::mem::take(&mut self.rejected);
        *self = fresh;
    }

    pub fn definition(&self) -> &Definition {
        &self.def
    }

    pub fn group_by(&self) -> &str {
        &self.group_by
    }

    pub fn min_group(&self) -> usize {
        self.min_group
    }

    pub fn respondents(&self) -> usize {
        self.members.len()
    }

    /// The rejected inputs listed one by one (the first `LISTED`).
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected.listed
    }

    /// How many inputs were rejected in all, listed or not.
    pub fn rejected_total(&self) -> usize {
        self.rejected.total()
    }

    /// How many respondents this team shares with `other` (the same result in both).
    pub fn shared_with(&self, other: &Team) -> usize {
        self.keys.intersection(&other.keys).count()
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

    /// Lists an input that was not added, and why.
    pub fn reject(&mut self, source: &str, at: Option<At>, reason: Reason) {
        self.rejected.push(source, at, reason);
    }

    fn note(&mut self, source: &str, at: Option<At>, outcome: Result<(), Reason>) -> Result<(), Reason> {
        if let Err(code) = outcome {
            self.reject(source, at, code);
        }
        outcome
    }

    /// One result's JSON text (or a result code as a JSON string): a syntax error is "not JSON",
    /// valid JSON of another shape "not a result".
    fn add_one(&mut self, source: &str, at: Option<At>, text: &str) -> Result<(), Reason> {
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

    /// Adds text: results as JSON (one, an array, several back to back, NDJSON) or result codes
    /// anywhere in it (see [`Splitter`]); returns how many were accepted. Each input is named by
    /// `source` and its place (`"team.json, result 2"`, `"pasted text, line 3"`).
    pub fn add_text(&mut self, source: &str, text: &str) -> usize {
        let before = self.respondents();
        let mut split = Splitter::default();
        split.push(text, &mut |piece| self.take(source, piece));
        split.finish(&mut |piece| self.take(source, piece));
        self.respondents() - before
    }

    /// Adds one piece of a source's text, as [`Splitter`] finds them.
    pub fn take(&mut self, source: &str, piece: Piece) {
        let _ = match piece {
            Piece::Item { text, at } => self.add_one(source, Some(at), text),
            Piece::Code { code, rest, line } => {
                let code = format!("{}{}", code::PREFIX, &code[code::PREFIX.len()..]);
                // A code broken across two lines counts whole when whole it is one.
                let joined = rest.map(|rest| format!("{code}{rest}"));
                let whole = joined.filter(|j| !matches!(code::decode(&self.def, j), Err(CodeError::Malformed)));
                self.add_code_at(source, Some(At::Line(line)), whole.as_deref().unwrap_or(&code))
            }
            Piece::Nothing => self.note(source, None, Err(Reason::NotJson)),
        };
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
                self.count(&id, answers, &profile, ("", ""))
            }
            Err(CodeError::Malformed) => Err(Reason::NotACode),
            Err(CodeError::OtherAssessment) => Err(Reason::OtherAssessment),
            Err(CodeError::OtherVersion) => Err(Reason::OtherVersion),
        };
        self.note(source, at, outcome)
    }

    /// Adds one item's text from `source` at `at`: result codes, or one result's JSON.
    pub fn add_item(&mut self, source: &str, at: Option<At>, text: &str) -> usize {
        let before = self.respondents();
        if code::is_code(text) {
            for word in text.split_whitespace() {
                let _ = self.add_code_at(source, at, word);
            }
        } else {
            let _ = self.add_one(source, at, text);
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
        let times = (read.times.0.as_deref().unwrap_or(""), read.times.1.as_deref().unwrap_or(""));
        self.count(&read.id, read.answers, &read.profile, times)
    }

    /// Counts a respondent from their answers in definition order: scored once, into the counts
    /// of their group (or of those in no group). The same result twice counts once.
    fn count<S: AsRef<str>>(
        &mut self,
        id: &str,
        answers: Vec<Option<Answer>>,
        profile: &[(S, S)],
        times: (&str, &str),
    ) -> Result<(), Reason> {
        if !self.keys.insert(Key::of(id, &answers, profile, times)) {
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

    /// Adds a respondent's answers (in definition order) to the counts of `group`'s bucket (the
    /// last bucket for no group).
    fn tally(&mut self, answers: &[Option<Answer>], group: Option<usize>) {
        let (lo, hi) = (u64::from(self.scale.0), u64::from(self.scale.1));
        let bucket = &mut self.buckets[group.unwrap_or(self.groups.len())];
        bucket.n += 1;
        let mut start = 0;
        for (d, tally) in self.def.dimensions.iter().zip(&mut bucket.dimensions) {
            let range = start..start + d.statements.len();
            start = range.end;
            let raw = dimension_raw(&self.def, d, answers[range.clone()].iter().copied());
            if let (Some(score), Some(level)) = dimension_level(&self.def, &raw) {
                tally.scores.add(tenths(score));
                if (1..=5).contains(&level) {
                    tally.levels[usize::from(level) - 1] += 1;
                }
            }
            tally.given += raw.answered + raw.dont_know;
            tally.dont_know += raw.dont_know;
            for (at, s) in range.zip(&d.statements) {
                let Some(answer) = answers[at] else { continue };
                let st = &mut bucket.statements[at];
                st.given += 1;
                match answer.value() {
                    None => st.dont_know += 1,
                    Some(v) => st.values.add(if s.reverse { lo + hi - u64::from(v) } else { u64::from(v) }),
                }
            }
        }
    }

    /// The index of the group `value` belongs to, if any.
    fn group_of(&self, value: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.values.iter().any(|v| v == value))
    }
}
