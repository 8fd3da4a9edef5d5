//! cx-scorecard: an embeddable CX Operations capability assessment.
//!
//! Three layers, each depending only on those before it: [`engine`] (pure Rust), `ui` (Yew
//! components) and `embed` (the wasm-bindgen surface). The last two exist only on wasm32.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;

/// The allocator in the wasm: Talc, which is smaller than the standard library's dlmalloc (2.7 KB
/// less gzipped) and keeps memory flat across mount/destroy cycles (see the benchmark).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
