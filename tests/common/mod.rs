//! The hand-worked answer table shared by the native tests.

/// Values given per dimension of the default assessment, in statement order; `None` is "Don't know".
/// Reverse items are the last of each dimension; weights 14, 15, 18, 18, 14, 11, 10:
/// D1 5,4,3,2,1R → 5,4,3,2,5 → mean 3.8 → 70.0 L4
/// D2 2,2,3,4R,4R → 2,2,3,2,2 → 2.2 → 30.0 L2 (critical)
/// D3 3,3,3,3R,3R → 3 → 50.0 L3 (critical)
/// D4 4,4,4,4,2R,2R → 4 → 75.0 L4 (critical)
/// D5 5,5,5,5,1R → 5 → 100.0 L5
/// D6 1,1,1,1,5R → 1 → 0.0 L1
/// D7 4,DK,4,DK,2R → 4,4,4 → 75.0, two Don't know → evidence gap, level capped at 3
/// overall = (70·14 + 30·15 + 50·18 + 75·18 + 100·14 + 0·11 + 75·10) / 100 = 58.3 → L3 Defined;
/// critical cap = D2 level 2 + 1 = 3, not below 3, so no cap.
#[allow(dead_code)]
pub const TABLE: [&[Option<u8>]; 7] = [
    &[Some(5), Some(4), Some(3), Some(2), Some(1)],
    &[Some(2), Some(2), Some(3), Some(4), Some(4)],
    &[Some(3), Some(3), Some(3), Some(3), Some(3)],
    &[Some(4), Some(4), Some(4), Some(4), Some(2), Some(2)],
    &[Some(5), Some(5), Some(5), Some(5), Some(1)],
    &[Some(1), Some(1), Some(1), Some(1), Some(5)],
    &[Some(4), None, Some(4), None, Some(2)],
];

/// A result answering each dimension's statements so that their corrected value is `c(dimension)`
/// (the team report's tests).
#[allow(dead_code)]
pub fn result_by(def: &cx_scorecard::engine::Definition, id: &str, c: impl Fn(usize) -> u8) -> serde_json::Value {
    let answers: Vec<serde_json::Value> = def
        .dimensions
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.statements.iter().map(move |s| (i, d, s)))
        .map(|(i, d, s)| {
            serde_json::json!({"questionId": s.id, "dimensionId": d.id, "value": if s.reverse { 6 - c(i) } else { c(i) }})
        })
        .collect();
    serde_json::json!({"schemaVersion": 1, "id": id, "assessment": {"id": def.id, "version": def.version}, "answers": answers})
}
