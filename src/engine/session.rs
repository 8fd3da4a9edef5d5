//! The session: a pure state machine. Time is passed in with the actions that need it.

use crate::engine::definition::Definition;
use crate::engine::lead::Lead;
use crate::engine::scoring::{Answer, Answers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap as Map;
use std::fmt;

/// Where the user is. Stored as `"Intro"`, `{"Dimension": 2}` and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Intro,
    Profile,
    /// The page of the dimension at this index.
    Dimension(usize),
    /// The lead form, when the host gates the results behind it.
    Lead,
    Results,
}

/// An answer to a profile question: one option id, or several.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ProfileAnswer {
    One(String),
    Many(Vec<String>),
}

/// Read by what the value is, not `untagged`: that buffers the value first, which costs code
/// in the wasm and loses the error's detail.
impl<'de> Deserialize<'de> for ProfileAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ProfileAnswer, D::Error> {
        struct AnswerVisitor;
        impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
            type Value = ProfileAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id, or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ProfileAnswer, E> {
                Ok(ProfileAnswer::One(s.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<ProfileAnswer, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(ProfileAnswer::Many(ids))
            }
        }
        d.deserialize_any(AnswerVisitor)
    }
}

/// Whether a lead form stands before the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LeadGate {
    #[default]
    Off,
    Required,
    /// The user may skip it; no lead is recorded then.
    Skippable,
}

/// Where the lead form stands, when there is one (`leadCapture.mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeadPlace {
    /// Before the first statement: submitting or skipping it begins the assessment.
    BeforeStart,
    /// Between the last statement and the results.
    #[default]
    BeforeResults,
    /// Between the last statement and the full report, below a summary of the result (level,
    /// overall score, top priority). Skipping it keeps the summary only.
    Teaser,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the intro. `at` is the ISO 8601 time the assessment started; `id` identifies this
    /// session's result (the caller supplies it, so the engine needs no randomness).
    Start {
        at: String,
        id: String,
    },
    /// Answer a profile question; `None` clears it.
    SetProfile {
        question_id: String,
        answer: Option<ProfileAnswer>,
    },
    Answer {
        statement_id: String,
        answer: Answer,
    },
    /// Go to the next page. `at` becomes the completion time when this finishes the assessment.
    Next {
        at: String,
    },
    Back,
    /// Submit the lead form with a consented lead (validated with `lead::make_lead`).
    SubmitLead {
        lead: Lead,
        at: String,
    },
    /// Skip a skippable lead form.
    SkipLead {
        at: String,
    },
    /// Continue a saved or linked session (from the intro only).
    Resume(Box<Session>),
    /// Forget everything and return to the intro.
    Reset,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    UnknownStatement(String),
    UnknownQuestion(String),
    UnknownOption {
        question_id: String,
        option_id: String,
    },
    OutOfScale {
        statement_id: String,
        value: u8,
    },
    NotOnThisPage(String),
    /// The lead form cannot be skipped.
    LeadRequired,
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::UnknownStatement(id) => write!(f, "unknown statement \"{id}\""),
            ActionError::UnknownQuestion(id) => write!(f, "unknown profile question \"{id}\""),
            ActionError::UnknownOption { question_id, option_id } => {
                write!(f, "profile question \"{question_id}\" has no option \"{option_id}\"")
            }
            ActionError::OutOfScale { statement_id, value } => {
                write!(f, "answer {value} to \"{statement_id}\" is outside the scale")
            }
            ActionError::NotOnThisPage(what) => write!(f, "{what} cannot be changed on this page"),
            ActionError::LeadRequired => write!(f, "the lead form cannot be skipped"),
        }
    }
}

impl std::error::Error for ActionError {}

/// The session; stored (see `saved`) with its field names as they are here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Identifies this session's result (for example as an idempotency key).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default = "intro")]
    pub step: Step,
    #[serde(default)]
    pub lead_gate: LeadGate,
    /// Set by the host's configuration, like the gate.
    #[serde(skip)]
    pub lead_place: LeadPlace,
    /// The teaser's lead form was submitted, so the full report shows. Stored (the lead is not),
    /// so the report stays open when the user comes back to it.
    #[serde(default)]
    pub unlocked: bool,
    /// Present only when the user consented; never stored.
    #[serde(skip)]
    pub lead: Option<Lead>,
    #[serde(default)]
    pub profile: Map<String, ProfileAnswer>,
    #[serde(default)]
    pub answers: Answers,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    /// Items the user tried to move past without answering (statement or question ids).
    #[serde(default, skip_deserializing)]
    pub missing: Vec<String>,
}

fn intro() -> Step {
    Step::Intro
}

impl Default for Session {
    fn default() -> Self {
        Session {
            id: None,
            step: Step::Intro,
            lead_gate: LeadGate::Off,
            lead_place: LeadPlace::BeforeResults,
            unlocked: false,
            lead: None,
            profile: Map::new(),
            answers: Answers::new(),
            started_at: None,
            completed_at: None,
            missing: Vec::new(),
        }
    }
}

impl Session {
    /// A new session with the given lead gate (before the results).
    pub fn new(lead_gate: LeadGate) -> Self {
        Session { lead_gate, ..Session::default() }
    }

    /// A new session with the given lead gate, placed as given.
    pub fn gated(lead_gate: LeadGate, lead_place: LeadPlace) -> Self {
        Session { lead_gate, lead_place, ..Session::default() }
    }

    fn lead_at(&self, place: LeadPlace) -> bool {
        self.lead_gate != LeadGate::Off && self.lead_place == place
    }

    /// Whether the results show the full report: always, except in teaser mode before the form
    /// was submitted.
    pub fn full_report(&self) -> bool {
        !self.lead_at(LeadPlace::Teaser) || self.unlocked
    }

    /// Whether the lead form on screen (or next) comes before the first statement.
    pub fn lead_first(&self) -> bool {
        self.lead_at(LeadPlace::BeforeStart)
    }

    /// Where leaving the intro leads: the lead form first in before-start mode (unless it was
    /// already submitted), else the first page.
    fn after_intro(&self, def: &Definition) -> Step {
        if self.lead_first() && self.lead.is_none() {
            Step::Lead
        } else {
            self.first_page(def)
        }
    }

    /// Applies an action, returning the new session. An invalid action changes nothing.
    pub fn apply(&self, def: &Definition, action: Action) -> Result<Session, ActionError> {
        let mut next = self.clone();
        match action {
            Action::Start { at, id } => {
                if self.step == Step::Intro {
                    next.started_at.get_or_insert(at);
                    next.id.get_or_insert(id);
                    next.step = self.after_intro(def);
                }
            }
            Action::SetProfile { question_id, answer } => {
                let q = def
                    .profile
                    .iter()
                    .find(|q| q.id == question_id)
                    .ok_or_else(|| ActionError::UnknownQuestion(question_id.clone()))?;
                if self.step != Step::Profile {
                    return Err(ActionError::NotOnThisPage(format!("profile question \"{question_id}\"")));
                }
                let chosen: Vec<&String> = match &answer {
                    Some(ProfileAnswer::One(id)) => vec![id],
                    Some(ProfileAnswer::Many(ids)) => ids.iter().collect(),
                    None => vec![],
                };
                if let Some(bad) = chosen.iter().find(|id| !q.options.iter().any(|o| &o.id == **id)) {
                    return Err(ActionError::UnknownOption { question_id, option_id: (*bad).clone() });
                }
                match answer {
                    Some(ProfileAnswer::Many(ids)) if ids.is_empty() => next.profile.remove(&question_id),
                    Some(a) => next.profile.insert(question_id.clone(), a),
                    None => next.profile.remove(&question_id),
                };
                next.missing.retain(|m| m != &question_id);
            }
            Action::Answer { statement_id, answer } => {
                let (index, _) = def
                    .dimensions
                    .iter()
                    .enumerate()
                    .find(|(_, d)| d.statements.iter().any(|s| s.id == statement_id))
                    .ok_or_else(|| ActionError::UnknownStatement(statement_id.clone()))?;
                if let Answer::Value(value) = answer {
                    if value < def.scale_min() || value > def.scale_max() {
                        return Err(ActionError::OutOfScale { statement_id, value });
                    }
                }
                if self.step != Step::Dimension(index) {
                    return Err(ActionError::NotOnThisPage(format!("statement \"{statement_id}\"")));
                }
                next.missing.retain(|m| m != &statement_id);
                next.answers.insert(statement_id, answer);
            }
            Action::Next { at } => {
                let missing = self.unanswered_on_page(def);
                if !missing.is_empty() {
                    next.missing = missing;
                    return Ok(next);
                }
                next.missing.clear();
                next.step = match self.step {
                    Step::Intro => self.after_intro(def),
                    Step::Profile => Step::Dimension(0),
                    Step::Dimension(i) if i + 1 < def.dimensions.len() => Step::Dimension(i + 1),
                    Step::Dimension(_) if self.lead_gate != LeadGate::Off && !self.lead_first() => Step::Lead,
                    Step::Dimension(_) => {
                        next.completed_at = Some(at);
                        Step::Results
                    }
                    Step::Lead => Step::Lead,
                    Step::Results => Step::Results,
                };
            }
            Action::Back => {
                next.missing.clear();
                next.step = match self.step {
                    Step::Dimension(0) if def.profile.is_empty() => Step::Intro,
                    Step::Dimension(0) => Step::Profile,
                    Step::Dimension(i) => Step::Dimension(i - 1),
                    Step::Profile => Step::Intro,
                    Step::Lead if self.lead_first() => Step::Intro,
                    Step::Lead => Step::Dimension(def.dimensions.len() - 1),
                    other => other,
                };
            }
            Action::SubmitLead { lead, at } => {
                if self.step != Step::Lead {
                    return Err(ActionError::NotOnThisPage("the lead".into()));
                }
                next.lead = Some(lead);
                if self.lead_first() {
                    next.step = self.first_page(def);
                } else {
                    next.unlocked = true;
                    next.completed_at = Some(at);
                    next.step = Step::Results;
                }
            }
            Action::SkipLead { at } => {
                if self.step != Step::Lead {
                    return Err(ActionError::NotOnThisPage("the lead".into()));
                }
                if self.lead_gate != LeadGate::Skippable {
                    return Err(ActionError::LeadRequired);
                }
                if self.lead_first() {
                    next.step = self.first_page(def);
                } else {
                    next.completed_at = Some(at);
                    next.step = Step::Results;
                }
            }
            Action::Resume(saved) => {
                if self.step != Step::Intro {
                    return Err(ActionError::NotOnThisPage("a resumed session".into()));
                }
                next = Session {
                    lead_gate: self.lead_gate,
                    lead_place: self.lead_place,
                    lead: None,
                    missing: Vec::new(),
                    ..*saved
                };
            }
            Action::Reset => next = Session::gated(self.lead_gate, self.lead_place),
        }
        Ok(next)
    }

    fn first_page(&self, def: &Definition) -> Step {
        if def.profile.is_empty() {
            Step::Dimension(0)
        } else {
            Step::Profile
        }
    }

    /// Ids on the current page that must be answered before moving on.
    pub fn unanswered_on_page(&self, def: &Definition) -> Vec<String> {
        match self.step {
            Step::Profile => def
                .profile
                .iter()
                .filter(|q| q.required && !self.profile.contains_key(&q.id))
                .map(|q| q.id.clone())
                .collect(),
            Step::Dimension(i) => def.dimensions[i]
                .statements
                .iter()
                .filter(|s| !self.answers.contains_key(&s.id))
                .map(|s| s.id.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// (answered, total) statements.
    pub fn progress(&self, def: &Definition) -> (usize, usize) {
        let answered =
            def.dimensions.iter().flat_map(|d| &d.statements).filter(|s| self.answers.contains_key(&s.id)).count();
        (answered, def.statement_count())
    }

    pub fn is_complete(&self) -> bool {
        self.step == Step::Results && self.completed_at.is_some()
    }
}
