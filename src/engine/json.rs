//! A small JSON reader and writer. The widget reads definitions, options and stored data and
//! writes results; a general serialisation framework would triple the code that does this, and
//! the download is the product's first impression.
//!
//! `parse` turns text into a [`Value`] and names the path of a syntax error. [`Reader`] then
//! takes typed values out of it, collecting every problem with its path instead of stopping at
//! the first. [`Value::to_string`] and [`Value::to_pretty`] write JSON back.

use std::fmt::Write as _;

/// Nesting deeper than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Value>),
    /// Members in document order.
    Obj(Vec<(String, Value)>),
}

/// Why a text is not JSON, with the path of the innermost open value (`dimensions[2].weight`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub path: String,
    /// The problem and where, e.g. "expected `,` or `}` at line 3 column 7".
    pub message: String,
}

impl Value {
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// What the value is, for error messages: `the string "high"`, `an array`.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Num(n) => format!("the number {}", number(*n)),
            Value::Str(s) => format!("the string {}", quote(s)),
            Value::Arr(_) => "an array".into(),
            Value::Obj(_) => "an object".into(),
        }
    }

    /// Compact JSON.
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, None);
        out
    }

    /// JSON indented by two spaces.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, Some(0));
        out
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Str(s.clone())
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Num(n)
    }
}
impl From<u8> for Value {
    fn from(n: u8) -> Self {
        Value::Num(n.into())
    }
}
impl From<u16> for Value {
    fn from(n: u16) -> Self {
        Value::Num(n.into())
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Num(n.into())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// An object from `(key, value)` pairs.
pub fn obj<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Obj(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// A number as JSON writes it: integers up to 2^53 exactly, others to 15 significant digits
/// (which reads back within 10^-13 of the value). Done with integer arithmetic: the float
/// formatter would add 14 KB to the download.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    let a = x.abs();
    if a == 0.0 {
        return "0".into();
    }
    let mut out = String::from(if x < 0.0 { "-" } else { "" });
    if a.fract() == 0.0 && a <= 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", a as u64);
        return out;
    }
    // a ≈ digits × 10^(point − 15), with 15 digits.
    let (mut m, mut point) = (a, 15i32);
    while m >= 1e15 {
        m /= 10.0;
        point += 1;
    }
    while m < 1e14 {
        m *= 10.0;
        point -= 1;
    }
    // Rounding up could pass the largest finite number, which would not read back.
    let mut digits = if point > 308 { m.floor() } else { m.round() } as u64;
    if digits >= 1_000_000_000_000_000 {
        digits /= 10;
        point += 1;
    }
    let all = digits.to_string();
    let sig = all.trim_end_matches('0');
    if (1..=15).contains(&point) {
        let point = point as usize;
        if sig.len() <= point {
            out.push_str(sig);
            out.extend(std::iter::repeat_n('0', point - sig.len()));
        } else {
            out.push_str(&sig[..point]);
            out.push('.');
            out.push_str(&sig[point..]);
        }
    } else if (-5..=0).contains(&point) {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(sig);
    } else {
        out.push_str(&sig[..1]);
        if sig.len() > 1 {
            out.push('.');
            out.push_str(&sig[1..]);
        }
        let _ = write!(out, "e{}", point - 1);
    }
    out
}

/// A string in double quotes with JSON escapes, for messages (`got "x"`). Debug formatting
/// (`{:?}`) would add its Unicode tables to the download.
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    write_str(&mut out, s);
    out
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n {
            out.push_str("  ");
        }
    }
}

fn write(out: &mut String, v: &Value, indent: Option<usize>) {
    let inner = indent.map(|n| n + 1);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Num(n) => out.push_str(&number(*n)),
        Value::Str(s) => write_str(out, s),
        Value::Arr(items) if items.is_empty() => out.push_str("[]"),
        Value::Obj(members) if members.is_empty() => out.push_str("{}"),
        Value::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write(out, item, inner);
            }
            newline(out, indent);
            out.push(']');
        }
        Value::Obj(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_str(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, item, inner);
            }
            newline(out, indent);
            out.push('}');
        }
    }
}

/// A step of a JSON path.
enum Seg {
    Key(String),
    Index(usize),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    path: Vec<Seg>,
}

/// Parses one JSON value (RFC 8259); anything but whitespace after it is an error.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, path: Vec::new() };
    let v = p.value()?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(v)
}

impl Parser<'_> {
    fn error(&self, what: &str) -> SyntaxError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let mut path = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
                Seg::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
            }
        }
        SyntaxError { path, message: format!("{what} at line {line} column {column}") }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, SyntaxError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        self.ws();
        match self.peek() {
            None => Err(self.error("unexpected end of the text")),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn nest(&mut self) -> Result<(), SyntaxError> {
        if self.path.len() >= MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.pos += 1;
        Ok(())
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.nest()?;
        let mut members = Vec::new();
        self.ws();
        if self.eat(b'}') {
            return Ok(Value::Obj(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b':') {
                return Err(self.error("expected `:`"));
            }
            self.path.push(Seg::Key(key.clone()));
            let v = self.value()?;
            self.path.pop();
            members.push((key, v));
            self.ws();
            if self.eat(b'}') {
                return Ok(Value::Obj(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `}`"));
            }
        }
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.nest()?;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b']') {
            return Ok(Value::Arr(items));
        }
        loop {
            self.path.push(Seg::Index(items.len()));
            let v = self.value()?;
            self.path.pop();
            items.push(v);
            self.ws();
            if self.eat(b']') {
                return Ok(Value::Arr(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `]`"));
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let code =
            digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek().ok_or_else(|| self.error("unterminated string"))?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.text[self.pos..].starts_with("\\u") {
                                self.pos += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("invalid surrogate pair"));
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            out.push(char::from_u32(code).ok_or_else(|| self.error("invalid surrogate pair"))?);
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.eat(b'-');
        let int = self.digits();
        if int == 0 || (int > 1 && self.bytes[self.pos - int] == b'0') {
            return Err(self.error("invalid number"));
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error("invalid number"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let n = decimal(&self.text[start..self.pos]);
        if n.is_finite() {
            Ok(Value::Num(n))
        } else {
            self.pos = start;
            Err(self.error("number out of range"))
        }
    }
}

/// 10^n for n ≥ 0: exact up to 10^22, then a few roundings.
fn pow10(mut n: i32) -> f64 {
    let mut p = 1.0;
    while n > 22 {
        p *= 1e22;
        n -= 22;
    }
    let mut q = 1.0;
    for _ in 0..n {
        q *= 10.0; // exact: every power of ten up to 10^22 is a float
    }
    p * q
}

/// The value of a number the grammar has accepted: its first 19 significant digits times a power
/// of ten. Exact for the numbers definitions hold (up to 15 digits and 10^±22), and within
/// 10^-15 of the value otherwise. The standard float parser would add 12 KB to the download.
fn decimal(text: &str) -> f64 {
    let (mut mantissa, mut exp, mut in_fraction, mut digits) = (0u64, 0i32, false, 0i32);
    let mut bytes = text.bytes().peekable();
    let negative = bytes.next_if_eq(&b'-').is_some();
    while let Some(b) = bytes.next() {
        match b {
            b'0'..=b'9' if mantissa < 1_000_000_000_000_000_000 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                exp -= i32::from(in_fraction);
                digits += i32::from(mantissa != 0);
            }
            b'0'..=b'9' => exp += i32::from(!in_fraction),
            b'.' => in_fraction = true,
            _ => {
                // The exponent, kept within a range where the result is 0 or infinite anyway.
                let sign = if bytes.next_if(|b| *b == b'-' || *b == b'+') == Some(b'-') { -1 } else { 1 };
                let e = bytes.by_ref().fold(0i32, |e, d| (e * 10 + i32::from(d - b'0')).min(10_000));
                exp = exp.saturating_add(sign * e);
                break;
            }
        }
    }
    let m = mantissa as f64;
    let value = if mantissa == 0 {
        0.0
    } else if exp >= 0 {
        m * pow10(exp.min(400))
    } else if exp >= -300 {
        m / pow10(-exp)
    } else {
        // Two steps, so that tiny numbers do not divide by an infinite power of ten.
        m / pow10(300) / pow10((-exp - 300).min(400))
    };
    // Within rounding of the largest float: that float, as a correctly rounding parser gives.
    let value = if value.is_infinite() && digits + exp - 1 == 308 && m / pow10(digits - 1) <= 1.797_693_134_862_315_8 {
        f64::MAX
    } else {
        value
    };
    if negative {
        -value
    } else {
        value
    }
}

/// The path of a member: `dimensions[2]` + `weight` → `dimensions[2].weight`.
pub fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The path of an element: `dimensions` + 2 → `dimensions[2]`.
pub fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Takes typed values out of a [`Value`]. Every problem is recorded with its path and a
/// placeholder is returned, so one pass finds all of them.
#[derive(Default)]
pub struct Reader {
    pub errors: Vec<(String, String)>,
}

/// An object being read: its members and its path. Not an object: no members, and no
/// "missing field" errors (the type error has been recorded).
pub struct Obj<'a> {
    pub path: String,
    members: &'a [(String, Value)],
    valid: bool,
}

impl<'a> Obj<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The member, treating `null` as absent.
    pub fn some(&self, key: &str) -> Option<&'a Value> {
        self.get(key).filter(|v| **v != Value::Null)
    }

    pub fn members(&self) -> &'a [(String, Value)] {
        self.members
    }

    pub fn at(&self, key: &str) -> String {
        key_path(&self.path, key)
    }
}

impl Reader {
    pub fn error(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push((path.to_string(), message.into()));
    }

    fn mismatch(&mut self, path: &str, expected: &str, v: &Value) {
        self.error(path, format!("expected {expected}, found {}", v.describe()));
    }

    /// An object whose members must be among `known` (`None`: any member is allowed).
    pub fn object<'a>(&mut self, v: &'a Value, path: &str, known: Option<&[&str]>) -> Obj<'a> {
        match v {
            Value::Obj(members) => {
                if let Some(known) = known {
                    for (k, _) in members {
                        if !known.contains(&k.as_str()) {
                            let expected: Vec<String> = known.iter().map(|f| format!("`{f}`")).collect();
                            let message = format!("unknown field `{k}`, expected one of {}", expected.join(", "));
                            self.error(&key_path(path, k), message);
                        }
                    }
                }
                Obj { path: path.to_string(), members, valid: true }
            }
            _ => {
                self.mismatch(path, "an object", v);
                Obj { path: path.to_string(), members: &[], valid: false }
            }
        }
    }

    /// A required member.
    pub fn required<'a>(&mut self, o: &Obj<'a>, key: &str) -> Option<&'a Value> {
        let v = o.get(key);
        if v.is_none() && o.valid {
            self.error(&o.path, format!("missing field `{key}`"));
        }
        v
    }

    pub fn string(&mut self, v: &Value, path: &str) -> String {
        match v {
            Value::Str(s) => s.clone(),
            _ => {
                self.mismatch(path, "a string", v);
                String::new()
            }
        }
    }

    pub fn number(&mut self, v: &Value, path: &str) -> f64 {
        match v {
            Value::Num(n) => *n,
            _ => {
                self.mismatch(path, "a number", v);
                0.0
            }
        }
    }

    /// A whole number from 0 to `max`.
    pub fn integer(&mut self, v: &Value, path: &str, max: u32) -> u32 {
        match v {
            Value::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(max) => *n as u32,
            _ => {
                self.mismatch(path, &format!("a whole number from 0 to {max}"), v);
                0
            }
        }
    }

    pub fn boolean(&mut self, v: &Value, path: &str) -> bool {
        match v {
            Value::Bool(b) => *b,
            _ => {
                self.mismatch(path, "true or false", v);
                false
            }
        }
    }

    /// The elements of an array, each read by `item` with its path.
    pub fn array<T>(&mut self, v: &Value, path: &str, mut item: impl FnMut(&mut Reader, &Value, &str) -> T) -> Vec<T> {
        match v {
            Value::Arr(items) => items.iter().enumerate().map(|(i, v)| item(self, v, &index_path(path, i))).collect(),
            _ => {
                self.mismatch(path, "an array", v);
                Vec::new()
            }
        }
    }

    pub fn req_string(&mut self, o: &Obj, key: &str) -> String {
        self.required(o, key).map(|v| self.string(v, &o.at(key))).unwrap_or_default()
    }

    pub fn opt_string(&mut self, o: &Obj, key: &str) -> Option<String> {
        o.some(key).map(|v| self.string(v, &o.at(key)))
    }

    pub fn req_number(&mut self, o: &Obj, key: &str) -> f64 {
        self.required(o, key).map(|v| self.number(v, &o.at(key))).unwrap_or_default()
    }

    pub fn req_integer(&mut self, o: &Obj, key: &str, max: u32) -> u32 {
        self.required(o, key).map(|v| self.integer(v, &o.at(key), max)).unwrap_or_default()
    }

    pub fn opt_integer(&mut self, o: &Obj, key: &str, max: u32) -> Option<u32> {
        o.some(key).map(|v| self.integer(v, &o.at(key), max))
    }

    /// A boolean that is `false` when absent.
    pub fn flag(&mut self, o: &Obj, key: &str) -> bool {
        o.some(key).is_some_and(|v| self.boolean(v, &o.at(key)))
    }

    /// An array member; absent is empty unless `required`.
    pub fn list<T>(
        &mut self,
        o: &Obj,
        key: &str,
        required: bool,
        item: impl FnMut(&mut Reader, &Value, &str) -> T,
    ) -> Vec<T> {
        let v = if required { self.required(o, key) } else { o.some(key) };
        v.map(|v| self.array(v, &o.at(key), item)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_without_float_formatting() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (14.0, "14"),
            (58.3, "58.3"),
            (-3.5, "-3.5"),
            (0.1, "0.1"),
            (12.25, "12.25"),
            (1_763_892_000_000.0, "1763892000000"),
            (0.999_999_999_9, "0.9999999999"),
            (1e20, "1e20"),
            (-2.5e-7, "-2.5e-7"),
            (0.000_012_5, "0.0000125"),
            (1234.5678, "1234.5678"),
            (f64::NAN, "null"),
        ];
        for (x, want) in cases {
            assert_eq!(number(x), want, "{x}");
        }
        for x in [1e20, -3.25e300, 123_456_789_012_345_680.0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 1.0 / 3.0] {
            let back = parse(&number(x)).unwrap().as_f64().unwrap();
            assert!(((back - x) / x).abs() < 1e-13, "{x} → {}", number(x));
        }
    }

    #[test]
    fn parse_errors_name_the_path_and_position() {
        let e = parse("{\"a\": [1, {\"b\": tru}]}").unwrap_err();
        assert_eq!(e.path, "a[1].b");
        assert_eq!(e.message, "expected a JSON value at line 1 column 17");
        let e = parse("{\n  \"x\": 1,\n  \"y\" 2\n}").unwrap_err();
        assert_eq!(e.message, "expected `:` at line 3 column 7");
        for bad in
            ["", "01", "1.", "-", "[1,]", "{\"a\":1,}", "\"\\x\"", "\"a\nb\"", "nul", "1 2", "\"\\ud800\\u0041\""]
        {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.starts_with("nested too deeply"));
    }

    #[test]
    fn numbers_are_read_exactly_where_definitions_need_it() {
        for (text, want) in [
            ("0", 0.0),
            ("-0", -0.0),
            ("14", 14.0),
            ("58.3", 58.3),
            ("-3.5", -3.5),
            ("0.1", 0.1),
            ("1e3", 1000.0),
            ("2.5E-3", 0.0025),
            ("1763892000123", 1_763_892_000_123.0),
            ("123456789012345", 123_456_789_012_345.0),
            ("1e-400", 0.0),
        ] {
            assert_eq!(parse(text).unwrap(), Value::Num(want), "{text}");
        }
        for (text, want) in [("0.30000000000000004", 0.300_000_000_000_000_04), ("1.7976931348623157e308", f64::MAX)] {
            let got = parse(text).unwrap().as_f64().unwrap();
            assert!(((got - want) / want).abs() < 1e-15, "{text}: {got}");
        }
        assert!(parse("1e400").unwrap_err().message.starts_with("number out of range"));
        assert!(parse("-1e99999999999999").unwrap_err().message.starts_with("number out of range"));
    }

    #[test]
    fn strings_round_trip_with_escapes() {
        let v = parse(r#"["a\"b\\c\/d\n\u00e9\ud83d\ude00\u0001"]"#).unwrap();
        assert_eq!(v, Value::Arr(vec![Value::Str("a\"b\\c/d\né😀\u{1}".into())]));
        assert_eq!(v.to_string(), r#"["a\"b\\c/d\né😀\u0001"]"#);
        assert_eq!(parse(&v.to_string()).unwrap(), v);
    }

    #[test]
    fn pretty_output_is_indented_by_two_spaces() {
        let v = parse(r#"{"a":[1,{"b":null}],"c":{},"d":[]}"#).unwrap();
        assert_eq!(
            v.to_pretty(),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}"
        );
    }
}
