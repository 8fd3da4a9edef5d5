//! Score tables worked out by hand from `assessment-model.md`, and the edge cases.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use cx_scorecard::engine::result::recommendations;
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{default_definition, score, Answer, Answers, Definition, DEFAULT_DEFINITION_JSON};

/// Answers given per dimension, in statement order; `None` is "Don't know".
fn answers(def: &Definition, per_dimension: &[&[Option<u8>]]) -> Answers {
    assert_eq!(per_dimension.len(), def.dimensions.len());
    let mut out = Answers::new();
    for (d, given) in def.dimensions.iter().zip(per_dimension) {
        assert_eq!(d.statements.len(), given.len(), "dimension {}", d.id);
        for (s, v) in d.statements.iter().zip(given.iter()) {
            out.insert(s.id.clone(), v.map_or(Answer::DontKnow, Answer::Value));
        }
    }
    out
}

/// Every item answered so that its reverse-corrected value is `corrected`.
fn uniform(def: &Definition, corrected: u8) -> Answers {
    let mut out = Answers::new();
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        out.insert(s.id.clone(), Answer::Value(if s.reverse { 6 - corrected } else { corrected }));
    }
    out
}

fn set_dimension(def: &Definition, a: &mut Answers, dim: &str, corrected: Option<u8>) {
    let d = def.dimensions.iter().find(|d| d.id == dim).unwrap();
    for s in &d.statements {
        let v = corrected.map_or(Answer::DontKnow, |c| Answer::Value(if s.reverse { 6 - c } else { c }));
        a.insert(s.id.clone(), v);
    }
}

/// The hand-worked table of `common::TABLE`, as answers.
pub fn table_answers(def: &Definition) -> Answers {
    answers(def, &common::TABLE)
}

#[test]
fn hand_worked_table() {
    let def = default_definition();
    let card = score(&def, &table_answers(&def));
    let got: Vec<(Option<f64>, Option<u8>, bool)> =
        card.dimensions.iter().map(|d| (d.score, d.level, d.evidence_gap)).collect();
    assert_eq!(
        got,
        vec![
            (Some(70.0), Some(4), false),
            (Some(30.0), Some(2), false),
            (Some(50.0), Some(3), false),
            (Some(75.0), Some(4), false),
            (Some(100.0), Some(5), false),
            (Some(0.0), Some(1), false),
            (Some(75.0), Some(3), true),
        ]
    );
    assert_eq!(card.overall.score, Some(58.3));
    assert_eq!(card.overall.level, Some(3));
    assert!(card.overall.capped_by.is_none());
    assert!(card.overall.gate.is_none());
}

#[test]
fn recommendations_are_weakest_first_with_reasons() {
    let def = default_definition();
    let card = score(&def, &table_answers(&def));
    let recs = recommendations(&def, &card, &Wording::english());
    let order: Vec<(&str, u8)> = recs.iter().map(|r| (r.dimension_id.as_str(), r.level)).collect();
    // 0 < 30 < 50 < 70 < 75 (D4, weight 18) = 75 (D7, weight 10) < 100
    assert_eq!(order, vec![("d6", 1), ("d2", 2), ("d3", 3), ("d1", 4), ("d4", 4), ("d7", 3), ("d5", 5)]);
    assert_eq!(recs[0].text, "Pre-authorise fixes for the five most escalated issues");
    assert!(
        recs[0].why.starts_with("Your weakest dimension: scored 0 of 100, level 1 (Firefighting)"),
        "{}",
        recs[0].why
    );
    assert!(recs[1].why.contains("critical dimension"), "{}", recs[1].why);
    assert!(recs[5].why.contains("2 answers were \"Don't know\", so its level is capped at 3"), "{}", recs[5].why);
    assert_eq!(recs[5].text, "Build one view that joins operational and feedback data");
    assert!(recs[6].why.starts_with("Your strongest dimension: scored 100 of 100"), "{}", recs[6].why);
}

#[test]
fn uniform_answers_land_on_the_expected_levels() {
    let def = default_definition();
    // corrected value → score: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100
    for (corrected, expected_score, expected_level) in
        [(1, 0.0, 1), (2, 25.0, 2), (3, 50.0, 3), (4, 75.0, 4), (5, 100.0, 5)]
    {
        let card = score(&def, &uniform(&def, corrected));
        assert_eq!(card.overall.score, Some(expected_score), "corrected {corrected}");
        assert_eq!(card.overall.level, Some(expected_level), "corrected {corrected}");
        assert!(card.dimensions.iter().all(|d| d.score == Some(expected_score)));
        assert!(card.overall.capped_by.is_none() && card.overall.gate.is_none());
    }
}

#[test]
fn level_thresholds_follow_the_spec_boundaries() {
    let def = default_definition();
    for (s, l) in
        [(0.0, 1), (24.9, 1), (25.0, 2), (44.9, 2), (45.0, 3), (64.9, 3), (65.0, 4), (84.9, 4), (85.0, 5), (100.0, 5)]
    {
        assert_eq!(def.level_for(s), l, "score {s}");
    }
}

#[test]
fn all_dont_know_leaves_everything_unassessed() {
    let def = default_definition();
    let mut a = Answers::new();
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        a.insert(s.id.clone(), Answer::DontKnow);
    }
    let card = score(&def, &a);
    assert!(card.dimensions.iter().all(|d| d.score.is_none() && d.level.is_none() && d.evidence_gap));
    assert_eq!(card.overall.score, None);
    assert_eq!(card.overall.level, None);
    assert!(card.overall.capped_by.is_none() && card.overall.gate.is_none());
    let recs = recommendations(&def, &card, &Wording::english());
    assert_eq!(recs.len(), 7);
    let ids: Vec<&str> = recs.iter().map(|r| r.dimension_id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3", "d4", "d5", "d6", "d7"]);
    assert!(recs.iter().all(|r| r.level == 1 && r.why.starts_with("Not assessed")));
}

#[test]
fn an_unassessed_dimension_is_left_out_and_weights_renormalise() {
    let def = default_definition();
    let mut a = uniform(&def, 3);
    set_dimension(&def, &mut a, "d1", Some(5));
    set_dimension(&def, &mut a, "d7", None);
    let card = score(&def, &a);
    assert_eq!(card.dimensions[6].score, None, "unassessed, never 0");
    assert_eq!(card.dimensions[6].level, None);
    // (100·14 + 50·(15+18+18+14+11)) / 90 = 5200 / 90 = 57.78 (52.0 if D7 counted as 0)
    assert_eq!(card.overall.score, Some(57.8));
    assert_eq!(card.overall.level, Some(3));
    let recs = recommendations(&def, &card, &Wording::english());
    assert_eq!(recs.last().unwrap().dimension_id, "d7", "unassessed dimensions come last");
}

#[test]
fn all_reversed_definition_scores_disagreement_as_strength() {
    let mut def = default_definition();
    for s in def.dimensions.iter_mut().flat_map(|d| d.statements.iter_mut()) {
        s.reverse = true;
    }
    let mut a = Answers::new();
    for s in def.dimensions.iter().flat_map(|d| &d.statements) {
        a.insert(s.id.clone(), Answer::Value(1));
    }
    let card = score(&def, &a);
    assert_eq!(card.overall.score, Some(100.0));
    assert_eq!(card.overall.level, Some(5));
    for v in a.values_mut() {
        *v = Answer::Value(2);
    }
    // 6 − 2 = 4 → 75
    assert_eq!(score(&def, &a).overall.score, Some(75.0));
}

#[test]
fn critical_cap_fires_with_a_reason() {
    let def = default_definition();
    let mut a = uniform(&def, 5);
    set_dimension(&def, &mut a, "d4", Some(2));
    let card = score(&def, &a);
    // (100·82 + 25·18) / 100 = 86.5 → level 5 by score; D4 is critical at level 2 → cap 3
    assert_eq!(card.overall.score, Some(86.5));
    assert_eq!(card.overall.level, Some(3));
    let cap = card.overall.capped_by.clone().expect("cap");
    assert_eq!((cap.level, cap.uncapped, cap.dimension_id.as_str(), cap.dimension_level), (3, 5, "d4", 2));
    assert!(card.overall.gate.is_none(), "the gate is not reached once capped below it");
    let reason = cx_scorecard::engine::result::cap_reason(&def, &cap, &Wording::english());
    assert!(
        reason.starts_with("Capped at level 3 (Defined) by Failure demand and root causes, a critical dimension at level 2 (Fragmented)"),
        "{reason}"
    );
}

#[test]
fn evidence_gap_in_a_critical_dimension_caps_overall_through_the_critical_rule() {
    let def = default_definition();
    let mut a = uniform(&def, 5);
    a.insert("d2.s4".into(), Answer::DontKnow);
    a.insert("d2.s5".into(), Answer::DontKnow);
    let card = score(&def, &a);
    assert_eq!(card.dimensions[1].score, Some(100.0));
    assert_eq!(card.dimensions[1].level, Some(3), "evidence gap caps the dimension at 3");
    assert_eq!(card.overall.score, Some(100.0));
    assert_eq!(card.overall.level, Some(4), "one above the critical dimension's level 3");
    assert_eq!(card.overall.capped_by.as_ref().unwrap().dimension_id, "d2");
}

#[test]
fn level_five_gate_fires_with_a_reason() {
    let def = default_definition();
    let mut a = uniform(&def, 5);
    set_dimension(&def, &mut a, "d6", Some(3));
    let card = score(&def, &a);
    // (100·89 + 50·11) / 100 = 94.5 → level 5 by score, but D6 is at 50 < 65
    assert_eq!(card.overall.score, Some(94.5));
    assert_eq!(card.overall.level, Some(4));
    assert!(card.overall.capped_by.is_none());
    let gate = card.overall.gate.clone().expect("gate");
    assert_eq!(gate.below, vec![("d6".to_string(), Some(50.0))]);
    let reason = cx_scorecard::engine::result::gate_reason(&def, &gate, &Wording::english());
    assert_eq!(
        reason,
        "Level 5 (Customer-led) needs every dimension at 65 or more; not yet: Front-line empowerment and culture (50)."
    );
}

#[test]
fn gate_counts_an_unassessed_dimension_as_not_yet_there() {
    let def = default_definition();
    let mut a = uniform(&def, 5);
    set_dimension(&def, &mut a, "d7", None);
    let card = score(&def, &a);
    assert_eq!(card.overall.score, Some(100.0));
    assert_eq!(card.overall.level, Some(4));
    let reason =
        cx_scorecard::engine::result::gate_reason(&def, card.overall.gate.as_ref().unwrap(), &Wording::english());
    assert!(reason.ends_with("Single customer view and feedback loops (unassessed)."), "{reason}");
}

#[test]
fn gate_passes_when_every_dimension_reaches_65() {
    let def = default_definition();
    let mut a = uniform(&def, 5);
    // D6: 4,4,4,4 and reverse 2 → all 4 → 75 ≥ 65
    set_dimension(&def, &mut a, "d6", Some(4));
    let card = score(&def, &a);
    // (100·89 + 75·11)/100 = 97.25 → 97.3 (round half away from zero... 97.25·10 = 972.5 → 973)
    assert_eq!(card.overall.score, Some(97.3));
    assert_eq!(card.overall.level, Some(5));
    assert!(card.overall.gate.is_none());
}

#[test]
fn weights_come_from_the_definition() {
    let mut def = default_definition();
    let mut a = uniform(&def, 3);
    set_dimension(&def, &mut a, "d1", Some(5));
    assert_eq!(score(&def, &a).overall.score, Some(57.0)); // (100·14 + 50·86)/100
    def.dimensions[0].weight = 86.0;
    // (100·86 + 50·86)/172 = 75
    assert_eq!(score(&def, &a).overall.score, Some(75.0));
}

/// Weights of 1e308 overflowed the weighted sums, so the overall score was NaN. Validation refuses
/// them; and a definition built without validation still scores the weighted mean.
#[test]
fn huge_weights_are_refused_and_still_score_the_weighted_mean() {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_DEFINITION_JSON).unwrap();
    for d in v["dimensions"].as_array_mut().unwrap() {
        d["weight"] = 1e308.into();
    }
    let errors = Definition::from_json(&v.to_string()).unwrap_err();
    assert_eq!(errors.len(), 7, "{errors:#?}");
    assert_eq!(errors[2].path, "dimensions[2].weight");
    assert_eq!(errors[2].message, "weight must be greater than 0 and at most 1000000, not 1e308");

    let mut def = default_definition();
    let a = table_answers(&def);
    for w in [1e308, f64::MAX] {
        def.dimensions.iter_mut().for_each(|d| d.weight = w);
        let card = score(&def, &a);
        // Equal weights: (70 + 30 + 50 + 75 + 100 + 0 + 75) / 7 = 57.14 → 57.1, level 3 (Defined).
        assert_eq!(card.overall.score, Some(57.1), "weights {w:e}");
        assert_eq!(card.overall.level, Some(3), "weights {w:e}");
    }
    // The default weights × 10^306: the hand-worked 58.3 of the default weights.
    for (d, w) in def.dimensions.iter_mut().zip([14.0, 15.0, 18.0, 18.0, 14.0, 11.0, 10.0]) {
        d.weight = w * 1e306;
    }
    assert_eq!(score(&def, &a).overall.score, Some(58.3));
    // The largest weight beside the smallest: the largest decides, and an unscored dimension's
    // weight does not shrink the scored ones' to nothing.
    def.dimensions.iter_mut().for_each(|d| d.weight = f64::MIN_POSITIVE / 4.0);
    def.dimensions[0].weight = f64::MAX;
    assert_eq!(score(&def, &a).overall.score, Some(70.0));
    let mut only_d2 = Answers::new();
    set_dimension(&def, &mut only_d2, "d2", Some(2));
    assert_eq!(score(&def, &only_d2).overall.score, Some(25.0));
}
