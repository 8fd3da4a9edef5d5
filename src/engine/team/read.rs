//! Reading results: what a result must hold to be counted is read straight from its text (or JSON
//! data) into the team's counts, by the seeds below: its id, times, assessment, answers (each put at
//! its statement's place in definition order) and its single-choice profile answers. Everything
//! else in it is skipped, never built; strings without escapes are borrowed, so that 10,000
//! results allocate little.

use super::Team;
use crate::engine::scoring::Answer;
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// A string, borrowed from the text where it has no escapes.
#[derive(Deserialize)]
pub(super) struct Str<'a>(#[serde(borrow)] pub Cow<'a, str>);

#[derive(Deserialize)]
pub(super) struct InputRef<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub version: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InputAnswer<'a> {
    #[serde(borrow)]
    question_id: Cow<'a, str>,
    value: Option<u8>,
}

/// One result as read: what is counted, and whether its answers fit the assessment.
pub(super) struct Read<'a> {
    pub id: Cow<'a, str>,
    /// `startedAt` and `completedAt`, which tell apart two results without an id.
    pub times: (Option<Cow<'a, str>>, Option<Cow<'a, str>>),
    pub assessment: InputRef<'a>,
    pub answers: Vec<Option<Answer>>,
    pub fits: bool,
    pub profile: ProfileAnswers<'a>,
}

/// Reads one result for `Team`.
pub(super) struct ResultSeed<'t>(pub &'t Team);

impl<'de> DeserializeSeed<'de> for ResultSeed<'_> {
    type Value = Read<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read<'de>, D::Error> {
        // As a struct, so that a reader of JS objects looks up these fields alone.
        d.deserialize_struct("Result", &["id", "startedAt", "completedAt", "assessment", "answers", "profile"], self)
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
            StartedAt,
            CompletedAt,
            Assessment,
            Answers,
            Profile,
            #[serde(other)]
            Other,
        }
        let (mut id, mut assessment, mut answers, mut profile) = (None, None, None, Vec::new());
        let mut times = (None, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                // No id, `null` or (from JS) `undefined`: a result without an id.
                Field::Id => id = map.next_value::<Option<Str>>()?.map(|s| s.0),
                Field::StartedAt => times.0 = map.next_value::<Option<Str>>()?.map(|s| s.0),
                Field::CompletedAt => times.1 = map.next_value::<Option<Str>>()?.map(|s| s.0),
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
        Ok(Read { id: id.unwrap_or_default(), times, assessment, answers, fits, profile })
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
pub(super) type ProfileAnswers<'de> = Vec<(Cow<'de, str>, Cow<'de, str>)>;

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
