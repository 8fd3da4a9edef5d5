//! Result codes (the contract's "Result code"): a respondent's answers and profile answers as a
//! short URL-safe text, `cxr1.` and a bit-packed body, that can be sent by chat or mail to whoever
//! runs the team report. Never the lead.
//!
//! The body, in bits: the assessment id and version (a length byte, then their UTF-8 bytes), the
//! result id (128 bits, so that a code and the result JSON of one completion count once), each
//! statement's answer in definition order (the resume link's few bits: unanswered, a scale value,
//! "Don't know"), each profile question's answer (a single choice as its option's position + 1,
//! 0 for none; several choices as one bit per option), then 24 bits of FNV-1a over the characters
//! before them. Decoding checks every part; garbage is an error, never a panic.

use crate::engine::definition::Definition;
use crate::engine::scoring::{Answer, Answers};
use crate::engine::session::ProfileAnswer;
use std::collections::BTreeMap;

pub const PREFIX: &str = "cxr1.";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What a result code holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub assessment_id: String,
    pub version: String,
    /// 32 lowercase hex digits.
    pub id: String,
    pub answers: Answers,
    pub profile: BTreeMap<String, ProfileAnswer>,
}

/// Why a text is not a usable result code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not a result code, or one damaged in copying.
    Malformed,
    OtherAssessment,
    OtherVersion,
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Bits needed for values 0..=max.
fn width(max: usize) -> u32 {
    usize::BITS - max.leading_zeros()
}

struct Writer {
    out: String,
    acc: u64,
    n: u32,
}

impl Writer {
    fn push(&mut self, value: u64, width: u32) {
        debug_assert!(width <= 32 && value < (1u64 << width));
        self.acc = (self.acc << width) | value;
        self.n += width;
        while self.n >= 6 {
            self.n -= 6;
            self.out.push(ALPHABET[((self.acc >> self.n) & 63) as usize] as char);
            self.acc &= (1u64 << self.n) - 1;
        }
    }

    fn text(&mut self, s: &str) {
        let bytes = &s.as_bytes()[..s.len().min(255)];
        self.push(bytes.len() as u64, 8);
        for b in bytes {
            self.push(u64::from(*b), 8);
        }
    }

    fn finish(mut self) -> String {
        if self.n > 0 {
            let pad = 6 - self.n;
            self.push(0, pad);
        }
        self.out
    }
}

struct Reader<'a> {
    chars: std::slice::Iter<'a, u8>,
    acc: u64,
    n: u32,
}

impl Reader<'_> {
    fn take(&mut self, width: u32) -> Result<u64, CodeError> {
        while self.n < width {
            let c = *self.chars.next().ok_or(CodeError::Malformed)?;
            let v = ALPHABET.iter().position(|a| *a == c).ok_or(CodeError::Malformed)? as u64;
            self.acc = (self.acc << 6) | v;
            self.n += 6;
        }
        self.n -= width;
        let v = (self.acc >> self.n) & ((1u64 << width) - 1);
        self.acc &= (1u64 << self.n) - 1;
        Ok(v)
    }

    fn text(&mut self) -> Result<String, CodeError> {
        let len = self.take(8)? as usize;
        let bytes = (0..len).map(|_| self.take(8).map(|b| b as u8)).collect::<Result<Vec<u8>, _>>()?;
        String::from_utf8(bytes).map_err(|_| CodeError::Malformed)
    }
}

/// The result code of `answers` and `profile` for `def`; `id` is the result's id (32 hex digits;
/// anything else is written as zeros).
pub fn encode(def: &Definition, id: &str, answers: &Answers, profile: &BTreeMap<String, ProfileAnswer>) -> String {
    let mut w = Writer { out: String::new(), acc: 0, n: 0 };
    w.text(&def.id);
    w.text(&def.version);
    let id = if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) { id } else { "" };
    for i in 0..4 {
        w.push(id.get(i * 8..i * 8 + 8).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0).into(), 32);
    }
    let dk = def.scale.options.len() + 1;
    let bits = width(dk);
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        let code = match answers.get(&s.id) {
            None => 0,
            Some(Answer::DontKnow) => dk as u64,
            Some(Answer::Value(v)) => u64::from(v.saturating_sub(def.scale_min())) + 1,
        };
        w.push(code, bits);
    }
    for q in &def.profile {
        let chosen: Vec<&str> = match profile.get(&q.id) {
            None => vec![],
            Some(ProfileAnswer::One(v)) => vec![v.as_str()],
            Some(ProfileAnswer::Many(vs)) => vs.iter().map(String::as_str).collect(),
        };
        if q.multiple {
            for o in &q.options {
                w.push(u64::from(chosen.contains(&o.id.as_str())), 1);
            }
        } else {
            let at = chosen.first().and_then(|c| q.options.iter().position(|o| o.id == *c)).map_or(0, |p| p + 1);
            w.push(at as u64, width(q.options.len()));
        }
    }
    seal(w.finish())
}

/// A code's body (its characters after the prefix) made whole: the prefix before it, and its
/// 24-bit check after it.
pub fn seal(body: String) -> String {
    let check = fnv32(&body) & 0xff_ffff;
    let mut w = Writer { out: body, acc: 0, n: 0 };
    w.push(u64::from(check), 24);
    format!("{PREFIX}{}", w.finish())
}

/// Whether `text` looks like a result code (before it is checked).
pub fn is_code(text: &str) -> bool {
    text.trim().starts_with(PREFIX)
}

/// Reads a result code made for `def`.
pub fn decode(def: &Definition, text: &str) -> Result<Decoded, CodeError> {
    let body = text.trim().strip_prefix(PREFIX).ok_or(CodeError::Malformed)?;
    if body.len() < 4 || !body.is_ascii() {
        return Err(CodeError::Malformed);
    }
    let (body, check) = body.split_at(body.len() - 4);
    let mut r = Reader { chars: check.as_bytes().iter(), acc: 0, n: 0 };
    if r.take(24)? != u64::from(fnv32(body) & 0xff_ffff) {
        return Err(CodeError::Malformed);
    }
    let mut r = Reader { chars: body.as_bytes().iter(), acc: 0, n: 0 };
    let assessment_id = r.text()?;
    let version = r.text()?;
    if assessment_id != def.id {
        return Err(CodeError::OtherAssessment);
    }
    if version != def.version {
        return Err(CodeError::OtherVersion);
    }
    let mut id = String::with_capacity(32);
    for _ in 0..4 {
        id.push_str(&format!("{:08x}", r.take(32)?));
    }
    let dk = def.scale.options.len() as u64 + 1;
    let bits = width(dk as usize);
    let mut answers = Answers::new();
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        let answer = match r.take(bits)? {
            0 => continue,
            c if c == dk => Answer::DontKnow,
            c if c < dk => {
                Answer::Value(u8::try_from(c - 1 + u64::from(def.scale_min())).map_err(|_| CodeError::Malformed)?)
            }
            _ => return Err(CodeError::Malformed),
        };
        answers.insert(s.id.clone(), answer);
    }
    let mut profile = BTreeMap::new();
    for q in &def.profile {
        if q.multiple {
            let mut chosen = Vec::new();
            for o in &q.options {
                if r.take(1)? == 1 {
                    chosen.push(o.id.clone());
                }
            }
            if !chosen.is_empty() {
                profile.insert(q.id.clone(), ProfileAnswer::Many(chosen));
            }
        } else {
            match r.take(width(q.options.len()))? as usize {
                0 => {}
                p if p <= q.options.len() => {
                    profile.insert(q.id.clone(), ProfileAnswer::One(q.options[p - 1].id.clone()));
                }
                _ => return Err(CodeError::Malformed),
            }
        }
    }
    // What is left is padding: fewer than six bits, all zero.
    if r.chars.next().is_some() || r.acc != 0 {
        return Err(CodeError::Malformed);
    }
    Ok(Decoded { assessment_id, version, id, answers, profile })
}
