//! Reading text piece by piece, so that a file of any size (up to the limit) or a long paste
//! leaves the page responsive: each piece is handed up as it is decoded, and the page gets a
//! turn between pieces.

use crate::engine::team::{Reason, Round, MAX_FILE_BYTES};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, TextDecodeOptions, TextDecoder};
use yew::Callback;

/// The bytes of a file read at a time: each piece is read and counted in well under 100 ms.
pub const PIECE: f64 = 256.0 * 1024.0;

/// What the user added, as it is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    /// A reading starts: a file (its size in bytes) or pasted text.
    Begin { id: u32, round: Round, source: String, size: f64 },
    /// The next piece of its text, and how many bytes are read so far.
    Piece { id: u32, text: String, done: f64 },
    /// It is read whole.
    End { id: u32 },
    /// It could not be read on (the rest is lost; what was read counts).
    Broken { id: u32 },
    /// It was not read at all: too large, say.
    Refused { round: Round, source: String, reason: Reason },
}

/// UTF-8 decoded piece by piece (a character may be split between two pieces).
pub struct Decoder {
    decoder: Option<TextDecoder>,
    streaming: TextDecodeOptions,
}

impl Default for Decoder {
    fn default() -> Decoder {
        let streaming: TextDecodeOptions = crate::ui::bare();
        streaming.set_stream(true);
        Decoder { decoder: TextDecoder::new().ok(), streaming }
    }
}

impl Decoder {
    /// The text of the next bytes (what ends in the middle of a character waits for the rest).
    pub fn text(&self, bytes: &Uint8Array) -> String {
        let decoder = self.decoder.as_ref();
        decoder.and_then(|d| d.decode_with_buffer_source_and_options(bytes, &self.streaming).ok()).unwrap_or_default()
    }

    /// What is left once the bytes end.
    pub fn rest(&self) -> String {
        self.decoder.as_ref().and_then(|d| d.decode().ok()).unwrap_or_default()
    }
}

/// Gives the page a turn (a task of its own: input, rendering) before going on.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads a file piece by piece; one larger than `MAX_FILE_BYTES` is refused from its size.
pub async fn read_file(file: File, id: u32, round: Round, onadd: Callback<Added>) {
    let (source, size) = (file.name(), file.size());
    if size > MAX_FILE_BYTES {
        onadd.emit(Added::Refused { round, source, reason: Reason::TooLarge });
        return;
    }
    onadd.emit(Added::Begin { id, round, source, size });
    let decoder = Decoder::default();
    let mut at = 0.0;
    while at < size {
        let end = (at + PIECE).min(size);
        let piece = match file.slice_with_f64_and_f64(at, end) {
            Ok(blob) => JsFuture::from(blob.array_buffer()).await.ok(),
            Err(_) => None,
        };
        let Some(buffer) = piece.and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok()) else {
            onadd.emit(Added::Broken { id });
            return;
        };
        onadd.emit(Added::Piece { id, text: decoder.text(&Uint8Array::new(&buffer)), done: end });
        at = end;
    }
    let rest = decoder.rest();
    if !rest.is_empty() {
        onadd.emit(Added::Piece { id, text: rest, done: size });
    }
    onadd.emit(Added::End { id });
}

/// Hands up pasted text piece by piece, with a turn for the page between pieces.
pub async fn read_text(text: String, id: u32, round: Round, source: String, onadd: Callback<Added>) {
    let size = text.len() as f64;
    onadd.emit(Added::Begin { id, round, source, size });
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + PIECE as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        onadd.emit(Added::Piece { id, text: text[at..end].to_string(), done: end as f64 });
        at = end;
        if at < text.len() {
            yield_now().await;
        }
    }
    onadd.emit(Added::End { id });
}
