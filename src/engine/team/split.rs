//! The results in a text, found as it arrives in chunks (a file read piece by piece): JSON
//! objects one after another (one, pretty-printed ones back to back, NDJSON), top-level arrays of
//! them (several back to back too), and result codes anywhere in other text (after a header
//! line, behind list markers, with a capitalised prefix, broken across two lines). Other text is
//! passed over; a text with no result in it at all is one piece, `Nothing`.

use super::At;
use crate::engine::code::PREFIX;

/// Longer items are cut off there (and fail to read): a result is a few kilobytes.
const MAX_ITEM: usize = 8 << 20;
/// Longer lines of other text are looked through in parts of this length.
const MAX_LINE: usize = 64 << 10;

/// What a text holds, piece by piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A JSON value: a top-level object or string (at its line), or an element of a top-level
    /// array (numbered across the text's arrays).
    Item { text: &'a str, at: At },
    /// A result code found in other text (its prefix in any case), with the next line when the
    /// code ends its line and that line could be the code's continuation.
    Code { code: &'a str, rest: Option<&'a str>, line: usize },
    /// The text held no result and no code at all.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    /// Between items, where one may start.
    #[default]
    Between,
    /// Other text, to the end of its line.
    Loose,
    /// An object or array (`depth` deep), or a string (`depth` 0).
    Item,
    /// A number or literal in an array.
    Scalar,
    /// An item too long to be a result: the rest of the text is passed over.
    Skip,
}

/// Finds the pieces of a text given in chunks: `push` each chunk, then `finish`.
#[derive(Debug, Default)]
pub struct Splitter {
    state: State,
    /// The line being read (from 1).
    line: usize,
    item: String,
    item_at: Option<At>,
    depth: usize,
    in_string: bool,
    escape: bool,
    in_array: bool,
    /// Array elements so far, across arrays.
    results: usize,
    loose: String,
    loose_line: usize,
    /// A code that ended its line, and that line's number: the next line may continue it.
    pending: Option<(String, usize)>,
    /// A piece has been found.
    found: bool,
    /// The item's last byte was a line break outside a string.
    line_start: bool,
}

impl Splitter {
    /// Reads a chunk of the text, handing each piece found to `out`.
    pub fn push(&mut self, chunk: &str, out: &mut dyn FnMut(Piece)) {
        if self.line == 0 {
            self.line = 1;
        }
        let chunk: std::borrow::Cow<str> =
            if chunk.contains('\u{feff}') { chunk.replace('\u{feff}', "").into() } else { chunk.into() };
        let bytes = chunk.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            i = self.step(&chunk, i, out);
        }
    }

    /// Ends the text: what is left is handed to `out` (an item cut short fails to read).
    pub fn finish(&mut self, out: &mut dyn FnMut(Piece)) {
        match self.state {
            State::Loose => self.end_line(out),
            State::Item | State::Scalar => self.emit_item(out),
            State::Between | State::Skip => {}
        }
        self.flush_pending(out);
        if !self.found {
            out(Piece::Nothing);
        }
        *self = Splitter::default();
    }

    /// Reads from byte `i` of `text`; returns where to go on.
    fn step(&mut self, text: &str, i: usize, out: &mut dyn FnMut(Piece)) -> usize {
        let bytes = text.as_bytes();
        let b = bytes[i];
        match self.state {
            State::Skip => {
                if b == b'\n' {
                    self.line += 1;
                }
                i + 1
            }
            State::Between => self.between(b, i, out),
            State::Loose => {
                // Up to the end of the line at once.
                let end = bytes[i..].iter().position(|&c| c == b'\n').map_or(bytes.len(), |p| i + p);
                self.loose.push_str(&text[i..end]);
                if self.loose.len() > MAX_LINE {
                    // A very long line is looked through in parts.
                    self.end_line(out);
                    self.state = State::Loose;
                }
                if end < bytes.len() {
                    self.end_line(out);
                    self.line += 1;
                    return end + 1;
                }
                end
            }
            State::Item => {
                // JSON text never breaks a line inside a string, and pretty-printed JSON indents
                // what is nested: either way, the item was cut short (an NDJSON line, say), and
                // the next line is read afresh.
                if self.line_start && b == b'{' && self.depth > 0 {
                    self.line_start = false;
                    self.emit_item(out);
                    self.in_array = false;
                    return i;
                }
                self.line_start = false;
                if b == b'\n' && self.in_string {
                    self.emit_item(out);
                    self.in_array = false;
                    self.line += 1;
                    return i + 1;
                }
                // Up to the next byte that matters at once.
                let special = |c: u8| matches!(c, b'"' | b'\\' | b'{' | b'}' | b'[' | b']' | b'\n');
                let end = bytes[i..].iter().position(|&c| special(c)).map_or(bytes.len(), |p| i + p);
                if end > i {
                    // An escaped character is the first of the run.
                    self.escape = false;
                    self.item.push_str(&text[i..end]);
                    return self.check_size(end, out);
                }
                self.item.push(b as char);
                if b == b'\n' {
                    self.line += 1;
                    self.line_start = true;
                }
                if self.escape {
                    self.escape = false;
                } else if self.in_string {
                    match b {
                        b'\\' => self.escape = true,
                        b'"' => {
                            self.in_string = false;
                            if self.depth == 0 {
                                self.emit_item(out);
                            }
                        }
                        _ => {}
                    }
                } else {
                    match b {
                        b'"' => self.in_string = true,
                        b'{' | b'[' => self.depth += 1,
                        b'}' | b']' => {
                            self.depth = self.depth.saturating_sub(1);
                            if self.depth == 0 {
                                self.emit_item(out);
                            }
                        }
                        _ => {}
                    }
                }
                self.check_size(i + 1, out)
            }
            State::Scalar => {
                if matches!(b, b',' | b']') || b.is_ascii_whitespace() {
                    self.emit_item(out);
                    return i;
                }
                self.item.push(b as char);
                self.check_size(i + 1, out)
            }
        }
    }

    /// Between items: whitespace and commas are passed over; `[` opens an array, `{` or `"` an
    /// item; anything else is other text.
    fn between(&mut self, b: u8, i: usize, out: &mut dyn FnMut(Piece)) -> usize {
        match b {
            b'\n' => {
                // A blank line ends what a code may continue into.
                if !self.in_array {
                    self.flush_pending(out);
                }
                self.line += 1;
            }
            b' ' | b'\t' | b'\r' | b',' => {}
            b'[' if !self.in_array => {
                self.flush_pending(out);
                (self.in_array, self.found) = (true, true);
            }
            b']' if self.in_array => self.in_array = false,
            b'{' | b'[' | b'"' => {
                self.flush_pending(out);
                self.start_item(if b == b'"' { 0 } else { 1 }, b == b'"');
                self.item.push(b as char);
            }
            _ if self.in_array => {
                self.start_item(0, false);
                self.state = State::Scalar;
                return i;
            }
            _ => {
                self.state = State::Loose;
                self.loose_line = self.line;
                return i;
            }
        }
        i + 1
    }

    fn start_item(&mut self, depth: usize, in_string: bool) {
        self.state = State::Item;
        self.item.clear();
        (self.depth, self.in_string, self.escape, self.line_start) = (depth, in_string, false, false);
        self.item_at = Some(if self.in_array {
            self.results += 1;
            At::Result(self.results)
        } else {
            At::Line(self.line)
        });
    }

    fn emit_item(&mut self, out: &mut dyn FnMut(Piece)) {
        self.found = true;
        self.state = State::Between;
        let at = self.item_at.take().unwrap_or(At::Line(self.line));
        out(Piece::Item { text: &self.item, at });
        self.item.clear();
    }

    /// An item longer than a result can be is handed on as it is (and fails to read); the rest
    /// of the text is passed over, since where the next item starts can no longer be known.
    fn check_size(&mut self, next: usize, out: &mut dyn FnMut(Piece)) -> usize {
        if self.item.len() > MAX_ITEM {
            self.emit_item(out);
            self.state = State::Skip;
        }
        next
    }

    /// The end of a line of other text: the codes in it.
    fn end_line(&mut self, out: &mut dyn FnMut(Piece)) {
        self.state = State::Between;
        let line = std::mem::take(&mut self.loose);
        let trimmed = line.trim();
        let alphabet = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        // The line may continue a code that ended the line before.
        if let Some((code, at)) = self.pending.take() {
            let rest_only = !trimmed.is_empty() && trimmed.bytes().all(alphabet) && find_code(trimmed).is_none();
            out(Piece::Code { code: &code, rest: rest_only.then_some(trimmed), line: at });
            self.found = true;
            if rest_only {
                return;
            }
        }
        let mut from = 0;
        while let Some(start) = find_code(&line[from..]).map(|s| s + from) {
            let end = line[start + PREFIX.len()..]
                .bytes()
                .position(|c| !alphabet(c))
                .map_or(line.len(), |p| start + PREFIX.len() + p);
            self.found = true;
            if line[end..].trim().is_empty() {
                self.pending = Some((line[start..end].to_string(), self.loose_line));
            } else {
                out(Piece::Code { code: &line[start..end], rest: None, line: self.loose_line });
            }
            from = end;
        }
    }

    fn flush_pending(&mut self, out: &mut dyn FnMut(Piece)) {
        if let Some((code, line)) = self.pending.take() {
            out(Piece::Code { code: &code, rest: None, line });
        }
    }
}

/// Where the next result code starts in `text`: its prefix in any case, not inside a word.
fn find_code(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let n = PREFIX.len();
    (0..bytes.len().saturating_sub(n - 1)).find(|&i| {
        bytes[i..i + n].eq_ignore_ascii_case(PREFIX.as_bytes())
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'-' | b'_' | b'.')))
    })
}
