//! The team report's aggregation, worked by hand (`team-report.md`).
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::team::{default_groups, most_divided, stats, Reason, Team};
use cx_scorecard::engine::{default_definition, Definition};
use serde_json::{json, Value};

/// A result whose every statement is answered so that its reverse-corrected value is `c`
/// (every dimension then scores (c − 1) / 4 × 100), by a respondent in `role`.
fn result(def: &Definition, id: &str, role: Option<&str>, c: u8) -> Value {
    let answers: Vec<Value> = def
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .map(|(d, s)| json!({"questionId": s.id, "dimensionId": d.id, "value": if s.reverse { 6 - c } else { c }}))
        .collect();
    let profile = role.map_or(json!({}), |r| json!({ "role": r }));
    json!({"schemaVersion": 1, "id": id, "assessment": {"id": def.id, "version": def.version, "title": "x"},
        "answers": answers, "profile": profile, "dimensions": [], "overall": {}})
}

/// Leaders 100, 100, 75; front line 25, 50, 25; support 50, 50 (two: not shown on its own).
fn team() -> Team {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    let people = [
        ("l1", "executive", 5),
        ("l2", "executive", 5),
        ("l3", "executive", 4),
        ("f1", "front-line-staff", 2),
        ("f2", "front-line-manager", 3),
        ("f3", "front-line-staff", 2),
        ("s1", "it-data", 3),
        ("s2", "cx", 3),
    ];
    for (id, role, c) in people {
        t.add(id, result(&def, id, Some(role), c)).unwrap();
    }
    t
}

#[test]
fn statistics_by_hand() {
    // 25 25 50 50 50 75 100 100: mean 59.375, median 50, sample sd √(6171.875 / 7) = 29.69.
    let s = stats(&[100.0, 100.0, 75.0, 25.0, 50.0, 25.0, 50.0, 50.0]);
    assert_eq!(
        (s.n, s.mean, s.median, s.min, s.max, s.sd),
        (8, Some(59.4), Some(50.0), Some(25.0), Some(100.0), Some(29.7))
    );
    assert_eq!(stats(&[40.0]).sd, None, "no sd for one value");
    assert_eq!(stats(&[10.0, 20.0, 40.0]).median, Some(20.0));
    assert_eq!(stats(&[]).mean, None);
}

#[test]
fn a_small_team_by_hand() {
    let r = team().report("en");
    assert_eq!(r.respondents, 8);
    // Support has two respondents: counted in the totals, never shown on its own.
    let groups: Vec<(&str, usize)> = r.groups.iter().map(|g| (g.id.as_str(), g.n)).collect();
    assert_eq!(groups, [("leaders", 3), ("front-line", 3)]);
    let d1 = &r.dimensions[0];
    assert_eq!((d1.n, d1.mean, d1.median, d1.sd), (8, Some(59.4), Some(50.0), Some(29.7)));
    assert_eq!(d1.level_counts, [0, 2, 3, 1, 2]);
    assert_eq!(d1.dont_know_share, 0.0);
    assert_eq!(d1.groups.iter().map(|g| g.mean).collect::<Vec<_>>(), [Some(91.7), Some(33.3)]);
    // Leaders 91.67 vs front line 33.33: a gap of 58.3 in every dimension; every sd is 29.7.
    assert_eq!(r.gaps.len(), 7);
    assert_eq!(
        (r.gaps[0].higher.as_str(), r.gaps[0].lower.as_str(), r.gaps[0].difference),
        ("leaders", "front-line", 58.3)
    );
    assert_eq!(r.disagreements.len(), 7);
    // Every dimension at 59.4: overall 59.4, level 3, no cap (lowest critical level 3 + 1 = 4).
    assert_eq!((r.overall.score, r.overall.level, r.overall.capped_by.as_deref()), (Some(59.4), Some(3), None));
    assert_eq!(r.recommendations.len(), 7);
    // Statements: mean corrected answer (5+5+4+2+3+2+3+3)/8 = 3.375; leaders 4.67 vs front line 2.33.
    assert_eq!(r.statements[0].mean, Some(3.4));
    assert_eq!(r.statements[0].largest_gap, Some(2.3));
    assert_eq!(most_divided(&r).len(), 5);
}

#[test]
fn a_gap_of_exactly_fifteen_counts() {
    let def = default_definition();
    // Custom groups by answer: 3 × 50 and 3 × 65 → a difference of exactly 15.
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for i in 0..3 {
        t.add(&format!("a{i}"), result(&def, &format!("a{i}"), Some("cx"), 3)).unwrap();
    }
    // d1 has five statements, the last reversed: 4 for the first three gives corrected 4,4,4,3,3,
    // mean 3.6 → 65, against 3 everywhere → 50.
    for i in 0..3 {
        let mut v = result(&def, &format!("b{i}"), Some("it-data"), 3);
        for a in v["answers"].as_array_mut().unwrap().iter_mut().take(3) {
            a["value"] = 4.into();
        }
        t.add(&format!("b{i}"), v).unwrap();
    }
    let r = t.report("en");
    let d1: Vec<_> = r.gaps.iter().filter(|g| g.dimension_id == "d1").collect();
    assert_eq!(r.dimensions[0].groups.iter().map(|g| g.mean).collect::<Vec<_>>(), [Some(50.0), Some(65.0)]);
    assert_eq!(d1.len(), 1);
    assert_eq!((d1[0].higher.as_str(), d1[0].difference), ("it-data", 15.0));
}

#[test]
fn every_rejection_has_its_reason_and_nothing_counts_twice() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    t.add("a.json", result(&def, "x1", Some("cx"), 4)).unwrap();
    assert_eq!(t.add("b.json", result(&def, "x1", Some("cx"), 2)), Err(Reason::Duplicate));
    let mut other = result(&def, "x2", None, 4);
    other["assessment"]["id"] = "another".into();
    assert_eq!(t.add("c.json", other), Err(Reason::OtherAssessment));
    let mut old = result(&def, "x3", None, 4);
    old["assessment"]["version"] = "0.9.0".into();
    assert_eq!(t.add("d.json", old), Err(Reason::OtherVersion));
    assert_eq!(t.add("e.json", json!({"hello": 1})), Err(Reason::NotAResult));
    let mut bad = result(&def, "x4", None, 4);
    bad["answers"][0]["value"] = 9.into();
    assert_eq!(t.add("f.json", bad), Err(Reason::AnswersDoNotFit));
    assert_eq!(t.add_text("g.ndjson", "{not json\n"), 0);
    let reasons: Vec<(&str, &str)> = t.rejected().iter().map(|r| (r.source.as_str(), r.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            ("b.json", "a duplicate of a result already added"),
            ("c.json", "a result of another assessment"),
            ("d.json", "a result of another version of this assessment"),
            ("e.json", "not a result"),
            ("f.json", "its answers do not fit this assessment"),
            ("g.ndjson, line 1", "not JSON"),
        ]
    );
    assert_eq!(t.respondents(), 1, "a bad input never loses what was added");
    // An array and NDJSON, each item named by its place.
    let array = serde_json::to_string(&json!([result(&def, "y1", None, 3), {"x": 1}])).unwrap();
    assert_eq!(t.add_text("team.json", &array), 1);
    let nd = format!("{}\n\n{}\n", result(&def, "z1", None, 3), result(&def, "y1", None, 3));
    assert_eq!(t.add_text("team.ndjson", &nd), 1);
    let last: Vec<&str> = t.rejected().iter().skip(6).map(|r| r.source.as_str()).collect();
    assert_eq!(last, ["team.json, result 2", "team.ndjson, line 3"]);
}

#[test]
fn scores_come_from_the_answers_not_from_what_a_result_states() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    let mut v = result(&def, "x1", None, 5);
    v["dimensions"] = json!([{"id": "d1", "score": 3.0}]);
    v["overall"] = json!({"score": 1.0, "level": 1});
    t.add("a.json", v).unwrap();
    let r = t.report("en");
    assert_eq!((r.dimensions[0].mean, r.overall.score, r.overall.level), (Some(100.0), Some(100.0), Some(5)));
}
