//! The session state machine and the result JSON, including one golden result.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use cx_scorecard::engine::session::ActionError;
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{build_result, default_definition, Action, Answer, ProfileAnswer, Session, Step};

fn run(def: &cx_scorecard::engine::Definition, s: Session, actions: Vec<Action>) -> Session {
    actions.into_iter().fold(s, |s, a| s.apply(def, a).unwrap())
}

fn next() -> Action {
    Action::Next { at: "2026-11-23T10:08:00Z".into() }
}

#[test]
fn intro_profile_pages_results() {
    let def = default_definition();
    let mut s = Session::default();
    assert_eq!(s.step, Step::Intro);
    s = s.apply(&def, Action::Start { at: "2026-11-23T10:00:00Z".into(), id: "r1".into() }).unwrap();
    assert_eq!(s.step, Step::Profile);
    assert_eq!(s.started_at.as_deref(), Some("2026-11-23T10:00:00Z"));
    s = s.apply(&def, next()).unwrap();
    assert_eq!(s.step, Step::Dimension(0), "profile questions are optional");
    for (i, d) in def.dimensions.iter().enumerate() {
        assert_eq!(s.step, Step::Dimension(i));
        for st in &d.statements {
            s = s.apply(&def, Action::Answer { statement_id: st.id.clone(), answer: Answer::Value(4) }).unwrap();
        }
        s = s.apply(&def, next()).unwrap();
    }
    assert_eq!(s.step, Step::Results);
    assert!(s.is_complete());
    assert_eq!(s.completed_at.as_deref(), Some("2026-11-23T10:08:00Z"));
    assert_eq!(s.progress(&def), (36, 36));
}

#[test]
fn next_on_an_incomplete_page_stays_and_names_what_is_missing() {
    let def = default_definition();
    let s = run(&def, Session::default(), vec![Action::Start { at: "t0".into(), id: "r1".into() }, next()]);
    let s = s.apply(&def, Action::Answer { statement_id: "d1.s1".into(), answer: Answer::DontKnow }).unwrap();
    let s = s.apply(&def, next()).unwrap();
    assert_eq!(s.step, Step::Dimension(0));
    assert_eq!(s.missing, ["d1.s2", "d1.s3", "d1.s4", "d1.s5"]);
    let s = s.apply(&def, Action::Answer { statement_id: "d1.s3".into(), answer: Answer::Value(2) }).unwrap();
    assert_eq!(s.missing, ["d1.s2", "d1.s4", "d1.s5"], "answering clears the flag");
    assert_eq!(s.progress(&def), (2, 36));
}

#[test]
fn back_keeps_answers_and_reset_forgets_them() {
    let def = default_definition();
    let mut s = run(&def, Session::default(), vec![Action::Start { at: "t0".into(), id: "r1".into() }, next()]);
    for st in &def.dimensions[0].statements {
        s = s.apply(&def, Action::Answer { statement_id: st.id.clone(), answer: Answer::Value(3) }).unwrap();
    }
    s = s.apply(&def, next()).unwrap();
    assert_eq!(s.step, Step::Dimension(1));
    s = s.apply(&def, Action::Back).unwrap();
    assert_eq!(s.step, Step::Dimension(0));
    assert_eq!(s.progress(&def), (5, 36));
    s = run(&def, s, vec![Action::Back, Action::Back]);
    assert_eq!(s.step, Step::Intro);
    s = s.apply(&def, Action::Reset).unwrap();
    assert_eq!(s, Session::default());
}

#[test]
fn invalid_actions_are_rejected_and_change_nothing() {
    let def = default_definition();
    let s = run(&def, Session::default(), vec![Action::Start { at: "t0".into(), id: "r1".into() }]);
    assert_eq!(
        s.apply(&def, Action::Answer { statement_id: "d9.s1".into(), answer: Answer::Value(3) }),
        Err(ActionError::UnknownStatement("d9.s1".into()))
    );
    assert_eq!(
        s.apply(
            &def,
            Action::SetProfile { question_id: "industry".into(), answer: Some(ProfileAnswer::One("mining".into())) }
        ),
        Err(ActionError::UnknownOption { question_id: "industry".into(), option_id: "mining".into() })
    );
    let on_page = s.apply(&def, next()).unwrap();
    let err =
        on_page.apply(&def, Action::Answer { statement_id: "d1.s1".into(), answer: Answer::Value(6) }).unwrap_err();
    assert_eq!(err.to_string(), "answer 6 to \"d1.s1\" is outside the scale");
    let err =
        on_page.apply(&def, Action::Answer { statement_id: "d2.s1".into(), answer: Answer::Value(3) }).unwrap_err();
    assert_eq!(err.to_string(), "statement \"d2.s1\" cannot be changed on this page");
}

#[test]
fn profile_answers_single_and_multiple() {
    let def = default_definition();
    let s = run(
        &def,
        Session::default(),
        vec![
            Action::Start { at: "t0".into(), id: "r1".into() },
            Action::SetProfile { question_id: "industry".into(), answer: Some(ProfileAnswer::One("banking".into())) },
            Action::SetProfile {
                question_id: "channels".into(),
                answer: Some(ProfileAnswer::Many(vec!["phone".into(), "chat".into()])),
            },
            Action::SetProfile { question_id: "industry".into(), answer: Some(ProfileAnswer::One("insurance".into())) },
        ],
    );
    assert_eq!(s.profile["industry"], ProfileAnswer::One("insurance".into()));
    assert_eq!(s.profile["channels"], ProfileAnswer::Many(vec!["phone".into(), "chat".into()]));
    let s = s
        .apply(&def, Action::SetProfile { question_id: "channels".into(), answer: Some(ProfileAnswer::Many(vec![])) })
        .unwrap();
    assert!(!s.profile.contains_key("channels"), "an empty choice clears the answer");
}

#[test]
fn required_profile_questions_block_next() {
    let mut def = default_definition();
    def.profile[0].required = true;
    let s = run(&def, Session::default(), vec![Action::Start { at: "t0".into(), id: "r1".into() }, next()]);
    assert_eq!(s.step, Step::Profile);
    assert_eq!(s.missing, ["industry"]);
}

#[test]
fn no_result_before_completion() {
    let def = default_definition();
    let s = run(&def, Session::default(), vec![Action::Start { at: "t0".into(), id: "r1".into() }]);
    assert!(build_result(&def, &s, &Wording::english()).is_none());
}

/// The table answers of engine_scoring.rs, taken through the session, give the golden JSON.
#[test]
fn golden_result_json() {
    let def = default_definition();
    let given = common::TABLE;
    let mut s = run(
        &def,
        Session::default(),
        vec![
            Action::Start { at: "2026-11-23T10:00:00.000Z".into(), id: "3f2a9c0e5b7d41e8a6c2f90b1d4e7a35".into() },
            Action::SetProfile { question_id: "industry".into(), answer: Some(ProfileAnswer::One("telecoms".into())) },
            Action::SetProfile {
                question_id: "channels".into(),
                answer: Some(ProfileAnswer::Many(vec!["phone".into(), "email".into()])),
            },
            next(),
        ],
    );
    for (d, vals) in def.dimensions.iter().zip(given) {
        for (st, v) in d.statements.iter().zip(vals) {
            let answer = v.map_or(Answer::DontKnow, Answer::Value);
            s = s.apply(&def, Action::Answer { statement_id: st.id.clone(), answer }).unwrap();
        }
        s = s.apply(&def, Action::Next { at: "2026-11-23T10:07:30.000Z".into() }).unwrap();
    }
    let result = build_result(&def, &s, &Wording::english()).expect("complete");
    let got = serde_json::to_string_pretty(&result).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/result.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &got).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file");
    assert_eq!(got, want, "result JSON differs from tests/golden/result.json");
    // The schema fields the contract fixes.
    let v: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["id"], "3f2a9c0e5b7d41e8a6c2f90b1d4e7a35", "the session's id, which the submission sends too");
    assert_eq!(v["overall"]["score"], 58.3);
    assert_eq!(v["overall"]["levelName"], "Defined");
    assert_eq!(v["answers"].as_array().unwrap().len(), 36);
    assert_eq!(v["answers"][32]["value"], serde_json::Value::Null);
    assert!(v.get("lead").is_none(), "no lead unless captured and consented");
}
