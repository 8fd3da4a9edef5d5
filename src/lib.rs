//! cx-scorecard: an embeddable CX Operations capability assessment.
//!
//! Three layers, each depending only on those before it: [`engine`] (pure Rust), `ui` (Yew
//! components) and `embed` (the wasm-bindgen surface). The last two exist only on wasm32.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;
