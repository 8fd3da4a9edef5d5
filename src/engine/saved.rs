//! Autosave and resume: the session as stored in the browser, and the compact resume link.
//! Decoding never panics and rejects anything that does not fit the definition.

use crate::engine::definition::Definition;
use crate::engine::scoring::{Answer, Answers};
use crate::engine::session::{ProfileAnswer, Session, Step};
use crate::engine::text::quote;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const FORMAT: u32 = 1;

/// A session as stored in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    pub format: u32,
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub saved_at: Option<String>,
    /// The widget's `storageKey`, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_key: Option<String>,
    pub session: Session,
}

/// Where a definition's session is stored: `cx-scorecard:session:<id>:<version>`, one key per
/// assessment id and version, and `…:<version>:<storageKey>` for a widget given a `storageKey`
/// (so that two widgets of one assessment on a page keep separate saves).
pub fn storage_key(def: &Definition, scope: Option<&str>) -> String {
    match scope {
        Some(scope) => format!("{}{}:{scope}", storage_prefix(def), def.version),
        None => format!("{}{}", storage_prefix(def), def.version),
    }
}

/// Whether a `storageKey` can be used: 1–64 letters, digits, `-` and `_`.
pub fn is_storage_scope(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether the stored item `key` = `value` is this widget's session for another version of the
/// assessment, and so can never be resumed. Items of widgets with another `storageKey` (the
/// `storageKey` field of the stored value; `None` when the value is not JSON) are never stale to
/// this one.
pub fn is_stale(def: &Definition, scope: Option<&str>, key: &str, value: Option<&Value>) -> bool {
    if !key.starts_with(&storage_prefix(def)) || key == storage_key(def, scope) {
        return false;
    }
    // An unreadable item names no `storageKey`: it is the unscoped widget's to delete.
    value.and_then(|v| v.get("storageKey")).and_then(Value::as_str) == scope
}

/// The prefix shared by every version of this assessment.
pub fn storage_prefix(def: &Definition) -> String {
    format!("cx-scorecard:session:{}:", def.id)
}

/// Why a stored session was not restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// Not readable, or not consistent with the definition.
    Corrupt(String),
    /// Saved for another version of the assessment.
    OtherVersion(String),
}

/// The session as stored: without the lead (personal data stays out of storage), and with the
/// widget's `storageKey` if it has one.
pub fn encode(def: &Definition, session: &Session, now: &str, scope: Option<&str>) -> Stored {
    let mut session = session.clone();
    session.lead = None;
    session.missing.clear();
    // The lead form is never stored: a user coming back sees it again where it stands.
    if session.step == Step::Lead && session.lead_first() {
        session.step = Step::Intro;
    } else if session.step == Step::Lead {
        session.step = Step::Dimension(def.dimensions.len().saturating_sub(1));
    }
    Stored {
        format: FORMAT,
        id: def.id.clone(),
        version: def.version.clone(),
        saved_at: Some(now.to_string()),
        storage_key: scope.map(String::from),
        session,
    }
}

/// Reads a stored session, checking every part of it against the definition.
pub fn decode(def: &Definition, value: Value) -> Result<Session, RestoreError> {
    let format = value.get("format").and_then(Value::as_f64);
    if format != Some(f64::from(FORMAT)) || value.get("id").and_then(Value::as_str) != Some(&def.id) {
        return Err(RestoreError::Corrupt("not a saved session of this assessment".into()));
    }
    let stored: Stored = crate::engine::wire::read_plain(value).map_err(RestoreError::Corrupt)?;
    if stored.version != def.version {
        return Err(RestoreError::OtherVersion(stored.version));
    }
    let s = stored.session;
    for (id, answer) in &s.answers {
        if def.dimension_of(id).is_none() {
            return Err(RestoreError::Corrupt(format!("unknown statement {}", quote(id))));
        }
        if let Answer::Value(v) = answer {
            if *v < def.scale_min() || *v > def.scale_max() {
                return Err(RestoreError::Corrupt(format!("answer {v} is outside the scale")));
            }
        }
    }
    for (id, answer) in &s.profile {
        let q = def
            .profile
            .iter()
            .find(|q| &q.id == id)
            .ok_or_else(|| RestoreError::Corrupt(format!("unknown question {}", quote(id))))?;
        let ids: Vec<&String> = match answer {
            ProfileAnswer::One(o) => vec![o],
            ProfileAnswer::Many(v) => v.iter().collect(),
        };
        if ids.iter().any(|o| !q.options.iter().any(|opt| &&opt.id == o)) {
            return Err(RestoreError::Corrupt(format!("unknown option for {}", quote(id))));
        }
    }
    match s.step {
        Step::Dimension(i) if i >= def.dimensions.len() => {
            return Err(RestoreError::Corrupt("page out of range".into()))
        }
        Step::Profile if def.profile.is_empty() => return Err(RestoreError::Corrupt("no profile page".into())),
        Step::Results if s.completed_at.is_none() => {
            return Err(RestoreError::Corrupt("results without completion".into()))
        }
        _ => {}
    }
    Ok(Session { lead: None, missing: Vec::new(), ..s })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// FNV-1a, to tie a link to one definition id and version.
fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn tag(def: &Definition) -> String {
    let h = fnv32(&format!("{}\u{1f}{}", def.id, def.version));
    (0..5).map(|i| ALPHABET[((h >> (i * 6)) & 63) as usize] as char).collect()
}

/// Bits per statement: enough for "unanswered", every scale value and "Don't know".
fn bits(def: &Definition) -> u32 {
    let states = def.scale.options.len() as u32 + 2;
    32 - (states - 1).leading_zeros()
}

/// Why a resume link was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    Malformed,
    /// Made for another assessment or version.
    OtherAssessment,
}

/// The answers as a short URL-safe text: `1.<tag>.<packed>`, a few bits per statement.
pub fn encode_link(def: &Definition, answers: &Answers) -> String {
    let width = bits(def);
    let lo = def.scale_min();
    let dk = def.scale.options.len() as u64 + 1;
    let (mut out, mut acc, mut n) = (String::new(), 0u64, 0u32);
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        let code = match answers.get(&s.id) {
            None => 0,
            Some(Answer::DontKnow) => dk,
            Some(Answer::Value(v)) => u64::from(v.saturating_sub(lo)) + 1,
        };
        acc = (acc << width) | code;
        n += width;
        while n >= 6 {
            n -= 6;
            out.push(ALPHABET[((acc >> n) & 63) as usize] as char);
            acc &= (1u64 << n) - 1;
        }
    }
    if n > 0 {
        out.push(ALPHABET[((acc << (6 - n)) & 63) as usize] as char);
    }
    format!("1.{}.{}", tag(def), out)
}

/// Reads a resume link's answers; anything that does not fit is an error, never a panic.
pub fn decode_link(def: &Definition, text: &str) -> Result<Answers, LinkError> {
    let mut parts = text.trim().splitn(3, '.');
    let (Some("1"), Some(t), Some(packed)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(LinkError::Malformed);
    };
    if t != tag(def) {
        return Err(LinkError::OtherAssessment);
    }
    let width = bits(def);
    let statements: Vec<&str> = def.dimensions.iter().flat_map(|d| &d.statements).map(|s| s.id.as_str()).collect();
    let needed = (statements.len() as u32 * width).div_ceil(6) as usize;
    if packed.len() != needed {
        return Err(LinkError::Malformed);
    }
    let mut values = Vec::with_capacity(needed);
    for c in packed.bytes() {
        values.push(ALPHABET.iter().position(|a| *a == c).ok_or(LinkError::Malformed)? as u64);
    }
    let dk = def.scale.options.len() as u64 + 1;
    let lo = u64::from(def.scale_min());
    let mask = (1u64 << width) - 1;
    let (mut answers, mut acc, mut n, mut next) = (Answers::new(), 0u64, 0u32, values.into_iter());
    for id in statements {
        while n < width {
            acc = (acc << 6) | next.next().ok_or(LinkError::Malformed)?;
            n += 6;
        }
        n -= width;
        let code = (acc >> n) & mask;
        acc &= (1u64 << n) - 1;
        let answer = match code {
            0 => continue,
            c if c == dk => Answer::DontKnow,
            c if c < dk => Answer::Value(u8::try_from(c - 1 + lo).map_err(|_| LinkError::Malformed)?),
            _ => return Err(LinkError::Malformed),
        };
        answers.insert(id.to_string(), answer);
    }
    if acc != 0 {
        return Err(LinkError::Malformed); // padding bits must be zero
    }
    Ok(answers)
}

impl Session {
    /// A session resumed from answers (a resume link): on the first page with an unanswered
    /// statement, or the last page when all are answered.
    pub fn resumed(def: &Definition, answers: Answers, base: &Session, at: &str, id: &str) -> Session {
        let page = def
            .dimensions
            .iter()
            .position(|d| d.statements.iter().any(|s| !answers.contains_key(&s.id)))
            .unwrap_or(def.dimensions.len().saturating_sub(1));
        Session {
            id: Some(id.into()),
            step: Step::Dimension(page),
            answers,
            started_at: Some(at.into()),
            ..Session::gated(base.lead_gate, base.lead_place)
        }
    }
}
