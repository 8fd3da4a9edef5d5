//! Progress since last time: what is kept of a completion, and the change since, worked by hand.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use cx_scorecard::engine::history::{change, kept_key, signed, Change, Kept, Previous};
use cx_scorecard::engine::messages::plain_number;
use cx_scorecard::engine::{
    build_result, default_definition, Answer, Answers, AssessmentResult, Definition, Session, Step, Wording,
};

fn completion(def: &Definition, answers: Answers, id: &str, at: &str) -> AssessmentResult {
    let session = Session {
        id: Some(id.into()),
        step: Step::Results,
        answers,
        started_at: Some("2026-03-03T09:00:00.000Z".into()),
        completed_at: Some(at.into()),
        ..Session::default()
    };
    build_result(def, &session, &Wording::english()).unwrap()
}

fn table(def: &Definition) -> Answers {
    let mut out = Answers::new();
    for (d, given) in def.dimensions.iter().zip(common::TABLE) {
        for (s, v) in d.statements.iter().zip(given.iter()) {
            out.insert(s.id.clone(), v.map_or(Answer::DontKnow, Answer::Value));
        }
    }
    out
}

/// Every statement answered so that its reverse-corrected value is 4: every dimension 75.0.
fn fours(def: &Definition) -> Answers {
    def.dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .map(|s| (s.id.clone(), Answer::Value(if s.reverse { 2 } else { 4 })))
        .collect()
}

#[test]
fn the_change_since_the_last_completion_per_dimension_and_overall() {
    let def = default_definition();
    let first = completion(&def, table(&def), "a1", "2026-03-03T10:00:00.000Z");
    let second = completion(&def, fours(&def), "b2", "2026-06-01T10:00:00.000Z");
    // The table: D1 70, D2 30, D3 50, D4 75, D5 100, D6 0, D7 75; overall 58.3. Now all 75.0.
    assert_eq!(first.overall.score, Some(58.3));
    assert_eq!(second.overall.score, Some(75.0));
    let previous = Previous::of(&first);
    assert_eq!(previous.completed_at, "2026-03-03T10:00:00.000Z");
    assert_eq!(previous.overall.level, Some(3));
    assert_eq!(
        change(&second, &previous),
        Change {
            overall: Some(16.7),
            dimensions: vec![Some(5.0), Some(45.0), Some(25.0), Some(0.0), Some(-25.0), Some(75.0), Some(0.0)],
        }
    );
    // A dimension unassessed now, or missing then, has no change.
    let mut unsure = fours(&def);
    for s in &def.dimensions[0].statements {
        unsure.insert(s.id.clone(), Answer::DontKnow);
    }
    let third = completion(&def, unsure, "c3", "2026-07-01T10:00:00.000Z");
    let mut older = Previous::of(&first);
    older.dimensions.retain(|d| d.id != "d2");
    let c = change(&third, &older);
    assert_eq!(c.dimensions[0], None);
    assert_eq!(c.dimensions[1], None);
    assert_eq!(c.dimensions[2], Some(25.0));
}

#[test]
fn what_is_kept_never_holds_answers_or_a_lead() {
    let def = default_definition();
    let first = completion(&def, table(&def), "a1", "2026-03-03T10:00:00.000Z");
    let json = serde_json::to_string(&Kept::after(None, &first)).unwrap();
    assert!(!json.contains("answers") && !json.contains("lead") && !json.contains("d1.s1"), "{json}");
    assert_eq!(
        serde_json::to_value(Previous::of(&first)).unwrap()["dimensions"][1],
        serde_json::json!({"id": "d2", "score": 30.0})
    );
}

#[test]
fn the_last_completion_shown_again_still_compares_with_the_one_before() {
    let def = default_definition();
    let first = completion(&def, table(&def), "a1", "2026-03-03T10:00:00.000Z");
    let second = completion(&def, fours(&def), "b2", "2026-06-01T10:00:00.000Z");
    let kept = Kept::after(None, &first);
    assert_eq!(kept.previous_for(&first), None, "a first completion has nothing before it");
    assert_eq!(kept.previous_for(&second), Some(&Previous::of(&first)));
    let kept = Kept::after(Some(&kept), &second);
    assert_eq!((kept.result_id.as_str(), kept.last.completed_at.as_str()), ("b2", "2026-06-01T10:00:00.000Z"));
    assert_eq!(kept.previous_for(&second), Some(&Previous::of(&first)), "shown again after a reload");
    assert_eq!(Kept::after(Some(&kept), &second), kept, "keeping it twice changes nothing");
    let third = completion(&def, table(&def), "c3", "2026-07-01T10:00:00.000Z");
    assert_eq!(Kept::after(Some(&kept), &third).earlier, Some(Previous::of(&second)));
}

#[test]
fn what_was_kept_is_read_only_when_it_is_this_assessments() {
    let def = default_definition();
    let first = completion(&def, table(&def), "a1", "2026-03-03T10:00:00.000Z");
    let kept = Kept::after(None, &first);
    assert_eq!(Kept::read(&def, serde_json::to_value(&kept).unwrap()), Some(kept.clone()));
    let mut other = serde_json::to_value(&kept).unwrap();
    other["id"] = "someone-else".into();
    assert_eq!(Kept::read(&def, other), None);
    let mut later = serde_json::to_value(&kept).unwrap();
    later["format"] = 2.into();
    assert_eq!(Kept::read(&def, later), None);
    for garbage in
        [serde_json::json!(null), serde_json::json!("x"), serde_json::json!({"format": 1, "id": "cx-operations"})]
    {
        assert_eq!(Kept::read(&def, garbage), None);
    }
    assert_eq!(kept_key(&def, None), "cx-scorecard:last:cx-operations");
    assert_eq!(kept_key(&def, Some("team-a")), "cx-scorecard:last:cx-operations:team-a");
}

#[test]
fn a_change_is_written_with_its_sign() {
    assert_eq!(signed(12.0, &plain_number), "+12");
    assert_eq!(signed(-3.5, &plain_number), "\u{2212}3.5");
    assert_eq!(signed(0.0, &plain_number), "\u{b1}0");
}
