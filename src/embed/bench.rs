//! `benchmarkScoring`, only in the benchmark's build (`--features bench`, see scripts/bench.sh).

use wasm_bindgen::prelude::*;

/// For the benchmark: milliseconds per scoring of a complete default assessment (scores, caps,
/// recommendations and the result), averaged over `iterations`.
#[wasm_bindgen(js_name = benchmarkScoring)]
pub fn benchmark_scoring(iterations: u32) -> f64 {
    use crate::engine::{build_result, Answer, Session, Step, Wording};
    let def = super::locales::default_definition();
    let mut session = Session::default();
    for (i, s) in def.dimensions.iter().flat_map(|d| &d.statements).enumerate() {
        let answer = if i % 9 == 8 { Answer::DontKnow } else { Answer::Value((i % 5) as u8 + 1) };
        session.answers.insert(s.id.clone(), answer);
    }
    session.step = Step::Results;
    session.started_at = Some("2026-01-01T00:00:00Z".into());
    session.completed_at = Some("2026-01-01T00:08:00Z".into());
    // As the widget words a result: with the browser's number format.
    let number = crate::ui::strings::number_format("en");
    let wording = Wording { locale: "en", messages: crate::ui::strings::messages("en"), number: &number };
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let n = iterations.max(1);
    let start = now();
    let mut levels = 0u32;
    for _ in 0..n {
        levels += build_result(&def, &session, &wording).and_then(|r| r.overall.level).map_or(0, u32::from);
    }
    let per_run = (now() - start) / f64::from(n);
    if levels == 0 {
        f64::NAN
    } else {
        per_run
    }
}
