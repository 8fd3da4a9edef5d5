//! Autosave and resume: the session as stored in the browser, and the compact resume link.
//! Decoding never panics and rejects anything that does not fit the definition.

use crate::engine::definition::Definition;
use crate::engine::json::{self, obj, quote, Reader, Value};
use crate::engine::scoring::{Answer, Answers};
use crate::engine::session::LeadGate;
use crate::engine::session::{ProfileAnswer, Session, Step};

const FORMAT: u32 = 1;

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
/// `storageKey` field of the stored value) are never stale to this one.
pub fn is_stale(def: &Definition, scope: Option<&str>, key: &str, value: &str) -> bool {
    if !key.starts_with(&storage_prefix(def)) || key == storage_key(def, scope) {
        return false;
    }
    let stored_scope =
        json::parse(value).ok().and_then(|v| v.get("storageKey").and_then(Value::as_str).map(String::from));
    stored_scope.as_deref() == scope
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
pub fn encode(def: &Definition, session: &Session, now: &str, scope: Option<&str>) -> String {
    let mut session = session.clone();
    session.lead = None;
    if session.step == Step::Lead {
        session.step = Step::Dimension(def.dimensions.len().saturating_sub(1));
    }
    let step = match session.step {
        Step::Intro => "Intro".into(),
        Step::Profile => "Profile".into(),
        Step::Dimension(i) => obj([("Dimension", (i as f64).into())]),
        Step::Lead => "Lead".into(),
        Step::Results => "Results".into(),
    };
    let gate = match session.lead_gate {
        LeadGate::Off => "Off",
        LeadGate::Required => "Required",
        LeadGate::Skippable => "Skippable",
    };
    let session = obj([
        ("id", session.id.into()),
        ("step", step),
        ("lead_gate", gate.into()),
        ("profile", crate::engine::session::profile_to_json(&session.profile)),
        ("answers", Value::Obj(session.answers.iter().map(|(k, a)| (k.clone(), a.to_json())).collect())),
        ("started_at", session.started_at.into()),
        ("completed_at", session.completed_at.into()),
        ("missing", Value::Arr(vec![])),
    ]);
    let mut stored = vec![
        ("format", FORMAT.into()),
        ("id", def.id.as_str().into()),
        ("version", def.version.as_str().into()),
        ("savedAt", now.into()),
    ];
    if let Some(scope) = scope {
        stored.push(("storageKey", scope.into()));
    }
    stored.push(("session", session));
    Value::Obj(stored.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).to_string()
}

/// Reads answers keyed by statement id: `{"d1.s1": 4, "d1.s2": null}`.
pub fn read_answers(r: &mut Reader, v: &Value, path: &str) -> Answers {
    let o = r.object(v, path, None);
    crate::engine::map::Map::from_iter(o.members().iter().map(|(k, v)| (k.clone(), Answer::read(r, v, &o.at(k)))))
}

fn read_session(r: &mut Reader, v: &Value) -> Session {
    let o = r.object(v, "session", None);
    let step = match r.required(&o, "step") {
        Some(Value::Str(s)) if s == "Intro" => Step::Intro,
        Some(Value::Str(s)) if s == "Profile" => Step::Profile,
        Some(Value::Str(s)) if s == "Lead" => Step::Lead,
        Some(Value::Str(s)) if s == "Results" => Step::Results,
        Some(v @ Value::Obj(_)) => {
            let page = r.object(v, &o.at("step"), Some(&["Dimension"]));
            Step::Dimension(r.req_integer(&page, "Dimension", u32::MAX) as usize)
        }
        Some(v) => {
            r.error(&o.at("step"), format!("unknown page {}", v.describe()));
            Step::Intro
        }
        None => Step::Intro,
    };
    let lead_gate = match o.get("lead_gate").and_then(Value::as_str) {
        Some("Required") => LeadGate::Required,
        Some("Skippable") => LeadGate::Skippable,
        _ => LeadGate::Off,
    };
    let profile = match o.some("profile") {
        Some(v) => {
            let p = r.object(v, &o.at("profile"), None);
            crate::engine::map::Map::from_iter(
                p.members().iter().map(|(k, v)| (k.clone(), ProfileAnswer::read(r, v, &p.at(k)))),
            )
        }
        None => Default::default(),
    };
    Session {
        id: r.opt_string(&o, "id"),
        step,
        lead_gate,
        lead: None,
        profile,
        answers: o.some("answers").map(|v| read_answers(r, v, &o.at("answers"))).unwrap_or_default(),
        started_at: r.opt_string(&o, "started_at"),
        completed_at: r.opt_string(&o, "completed_at"),
        missing: Vec::new(),
    }
}

/// Reads a stored session, checking every part of it against the definition.
pub fn decode(def: &Definition, json: &str) -> Result<Session, RestoreError> {
    let value = json::parse(json).map_err(|e| RestoreError::Corrupt(e.message))?;
    let mut r = Reader::default();
    let o = r.object(&value, "", None);
    let format = o.get("format").and_then(Value::as_f64);
    if format != Some(f64::from(FORMAT)) || o.get("id").and_then(Value::as_str) != Some(&def.id) {
        return Err(RestoreError::Corrupt("not a saved session of this assessment".into()));
    }
    let version = r.req_string(&o, "version");
    if version != def.version {
        return Err(RestoreError::OtherVersion(version));
    }
    let s = read_session(&mut r, o.get("session").unwrap_or(&Value::Null));
    if let Some((path, message)) = r.errors.into_iter().next() {
        return Err(RestoreError::Corrupt(format!("{path}: {message}")));
    }
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
            ..Session::new(base.lead_gate)
        }
    }
}
