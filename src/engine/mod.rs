//! The pure core: definitions, validation, the session state machine, scoring, recommendations
//! and the result JSON. No web crate, clock or randomness: time is passed in.

pub mod attribution;
pub mod code;
pub mod cta;
pub mod definition;
pub mod export;
pub mod history;
pub mod lead;
pub mod locales;
pub mod messages;
pub mod outbox;
pub mod result;
pub mod saved;
pub mod scoring;
pub mod session;
/// Natively always; in the wasm only in the team report's module (feature `team`), which alone
/// has serde_json's `raw_value` that it reads results with.
#[cfg(any(not(target_arch = "wasm32"), feature = "team"))]
pub mod team;
pub mod text;
pub mod validate;
pub mod wire;

pub use definition::Definition;
pub use messages::Wording;
pub use result::{build_result, AssessmentResult};
pub use scoring::{score, Answer, Answers, Scorecard};
pub use session::{Action, LeadGate, LeadPlace, ProfileAnswer, Session, Step};
pub use text::Text;
pub use validate::{validate, ValidationProblem};

/// The source of the default assessment (the CX Operations capability model), in every language.
pub const DEFAULT_DEFINITION_SOURCE: &str = include_str!("default_definition.json");

/// The default assessment as the widget carries it: the source with English texts only, made by
/// `build.rs`. Other languages come as language packs (see `locales`).
pub const DEFAULT_DEFINITION_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/default_definition.en.json"));

/// The id of the built-in assessment.
pub const DEFAULT_ID: &str = "cx-operations";

/// The default assessment, parsed, in English.
pub fn default_definition() -> Definition {
    // Not `expect`: that would compile the errors' Debug formatting into the download.
    Definition::from_json(DEFAULT_DEFINITION_JSON).unwrap_or_else(|_| panic!("the built-in definition is valid"))
}
