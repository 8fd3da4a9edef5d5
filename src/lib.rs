//! cx-scorecard: an embeddable CX Operations capability assessment.
//!
//! Three layers, each depending only on those before it: [`engine`] (pure Rust), `ui` (Yew
//! components) and `embed` (the wasm-bindgen surface). The last two exist only on wasm32 (but
//! for the part of `ui` that the `prerender` feature renders natively).

pub mod engine;

/// The components. In the wasm; natively only with the feature `prerender`, which renders the
/// first screen at build time.
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;

/// The allocator in the wasm: Talc, which is smaller than the standard library's dlmalloc (2.7 KB
/// less gzipped) and keeps memory flat across mount/destroy cycles (see the benchmark).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
